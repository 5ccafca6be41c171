"""Updates fetched from Telegram but not yet handled are bounded: the next fetch waits for room (bot/backlog.py)."""

from __future__ import annotations

import asyncio

from citebot.bot.backlog import Backlog


def test_a_full_backlog_takes_no_more_until_an_update_is_handled():
    async def run():
        backlog = Backlog(2)
        await backlog.put("update 1")
        await backlog.put("update 2")
        third = asyncio.create_task(backlog.put("update 3"))
        await asyncio.sleep(0.01)
        waited = not third.done()
        assert [backlog.get_nowait(), backlog.get_nowait()] == ["update 1", "update 2"]  # taken: still being handled
        await asyncio.sleep(0.01)
        still_waiting = not third.done()
        backlog.task_done()  # update 1 answered
        await asyncio.wait_for(third, 1)
        return waited, still_waiting, backlog.get_nowait()

    assert asyncio.run(run()) == (True, True, "update 3")
