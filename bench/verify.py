"""Check citebot's fast search paths against brute force on a bench corpus (`make bench-verify`).

    python -m bench.verify [SIZE] [--sample N]

Phrases: every distinct three-word phrase made only of hot words, as whole words (the phrases
whose candidates come through pairs, where shortcuts used to drop answers),
taken from the text itself, each checked against a walk over every paragraph:
the documents `/source` says say it must be exactly those that do. Rankings:
every ranked bench query and random pairs of hot words, top 10 against
exhaustive scoring. Prints the number of differences and writes
var/bench/verify.json. Needs the index `make bench` built for SIZE (100,000).
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from functools import lru_cache

from citebot.index.store.search import literal_phrase, search
from citebot.index.text.analysis import TOKEN, term, terms, word
from tests.bruteforce import GAP, exhaustive_top, glued

from .engines import answerer
from .run import OUT

RANKED = ("word", "words", "name", "number")


def hot_phrases(gen) -> dict[str, set[str]]:
    """{phrase: documents saying it} for every three hot words in a row in some paragraph."""
    truth: dict[str, set[str]] = {}
    for d in gen.meta.documents:
        for paragraph in re.split(r"\n\s*\n", gen.text(d.id)):
            toks = list(TOKEN.finditer(paragraph))
            for i in range(len(toks) - 2):
                window = toks[i:i + 3]
                if glued(toks, i, 3):
                    continue
                if all(gen.is_hot(term(t.group()) or "") for t in window) and all(
                        GAP.fullmatch(paragraph[a.end():b.start()]) for a, b in zip(window, window[1:])):
                    truth.setdefault(" ".join(word(t.group()) for t in window), set()).add(d.id)
    return truth


def check_phrases(gen, truth: dict[str, set[str]], sample: int | None) -> tuple[int, list[str]]:
    phrases = sorted(truth)
    if sample:
        phrases = random.Random(5).sample(phrases, min(sample, len(phrases)))
    wrong = []
    for n, phrase in enumerate(phrases, 1):
        if {s.doc for s in literal_phrase(gen, phrase) or []} != truth[phrase]:
            wrong.append(phrase)
        if n % 20_000 == 0:
            print(f"  {n:,} phrases checked, {len(wrong)} differences", flush=True)
    return len(phrases), wrong


def check_rankings(gen, queries: list[dict]) -> tuple[int, list[str]]:
    rng = random.Random(7)
    hot = sorted(gen.hot)
    lines = [" ".join(q["words"]) for q in queries if q["kind"] in RANKED]
    lines += [" ".join(rng.sample(hot, rng.choice((2, 3)))) for _ in range(500)] if hot else []
    wrong = []
    for line in lines:
        words = terms(line)
        fast = [(h.doc, h.start, h.score) for h in search(gen, words, "passage", limit=10)]
        if fast != exhaustive_top(gen, words, 10):
            wrong.append(line)
    return len(lines), wrong


def main(size: int, sample: int | None) -> int:
    work = OUT / str(size)
    gen = answerer(work).corpus().generation
    gen.folded_text = lru_cache(maxsize=None)(gen._folded_text)  # every document is read many times here
    started = time.perf_counter()
    truth = hot_phrases(gen)
    print(f"[{size}] {len(truth):,} distinct three-word phrases of hot words; checking "
          f"{'all' if not sample else f'{sample:,}'}", flush=True)
    phrases, wrong_phrases = check_phrases(gen, truth, sample)
    rankings, wrong_rankings = check_rankings(gen, json.loads((work / "queries.json").read_text()))
    result = {"size": size, "phrases": phrases, "differences": len(wrong_phrases), "examples": wrong_phrases[:20],
              "rankings": rankings, "ranking_differences": len(wrong_rankings), "ranking_examples": wrong_rankings[:20],
              "seconds": time.perf_counter() - started, "exhaustive": not sample}
    (OUT / "verify.json").write_text(json.dumps(result, indent=1))
    print(f"phrase differences: {len(wrong_phrases)} of {phrases:,} phrases {wrong_phrases[:5]}")
    print(f"ranking differences: {len(wrong_rankings)} of {rankings:,} rankings {wrong_rankings[:5]}")
    print(f"differences: {len(wrong_phrases) + len(wrong_rankings)}")
    return len(wrong_phrases) + len(wrong_rankings)


if __name__ == "__main__":
    args = sys.argv[1:]
    sample = int(args[args.index("--sample") + 1]) if "--sample" in args else None
    sizes = [a for a in args if a.isdigit() and (not sample or a != str(sample))]
    sys.exit(1 if main(int(sizes[0]) if sizes else 100_000, sample) else 0)
