"""Outgoing Bot API calls: rate limited, and retried when Telegram had a passing fault.

AIORateLimiter already waits out 429 `retry_after`. PTB does not retry a 5xx or a
dropped connection, so an answer would be lost; this retries those with
backoff. A read timeout is not retried: Telegram may have sent the message
already, and a duplicate answer is worse than a slow one.
"""

from __future__ import annotations

import asyncio
import logging

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)
ATTEMPTS = 6
FIRST_WAIT = 0.5  # seconds; doubles after each failure


def worth_retrying(error: NetworkError) -> bool:
    """True when Telegram certainly did not act on the call and may accept it later."""
    if isinstance(error, BadRequest):  # PTB files 400s under NetworkError; the same call would fail again
        return False
    if isinstance(error, TimedOut):
        # PTB raises TimedOut from httpx's own timeout: its type says whether the request went out.
        return isinstance(error.__cause__, (httpx.ConnectTimeout, httpx.PoolTimeout))
    return True  # a 5xx answer, a refused or reset connection


def retrying(callback, endpoint: str):
    """`callback` retried with backoff while Telegram certainly did not act on it."""

    async def with_retries(*a, **kw):
        wait = FIRST_WAIT
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await callback(*a, **kw)
            except NetworkError as error:
                if attempt == ATTEMPTS or not worth_retrying(error):
                    raise
                log.warning("%s failed (%s); retry %d in %.1fs", endpoint, error.message, attempt, wait)
                await asyncio.sleep(wait)
                wait *= 2

    return with_retries


class RetryingRateLimiter(AIORateLimiter):
    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        return await super().process_request(retrying(callback, endpoint), args, kwargs, endpoint, data,
                                             rate_limit_args)
