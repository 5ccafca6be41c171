"""Quotation marks paired into spans: “…”, "…", mixed ("…” as published, or “…,“ typed for “…,”) and ‘…’,
within a paragraph.

A quotation whose closing mark never comes in its paragraph runs to the
paragraph end when it opens with a curly mark or the next paragraph opens
with a mark (news continues a quotation over paragraphs that way).
"""

from __future__ import annotations

import re


def marked_spans(text: str) -> list[tuple[int, int]]:
    """Every span between paired quote marks, marks included, sorted by start."""
    spans = []
    for p_start, p_end in _paragraphs(text):
        spans += _double_quoted(text, p_start, p_end) + _single_quoted(text, p_start, p_end)
    return sorted(spans)


def _paragraphs(text: str):
    start = 0
    for m in re.finditer(r"\n\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _double_quoted(text: str, p_start: int, p_end: int) -> list[tuple[int, int]]:
    """One quotation open at a time: “ or " opens it, ” or " closes it, so a straight mark closed by a
    curly one (as published) still pairs."""
    spans, opened = [], None
    for i in range(p_start, p_end):
        c = text[i]
        if opened is None and c in "“\"":
            opened = i
        elif opened is not None and (c in "”\"" or _closes(text, i)):
            spans.append((opened, i + 1))
            opened = None
    if opened is not None and p_end - opened > 1 and (text[opened] == "“" or _next_opens(text, p_end)):
        spans.append((opened, p_end))  # closed in a later paragraph, by convention
    return spans


def _closes(text: str, i: int) -> bool:
    """An opening mark typed where the closing one belongs: after the quotation's last punctuation, before a
    space (`… for her here,“ said Jo Bloggs`)."""
    return text[i] == "“" and text[i - 1:i] in (",", ".", "?", "!") and text[i + 1:i + 2] in (" ", "\n", "")


def _next_opens(text: str, p_end: int) -> bool:
    return text[p_end:p_end + 4].lstrip()[:1] in "“\""


def _single_quoted(text: str, p_start: int, p_end: int) -> list[tuple[int, int]]:
    """‘...’ quotations; ’ is also the apostrophe, so only one followed by a non-letter closes."""
    spans = []
    for m in re.finditer(r"(?<![^\W_])‘", text[p_start:p_end]):
        start = p_start + m.start()
        close = re.compile(r"(?<=\S)’(?![^\W\d_])").search(text, start + 1, p_end)
        if close:
            spans.append((start, close.end()))
    return spans
