"""Turn the raw text of a document into the one cleaned text users see.

The cleaned text is the reference for every excerpt: answers quote
`cleaned[start:end]` and nothing else. Cleaning only removes page furniture
and undoes line-wrapping; it never rewords, and it keeps quote marks and
dashes as the source wrote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import hijri

# Whole lines that are page furniture, not content.
FURNITURE = [
    re.compile(p, re.I)
    for p in (
        r"\d{2,4}\s*[x×]\s*\d{2,4}",  # ad slot sizes: "728 x 90"
        r"tags?:[\s,]*",  # empty tag lists: "Tags: , , ,"
        r"(?:social media|share|sharing).*(?:icons|buttons).*",
        r"(?:advertisement|xml sitemap|print|share this|tweet|email)",
        r"staff writer",
        r".*all rights reserved.*",
        r"copyright\s*(?:©|\(c\)).*",
    )
]
BYLINE = re.compile(r"(?:reporting|written|posted)\s+by\s+(?P<who>.+)", re.I)
COPYRIGHT = re.compile(r"copyright\s*(?:©|\(c\))\s*(?:\d{4}\s*)?(?P<who>[^|.]+?\.\w+|[^|]+?)(?:\.|\s*all rights|\s*\||$)", re.I)

# " 1  https://example.org/x." : a footnote of a PDF export.
FOOTNOTE = re.compile(r"(?P<n>\d{1,3})\s+(?:https?://|www\.)\S*")
URL_LINE = re.compile(r"(?:https?://|www\.)\S+")
LINE_END = re.compile(r"""[.!?:؟]["”’')\]»]*$""")  # ؟ and »: a Persian question, a Persian quotation's end
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Not ZWNJ/ZWJ (U+200C/D): Persian spelling needs them (خانواده‌ها is not خانوادهها), and emoji.
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
# Words written with a full stop that come before more of the sentence: a line ending "Prof." goes on.
GOES_ON = {"mr", "mrs", "ms", "dr", "prof", "sir", "st", "gen", "col", "lt", "capt", "sgt", "rev", "hon", "no", "nos",
           "vs", "e.g", "i.e", "cf", "fig", "art", "para", "pp", "vol", "amb", "gov", "sen", "rep", "pres"}
NUMBERED = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]")  # a numbered heading or contents entry
LAST_WORD = re.compile(r"(?:^|[\s(“\"'])([\w.]+)\.$")


@dataclass
class Cleaned:
    text: str
    byline: str | None = None  # "PMOI/MEK" from "Reporting by PMOI/MEK"
    copyright: str | None = None  # "MEK-Iran.com" from the footer
    dropped: list[str] = field(default_factory=list)  # furniture lines removed


def clean(raw: str, paragraphs: bool = False) -> Cleaned:
    """Return the cleaned text of a document: paragraphs separated by one blank line.

    `paragraphs`: the extractor already made each line a paragraph (a PDF laid out again): keep them.
    """
    out = Cleaned(text="")
    raw_lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_tidy(line) for line in raw_lines]
    # PDF exports indent headings and titles; body lines start at the margin.
    indented = {_tidy(line) for line in raw_lines if re.match(r" {2,}\S", line)}
    lines, footnotes = _drop_footnotes(lines)
    lines = _drop_furniture(lines, out)
    lines = _drop_repeats(lines)
    blocks = [line for line in lines if line] if paragraphs else _paragraphs(lines, indented)
    text = "\n\n".join(_fix_spacing(p) for p in blocks if p)
    if footnotes:
        text = _drop_markers(text, footnotes)
    out.text = text
    return out


def _tidy(line: str) -> str:
    return SPACES.sub(" ", INVISIBLE.sub("", line)).strip()


def _drop_footnotes(lines: list[str]) -> tuple[list[str], list[int]]:
    """Remove footnote blocks (" 1  https://...", bare URL lines, their wrapped tails)."""
    kept, numbers, in_block = [], [], False
    for line in lines:
        note = FOOTNOTE.fullmatch(line)
        if note or URL_LINE.fullmatch(line):
            if note:
                numbers.append(int(note["n"]))
            in_block = True
            continue
        if in_block and line and " " not in line:
            continue  # the wrapped tail of a long URL: "docx."
        if line:
            in_block = False
        kept.append(line)
    return kept, numbers


def _drop_furniture(lines: list[str], out: Cleaned) -> list[str]:
    kept = []
    for line in lines:
        if by := BYLINE.fullmatch(line):
            out.byline = out.byline or by["who"].strip()
        elif line and (c := COPYRIGHT.match(line)):
            out.copyright = out.copyright or c["who"].strip()
        if line and (by or any(p.fullmatch(line) for p in FURNITURE)):
            out.dropped.append(line)
            continue
        kept.append(line)
    return kept


def _drop_repeats(lines: list[str]) -> list[str]:
    """Drop a line repeating the previous one, and short labels repeated anywhere.

    Web pages repeat a headline or deck on two lines, and category labels
    ("1988 massacre of political prisoners in Iran") around the headline.
    """
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    kept: list[str] = []
    previous = None
    for line in lines:
        if not line:
            kept.append(line)
            continue
        is_label = len(line) < 80 and not LINE_END.search(line)
        if line == previous or (is_label and counts[line] > 1):
            continue
        kept.append(line)
        previous = line
    return kept


def _paragraphs(lines: list[str], indented: set[str]) -> list[str]:
    """Group lines into paragraphs, undoing the hard wraps of PDF and plain-text exports.

    Blank lines say nothing (PDF exports put one after every line); a line goes on the paragraph before it
    when the line before it (not the paragraph so far, which may be long) was cut at the wrap width or mid-sentence.
    """
    body = [line for line in lines if line]
    if not body:
        return []
    if not _hard_wrapped(body):
        return body
    width = _wrap_width(body)
    paragraphs: list[list[str]] = []
    previous, heading = "", False
    for line in body:
        if previous and line not in indented and _continues(previous, line, width, heading):
            add_line(paragraphs[-1], line)
        else:
            paragraphs.append([line])
            heading = line in indented
        previous = line
    return ["".join(parts) for parts in paragraphs]


def _hard_wrapped(body: list[str]) -> bool:
    """True when lines were cut at a width rather than at paragraph ends."""
    if len(body) < 4:
        return False
    if sum(1 for line in body if len(line) > 250) >= 0.05 * len(body):
        return False  # a web page copied as text: a paragraph per line, whatever the short lines around it
    unfinished = sum(1 for line in body if not LINE_END.search(line) or ends_with_abbreviation(line))
    return unfinished / len(body) >= 0.4 and _wrap_width(body) < 200


def _wrap_width(body: list[str]) -> int:
    lengths = sorted(len(line) for line in body)
    return lengths[int(0.9 * (len(lengths) - 1))]


def _continues(previous: str, line: str, width: int, heading: bool) -> bool:
    if hijri.DATELINE.match(line):
        return False  # "تهران — ۱۰ شهریور ۱۴۰۲": where and when a story was filed opens its own paragraph
    if ends_with_abbreviation(previous):
        return True
    if LINE_END.search(previous):
        return False
    if len(previous) < 0.6 * width and NUMBERED.match(line):
        return False  # "Contents" / "1 History" / "2.1 Fish": a table of contents, one entry a line
    if line[0].islower() or line[0].isdigit() or line[0] in ",.;:)]":
        return True
    if heading:  # a wrapped heading goes on in lower case only
        return False
    # A full-width line was wrapped; a short one is a heading or a paragraph end.
    return previous.endswith("-") or len(previous) >= 0.6 * width


def ends_with_abbreviation(text: str) -> bool:
    """The line ends with a word like "Prof." or "Dr.", which does not end a sentence."""
    m = LAST_WORD.search(text)
    return m is not None and m.group(1).lower() in GOES_ON


def add_line(parts: list[str], line: str) -> None:
    """Add `line` to a paragraph kept as its lines' parts, the last part its last line: joining touches
    that line only, so a paragraph of ten thousand lines costs ten thousand joins, not their square."""
    merged = join_lines(parts[-1], line)
    parts[-1] = merged[:len(merged) - len(line)]  # the line before, its line-break hyphen gone, a space added
    parts.append(line)


def join_lines(previous: str, line: str) -> str:
    """Two lines of one paragraph as one: a line-break hyphen goes, a compound's hyphen stays."""
    if previous.endswith("\u00ad"):  # a soft hyphen is only ever a line-break hyphen
        return previous[:-1] + line
    if previous.endswith("-") and not previous.endswith(" -"):
        head = re.search(r"(\w+)-$", previous)
        tail = re.match(r"\w+", line)
        if head and tail and _is_broken_word(head[1], tail[0]):
            return previous[:-1] + line
        return previous + line
    return previous + " " + line


def _is_broken_word(head: str, tail: str) -> bool:
    """"teen-" + "agers" was one word; "fact-" + "finding" is a hyphenated compound."""
    freq = english_word_frequency()
    joined = (head + tail).lower()
    return freq[joined] > 0 and freq[joined] >= freq[tail.lower()]


@lru_cache(maxsize=1)
def english_word_frequency():
    """How often each English word occurs (pyspellchecker's list), loaded once on first use (~0.5 s),
    at index time for a hyphenated line break (answers keep only its common words: people.common_english_words)."""
    from spellchecker import SpellChecker

    return SpellChecker(distance=1).word_frequency


def _fix_spacing(paragraph: str) -> str:
    paragraph = SPACES.sub(" ", paragraph)
    paragraph = re.sub(r"(?<=\w) +(?=[:;,](?:\s|$))", "", paragraph)  # "Assembly :" -> "Assembly:"
    paragraph = re.sub(r"(?<=\w\))(?=[A-Z][a-z])", " ", paragraph)  # "(MEK)These" -> "(MEK) These"
    return paragraph.strip()


def _drop_markers(text: str, numbers: list[int]) -> str:
    """Remove footnote markers glued to words ("called on1 the", "in 20172 by").

    Markers appear in order, so each is searched for after the previous one;
    this keeps real numbers ("Ashraf 3", "30,000") intact.
    """
    pos = 0
    for n in sorted(set(numbers)):
        marker = re.compile(rf"(?:(?<=[^\W\d_])|(?<=[)”’\"])|(?<=\b(?:19|20)\d\d)){n}(?=[\s,.;:)”’\"]|$)")
        found = marker.search(text, pos)
        if not found:
            continue
        text = text[: found.start()] + text[found.end():]
        pos = found.start()
    return re.sub(r"(?<=\w) +(?=[:;,](?:\s|$))", "", text)
