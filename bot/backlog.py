"""The updates this worker has taken from Telegram and not yet handled, bounded.

PTB's Updater puts every update it fetches on the application's queue, and the application
starts a task for each at once: under a burst (10,000 questions queued) every update sat in
memory with its task, and the heap stayed that large after the burst was answered. With
`Backlog` as the queue, the Updater's put waits while `limit` updates are being handled, so it
fetches no more until there is room: the rest wait at Telegram, which keeps them (and a worker
that dies has taken fewer). Webhook deliveries do not pass through this queue (bot/webhook.py).
"""

from __future__ import annotations

import asyncio
from typing import Any


class Backlog(asyncio.Queue):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self._room = asyncio.Semaphore(limit)

    async def put(self, item: Any) -> None:
        await self._room.acquire()  # released when the application marks the update handled (task_done)
        await super().put(item)

    def task_done(self) -> None:
        super().task_done()
        self._room.release()
