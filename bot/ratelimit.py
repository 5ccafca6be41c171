"""Outgoing Bot API calls within Telegram's limits across every worker, retried through passing faults.

Telegram allows a bot about 30 messages a second in all, one a second into a private
chat and 20 a minute into a group. Each worker's own limiter would allow the whole
budget (three workers sent 44-49 a second), so each message books a send slot in the
shared state (Redis with several workers) and waits for it. A 429 `retry_after`
pauses every worker. Calls without a chat (answering a button, setWebhook) are not
messages and are not limited, as in PTB's AIORateLimiter.

An update taken over from a killed worker may answer its button press again;
Telegram refuses a second answer to one press, and that refusal means the press
was answered already: it is not an error.

A worker busy answering wakes up late for its slots; sending everything that is
overdue at once would bunch messages past the limit, so a message more than LATE
behind its slot books a new one instead (a few times at most).

At most `connections` calls are in flight at once (the HTTP pool's size): the rest wait their turn
here, in a queue that costs nothing per waiting call. Left to wait in httpcore's pool, every
waiting call was scanned against every connection each time a call started or ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from telegram.error import BadRequest, RetryAfter
from telegram.ext import BaseRateLimiter

from .retry import retrying
from .shared_state import SharedState
from .telegram_errors import Refusal, refusal

log = logging.getLogger(__name__)
LATE = 0.05     # seconds behind its slot a message may still go out
REBOOK = 5      # slots a message may miss before it goes out anyway


class SharedRateLimiter(BaseRateLimiter):
    def __init__(self, state: SharedState, max_retries: int = 5, connections: int = 32) -> None:
        self.state = state
        self.max_retries = max_retries
        self._in_flight = asyncio.Semaphore(connections)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # "@channel" names stay strings: they are groups
        call = retrying(self._one_at_a_slot(callback), endpoint)  # a retry's pause holds no slot
        retries = 0
        # An urgent message (the flood notice) goes before the chat's queued answers: within the bot's overall
        # budget, as the one short burst Telegram allows a private chat, so it arrives while it is still true.
        urgent = bool(rate_limit_args and rate_limit_args.get("urgent"))
        while True:
            if chat_id is not None:
                await self.wait_turn(None if urgent else chat_id)
            try:
                return await call(*args, **kwargs)
            except BadRequest as error:
                if endpoint == "answerCallbackQuery" and refusal(error) is Refusal.QUERY_TOO_OLD:
                    return True
                raise
            except RetryAfter as error:
                retries += 1
                if retries > self.max_retries:
                    raise
                seconds = error.retry_after if isinstance(error.retry_after, int) else error.retry_after.total_seconds()
                log.info("%s: Telegram asks every worker to wait %s s", endpoint, seconds)
                await self.state.pause_sends(float(seconds) + 0.1)
                if chat_id is None:
                    await asyncio.sleep(float(seconds) + 0.1)

    def _one_at_a_slot(self, callback):
        async def limited(*args, **kwargs):
            async with self._in_flight:
                return await callback(*args, **kwargs)

        return limited

    async def wait_turn(self, chat_id: int | str | None) -> None:
        for _ in range(REBOOK):
            wait = await self.state.reserve_send(chat_id)
            started = time.monotonic()
            await asyncio.sleep(wait)
            if time.monotonic() - started - wait <= LATE:
                return
