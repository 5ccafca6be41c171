"""Answers shared fairly: one asker's backlog never queues in front of another's question, and answer time
counts against a per-user budget (bot/fairness.py)."""

from __future__ import annotations

import asyncio
import time

from citebot.bot.fairness import AnswerBudget, FairAnswers


def busy(seconds: float) -> str:
    """CPU work for `seconds` of this thread's time."""
    start = time.thread_time()
    while time.thread_time() - start < seconds:
        pass
    return "done"


def test_another_askers_question_waits_for_one_answer_not_the_whole_backlog():
    async def scenario() -> list[str]:
        fair = FairAnswers(AnswerBudget(0, 10), threads=1)
        finished: list[str] = []

        async def ask(asker: int, name: str) -> None:
            await fair.run(asker, lambda: time.sleep(0.05))
            finished.append(name)

        flood = [asyncio.create_task(ask(1, f"flood {n}")) for n in range(10)]
        await asyncio.sleep(0.01)  # the flood is sent first
        await asyncio.gather(ask(2, "question"), *flood)
        return finished

    finished = asyncio.run(scenario())
    assert finished.index("question") <= 2  # after the flood's running answer (and at most one more), not ten


def test_an_askers_answers_run_one_at_a_time_in_order():
    async def scenario() -> list[int]:
        fair = FairAnswers(AnswerBudget(0, 10), threads=4)
        return await asyncio.gather(*(fair.run(1, lambda n=n: (time.sleep(0.01), n)[1]) for n in range(6)))

    assert asyncio.run(scenario()) == [0, 1, 2, 3, 4, 5]


def test_answer_time_over_the_budget_refuses_until_it_leaves_the_window():
    budget = AnswerBudget(seconds=1.0, window=10)
    budget.spend(7, 0.6, now=100.0)
    assert budget.check(7, now=100.5).admitted
    budget.spend(7, 0.6, now=101.0)
    first = budget.check(7, now=101.5)
    assert (first.admitted, first.costly, first.notify, first.wait) == (False, True, True, 9)  # 100.0 + 10 - 101.5
    again = budget.check(7, now=102.0)
    assert (again.admitted, again.notify) == (False, False)  # told once per stretch
    assert budget.check(8, now=102.0).admitted  # another user is not charged
    assert budget.check(7, now=110.0).admitted  # the first answer left the window: 0.6 s spent


def test_the_cpu_time_of_answers_is_charged_to_their_asker():
    async def scenario() -> AnswerBudget:
        fair = FairAnswers(AnswerBudget(seconds=0.2, window=60))
        for _ in range(3):
            await fair.run(5, lambda: busy(0.1))
        return fair.budget

    budget = asyncio.run(scenario())
    assert not budget.check(5, time.monotonic()).admitted
    assert budget.check(6, time.monotonic()).admitted


def test_no_budget_admits_everyone():
    budget = AnswerBudget(seconds=0, window=10)
    budget.spend(1, 100.0, now=0.0)
    assert budget.check(1, now=1.0).admitted


def test_an_asker_with_max_waiting_answers_is_refused_until_they_are_done():
    from citebot.bot.fairness import MAX_WAITING

    async def scenario() -> tuple[list, list]:
        fair = FairAnswers(AnswerBudget(seconds=100, window=10), threads=1)
        burst = [asyncio.create_task(fair.run(1, lambda: time.sleep(0.02))) for _ in range(MAX_WAITING)]
        await asyncio.sleep(0.005)
        during = [fair.check(1), fair.check(2)]
        await asyncio.gather(*burst)
        return during, [fair.check(1)]

    (full, other), (after,) = asyncio.run(scenario())
    assert (full.admitted, full.costly, full.notify, other.admitted) == (False, True, True, True)
    assert after.admitted  # done: admitted again
