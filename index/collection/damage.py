"""Signs that a document's text came out damaged, for the admin's card before they confirm it.

A page whose text was mangled on the way in (lines merged into one long
paragraph, a menu or table of contents left in, quotation marks with no
quotation found between them) gives excerpts that are not the document's
sentences. citebot cannot always tell, so the card says what it sees and the
admin decides: each sign is a name and its numbers; bot/ words it (render.DAMAGE).
"""

from __future__ import annotations

import re

QUOTE_MARKS = re.compile(r"[\"“”«»„]")
MARKS_WITHOUT_QUOTES = 6  # this many quote marks and not one quotation found: quotes were probably broken apart
LONG_PARAGRAPH = 2500  # characters: longer than any paragraph people write, a sign of merged lines
SHORT = 40  # characters: a short line that does not end a sentence (a menu item, a table-of-contents entry)
SHORT_SHARE = 0.4  # of the paragraphs
ENDS = re.compile(r"""[.!?:]["”’')\]]*$""")


def damage_signs(text: str, quotations: int) -> list[dict]:
    """[{"sign": "quote_marks" | "long_paragraph" | "short_lines", …numbers}] for each sign seen; [] if it looks whole."""
    signs = []
    marks = len(QUOTE_MARKS.findall(text))
    if quotations == 0 and marks >= MARKS_WITHOUT_QUOTES:
        signs.append({"sign": "quote_marks", "marks": marks})
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    longest = max((len(p) for p in paragraphs), default=0)
    if longest > LONG_PARAGRAPH:
        signs.append({"sign": "long_paragraph", "chars": longest})
    short = sum(1 for p in paragraphs if len(p) < SHORT and not ENDS.search(p))
    if len(paragraphs) >= 8 and short / len(paragraphs) >= SHORT_SHARE:
        signs.append({"sign": "short_lines", "short": short, "total": len(paragraphs)})
    return signs
