"""The bot's memory between updates, typed: one object on a custom context (PTB's contexttypesbot pattern).

Everything the handlers remember goes through here, to the state shared by the
bot's workers (bot/shared_state.py).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Coroutine
from typing import Any, NamedTuple

from telegram import Update
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from citebot.index import Answerer, Settings

from .fairness import AnswerBudget, FairAnswers
from .flood import Skipped, Verdict
from .settings import BotSettings
from .shared_state import MemoryState, SharedState

THREAD = "\x1e"  # marks a stored thread (JSON) apart from a stored line: a control character no one types


class Asked(NamedTuple):
    """A question as the bot answers it: the line, and the lines of the thread it replies to (oldest first), and
    the index generation that answered it (a reply to its answer, or its next page, after a reindex: followup.py)."""

    line: str
    after: tuple[str, ...] = ()
    generation: str = ""

    def thread(self) -> tuple[str, ...]:
        """The thread a reply to this question's answer continues."""
        return (*self.after, self.line)


class BotState:
    """What the running bot knows: its two settings tables and answerer, and what it remembers between updates.

    The memories (the query behind each button, the answers an edited question updates,
    the flood guard's history, the reindex lock) live in `shared`: this process's memory
    by default, Redis when several workers answer one bot (bot/shared_state.py).
    """

    def __init__(self) -> None:
        self.settings: Settings | None = None  # the index's table: passed on to the index
        self.bot_settings: BotSettings | None = None  # bot/'s table: Telegram, paging, the collection's intro
        self.answerer: Answerer | None = None
        self.shared: SharedState = MemoryState()  # replaced by configure()
        self.answers = FairAnswers(AnswerBudget(0, 10))  # replaced by configure(): answers run here, per asker
        self.started = time.monotonic()
        self.served = 0
        self.awaiting: Any = None  # bot.admin's filter for users this worker asked for a value
        self.notice_task: asyncio.Task | None = None  # the batched "new reports" notice to admins, when due
        self.replayer: asyncio.Task | None = None  # writes what the spool keeps once the database is back
        self.menus: asyncio.Task | None = None  # registers the command menus and descriptions at start (app.py)
        self.admin_langs: dict[int, str] = {}  # each admin's catalogue, as last seen: for that notice
        self.skipped = Skipped()  # messages the flood guard skipped, named when the refusal ends (handlers.py)
        self._tasks: set[asyncio.Task] = set()

    def keep(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` as a task this state holds until it ends (an unreferenced task may be collected)."""
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def configure(self, settings: Settings, bot_settings: BotSettings, answerer: Answerer,
                  shared: SharedState | None = None) -> None:
        self.settings, self.bot_settings, self.answerer = settings, bot_settings, answerer
        self.shared = shared or MemoryState()
        self.answers = FairAnswers(AnswerBudget(bot_settings.flood_answer_seconds, bot_settings.flood_seconds))

    async def remember(self, asked: Asked, owner: int | None = None) -> str:
        """A short key for a question, so callback data stays far below Telegram's 64 bytes; `owner`: who sent it."""
        if not asked.after and not asked.generation:
            stored = asked.line
        else:
            stored = THREAD + json.dumps({"thread": asked.thread(), "generation": asked.generation}, ensure_ascii=False)
        key = hashlib.blake2b(stored.encode(), digest_size=6).hexdigest()
        await self.shared.remember(key, stored, owner)
        return key

    async def recall(self, key: str) -> Asked | None:
        """The question behind a button; None when it expired or was lost (the user is asked to send it again)."""
        stored = await self.shared.recall(key)
        if stored is None:
            return None
        try:
            kept = json.loads(stored[len(THREAD):]) if stored.startswith(THREAD) else {"thread": [stored]}
            *after, line = kept["thread"] if isinstance(kept, dict) else kept  # a list: kept before generations were
            return Asked(line, tuple(after), kept.get("generation", "") if isinstance(kept, dict) else "")
        except (ValueError, KeyError, TypeError):  # a line typed with the marker in front: the line it is
            return Asked(stored)

    async def answers_to(self, asked: tuple[int, int]) -> list[int] | None:
        """The messages that answered (chat id, question message id)."""
        return await self.shared.linked(*asked)

    async def answered(self, asked: tuple[int, int], message_ids: list[int], key: str) -> None:
        """Link a question to its answer's messages, and each message to the question (`key`), so a reply to
        any of them is read with it (a follow-up)."""
        await self.shared.link(*asked, message_ids)
        for message_id in message_ids:
            await self.shared.remember(f"re:{asked[0]}:{message_id}", key)

    async def replied_to(self, chat_id: int, message_id: int) -> Asked | None:
        """The question a message of ours answered, if it was an answer and is still remembered."""
        key = await self.shared.recall(f"re:{chat_id}:{message_id}")
        return await self.recall(key) if key else None

    async def admit(self, user_id: int, update_id: int = 0, inline: bool = False) -> Verdict:
        """The flood guard on update `update_id` from `user_id`, counted across workers; inline queries have
        their own budget, so typing @bot words never costs the user their next message's answer."""
        settings = self.bot_settings
        assert settings is not None  # configured before the first update
        if not (costly := self.answers.check(user_id)).admitted:  # this worker's answers cost them too much
            return costly
        if inline:
            return await self.shared.flood(user_id, settings.inline_flood_queries, settings.flood_seconds, update_id,
                                           kind="inline")
        return await self.shared.flood(user_id, settings.flood_messages, settings.flood_seconds, update_id)


class BotContext(CallbackContext[ExtBot, dict, dict, BotState]):
    """The handlers' context: `context.state` is the bot's typed state; `context.settings` the index's
    settings table (handed to the index), `context.bot_settings` bot/'s own (bot/settings.py)."""

    asker: int | None = None  # who sent the update handled: answers are scheduled and budgeted per asker

    @classmethod
    def from_update(cls, update: object, application):
        context = super().from_update(update, application)
        user = update.effective_user if isinstance(update, Update) else None
        context.asker = user.id if user else None
        return context

    @property
    def state(self) -> BotState:
        return self.bot_data

    @property
    def settings(self) -> Settings:
        assert self.bot_data.settings is not None  # configure() runs before the first update
        return self.bot_data.settings

    @property
    def bot_settings(self) -> BotSettings:
        assert self.bot_data.bot_settings is not None  # configure() runs before the first update
        return self.bot_data.bot_settings

    @property
    def answerer(self) -> Answerer:
        assert self.bot_data.answerer is not None  # configure() runs before the first update
        return self.bot_data.answerer


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotState)
