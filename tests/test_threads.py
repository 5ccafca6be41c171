"""The bot answers in several threads at once (asyncio.to_thread): each answer is the one asked alone."""

from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from citebot.index import Answerer
from tests.conftest import ROOT


def lines() -> list[str]:
    counts = Counter()
    for path in (ROOT / "corpus").glob("*.txt"):
        counts.update(set(re.findall(r"[a-z]{5,}", path.read_text(encoding="utf-8").lower())))
    words = sorted(w for w, n in counts.items() if n >= 2)[:60]
    asked = [f"{a} {b}" for a, b in zip(words, reversed(words))]  # searches, some with a word no document has
    asked += [f"{w} zzqx" for w in words[:20]]
    asked += [f"/source {w}" for w in words[:20]] + [f"/who {n}" for n in ("Raisi", "Khomeini", "Montazeri")]
    return asked


def test_answers_from_many_threads_at_once_are_the_answers_asked_one_by_one(bundled):
    asked = lines()
    alone = Answerer(bundled, cache_size=0)
    expected = [alone.ask(line).to_json() for line in asked]
    together = Answerer(bundled, cache_size=0)
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(lambda line: together.ask(line).to_json(), asked))
        assert [g for g, e in zip(got, expected) if g != e] == []
