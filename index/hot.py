"""Precomputed at build time: hot words, and pairs of them in a row.

A word in more than HOT_DF passages is "hot": its position list is long, so a
phrase made only of hot words finds its candidate passages through the
`pairs` field ("a_b" for hot words a, b in a row), a far shorter list. Pairs
only narrow the candidates; `search.literal_phrase` checks every one on the
text. Nothing here decides a ranking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .analysis import analysed

HOT_DF = 256


def hot_words(passages: Iterable[str]) -> set[str]:
    """Terms in more than HOT_DF of the passages (an iterable of texts)."""
    counts: Counter[str] = Counter()
    for text in passages:
        counts.update(set(analysed(text)))
    return {w for w, n in counts.items() if n > HOT_DF}


def hot_pairs(text: str, hot: set[str]) -> list[str]:
    """The "a_b" pairs of hot words in a row in `text` (analysed terms, stop words skipped)."""
    words = analysed(text)
    return [f"{a}_{b}" for a, b in zip(words, words[1:]) if a in hot and b in hot]
