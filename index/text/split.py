"""Split a cleaned text into sentences and short passages, as offsets.

A passage is 1-3 sentences of one paragraph, at most `MAX_CHARS` long: a
complete thought that fits a phone screen. Offsets index the cleaned text,
so `text[start:end]` is always the exact excerpt.

A regular expression with an abbreviation list does the job here: it is
exact about offsets, needs no model, and splits a million passages in
seconds (sentence-splitting libraries measured 20-50x slower).
"""

from __future__ import annotations

import re

MAX_CHARS = 400
MAX_SENTENCES = 3

# Words that end with a full stop without ending a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sir", "st", "jr", "sr", "gen", "col", "lt", "capt", "sgt",
    "rev", "hon", "no", "nos", "vs", "etc", "e.g", "i.e", "cf", "u.s", "u.n", "u.k", "e.u",
    "inc", "ltd", "co", "corp", "art", "para", "p", "pp", "vol", "fig", "approx", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
# Persian too: ؟ ends a question, » a quotation, and a sentence begins with any Arabic-script letter or «.
BOUNDARY = re.compile(r"""[.!?…؟]+["”’')\]»]*(?=\s+["“‘'(\[«]?[A-Z0-9…\u0621-\u06ff])|\n\n""")
WORD_BEFORE = re.compile(r"([\w.]+)\.$")
ENDS = ".!?…؟"  # what ends a sentence (؟: the Persian question mark)...
CLOSERS = "\"”’')]»"  # ...before the quotation marks and brackets it closes
CLAUSE = re.compile(r"(?:[;:]|\s[–—-]\s|—|,)\s")

Span = tuple[int, int]


def sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, never crossing a paragraph break, trimmed of spaces."""
    spans: list[Span] = []
    start = 0
    for m in BOUNDARY.finditer(text):
        if m.group() != "\n\n" and _is_abbreviation(text, m.start(), m.group()):
            continue
        _add(spans, text, start, m.end() if m.group() != "\n\n" else m.start())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def passages(text: str, max_chars: int = MAX_CHARS) -> list[tuple[Span, list[Span]]]:
    """Passages as (span, sentence spans), packing sentences of one paragraph."""
    out: list[tuple[Span, list[Span]]] = []
    units = [u for s in sentences(text) for u in _clauses(text, s, max_chars)]
    group: list[Span] = []
    for unit in units:
        if group and _fits(text, group, unit, max_chars):
            group.append(unit)
            continue
        if group:
            out.append(((group[0][0], group[-1][1]), group))
        group = [unit]
    if group:
        out.append(((group[0][0], group[-1][1]), group))
    return out


def starts_mid_sentence(text: str, start: int) -> bool:
    """Whether text[start:] begins inside a sentence: after a clause cut, or a paragraph that goes on from the last.

    The excerpt itself is never changed; the rendering puts "…" before it so a reader knows words came first.
    """
    end = min(start, len(text))  # before it: text[:end], text[:start] without the spaces and tabs it ends with
    while end and text[end - 1] in " \t":
        end -= 1
    if not end:
        return False
    if text[end - 1] == "\n":  # a paragraph's start: mid-sentence only if it opens in lower case ("which was…")
        return text[start:start + 1].islower()
    # Read back from there, not the whole text before (an excerpt far into a document): the last character that
    # closes no quotation or bracket must end a sentence.
    last = end - 1
    while last >= 0 and text[last] in CLOSERS:
        last -= 1
    if last < 0 or text[last] not in ENDS:
        return True
    return text[end - 1] == "." and _is_abbreviation(text, end - 1, ".")  # "Dr." ends no sentence


def _fits(text: str, group: list[Span], unit: Span, max_chars: int) -> bool:
    same_paragraph = "\n\n" not in text[group[-1][1]:unit[0]]
    return same_paragraph and len(group) < MAX_SENTENCES and unit[1] - group[0][0] <= max_chars


def _is_abbreviation(text: str, end: int, mark: str) -> bool:
    if not mark.startswith(".") or mark.startswith(".."):
        return False
    m = WORD_BEFORE.search(text, max(0, end - 12), end + 1)
    if not m:
        return False
    word = m.group(1).lower()
    # "A." and "J.R.R." are initials; "U.S." and "Mrs." are listed.
    return word in ABBREVIATIONS or len(word.replace(".", "")) == 1


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _clauses(text: str, span: Span, max_chars: int) -> list[Span]:
    """Cut an over-long sentence at clause boundaries (; : — ,) into pieces <= max_chars."""
    start, end = span
    pieces: list[Span] = []
    while end - start > max_chars:
        cuts = [m.end() for m in CLAUSE.finditer(text, start + max_chars // 3, start + max_chars)]
        cut = cuts[-1] if cuts else _last_space(text, start, start + max_chars)
        _add(pieces, text, start, cut)
        start = cut
    _add(pieces, text, start, end)
    return pieces


def _last_space(text: str, start: int, limit: int) -> int:
    space = text.rfind(" ", start + 1, limit)
    return space + 1 if space > start else limit
