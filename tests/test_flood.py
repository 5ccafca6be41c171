"""The flood guard on its own: what it admits, when it tells, and that the wait it names is the real one."""

from __future__ import annotations

from citebot.bot import shared_state
from citebot.bot.flood import FloodGuard, Verdict


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


def test_a_table_keeps_the_newest_and_forgets_the_expired(monkeypatch):
    monkeypatch.setattr(shared_state, "MEMORY", 2)
    table = shared_state.Table()
    table.put("a", 1, 60)
    table.put("b", 2, 60)
    table.put("a", 3, 60)  # refreshed, so "b" is the oldest
    table.put("c", 4, 60)
    table.put("d", 5, -1)  # already expired
    assert (table.fetch("a"), table.fetch("b"), table.fetch("c"), table.fetch("d")) == (None, None, 4, None)
