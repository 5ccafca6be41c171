"""The flood guard: at most `limit` messages per user in any `seconds`, told honestly when over it.

Only admitted messages count, so a refused user is admitted again exactly when
the oldest admitted message leaves the window; the notice names that wait, and
every message until then is skipped (nothing is queued, so nothing is promised).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Verdict:
    admitted: bool
    notify: bool = False  # the first refusal of a stretch: tell the user once
    wait: int = 0  # whole seconds until messages are admitted again
    costly: bool = False  # refused for the answer time spent (bot/fairness.py), not the number of messages


@dataclass
class FloodGuard:
    limit: int
    seconds: float
    memory: int = 10_000  # users tracked before quiet ones are forgotten
    # A list, not a deque: it holds at most `limit` times, and a deque takes 760 bytes however few it holds (7 MB for 10,000 users).
    _admitted: dict[int, list[float]] = field(default_factory=dict)
    _refusing_until: dict[int, float] = field(default_factory=dict)

    def check(self, user: int, now: float) -> Verdict:
        """Whether `user`'s message at time `now` (seconds, monotonic) is admitted."""
        if len(self._admitted) > self.memory:
            self._forget_quiet(now)
        seen = self._admitted.setdefault(user, [])
        while seen and now - seen[0] >= self.seconds:
            del seen[0]
        if len(seen) < self.limit:
            seen.append(now)
            return Verdict(admitted=True)
        until = seen[0] + self.seconds
        notify = now >= self._refusing_until.get(user, -math.inf)
        self._refusing_until[user] = until
        return Verdict(admitted=False, notify=notify, wait=max(1, math.ceil(until - now)))

    def _forget_quiet(self, now: float) -> None:
        for user in [u for u, times in self._admitted.items() if not times or now - times[-1] >= self.seconds]:
            del self._admitted[user]
            self._refusing_until.pop(user, None)


@dataclass
class Skipped:
    """The messages skipped while a user is over the limit, per chat, so the bot can name them once the
    refusal ends: a skipped question is never silently lost."""

    shown: int = 5  # messages named, each cut to `chars`; the rest are counted
    chars: int = 60
    _by_chat: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # (user, chat) -> texts

    def add(self, user: int, chat: int, text: str) -> bool:
        """Record one skipped message; True for the first of this stretch (the caller schedules the summary)."""
        texts = self._by_chat.setdefault((user, chat), [])
        texts.append(" ".join(text.split()))
        return len(texts) == 1

    def take(self, user: int, chat: int) -> list[str]:
        return self._by_chat.pop((user, chat), [])
