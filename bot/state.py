"""The bot's memory between updates, typed: one object on a custom context (PTB's contexttypesbot pattern).

Everything the handlers remember lives here, bounded, so it can later move to
a shared store without touching the handlers.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from typing import Any, Generic, TypeVar

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from citebot.index import Answerer, Settings

from .flood import FloodGuard

K = TypeVar("K")
V = TypeVar("V")
QUERY_MEMORY = 10_000  # queries remembered for buttons; older buttons politely expire
ANSWER_MEMORY = 10_000  # questions whose answers an edit can still update in place


class Recent(Generic[K, V]):
    """A mapping that keeps only the `size` most recently stored keys."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def __len__(self) -> int:
        return len(self._items)


class BotState:
    """What the running bot knows: its settings and answerer, and its bounded memories."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.answerer: Answerer | None = None
        self.flood: FloodGuard | None = None
        self.started = time.monotonic()
        self.served = 0
        self.reindexing = False
        self.queries: Recent[str, str] = Recent(QUERY_MEMORY)  # short key -> the line it answers
        # (chat id, question message id) -> ids of the messages that answered it
        self.answers: Recent[tuple[int, int], list[int]] = Recent(ANSWER_MEMORY)
        self.drafts: OrderedDict[str, Any] = OrderedDict()  # documents admins are adding, until confirmed
        self.awaiting: Any = None  # bot.admin's filter for users the bot asked for a value
        self.notice_task: asyncio.Task | None = None  # the batched "new reports" notice to admins, when due

    def configure(self, settings: Settings, answerer: Answerer) -> None:
        self.settings, self.answerer = settings, answerer
        self.flood = FloodGuard(settings.flood_messages, settings.flood_seconds)

    def remember(self, line: str) -> str:
        """A short key for `line`, so callback data stays far below Telegram's 64 bytes."""
        key = hashlib.blake2b(line.encode(), digest_size=6).hexdigest()
        self.queries.put(key, line)
        return key


class BotContext(CallbackContext[ExtBot, dict, dict, BotState]):
    """The handlers' context: `context.state` is the bot's typed state."""

    @property
    def state(self) -> BotState:
        return self.bot_data

    @property
    def settings(self) -> Settings:
        assert self.bot_data.settings is not None  # configure() runs before the first update
        return self.bot_data.settings

    @property
    def answerer(self) -> Answerer:
        assert self.bot_data.answerer is not None  # configure() runs before the first update
        return self.bot_data.answerer


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotState)
