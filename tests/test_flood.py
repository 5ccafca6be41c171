"""The flood guard on its own: what it admits, when it tells, and that the wait it names is the real one."""

from __future__ import annotations

from citebot.bot.flood import FloodGuard, Verdict
from citebot.bot.state import Recent


def test_admits_the_limit_then_refuses_telling_once_with_the_exact_wait():
    guard = FloodGuard(limit=3, seconds=10)
    assert [guard.check(1, t).admitted for t in (0, 1, 2)] == [True, True, True]
    assert guard.check(1, 2.5) == Verdict(admitted=False, notify=True, wait=8)  # the first message leaves at 10
    assert guard.check(1, 5) == Verdict(admitted=False, notify=False, wait=5)  # already told: skipped quietly
    assert guard.check(1, 9.9).admitted is False
    assert guard.check(1, 10).admitted is True  # exactly when the notice said
    assert guard.check(1, 10.5) == Verdict(admitted=False, notify=True, wait=1)  # a new stretch: told again


def test_users_are_counted_apart():
    guard = FloodGuard(limit=1, seconds=10)
    assert guard.check(1, 0).admitted and guard.check(2, 0).admitted
    assert not guard.check(1, 1).admitted and not guard.check(2, 1).admitted


def test_memory_forgets_quiet_users_only():
    guard = FloodGuard(limit=1, seconds=10, memory=2)
    for user in (1, 2, 3):
        guard.check(user, 0)
    guard.check(4, 5)  # over memory, but nobody has been quiet for a whole window
    assert not guard.check(1, 6).admitted
    guard.check(5, 20)  # now 1..4 are quiet and forgotten
    assert guard.check(1, 20).admitted


def test_recent_keeps_the_newest():
    recent: Recent[str, int] = Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    recent.put("a", 3)  # refreshed, so "b" is the oldest
    recent.put("c", 4)
    assert (recent.get("a"), recent.get("b"), recent.get("c"), len(recent)) == (3, None, 4, 2)
