"""Answers shared fairly between the people asking: one line per asker, and a budget of answer time.

Answers run in a few threads. A single FIFO pool lets one account that sends twenty lines at once put
twenty answers in front of everyone else's; here each asker has at most one answer running or waiting
for a thread, and their other lines wait in their own line. So another user's question waits for at most
one answer per other asker, not for the whole backlog of one.

The flood guard (bot/flood.py) counts messages; this also counts what they cost: the CPU seconds of each
asker's answers within the flood window. An asker over the budget is refused like a flooding one, with
the wait until their oldest costly answer leaves the window. Lines are admitted before their cost is
known, so an asker also has at most MAX_WAITING answers waiting or running: a burst cannot commit more.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from .flood import Verdict

T = TypeVar("T")
THREADS = 4  # answers are CPU-bound under the GIL: more threads add memory (bot/malloc.py), not speed
MAX_WAITING = 10  # an asker's answers waiting or running; more are refused until these are done


@dataclass
class AnswerBudget:
    """The CPU seconds of each asker's answers within the last `window` seconds, and whether they may ask more."""

    seconds: float  # 0: no budget
    window: float
    memory: int = 10_000  # askers tracked before quiet ones are forgotten
    _spent: dict[int, list[tuple[float, float]]] = field(default_factory=dict)  # asker -> [(finished at, cost)]
    _told_until: dict[int, float] = field(default_factory=dict)  # told once per stretch of refusals

    def spend(self, asker: int, cost: float, now: float) -> None:
        if len(self._spent) > self.memory:
            self._forget_quiet(now)
        self._spent.setdefault(asker, []).append((now, cost))

    def check(self, asker: int, now: float) -> Verdict:
        """Admitted while the asker's answers in the window cost less than the budget; else the wait."""
        spent = self._spent.get(asker)
        if not spent or not self.seconds:
            return Verdict(admitted=True)
        while spent and now - spent[0][0] >= self.window:
            del spent[0]
        total = sum(cost for _, cost in spent)
        if total < self.seconds:
            return Verdict(admitted=True)
        # Admitted again once enough of the oldest answers leave the window.
        over, n = total - self.seconds, 0
        while over >= 0 and n < len(spent):
            over -= spent[n][1]
            n += 1
        return self.refuse(asker, spent[n - 1][0] + self.window, now)

    def refuse(self, asker: int, until: float, now: float) -> Verdict:
        """Refused until `until`; told once per stretch of refusals."""
        notify = now >= self._told_until.get(asker, -math.inf)
        self._told_until[asker] = until
        return Verdict(admitted=False, notify=notify, wait=max(1, math.ceil(until - now)), costly=True)

    def mean(self, asker: int) -> float:
        """The mean CPU seconds of the asker's answers in the window (0 when none)."""
        spent = self._spent.get(asker) or [(0.0, 0.0)]
        return sum(cost for _, cost in spent) / len(spent)

    def _forget_quiet(self, now: float) -> None:
        for asker in [a for a, s in self._spent.items() if not s or now - s[-1][0] >= self.window]:
            del self._spent[asker]
            self._told_until.pop(asker, None)


class FairAnswers:
    """Runs answers in a small pool of threads, at most one per asker at a time, and counts their cost."""

    def __init__(self, budget: AnswerBudget, threads: int = THREADS) -> None:
        self.budget = budget
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="answer")
        self._lines: dict[int | None, asyncio.Lock] = {}
        self._waiting: dict[int | None, int] = {}

    async def run(self, asker: int | None, work: Callable[[], T]) -> T:
        """`work()` in a thread, after the asker's earlier lines; its CPU time is charged to the asker."""
        line = self._lines.setdefault(asker, asyncio.Lock())
        self._waiting[asker] = self._waiting.get(asker, 0) + 1
        try:
            async with line:
                cost, result = await asyncio.get_running_loop().run_in_executor(self._pool, _timed, work)
        finally:
            self._waiting[asker] -= 1
            if not self._waiting[asker]:  # nobody of theirs waits: forget the line
                del self._waiting[asker], self._lines[asker]
        if asker is not None:
            self.budget.spend(asker, cost, time.monotonic())
        return result

    def check(self, asker: int) -> Verdict:
        """Whether a new line of `asker`'s is admitted: under the budget, and not MAX_WAITING already waiting."""
        now = time.monotonic()
        if (waiting := self._waiting.get(asker, 0)) >= MAX_WAITING:  # wait about as long as those take
            return self.budget.refuse(asker, now + max(1.0, waiting * self.budget.mean(asker)), now)
        return self.budget.check(asker, now)


def _timed(work: Callable[[], T]) -> tuple[float, T]:
    """`work()` and the CPU time this thread spent on it (other threads' work not counted)."""
    start = time.thread_time()
    result = work()
    return time.thread_time() - start, result
