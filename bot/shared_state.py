"""The bot's state: one interface, kept in this process (the default) or in Redis (several workers).

What the bot remembers between updates:
- the query behind each "More" button (paging memory, expires),
- each user's recent messages (the flood guard) and whether they were told to slow down,
- which answer messages reply to which question (so an edited question edits its answer),
- which updates were already handled (Telegram redelivers an update whose delivery failed,
  possibly to another worker),
- locks with an owner and an expiry (a reindex: a dead builder must not hold it forever),
- the outgoing message schedule, so all workers together keep to Telegram's limits.

`MemoryState` keeps all of that in this process and needs nothing installed. `RedisState`
(bot/redis_state.py) shares it between workers; `open_state(settings)` in bot/app.py picks one.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import math
import os
import secrets
import socket
import time
from collections import OrderedDict
from dataclasses import dataclass

from citebot.index import CitebotError

from .catalogue import DEFAULT, say
from .flood import FloodGuard, Verdict

QUERY_TTL = 2 * 24 * 3600    # seconds a "More" button keeps working
LINK_TTL = 2 * 24 * 3600     # Telegram lets a user edit a message for 48 hours
DONE_TTL = 24 * 3600         # Telegram gives up redelivering an update after 24 hours
LEASE = 120                  # seconds an update being handled stays claimed if its worker never says done
ALIVE = 5.0                  # a worker that has not beaten its heart for this long is dead
BEAT = 1.0                   # seconds between heartbeats
MEMORY = 10_000              # entries per table in MemoryState, oldest forgotten first
MARGIN = 0.85               # send at 85% of each Telegram limit: a busy worker (or the network) delays some sends


class Claim(enum.Enum):
    NEW = "new"      # handle it
    DONE = "done"    # already answered: acknowledge, do nothing
    BUSY = "busy"    # a live worker is handling it now: ask the sender to deliver again later


class LockBusy(CitebotError):
    """Another worker holds the lock."""


@dataclass(frozen=True)
class Budget:
    """Telegram's outgoing limits, as seconds between two sends (0 = unlimited)."""

    overall: float = 1 / 30   # the whole bot: about 30 messages a second
    private: float = 1.0      # one private chat: one a second
    group: float = 3.0        # one group: 20 a minute

    @classmethod
    def telegram(cls, messages_per_second: int, margin: float = MARGIN) -> Budget:
        overall = 1 / (messages_per_second * margin) if messages_per_second else 0.0
        return cls(overall=overall, private=1 / margin if messages_per_second else 0.0,
                   group=3 / margin if messages_per_second else 0.0)

    def shared_by(self, workers: int) -> Budget:
        """Each worker's part of the overall budget when they cannot coordinate (Redis down)."""
        return Budget(self.overall * max(1, workers), self.private, self.group)

    def chat_interval(self, chat_id: int | str | None) -> float:
        if chat_id is None:
            return 0.0
        is_group = isinstance(chat_id, str) or int(chat_id) < 0
        return self.group if is_group else self.private


def worker_name() -> str:
    """Which worker this is, for /stats and the logs; a restarted worker is a new one."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(2)}"


class SharedState:
    """The interface. Every method is a coroutine and none raises because a store is down."""

    worker: str
    backend: str = "memory"
    budget: Budget

    # -- paging memory ---------------------------------------------------------------------
    async def remember(self, key: str, line: str, owner: int | None = None) -> None:
        """Keep `line` behind `key`; `owner` (the user who sent it) bounds how many lines one user keeps."""
        raise NotImplementedError

    async def recall(self, key: str) -> str | None:
        """The line behind a button, or None when it expired or was lost (the user asks again)."""
        raise NotImplementedError

    # -- flood guard -------------------------------------------------------------------------
    async def flood(self, user_id: int, limit: int, seconds: float, update_id: int = 0, kind: str = "flood") -> Verdict:
        """The flood guard (bot/flood.py) on the user's message, with the user's history shared by all workers;
        each `kind` ("flood" for messages, "inline" for inline queries) is counted on its own.

        An update admitted once is admitted again (handled anew after its worker died)."""
        raise NotImplementedError

    # -- question -> answer ------------------------------------------------------------------
    async def link(self, chat_id: int, question_id: int, answer_ids: list[int]) -> None:
        raise NotImplementedError

    async def linked(self, chat_id: int, question_id: int) -> list[int] | None:
        raise NotImplementedError

    # -- updates ---------------------------------------------------------------------------
    async def claim(self, update_id: int) -> Claim:
        raise NotImplementedError

    async def done(self, update_id: int) -> None:
        raise NotImplementedError

    async def release_claim(self, update_id: int) -> None:
        """Handling failed before anything was sent: let a redelivery try again at once."""
        raise NotImplementedError

    # -- locks -----------------------------------------------------------------------------
    async def acquire(self, name: str, ttl: float) -> str | None:
        """An owner token when the lock was free, else None. It expires after `ttl` unless extended."""
        raise NotImplementedError

    async def extend(self, name: str, token: str, ttl: float) -> bool:
        raise NotImplementedError

    async def release(self, name: str, token: str) -> bool:
        """Release only when `token` still owns it (an expired lock may belong to someone else now)."""
        raise NotImplementedError

    @contextlib.asynccontextmanager
    async def lock(self, name: str, ttl: float = 60.0):
        """Hold `name` for the block, extending it every ttl/3; LockBusy when another owner has it."""
        token = await self.acquire(name, ttl)
        if token is None:
            raise LockBusy(f"{name} is held by another worker")

        async def keep() -> None:
            while True:
                await asyncio.sleep(ttl / 3)
                await self.extend(name, token, ttl)

        keeper = asyncio.create_task(keep())
        try:
            yield token
        finally:
            keeper.cancel()
            await self.release(name, token)

    # -- outgoing messages -------------------------------------------------------------------
    async def reserve_send(self, chat_id: int | str | None) -> float:
        """Book the next send slot for a message into `chat_id`; returns the seconds to wait for it."""
        if not self.budget.overall and not self.budget.chat_interval(chat_id):
            return 0.0  # no limits (a self-hosted Bot API server): nothing to book
        at, now = await self.book_send(chat_id)
        return max(0.0, at - now)

    async def book_send(self, chat_id: int | str | None) -> tuple[float, float]:
        """The booked slot's time and the time now, both by the store's clock."""
        raise NotImplementedError

    async def pause_sends(self, seconds: float) -> None:
        """Telegram said 429 retry_after: no worker sends for `seconds`."""
        raise NotImplementedError

    # -- workers ---------------------------------------------------------------------------
    async def beat(self) -> None:
        """Tell the others this worker is alive (claims of a dead worker are taken over)."""

    async def workers(self) -> int:
        return 1

    async def health(self, lang: str = DEFAULT) -> str:
        """How the shared state is, for /stats, in the admin's language."""
        raise NotImplementedError

    async def close(self) -> None:
        pass


class Schedule:
    """Send slots in one process: overall slots of `budget.overall` seconds, and each chat's next free time."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.taken: set[int] = set()
        self.chat_next: OrderedDict[int | str, float] = OrderedDict()
        self.paused_until = 0.0

    def book(self, chat_id: int | str | None, now: float) -> float:
        earliest = max(now, self.paused_until, self.chat_next.get(chat_id, 0.0) if chat_id is not None else 0.0)
        at = earliest
        if self.budget.overall:
            slot = self.budget.overall
            i = math.ceil(earliest / slot)
            self.taken = {t for t in self.taken if t >= math.floor(now / slot) - 1}  # forget past slots
            while i in self.taken:
                i += 1
            self.taken.add(i)
            at = i * slot
        interval = self.budget.chat_interval(chat_id)
        if interval and chat_id is not None:
            self.chat_next[chat_id] = at + interval
            self.chat_next.move_to_end(chat_id)
            while len(self.chat_next) > MEMORY:
                self.chat_next.popitem(last=False)
        return at


class Table(OrderedDict):
    """A bounded map whose entries expire: the oldest go first when it is full."""

    def put(self, key, value, ttl: float) -> None:
        self[key] = (value, time.monotonic() + ttl)
        self.move_to_end(key)
        while len(self) > MEMORY:
            self.popitem(last=False)

    def fetch(self, key):
        value, until = self.get(key, (None, 0.0))
        if until <= time.monotonic():
            self.pop(key, None)
            return None
        return value


class MemoryState(SharedState):
    """Everything in this process: right for one `citebot serve`, lost when it restarts."""

    backend = "memory"

    def __init__(self, budget: Budget | None = None, worker: str | None = None) -> None:
        self.worker = worker or worker_name()
        self.budget = budget or Budget()
        self.queries, self.links, self.updates, self.locks = Table(), Table(), Table(), Table()
        self.guards: dict[tuple[str, int, float], FloodGuard] = {}
        self.schedule = Schedule(self.budget)

    async def remember(self, key, line, owner=None):
        self.queries.put(key, line, QUERY_TTL)  # bounded as a whole (MEMORY entries): no owner needed

    async def recall(self, key):
        return self.queries.fetch(key)

    async def flood(self, user_id, limit, seconds, update_id=0, kind="flood"):
        guard = self.guards.get((kind, limit, seconds))
        if guard is None:
            guard = self.guards[(kind, limit, seconds)] = FloodGuard(limit, seconds, memory=MEMORY)
        return guard.check(user_id, time.monotonic())

    async def link(self, chat_id, question_id, answer_ids):
        self.links.put((chat_id, question_id), list(answer_ids), LINK_TTL)

    async def linked(self, chat_id, question_id):
        return self.links.fetch((chat_id, question_id))

    async def claim(self, update_id):
        seen = self.updates.fetch(update_id)
        if seen == "done":
            return Claim.DONE
        if seen:
            return Claim.BUSY
        self.updates.put(update_id, self.worker, LEASE)
        return Claim.NEW

    async def done(self, update_id):
        self.updates.put(update_id, "done", DONE_TTL)

    async def release_claim(self, update_id):
        self.updates.pop(update_id, None)

    async def acquire(self, name, ttl):
        if self.locks.fetch(name):
            return None
        token = secrets.token_hex(8)
        self.locks.put(name, token, ttl)
        return token

    async def extend(self, name, token, ttl):
        if self.locks.fetch(name) != token:
            return False
        self.locks.put(name, token, ttl)
        return True

    async def release(self, name, token):
        if self.locks.fetch(name) != token:
            return False
        self.locks.pop(name, None)
        return True

    async def book_send(self, chat_id):
        now = time.time()
        return self.schedule.book(chat_id, now), now

    async def pause_sends(self, seconds):
        self.schedule.paused_until = max(self.schedule.paused_until, time.time() + seconds)

    async def health(self, lang: str = DEFAULT) -> str:
        return say("health.memory", lang)


async def heartbeat(state: SharedState) -> None:
    """Beat for the worker's whole life (a task), so others can tell it from a dead one."""
    while True:
        await state.beat()
        await asyncio.sleep(BEAT)
