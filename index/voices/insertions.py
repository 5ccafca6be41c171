"""Words a publisher puts inside someone's quotation: "The fatwa [decree] issued by [regime founder X] …".

Square brackets inside a voice mark words the document adds to the speaker's (a gloss, a name, "[sic]",
"[applause]"): they are the publisher's, not the speaker's. Found from the excerpt itself, so nothing
is stored; brackets in the document's own text (outside every voice) are its author's and not marked.
"""

from __future__ import annotations

import re

from ..models import Voice

BRACKETED = re.compile(r"\[[^\[\]\n]{1,160}\]")


def inserted(text: str, start: int, voices: list[Voice]) -> list[tuple[int, int]]:
    """The bracketed insertions of `text` (which starts at document offset `start`) that lie inside a voice,
    as document offsets."""
    found = [(start + m.start(), start + m.end()) for m in BRACKETED.finditer(text)]
    return [(s, e) for s, e in found if any(v.start < s and e < v.end for v in voices)]
