"""Which lines of a document are headings: titles and section heads, not sentences it asserts.

A heading is a whole paragraph of one line that no sentence punctuation
ends ("The 1988 massacre, 32 years later", "An ongoing massacre"), short
enough to be a head, or the document's own title line whatever ends it.
Decided once at build time, so search, /source, /quote, /who and inline
mode all agree on what is a heading; the answer layer marks results that lie
in one (`Result.heading`) and shows them only where nothing else says it.

A dateline ("Iran, August 28, 2021—") opening a paragraph is no heading, but
no evidence either: `without_datelines` leaves it out where words are counted.

Kept out on purpose: a line ending in a comma ("Good evening, Madam Rajavi,")
or a closing quote, which goes on or quotes someone; a list item; a long line
that merely lost its full stop.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence

from .hijri import DATELINE as PERSIAN_DATELINE
from .split import sentences

MAX_WORDS = 20  # longer than any section head or deck line in the corpus; a sentence that lost its stop is longer
ENDS_SENTENCE = tuple(".!?…:;,") + tuple("”\"’'»")  # punctuation, or a closing quote: words go on or are quoted
LIST_ITEM = re.compile(r"^(?:[-–—•*▪●]|\d{1,3}[.)])\s")
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")  # the cleaned text separates paragraphs with a blank line

Span = tuple[int, int]
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# "Iran, August 28, 2021—", "PARIS, 3 March 2021 -": where and when the piece was filed, at a paragraph's start
DATELINE = re.compile(rf"^[ \t]*(?:[A-Z][\w.’' -]{{0,40}},[ \t]+)?(?:{MONTH}[ \t]+\d{{1,2}},?|\d{{1,2}}[ \t]+{MONTH})[ \t]+"
                      rf"\d{{4}}[ \t]*(?:—|–|--|-)[ \t]*", re.M)


def is_heading(paragraph: str, title: str = "") -> bool:
    """Whether one paragraph of cleaned text is a heading (see the module's docstring)."""
    line = paragraph.strip()
    if not line or "\n" in line:
        return False
    if title and _same(line, title):
        return True
    if line.endswith(ENDS_SENTENCE) or LIST_ITEM.match(line):
        return False
    return len(line.split()) <= MAX_WORDS and len(sentences(line)) == 1


def heading_spans(text: str, title: str = "") -> list[Span]:
    """The headings of a document, as (start, end) offsets of its cleaned text, in order."""
    out = []
    for m in PARAGRAPH.finditer(text):
        if is_heading(m.group(), title):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            out.append((start, m.start() + len(m.group().rstrip())))
    return out


def without_datelines(text: str) -> str:
    """`text` with its datelines blanked (same length): a dateline says when a piece was filed, not what happened
    then, so "August 1988" is no match for "Iran, August 28, 2021—… Iran’s 1988 massacre"."""
    blank = DATELINE.sub(lambda m: " " * len(m.group()), text)
    return PERSIAN_DATELINE.sub(lambda m: " " * len(m.group()), blank)


def within(spans: Sequence[Span], start: int, end: int) -> bool:
    """Whether text[start:end] lies inside one of `spans` (headings never share a paragraph with a sentence).
    `spans` are in order and apart, as heading_spans gives them: only the last to start by `start` can hold it."""
    at = bisect_right(spans, (start, math.inf)) - 1
    return at >= 0 and end <= spans[at][1]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
