"""Brute force for the search paths: what exhaustive scoring and a plain walk over every passage give.

Used by tests/test_search.py on generated corpora and by `make bench-verify` on the bench corpus.
"""

from __future__ import annotations

import re

from whoosh import query

from citebot.index.store.search import hit, whoosh_top
from citebot.index.text.analysis import TOKEN, word
from citebot.index.text.split import passages

# What may stand between two words of a phrase in the text: whitespace, apostrophes, hyphens.
GAP = re.compile("[\\s'’ʼ‘`´\\-‐‑‒–—\u00ad]+")


def every_passage(gen) -> list[tuple[str, int, int, str]]:
    """(doc, start, end, text) of every passage, from the stored document texts and the splitter."""
    out = []
    for d in gen.meta.documents:
        text = gen.text(d.id)
        out += [(d.id, a, b, text[a:b]) for (a, b), _ in passages(text)]
    return out


def says(text: str, phrase: str) -> bool:
    """Whether `text` has the words of `phrase` in a row: whole tokens, folded (a number in any writing: 30,000 is
    30000), only gaps between them.

    Where the user typed other punctuation between two words, any punctuation may stand there.
    """
    typed = list(TOKEN.finditer(phrase))
    want = [word(m.group()) for m in typed]
    loose = [not GAP.fullmatch(phrase[a.end():b.start()] or " ") for a, b in zip(typed, typed[1:])]
    stuck = [a.end() == b.start() for a, b in zip(typed, typed[1:])]
    toks = list(TOKEN.finditer(text))
    n = len(want)
    for i in range(len(toks) - n + 1):
        if glued(toks, i, n):
            continue
        if all(word(toks[i + k].group()) == want[k] for k in range(n)) and all(
                _gap_ok(text[toks[i + k].end():toks[i + k + 1].start()], loose[k], stuck[k]) for k in range(n - 1)):
            return True
    return False


def glued(toks: list, i: int, n: int) -> bool:
    """Whether tokens i..i+n-1 are part of longer words: "G" in "4G", "16" in "16MB" are not whole words."""
    return (i > 0 and toks[i - 1].end() == toks[i].start()) or (
        i + n < len(toks) and toks[i + n - 1].end() == toks[i + n].start())


def _gap_ok(gap: str, loose: bool, glued: bool) -> bool:
    if glued:
        return gap == ""
    return bool(gap) and (not TOKEN.search(gap) if loose else bool(GAP.fullmatch(gap)))


def documents_saying(gen, phrase: str) -> set[str]:
    """Documents with a paragraph that says `phrase` (a phrase does not run across a blank line)."""
    return {d.id for d in gen.meta.documents
            if any(says(p, phrase) for p in re.split(r"\n\s*\n", gen.text(d.id)))}


def exhaustive_top(gen, words: list[str], limit: int, mode: str = "any") -> list[tuple[str, int, float]]:
    """Every matching passage scored by Whoosh itself (no pruning, not the compiled postings it is compared with),
    best first, ties by index order: the first `limit`."""
    parts = [query.Term("text", w) for w in dict.fromkeys(words)]
    scored = whoosh_top(gen, query.And(parts) if mode == "all" else query.Or(parts), None, False)
    return [(h.doc, h.start, h.score) for h in (hit(gen, n, s) for n, s in scored[:limit])]
