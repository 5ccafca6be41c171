"""Check citebot's fast search paths against brute force on a bench corpus (`make bench-verify`).

    python -m bench.verify [SIZE] [--sample N]

Phrases: every distinct three-word phrase made only of hot words, as whole words (the phrases
whose candidates come through pairs, where shortcuts used to drop answers), and a fixed sample
(by a hash of the phrase) of two-word phrases of hot words and of two- and three-word phrases with
a rarer word, taken from the text itself, each checked against a walk over every paragraph:
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
import zlib

from citebot.index.store.search import literal_phrase, search
from citebot.index.text.analysis import TOKEN, term, terms, word
from tests.bruteforce import GAP, exhaustive_top, glued

from .engines import answerer
from .run import OUT

RANKED = ("word", "words", "name", "number")


# (words in a row, only hot words, keep one distinct phrase in `every`): the phrase kinds checked
KINDS = {"3 hot words": (3, True, 1), "2 hot words": (2, True, 10), "2 words, one rarer": (2, False, 100),
         "3 words, one rarer": (3, False, 200)}


def hot_phrases(gen) -> dict[str, set[str]]:
    """{phrase: documents saying it} for every three hot words in a row in some paragraph."""
    return sample_phrases(gen)["3 hot words"]


def sample_phrases(gen) -> dict[str, dict[str, set[str]]]:
    """{kind: {phrase: documents saying it}}: the phrases of each of KINDS in some paragraph, as whole words."""
    truth: dict[str, dict[str, set[str]]] = {kind: {} for kind in KINDS}
    for d in gen.meta.documents:
        for paragraph in re.split(r"\n\s*\n", gen.text(d.id)):
            toks = list(TOKEN.finditer(paragraph))
            for kind, (n, hot_only, every) in KINDS.items():
                for i in range(len(toks) - n + 1):
                    window = toks[i:i + n]
                    if glued(toks, i, n) or not all(GAP.fullmatch(paragraph[a.end():b.start()])
                                                    for a, b in zip(window, window[1:])):
                        continue
                    found = [term(t.group()) for t in window]
                    hot = [bool(f) and gen.is_hot(f) for f in found]
                    rarer = any(f and not h for f, h in zip(found, hot))
                    if (hot_only and not all(hot)) or (not hot_only and not rarer):
                        continue
                    phrase = " ".join(word(t.group()) for t in window)
                    if every == 1 or zlib.crc32(phrase.encode()) % every == 0:
                        truth[kind].setdefault(phrase, set()).add(d.id)
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
    started = time.perf_counter()
    truths = sample_phrases(gen)
    result: dict = {"size": size, "exhaustive": not sample, "phrase_kinds": {}}
    wrong_phrases: list[str] = []
    for kind, truth in truths.items():
        print(f"[{size}] {len(truth):,} distinct phrases of {kind}; checking "
              f"{'all' if not sample else f'{sample:,}'}", flush=True)
        checked, wrong = check_phrases(gen, truth, sample)
        result["phrase_kinds"][kind] = {"phrases": checked, "differences": len(wrong), "examples": wrong[:20]}
        print(f"  {kind}: {len(wrong)} differences of {checked:,}", flush=True)
        wrong_phrases += wrong
    phrases = sum(k["phrases"] for k in result["phrase_kinds"].values())
    rankings, wrong_rankings = check_rankings(gen, json.loads((work / "queries.json").read_text()))
    result |= {"phrases": phrases, "differences": len(wrong_phrases), "examples": wrong_phrases[:20],
               "rankings": rankings, "ranking_differences": len(wrong_rankings), "ranking_examples": wrong_rankings[:20],
               "seconds": time.perf_counter() - started}
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
