"""A question's numbers and dates, read as the documents write them, and the notes that say so.

Before a search or /source runs, number words become digits ("thirty thousand", "۳۰ هزار" →
30000: index/text/numbers.py), and a Solar Hijri year that no document mentions as typed becomes the
Gregorian year it means ("1367" → 1988, "mordad 1367" → July August 1988: index/text/hijri.py; a
question in Persian script has its years read with its words, by persian_questions.py). The
answer always says what was searched instead of the words typed: never silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Phrase
from ..store.search import doc_frequency
from ..text import hijri, numbers
from ..text.analysis import TOKEN, term
from ..text.persian import is_persian
from .messages import phrase

if TYPE_CHECKING:
    from ..store.generations import Generation


@dataclass
class Reading:
    text: str  # what to search
    notes: list[Phrase] = field(default_factory=list)  # how the question's words were read, for the answer


def read(gen: Generation, text: str) -> Reading:
    """`text` with number words in digits and unmentioned Solar Hijri years as Gregorian ones."""
    found = numbers.read(text, TOKEN)
    notes = [phrase("answer.read.number", words=words, number=number) for words, number in found.numbers]
    if is_persian(found.text):  # a Persian question's years are read with its words (persian_questions.py)
        return Reading(found.text, notes)
    searched, dates = _gregorian(gen, found.text)
    return Reading(searched, notes + dates)


def _gregorian(gen: Generation, text: str) -> tuple[str, list[Phrase]]:
    """Solar Hijri years (1300-1410) that no document mentions, with the month before them if one is named."""
    tokens = list(TOKEN.finditer(text))
    out, notes, at = [], [], 0
    for i, tok in enumerate(tokens):
        year = _year(tok.group())
        if year is None or doc_frequency(gen, term(tok.group()) or ""):
            continue
        before = tokens[i - 1] if i and tok.start() >= at else None
        month = hijri.month_number(before.group()) if before else None
        if before is not None and month is not None:
            first, second, start, end = hijri.gregorian_month(year, month)
            english = f"{first} {second} {start}" + (f" {end}" if end != start else "")
            date = text[before.start():tok.end()]
            notes.append(phrase("answer.read.hijri_month", date=date, months=f"{first}–{second}",
                                years=f"{start}" if end == start else f"{start}–{end}"))
            out += [text[at:before.start()], english]
        else:
            english = str(hijri.gregorian_year(year))
            notes.append(phrase("answer.read.hijri", year=tok.group(), start=english, end=str(int(english) + 1)))
            out += [text[at:tok.start()], english]
        at = tok.end()
    return "".join(out) + text[at:], notes


def _year(token: str) -> int | None:
    folded = term(token) or ""
    return int(folded) if folded.isascii() and folded.isdigit() and int(folded) in hijri.YEARS else None  # not "²"
