"""Which excerpts best say who a person is, ranked once at build time.

A sentence describes a person when it names them and then says what they
are: an appositive ("Kumi Naidoo, Secretary General of Amnesty
International"), a role word near the name ("spokesperson Morgan Ortagus"),
or "X was a/the ...". Mentions inside someone's words (a quotation, a speech
reproduced in full) count less: they are what a speaker says, not the text.

Two kinds of line name a person without saying who they are:
  - a lead-in, which only carries their words: a sentence that ends with a
    colon after the name, introducing words an excerpt of it does not show
    ("Zeid Ra'ad Al Hussein told NGOs on 9 March 2018:"), or a quotation
    whose only other words say who said it ("“…,” he said."). It keeps what
    it says of them but ranks after a real description of the same strength.
    A sentence that also describes them ("X, who ..., told the commission:
    “…”") is judged by what it says of them, like any other;
  - a heading (index/text/headings.py), which the document does not assert: it
    is kept only for a person no other line names.
"""

from __future__ import annotations

import bisect
import re

from ..models import Mention, WhoRow
from ..text.headings import within
from .people import APPOSITIVE, IDENTITY_AFTER, ROLES, SPEECH, TOKEN, fold

KEEP = 20  # excerpts kept per person
LEAD_IN = 3.0  # what a lead-in loses: as much as an appositive gives, so it never outranks a description of its kind
TAG_WORDS = 6  # "Mrs. Rajavi said in her keynote address": words of a speaker tag, besides the quotation and name
SPEECH_VERB = re.compile(rf"\b(?:{SPEECH})\b", re.I)

Span = tuple[int, int]


def describing_excerpts(doc_id: str, text: str, units: list[Span], mentions: list[Mention],
                        quoted: list[Span], headings: list[Span]) -> dict[str, list[dict]]:
    """For each person mentioned in one document: candidate excerpts with a descriptiveness score.

    quoted: quotations and speeches (a mention inside one counts less); headings: the document's headings.
    """
    starts = [s for s, _ in units]
    out: dict[str, dict[Span, dict]] = {}
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or units[i][1] < m.end:
            continue
        start, end = units[i]
        lead_in = _only_speech(text, m, start, end, quoted)
        score = _score(text, m, start, end, quoted) - (LEAD_IN if lead_in else 0)
        best = out.setdefault(m.person, {}).get((start, end))
        if not best or best["score"] < score:
            out[m.person][(start, end)] = {"doc": doc_id, "start": start, "end": end, "excerpt": text[start:end],
                                          "score": score, "lead_in": lead_in,
                                          "heading": within(headings, start, end)}
    return {pid: list(found.values()) for pid, found in out.items()}


def rank(candidates: list[dict]) -> list[WhoRow]:
    """Most descriptive first (a description before a lead-in of equal score), one per document before any
    second from the same document; headings only when nothing else names the person."""
    said = [c for c in candidates if not c["heading"]] or candidates
    ordered = sorted(said, key=lambda c: (-c["score"], c["lead_in"], c["doc"], c["start"]))
    firsts: list[dict] = []
    rest: list[dict] = []
    seen = set()
    for c in ordered:
        (rest if c["doc"] in seen else firsts).append(c)
        seen.add(c["doc"])
    return [WhoRow(c["doc"], c["start"], c["end"], c["excerpt"], c["score"]) for c in (firsts + rest)[:KEEP]]


def _only_speech(text: str, m: Mention, start: int, end: int, quoted: list[Span]) -> bool:
    """Whether the sentence naming the person at `m` only carries their words: it ends with a colon after the
    name ("X told the Council:"), introducing words it does not show, or all it says besides a quotation is
    who said it ("“…,” he said.", "She said: “…”")."""
    if text[m.end:end].rstrip().endswith(":"):
        return True
    if any(s <= m.start < e for s, e in quoted):
        return False
    inside = sorted((max(s, start), min(e, end)) for s, e in [*quoted, (m.start, m.end)] if s < end and start < e)
    rest, at = [], start
    for s, e in inside:
        rest.append(text[at:s])
        at = max(at, e)
    rest.append(text[at:end])
    words = " ".join(rest)
    return len(TOKEN.findall(words)) <= TAG_WORDS and SPEECH_VERB.search(words) is not None


def _score(text: str, m: Mention, start: int, end: int, quoted: list[tuple[int, int]]) -> float:
    after = text[m.end:min(end, m.end + 90)]
    near = text[max(start, m.start - 60):min(end, m.end + 60)]
    score = 1.0
    if (a := APPOSITIVE.match(after)) and any(fold(w).replace(" ", "-") in ROLES for w in TOKEN.findall(a["rest"])):
        score += 3
    elif re.match(r"^,\s+who\b", after) or IDENTITY_AFTER.match(after):
        score += 2
    if any(fold(w).replace(" ", "-") in ROLES for w in TOKEN.findall(near)):
        score += 1.5
    if " " in text[m.start:m.end]:
        score += 0.5  # a full name reads better than a bare surname
    if any(s < m.start < e for s, e in quoted):
        score -= 2
    return score
