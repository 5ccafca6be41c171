"""Bot API calls in flight at once are capped by the rate limiter (bot/ratelimit.py), not queued in httpcore."""

from __future__ import annotations

import asyncio

from citebot.bot.ratelimit import SharedRateLimiter
from citebot.bot.shared_state import Budget, MemoryState


def test_no_more_calls_in_flight_than_connections_and_every_call_answered():
    in_flight, most = 0, 0

    async def call(n):
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.001)
        in_flight -= 1
        return n

    async def run():
        limiter = SharedRateLimiter(MemoryState(Budget.telegram(0)), connections=3)
        return await asyncio.gather(*(limiter.process_request(call, (n,), {}, "answerCallbackQuery", {}, None)
                                      for n in range(20)))

    assert asyncio.run(run()) == list(range(20))
    assert most == 3
