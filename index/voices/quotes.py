"""Direct quotations: which quoted spans are someone's words, then who said them (sieves.py).

A quotation is text between quote marks (marks.py pairs “ ”, " " and ‘ ’,
mixed ones too) of four words or more, or a shorter one whose speaker a
speech cue names (`“No,” Jo Bloggs said`) or whose speaker is the named
subject of a speech verb right before it (Phillip Luther ... called the lack
of investigation “an abject failure”). Short quoted terms with neither are
scare quotes, names or titles, not quotations. A quotation whose closing
mark only comes in a later paragraph runs to the end of its paragraph.
"""

from __future__ import annotations

import bisect
import re

from ..models import Mention, Quote
from ..text.persian import mostly_persian
from ..text.split import sentences
from .cues import common_words
from .marks import marked_spans as _marked_spans
from .people import SPEECH
from .persian_voices import persian_quotes
from .referents import find_referents
from .sieves import attribute, named_speaker

MIN_WORDS = 4
SUBJECT_OF_VERB = re.compile(rf"(?:,[^“”\"‘,]{{1,160}},)?\s+(?:also\s+)?(?:{SPEECH})\b[^“”\"‘.;:!?]*$")
TOKEN_WORD = re.compile(r"[^\W\d_]+")


def find_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Every quotation of `text` with its speaker's person id (or None)."""
    if mostly_persian(text):
        return persian_quotes(text, mentions)  # «…» and Persian speech verbs: persian_voices.py
    spans = quote_spans(text)
    short = _ShortQuotes(text, spans, mentions)
    lower = common_words(text)
    long = set(spans)
    kept = [(start, end) for start, end in _marked_spans(text)
            if (start, end) in long or short.speaker(start, end) or named_speaker(text, start, end, mentions, lower)]
    return attribute(text, kept, mentions, find_referents(text, mentions, kept))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations of four words or more (shorter ones need a named speaker: see find_quotes)."""
    return [s for s in _marked_spans(text) if len(text[s[0]:s[1]].split()) >= MIN_WORDS]


class _ShortQuotes:
    """Whether a 1-3 word quotation is someone's: a named person is the subject of the speech verb before it."""

    def __init__(self, text: str, spans: list[tuple[int, int]], mentions: list[Mention]) -> None:
        self.text = text
        self.spans = spans
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.sentence_starts = [s for s, _ in sentences(text)]

    def speaker(self, start: int, end: int) -> str | None:
        words = TOKEN_WORD.findall(self.text[start:end])
        if not words or all(w[0].isupper() for w in words):
            return None  # a name or a title ("Death Commission", "Movement for Justice")
        i = bisect.bisect_right(self.sentence_starts, start) - 1
        sentence_start = self.sentence_starts[i] if i >= 0 else 0
        for m in self.mentions[bisect.bisect_left(self.starts, sentence_start):]:
            if m.start >= start:
                break
            if SUBJECT_OF_VERB.match(self.text[m.end:start]) and not self._quoted(m.start, start, end):
                return m.person
        return None

    def _quoted(self, pos: int, start: int, end: int) -> bool:
        """Inside another quotation, one that does not also hold the quotation text[start:end]."""
        return any(s < pos < e and not (s <= start and end <= e) for s, e in self.spans)
