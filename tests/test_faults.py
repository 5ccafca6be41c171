"""Telegram misbehaves; the bot recovers, never exits, and answers every update exactly once."""

from __future__ import annotations

import time

import pytest

from tests.botproc import ROOT, TOKEN, citebot, message, replies
from tests.conftest import indexed
from tests.fake_telegram import FakeTelegram
from tests.reliability import trials

pytestmark = pytest.mark.e2e
USERS = range(5000, 5000 + trials(ci=24, full=200))


@pytest.fixture(params=["polling", "webhook"])
def tg(request, tmp_path, bundled):
    settings = indexed(bundled, tmp_path, corpus=ROOT / "corpus")
    server = FakeTelegram(TOKEN)
    server.start()
    with citebot(settings, server, tmp_path / "bot.log", request.param):
        yield server


def break_telegram(tg: FakeTelegram) -> None:
    """One of each fault Telegram (or the network on the way) produces, queued for the next calls."""
    tg.fail("getUpdates", 500, "Internal Server Error")
    tg.fail("getUpdates", 502, "Bad Gateway")
    tg.drop("getUpdates")
    tg.hang("getUpdates", 8)  # longer than the bot's read timeout: a long poll that never returns
    tg.fail("getUpdates", 429, "Too Many Requests: retry after 1", retry_after=1)
    tg.fail("sendMessage", 500, "Internal Server Error")
    tg.fail("sendMessage", 502, "Bad Gateway", times=2)
    tg.drop("sendMessage", times=2)
    tg.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    tg.hang("sendMessage", 2)  # slow, but answered


@pytest.mark.reliability("Telegram faults")
def test_every_update_is_answered_once_through_faults(tg, tally):
    break_telegram(tg)
    updates = []
    for user in USERS:
        updates.append(tg.push(message("/who Raisi", chat=user)))
        time.sleep(0.1)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not all(replies(tg, u) for u in updates):
        time.sleep(0.2)
    time.sleep(2)  # room for a late duplicate to show up
    counts = {u["message"]["chat"]["id"]: len(replies(tg, u)) for u in updates}
    tally.tried(len(updates))
    tally.lost(sum(1 for n in counts.values() if n == 0))
    tally.crashed(tg.process.poll() is not None)
    assert counts == {user: 1 for user in USERS}
    assert not tg.faults or {f.method for f in tg.faults} == {"getUpdates"}  # webhook mode never polls
    assert tg.process.poll() is None, "the bot exited"
    assert all(r["text"].startswith("Ebrahim Raisi") for u in updates for r in replies(tg, u))


def test_after_a_timeout_only_a_request_that_never_went_out_is_retried():
    """PTB raises one TimedOut for both; httpx's timeout under it says whether Telegram got the request.

    A read timeout may follow a message Telegram already sent (a retry would send it twice);
    a pool timeout means the request never left this process.
    """
    import asyncio

    from telegram.error import TimedOut
    from telegram.request import HTTPXRequest

    from citebot.bot.retry import worth_retrying

    server = FakeTelegram(TOKEN)
    server.start()
    server.hang("getMe", 1.5)

    async def two_calls_one_connection() -> list[BaseException]:
        request = HTTPXRequest(connection_pool_size=1, pool_timeout=0.1, read_timeout=0.5)
        url = f"{server.base_url}{TOKEN}/getMe"
        first = asyncio.create_task(request.post(url))
        await asyncio.sleep(0.2)  # the first call holds the only connection, waiting for its answer
        second = asyncio.create_task(request.post(url))
        done = await asyncio.gather(first, second, return_exceptions=True)
        await request.shutdown()
        return [e for e in done if isinstance(e, BaseException)]

    read_timeout, pool_timeout = asyncio.run(two_calls_one_connection())
    assert isinstance(read_timeout, TimedOut) and isinstance(pool_timeout, TimedOut)
    assert [worth_retrying(read_timeout), worth_retrying(pool_timeout)] == [False, True]
    server.wait_for(lambda m, p: m == "getMe", timeout=5)  # the fake records the first once its hang is over
    time.sleep(0.3)
    assert [m for m, _ in server.calls] == ["getMe"]  # the second call never reached Telegram
