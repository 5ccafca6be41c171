"""What one line can cost: no line a user can type costs more than a small multiple of an ordinary question.

A name typed is compared in spelling with every known name; a long Persian line used to look up each of its word
windows that way (1.5-2 s of CPU for 300 characters, against 4 ms for a question). Names are now looked up by word
and compared in spelling only where an approximation can be the answer, behind a cheap lower bound.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from citebot.index.voices.people import _least_distance, spelling_distance
from tests.hostile import hostile_lines

ORDINARY = ["mass graves", "/who Raisi", "who said abject failure", "اعدام ۱۳۶۷"]


def cost(answerer, line: str) -> float:
    """The CPU time of answering `line` afresh (the answer cache emptied), the least of three."""
    best = float("inf")
    for _ in range(3):
        answerer._cache.clear()
        start = time.process_time()
        answerer.ask(line)
        best = min(best, time.process_time() - start)
    return best


def test_no_line_costs_more_than_a_small_multiple_of_a_question(answerer):
    ordinary = max(cost(answerer, line) for line in ORDINARY)
    costs = {name: cost(answerer, line) for name, line in hostile_lines().items()}
    assert {name: c for name, c in costs.items() if c > 10 * max(ordinary, 0.005)} == {}, (ordinary, costs)


def test_a_long_persian_line_still_finds_the_names_in_it(answerer):
    line = " ".join(hostile_lines()["long Persian"].split()[:30]) + " منتظری"
    answer = answerer.ask(line)
    assert "Montazeri" in (answer.translated or "")


@settings(max_examples=300, deadline=None)
@given(st.text("aeiouhbkrstmnzاب", max_size=9), st.text("aeiouhbkrstmnzاب", max_size=9))
def test_the_quick_bound_never_exceeds_the_spelling_distance(a, b):
    assert _least_distance(a, b) <= spelling_distance(a, b)


def test_a_generations_registry_resolves_each_name_once_by_its_words(answerer):
    registry = answerer.corpus().registry
    first = registry.resolve("Rajavy")
    assert first.person is not None and first.approximate
    assert registry.resolve("  rajavy ") is first  # the same words as read: kept, not compared again
    assert registry.resolve("Raisi").person.name == "Ebrahim Raisi"
