"""Which excerpts best say who a person is, ranked once at build time.

A sentence describes a person when it names them and then says what they
are: an appositive ("Kumi Naidoo, Secretary General of Amnesty
International"), a role word near the name ("spokesperson Morgan Ortagus"),
or "X was a/the ...". Mentions inside someone else's quotation count less.
"""

from __future__ import annotations

import bisect
import re

from .models import Mention
from .people import APPOSITIVE, IDENTITY_AFTER, ROLES, TOKEN, fold

KEEP = 20  # excerpts kept per person


def describing_excerpts(doc_id: str, text: str, units: list[tuple[int, int]], mentions: list[Mention],
                        quoted: list[tuple[int, int]]) -> dict[str, list[dict]]:
    """For each person mentioned in one document: candidate excerpts with a descriptiveness score."""
    starts = [s for s, _ in units]
    out: dict[str, dict[tuple[int, int], dict]] = {}
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or units[i][1] < m.end:
            continue
        start, end = units[i]
        score = _score(text, m, start, end, quoted)
        best = out.setdefault(m.person, {}).get((start, end))
        if not best or best["score"] < score:
            out[m.person][(start, end)] = {"doc": doc_id, "start": start, "end": end,
                                          "excerpt": text[start:end], "score": score}
    return {pid: list(found.values()) for pid, found in out.items()}


def rank(candidates: list[dict]) -> list[dict]:
    """Most descriptive first, one per document before any second from the same document."""
    ordered = sorted(candidates, key=lambda c: (-c["score"], c["doc"], c["start"]))
    firsts: list[dict] = []
    rest: list[dict] = []
    seen = set()
    for c in ordered:
        (rest if c["doc"] in seen else firsts).append(c)
        seen.add(c["doc"])
    return (firsts + rest)[:KEEP]


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
