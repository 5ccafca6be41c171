"""A PDF's text as a reader reads it: body paragraphs in order, page furniture set aside.

pypdf's `extract_text` gives each page's text in content-stream order, with
page numbers and running headers inside the sentences they interrupt and two
columns interleaved line by line. Its `visitor_text` hook also gives where each
piece of text sits and its type size, so this module lays the page out again:

1. each page's pieces become rows by their baseline;
2. rows at the top and bottom edge that are page numbers, or that repeat on
   most pages (digits aside), and a table of contents' rows (an entry, dot
   leaders, a page number) are furniture: recorded, not text;
3. a page whose pieces start at two left edges on the same baselines is read
   column by column;
4. lines become paragraphs across line, column and page breaks: a paragraph
   ends at extra space, an indent, a change of type size, or a short line that
   ends a sentence, never at an abbreviation ("Prof.") or a line-break hyphen.

The result is one paragraph per line (`paragraphs`), so the cleaner keeps them
as they are. The first page also gives the title (its largest type, or its
first short lines), and the file's /Title, /Author and /CreationDate are
offered when they look like real values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnreadableFile
from ..text.clean import LINE_END, add_line, ends_with_abbreviation

PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|[ivxlc]{1,6}", re.I)
PAGE_NUMBER_AT_END = re.compile(rf"(?<=\s)(?:{PAGE_NUMBER.pattern})$", re.I)
# A contents row's end: dot leaders (". . . ." or "........"), then a page number.
LEADERS = re.compile(r"(?:(?:\. ){4,}|\.{8,}) ?\.? ?(?:\d{1,4}|[ivxlc]{1,6})$", re.I)
MARKER = re.compile(r"[\d*†‡§,]{1,6}")  # a footnote marker set small and raised
WORD_GAP = 200  # thousandths of an em: a TJ offset this wide is a space between words (kerning: under ~120)
QUARTER_EM = 250  # thousandths of an em
LEAP = 10_000.0  # a TJ offset wider than any font's space (see _word_gaps)
EDGE_ROWS = 2  # rows at the top and at the bottom of a page where headers, footers and page numbers sit
PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})")
NOT_A_NAME = re.compile(r"\b(?:user|admin|administrator|owner|unknown|microsoft|adobe|pc|hp|dell)\b|\d|@", re.I)


@dataclass
class Piece:
    """A run of text the PDF places at (x, y), in points from the bottom left, at a type size."""

    x: float
    y: float
    size: float
    text: str


@dataclass
class Line:
    x: float
    y: float
    size: float
    text: str
    column: int = 0
    page: int = 0
    cells: bool = False  # a table row: text set apart in cells, a paragraph of its own


def pdf_text(path: Path) -> tuple[str, dict]:
    """(one paragraph per line, metadata with how each field was found). Raises UnreadableFile."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    _measure_missing_spaces()
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile.said("refusal.encrypted_pdf")
        pages = [(_pieces(page), float(page.mediabox.width)) for page in reader.pages]
        info = dict(reader.metadata or {})
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise UnreadableFile.said("refusal.unreadable_pdf", problem=f"{type(e).__name__}: {str(e)[:80]}") from e
    return laid_out(pages, info)


def laid_out(pages: list[tuple[list[Piece], float]], info: dict) -> tuple[str, dict]:
    """The text and metadata of pages given as placed pieces (and each page's width)."""
    rows = [_rows(pieces) for pieces, _ in pages]
    furniture = _furniture(rows) | _contents(rows)
    lines = []
    for number, ((_, width), page_rows) in enumerate(zip(pages, rows)):
        kept = [p for n, row in enumerate(page_rows) if (number, n) not in furniture for p in row]
        lines += _lines(kept, width, number)
    paragraphs = _paragraphs(lines)
    if not "".join(paragraphs).strip():
        raise UnreadableFile.said("refusal.no_text_layer")
    meta = _metadata(info, [line for line in lines if line.page == 0])
    meta["furniture"] = list(dict.fromkeys(_row_text(rows[page][n]) for page, n in sorted(furniture)))  # page order
    meta["paragraphs"] = True
    return "\n\n".join(paragraphs), meta


def _pieces(page) -> list[Piece]:
    """Every non-blank run of text on the page with its position and type size (pypdf's visitor)."""
    found: list[Piece] = []

    def visit(text, cm, tm, _font, size):
        if text and not text.strip():
            if found and "\n" not in text and not found[-1].text.endswith(" "):
                found[-1].text += " "  # a space pypdf saw between two runs: keep it
            return
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        if not all(math.isfinite(v) for v in (x, y, scale * size)):
            return  # a position no page has: text set nowhere a reader could see it
        for n, part in enumerate(text.split("\n")):  # pypdf may hand over several lines at once
            if part.strip():
                found.append(Piece(x, y - n * size * scale * 1.2, round(size * scale, 1), part))

    page.extract_text(visitor_text=visit, visitor_operand_before=_word_gaps)
    return found


def _measure_missing_spaces() -> None:
    """Give a font with no space glyph a space of a quarter em, as most text fonts' is, once per process.

    pypdf takes such a font's space to be as wide as whatever glyph sits at code 32 (pypdf issue #3978, open;
    TeX's subset fonts, often) and reads a gap as a space only when wider than half of that, so words set
    apart by position rather than by a space run together ("ThisDebian Reference", "theGNU/Linuxsystem").
    pypdf has no setting for it (`space_width` only replaces a width of 0), so its font reading is wrapped.
    """
    from pypdf.generic import _font

    read = _font.Font.from_font_resource
    if getattr(read, "citebot", False):
        return

    def measured(font_dict):
        font = read(font_dict)
        has_space = " " in font.character_map.values() or (isinstance(font.encoding, dict) and " " in font.encoding.values())
        if font.space_char == " " and not has_space:
            font.space_width = QUARTER_EM
        return font

    measured.citebot = True  # type: ignore[attr-defined]
    _font.Font.from_font_resource = staticmethod(measured)  # type: ignore[method-assign,assignment]


def _word_gaps(operator: bytes, operands: list, _cm, _tm) -> None:
    """Word gaps drawn as TJ offsets read as spaces, whatever width pypdf gives the font's space.

    pypdf reads an offset in a TJ array as a space when it is wider than half the font's space; for a font
    with no space glyph (TeX's and other subset fonts, often) it takes the width of whatever glyph sits at
    code 32 instead (pypdf issue #3978), so every word of a line runs into the next ("TheDebianReference").
    An offset of WORD_GAP or more between two strings is a word gap in any font (kerning stays far below):
    it is split into a leap no font's space can miss, then the step back, so the pen moves as before.
    """
    if operator != b"TJ" or not operands or not isinstance(operands[0], list):
        return
    shown = operands[0]
    i = 1
    while i < len(shown) - 1:
        gap = shown[i]
        if _number(gap) and -float(gap) >= WORD_GAP and _string(shown[i - 1]) and _string(shown[i + 1]):
            shown[i:i + 1] = [-LEAP, LEAP + float(gap)]
            i += 1
        i += 1


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _string(x) -> bool:
    return isinstance(x, (str, bytes))


def _rows(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces on the same baseline (within a third of the type size), top row first, left to right."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (-p.y, p.x)):
        if rows and abs(rows[-1][0].y - piece.y) <= max(2.0, piece.size / 3):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return [sorted(row, key=lambda p: p.x) for row in _raised_into_lines(rows)]


def _raised_into_lines(rows: list[list[Piece]]) -> list[list[Piece]]:
    """A row of small raised type belongs to the line it sits on, not above it; a raised footnote marker ("¹")
    is no word of the text, and kept in it would read as a number ("in March 1"), so it goes."""
    out: list[list[Piece]] = []
    for n, row in enumerate(rows):
        below = rows[n + 1] if n + 1 < len(rows) else None
        small = max(p.size for p in row)
        if below and small < 0.8 * below[0].size and 0 < row[0].y - below[0].y <= 0.7 * below[0].size:
            below.extend(p for p in row if not MARKER.fullmatch(p.text.strip()))
            continue
        line = max(p.size for p in row)
        base = min(p.y for p in row if p.size == line)
        out.append([p for p in row if not (p.size < 0.8 * line and p.y > base + 1 and MARKER.fullmatch(p.text.strip()))])
    return [row for row in out if row]


def _furniture(pages: list[list[list[Piece]]]) -> set[tuple[int, int]]:
    """(page, row) of page numbers, and of edge rows repeated on most pages: running headers and footers."""
    edges = {(page, n) for page, rows in enumerate(pages)
             for n in {*range(min(EDGE_ROWS, len(rows))), *range(max(0, len(rows) - EDGE_ROWS), len(rows))}}
    shapes: dict[str, set[int]] = {}
    for page, n in edges:
        shapes.setdefault(_shape(pages[page][n]), set()).add(page)
    needed = max(2, (len(pages) + 1) // 2)
    body = [statistics.median(p.size for row in rows for p in row) if rows else 0.0 for rows in pages]
    return {(page, n) for page, n in edges
            if PAGE_NUMBER.fullmatch(_row_text(pages[page][n])) or len(shapes[_shape(pages[page][n])]) >= needed
            and max(p.size for p in pages[page][n]) <= 1.15 * body[page]}  # not the title the header repeats


def _contents(pages: list[list[list[Piece]]]) -> set[tuple[int, int]]:
    """(page, row) of a table of contents' rows: navigation, not text; kept, their dot leaders would also read
    as a second column of the page."""
    return {(page, n) for page, rows in enumerate(pages) for n, row in enumerate(rows) if LEADERS.search(_row_text(row))}


def _row_text(row: list[Piece]) -> str:
    return " ".join(p.text.strip() for p in row)


def _shape(row: list[Piece]) -> str:
    """A row's text with its numbers blanked: "Report 2023 · page 4" and "… page 5" are the same header, and so
    are "Report iv" and "Report 12 / 230" (front matter numbered in roman numerals, the rest "of" the total)."""
    text = " ".join(_row_text(row).lower().split())
    return re.sub(r"\d+", "#", PAGE_NUMBER_AT_END.sub(" #", text))


def _lines(pieces: list[Piece], width: float, page: int) -> list[Line]:
    """The page's lines in reading order: the left column top to bottom, then the right one."""
    gutter = _gutter(pieces, width)
    columns = [[p for p in pieces if p.x < gutter], [p for p in pieces if p.x >= gutter]] if gutter else [pieces]
    lines = []
    for number, column in enumerate(columns):
        for row in _rows(column):
            text, cells = _joined(row)
            lines.append(Line(row[0].x, row[0].y, max(p.size for p in row), text, number, page, cells))
    return lines


def _gutter(pieces: list[Piece], width: float) -> float | None:
    """Where a second column starts, if rows have text at the left margin and at one x past the middle."""
    starts = [round(p.x) for p in pieces if 0.3 * width < p.x < 0.75 * width]
    if not starts:
        return None
    right = statistics.mode(starts)
    beside = [p for p in pieces if abs(p.x - right) <= 2]
    left = [q for q in pieces if q.x < right - 20]
    left_rows = {round(q.y) for q in left}
    rows_with_both = sum(1 for p in beside if left_rows & {round(p.y) - 1, round(p.y), round(p.y) + 1})
    if len(beside) < 3 or rows_with_both < 3:
        return None
    # Columns of prose fill their width; a table's cells do not, and a table is read row by row.
    margin = min(q.x for q in left)
    filled = statistics.median(0.5 * q.size * len(q.text) for q in left)  # about half an em per character
    return right - 2.0 if filled >= 0.6 * (right - margin) else None


def _joined(row: list[Piece]) -> tuple[str, bool]:
    """A row's pieces as one line, and whether it is set in cells. pypdf already put spaces where it saw gaps;
    one more goes only where a piece starts well past where the one before can end (a table's next cell),
    as a glyph is at most about 0.75 em wide."""
    text, cells = row[0].text, False
    for before, piece in zip(row, row[1:]):
        longest = before.x + 0.75 * len(before.text) * before.size  # where `before` can end at the latest
        far = piece.x > longest + 0.3 * before.size
        cells = cells or piece.x > longest + 2 * before.size  # wider than any justified word space
        text += (" " if far and not text.endswith(" ") and not piece.text.startswith(" ") else "") + piece.text
    return " ".join(text.split()), cells


def _paragraphs(lines: list[Line]) -> list[str]:
    """Lines joined into paragraphs; see the module's rule 4."""
    if not lines:
        return []
    leading = _leading(lines)
    lengths = sorted(len(line.text) for line in lines)
    usual = lengths[int(0.9 * (len(lengths) - 1))]  # a full line: most lines are, a paragraph's last is not
    paragraphs, previous = [[lines[0].text]], lines[0]
    for line in lines[1:]:
        if _breaks(previous, line, leading, usual):
            paragraphs.append([line.text])
        else:
            add_line(paragraphs[-1], line.text)
        previous = line
    return ["".join(parts) for parts in paragraphs]


def _leading(lines: list[Line]) -> float:
    """The usual distance between one line and the next within a column."""
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:])
            if (a.page, a.column) == (b.page, b.column) and 0 < a.y - b.y < 3 * a.size]
    return statistics.median(gaps) if gaps else 14.0


def _breaks(previous: Line, line: Line, leading: float, usual: float) -> bool:
    if abs(previous.size - line.size) > 0.5 or previous.cells or line.cells:
        return True
    same_column = (previous.page, previous.column) == (line.page, line.column)
    if same_column and (previous.y - line.y > max(1.4 * leading, 1.5 * line.size) or line.x - previous.x > 0.8 * line.size):
        return True  # extra space above, or an indent
    if ends_with_abbreviation(previous.text) or previous.text.endswith(("-", ",", "\u00ad")):
        return False
    if LINE_END.search(previous.text):
        return len(previous.text) < 0.8 * usual
    # A short line that is not a sentence, followed by a capital: a heading (a sentence runs on across columns).
    return same_column and len(previous.text) < 0.6 * usual and line.text[:1].isupper()


def _metadata(info: dict, first_page: list[Line]) -> dict:
    """Title, author and the file's date, each with how it was found; only values that look real."""
    meta: dict = {}
    how: dict[str, str] = {}
    title = str(info.get("/Title") or "").strip()
    if _plausible_title(title):
        meta["title"], how["title"] = title, "the PDF's /Title"
    elif found := _first_page_title(first_page):
        meta["title"], how["title"] = found
    author = " ".join(str(info.get("/Author") or "").split())
    if 3 <= len(author) <= 80 and not NOT_A_NAME.search(author) and any(c.isupper() for c in author):
        meta["author"], how["author"] = author, "the PDF's /Author"
    if (m := PDF_DATE.match(str(info.get("/CreationDate") or ""))) and _real_day(*map(int, m.groups())):
        meta["file_date"] = f"{m[1]}-{m[2]}-{m[3]}"
    meta["how"] = how
    return meta


def _plausible_title(title: str) -> bool:
    return (3 <= len(title) <= 200 and any(c.isalpha() for c in title)
            and not re.search(r"\.(?:docx?|pdf|odt|rtf|indd)\b|^(?:untitled|microsoft|slide)|https?://", title, re.I))


def _first_page_title(lines: list[Line]) -> tuple[str, str] | None:
    """The lines set in the largest type at the top of the first page, else its first short lines."""
    if not lines:
        return None
    body = statistics.median(line.size for line in lines)
    top = [line for line in lines if line.y >= max(x.y for x in lines) - 200]
    largest = max(line.size for line in top)
    if largest >= 1.2 * body:
        big = []
        for line in lines:
            if line.size >= largest - 0.5:
                big.append(line.text)
            elif big:
                break
        title = _title_text(big)
        if title:
            return title, "the largest type on the first page"
    usual = statistics.median(len(line.text) for line in lines)
    short = []
    for line in lines[:3]:
        if len(line.text) >= 0.7 * usual or LINE_END.search(line.text) and not ends_with_abbreviation(line.text):
            break
        short.append(line.text)
    title = _title_text(short)
    return (title, "the first lines of the first page") if title else None


def _title_text(lines: list[str]) -> str | None:
    text = " ".join(lines)
    return text if 3 <= len(text) <= 150 and any(c.isalpha() for c in text) else None


def _real_day(year: int, month: int, day: int) -> bool:
    """A day that exists, between the first PDFs (1993) and today."""
    try:
        return dt.date(1993, 1, 1) <= dt.date(year, month, day) <= dt.date.today()
    except ValueError:
        return False
