"""A "how many" question answered with figures: every number the documents give near the words asked, each in
its own excerpt with its source, date and speaker, side by side.

The documents' figures differ (the 1988 massacre's toll is disputed between sources), so none is added up,
averaged or picked: each is shown as its source gives it, earliest source first. A figure counts when the
sentence that gives it also holds every word asked (in a form it is meant in: meant.py); years, days of a
month and lengths of time are not figures of the thing asked ("38 years", "July 19", "1988").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import Answer
from ..store.search import Hit, hit, top_ids
from ..text.analysis import MONTHS, analysed
from . import meant
from .messages import phrase, said
from .results import from_hit

if TYPE_CHECKING:
    from ..text.glossary import Glossary
    from .corpus import Corpus

HOW_MANY = re.compile(r"^\s*how\s+(?:many|much)\b", re.I)
HOW_MANY_FA = re.compile(r"(?:^|\s)(?:چند|چه\s*تعداد|چه\s*شمار|چقدر)(?:\s|$)")
PASSAGES = 200  # passages read for figures at most: every figure of a small collection, the best of a big one

_SPELT = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty "
          "seventy eighty ninety hundred").split()
_QUALIFIER = (r"(?:(?:more|fewer|less) than|over|about|around|some|at least|nearly|almost|up to|as many as|"
              r"approximately|an estimated|roughly|close to|tens of|hundreds of|several|many)\s+")
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:thousand|hundred|million))?|" \
          rf"(?:{'|'.join(_SPELT)})(?:[\s-]+(?:{'|'.join(_SPELT)}))*\s+(?:thousand|hundred|million)|" \
          r"thousands|hundreds|dozens)"
FIGURE = re.compile(rf"\b(?:{_QUALIFIER})*{_NUMBER}\b", re.I)
_TIME = re.compile(r"^[\s-]*(?:years?|months?|days?|weeks?|hours?|minutes?|decades?|centuries|century|"
                   r"times|th|st|nd|rd|%|percent)\b", re.I)
_MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS)})\.?\s*$", re.I)
_NAMED = re.compile(r"\b[A-Z][\w’'-]*\s+$")  # "Resolution 598", "Ashraf 3": a name's number, not a count


def asks_how_many(text: str) -> bool:
    """Whether a question asks for a number: "how many …", "how much …", Persian چند, چه تعداد."""
    return bool(HOW_MANY.match(text) or HOW_MANY_FA.search(text))


def figures_in(sentence: str) -> list[str]:
    """The figures a sentence gives, as written ("more than 30,000", "thousands"): no years, dates or durations."""
    out = []
    for m in FIGURE.finditer(sentence):
        digits = re.sub(r"\D", "", m.group())
        before, after = sentence[:m.start()], sentence[m.end():]
        if _TIME.match(after) or _MONTH.search(before) or re.match(r"\s*,?\s*(?:19|20)\d\d\b", after):
            continue  # a duration, or a date ("July 19", "19 July 1988")
        if re.match(r"\s*(?:" + "|".join(MONTHS) + r")\b", after, re.I):
            continue
        if m.group().isdigit() and (len(digits) == 4 and 1900 <= int(digits) <= 2100 or _NAMED.search(before)):
            continue  # a year, or a name's number
        if re.search(r"[\d/-]$", before) or re.match(r"[-/]\d", after):
            continue  # part of a range of years or a date ("2018-2020")
        if m.group().isdigit() and len(digits) == 2 and (re.search(r"(?:\bin|[’'])\s*$", before)
                                                          or re.match(r"\s+massacre", after, re.I)):
            continue  # a year in two digits ("the 88 massacre", "in 88")
        out.append(m.group())
    return out


def answer(corpus: Corpus, glossary: Glossary, text: str, asked: str, optional: frozenset[str], limit: int,
           ) -> Answer | None:
    """The figures the documents give for `asked`; None when no sentence gives one (a search answers instead)."""
    gen = corpus.generation
    words = meant.read(gen, glossary, asked, optional | frozenset({"people", "number", "many", "much"}))
    q = meant.every(words, meant.MEANT)
    if q is None:
        return None
    searched = meant.terms(words)
    found: list[tuple[Hit, list[str]]] = []
    for n, score in top_ids(gen, q, PASSAGES):
        h = hit(gen, n, score)
        if corpus.is_heading(h.doc, h.start, h.end):
            continue
        for s, e in h.sentences:
            sentence = h.excerpt[s - h.start:e - h.start]
            said_terms = set(analysed(sentence))
            if all(w.in_terms(said_terms, meant.MEANT) for w in words if w.required) and (given := figures_in(sentence)):
                found.append((replace(h, start=s, end=e, excerpt=sentence, sentences=[[s, e]]), given))
    if not found:
        return None
    found = _distinct(sorted(found, key=lambda f: (*corpus.documents[f[0].doc].chronology(), f[0].doc, f[0].start)))
    shown = found[:limit]
    results = [replace(from_hit(corpus, h, searched), figures=given) for h, given in shown]
    first: dict[str, str] = {}  # each figure once, as first written ("thousands", not "Thousands" too)
    for g in (g for _, given in shown for g in given):
        first.setdefault(g.lower(), g)
    listed = "; ".join(first.values())
    about = re.sub(r"(?i)^\s*(?:many|much)\s+", "", asked)  # "how" was left out as a question word
    message = [phrase("answer.figures.found", query=about, count=len(shown), figures=listed), *meant.notes(words)]
    return said("search", text, *message, results=results, matched_all=len(results),
                searched_as=meant.to_json(words))


def _distinct(found: list[tuple[Hit, list[str]]]) -> list[tuple[Hit, list[str]]]:
    """One entry per sentence: a sentence whose passages overlap is given once."""
    seen: set[tuple[str, int]] = set()
    out = []
    for h, given in found:
        if (h.doc, h.start) not in seen:
            seen.add((h.doc, h.start))
            out.append((h, given))
    return out

