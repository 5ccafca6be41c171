"""Precomputed at build time: hot words, and pairs of them in a row.

A word in more than HOT_DF passages is "hot": its position list is long, so a
phrase made only of hot words finds its candidate passages through the
`pairs` field ("a_b" for hot words a, b in a row, including those running on
from the passage before), a far shorter list. Pairs only narrow the candidates; `search.literal_phrase` checks every one on the
text. Nothing here decides a ranking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from ..text.analysis import MAX_TERMS, analysed

HOT_DF = 256


def hot_words(passages: Iterable[str]) -> set[str]:
    """Terms in more than HOT_DF of the passages (an iterable of texts)."""
    counts: Counter[str] = Counter()
    for text in passages:
        counts.update(set(analysed(text)))
    return {w for w, n in counts.items() if n > HOT_DF}


def hot_pairs(words: list[str], hot: set[str], before: Sequence[str] = ()) -> list[str]:
    """The "a_b" pairs of hot words in a row in `words` (analysed terms, stop words skipped).

    before: the terms of the passage just before. A long sentence is cut into passages at a space,
    so a phrase may run across the cut: its pairs before the cut, across it and after it all go into
    the later passage, so one passage holds every pair of the phrase. A phrase has at most MAX_TERMS
    terms, so the last MAX_TERMS - 1 terms before the cut are enough.
    """
    seq = list(before[-(MAX_TERMS - 1):]) + words if before else words
    return list(dict.fromkeys(f"{a}_{b}" for a, b in zip(seq, seq[1:]) if a in hot and b in hot))
