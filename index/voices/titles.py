"""The title a compact citation shows, which must never read as someone speaking.

"Robertson: “Worst Crime …”" under an excerpt reads as if Robertson said it
(or, after "Morgan Ortagus, quoted in:", as if Robertson quoted her), though
the words may be the article writer's. A title that leads with a person's
name and a colon ("Robertson: …") or a verb of saying ("Robertson says …") is
used for compact citations only when that person wrote the document (its
publisher); otherwise the full title serves, and if it leads the same way,
the title after that lead. The full title stays on the document's card.
"""

from __future__ import annotations

import re

from ..models import Document
from .people import Registry

SAYING = r"says|said|tells|told|warns|urges|calls|declares|insists|vows|argues|writes|wrote|claims|asks"
COLON_LEAD = re.compile(r"^\s*(?P<lead>[^:“”\"‘’«»\d]{2,60}?)\s*:\s+(?=\S)")
SAYING_LEAD = re.compile(rf"^\s*(?P<lead>[^:“”\"‘’«»\d]{{2,60}}?)\s+(?:{SAYING})\b")


def speaker_lead(title: str, registry: Registry) -> re.Match | None:
    """The lead of a title that names a person as if speaking: "Robertson: …", "Khamenei says …"."""
    for pattern in (COLON_LEAD, SAYING_LEAD):
        m = pattern.match(title)
        if m and _names_a_person(m.group("lead"), registry):
            return m
    return None


def citation_title(d: Document, registry: Registry) -> str:
    """The first of short title, title and the title after its lead that does not read as someone else speaking."""
    author = {m.person for m in registry.mentions(d.publisher or "")}
    lead = None
    for title in (t for t in (d.short_title, d.title) if t):
        lead = speaker_lead(title, registry)
        if lead is None or {m.person for m in registry.mentions(lead.group("lead"))} <= author:
            return title
    return (d.title[lead.end():].strip() if lead else "") or d.title  # the last tried is the full title


def _names_a_person(lead: str, registry: Registry) -> bool:
    """Whether the lead is a person's name (every word capitalised, one a known person), not "Iran" or "UN report"."""
    words = lead.split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w.lower() in PARTICLES for w in words) \
        and bool(registry.mentions(lead))


PARTICLES = {"al-", "al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "du", "la", "le", "der", "den", "ter"}
