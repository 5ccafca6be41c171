"""Read the corpus folder: document files, their text, and their provenance.

Provenance comes from `sources.yaml` (or a Markdown file's front matter);
a file with neither still indexes, with metadata inferred from its text and
marked `inferred`. Bad files are skipped with a reason, never fatal; a broken
manifest is fatal, because indexing without it would lose provenance.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .clean import Cleaned, clean
from .errors import ManifestError, UnreadableFile
from .models import PRECISION_CHARS, Document, period

MANIFEST = "sources.yaml"
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATELINE = re.compile(rf"^[A-Z][\w .'-]{{0,40}}, (?P<date>(?:{MONTHS}) \d{{1,2}}, \d{{4}})\s*[—–-]", re.M)
ANY_DATE = re.compile(rf"\b(?:(?:{MONTHS}) \d{{1,2}}, \d{{4}}|\d{{1,2}} (?:{MONTHS}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b")
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
ISO_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
BOUNDS = {"date_not_before", "date_not_after"}


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text, so a bad one costs its entry, not the manifest."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Source:
    document: Document
    cleaned: Cleaned
    problems: list[str] = field(default_factory=list)  # manifest errors that did not stop indexing


@dataclass
class Skipped:
    file: str
    reason: str


def load_corpus(folder: Path, max_bytes: int) -> tuple[list[Source], list[Skipped]]:
    """Every readable document of `folder` with its provenance, and what was skipped and why."""
    manifest, skipped = read_manifest(folder)
    by_file = {entry["file"]: entry for entry in manifest}
    sources: list[Source] = []
    seen_ids: dict[str, str] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES):
        try:
            source = read_source(path, by_file.get(path.name), max_bytes)
        except UnreadableFile as e:
            skipped.append(Skipped(path.name, str(e)))
            continue
        doc = source.document
        if doc.id in seen_ids:
            skipped.append(Skipped(path.name, f"duplicate id {doc.id!r} (already used by {seen_ids[doc.id]})"))
            continue
        seen_ids[doc.id] = path.name
        sources.append(source)
    listed = {p.name for p in folder.iterdir()}
    skipped += [Skipped(f, "listed in sources.yaml but the file is missing") for f in by_file if f not in listed]
    return sources, skipped


def read_manifest(folder: Path) -> tuple[list[dict], list[Skipped]]:
    path = folder / MANIFEST
    if not path.exists():
        return [], []
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ManifestError(f"{path.name}: {_first_line(e)}") from e
    if not isinstance(entries, list):
        raise ManifestError(f"{path.name}: expected a list of entries, got {type(entries).__name__}")
    good, skipped = [], []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            skipped.append(Skipped(f"{MANIFEST} entry {n}", "entry has no 'file'"))
            continue
        good.append(entry)
    return good, skipped


def read_source(path: Path, entry: dict | None, max_bytes: int) -> Source:
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableFile(f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)")
    if size == 0:
        raise UnreadableFile("empty file")
    raw, meta = _extract(path)
    cleaned = clean(raw)
    if len(cleaned.text.strip()) < 20:
        raise UnreadableFile("no text found")
    fields = {**meta, **(entry or {})}
    document, problems = _document(path, cleaned, fields, inferred=not (entry or meta))
    return Source(document, cleaned, problems)


def _extract(path: Path) -> tuple[str, dict]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .formats import pdf_text

        return pdf_text(path)
    text = decode(path.read_bytes())
    if suffix in {".html", ".htm"}:
        from .formats import html_text

        return html_text(text)
    if suffix in {".md", ".markdown"}:
        from .formats import markdown_text

        return markdown_text(text)
    return text, {}


def decode(data: bytes) -> str:
    """Text of a file: UTF-8, UTF-16 with a BOM, or Latin-1; binary files are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if sum(not (c.isprintable() or c.isspace()) for c in text[:8192]) > 80:
            raise UnreadableFile("binary file, not text") from None
        return text


def _document(path: Path, cleaned: Cleaned, fields: dict, inferred: bool) -> tuple[Document, list[str]]:
    text = cleaned.text
    dating = _date(fields, text)
    publisher = fields.get("publisher") if "publisher" in fields else (cleaned.byline or cleaned.copyright)
    return Document(
        id=_slug(str(fields.get("id") or path.stem)),
        title=str(fields.get("title") or _first_line_of(text)),
        publisher=publisher,
        date=dating.date,
        date_precision=dating.precision,
        url=fields.get("url"),
        kind=str(fields.get("kind") or "article"),
        file=path.name,
        date_note=dating.note,
        publisher_note=fields.get("publisher_note") or (None if "publisher" in fields else "inferred from a byline or footer"),
        inferred=inferred,
        short_title=fields.get("short_title"),
        url_note=fields.get("url_note"),
        date_not_before=dating.not_before,
        date_not_after=dating.not_after,
    ), dating.problems


@dataclass
class Dating:
    """A document's date as the manifest or the text gives it, and what was wrong with it."""

    date: str | None = None
    precision: str | None = None
    note: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    problems: list[str] = field(default_factory=list)


def _date(fields: dict, text: str) -> Dating:
    if "date" in fields or BOUNDS & fields.keys():
        return _given_date(fields)
    if m := DATELINE.search(text):
        return Dating(_iso(m["date"]), "day", f'inferred from the dateline "{m.group().strip()}"')
    if m := ANY_DATE.search(text):
        return Dating(_iso(m.group()), "day", f'inferred: first date in the text ("{m.group()}"), not checked')
    return Dating(note="unknown: no date in the manifest or the text")


def _given_date(fields: dict) -> Dating:
    dating = Dating(note=fields.get("date_note"))
    value = fields.get("date")
    if value is not None:
        value = _text(value)
        if _parse(value):
            dating.date = value
            dating.precision = _precision(fields.get("date_precision"), value, dating.problems)
        else:
            dating.problems.append(f"date {value!r} is not an ISO date ({ISO_FORMS}); the date is unknown")
    _bounds(fields, dating)
    if dating.date is None and not dating.problems:
        dating.note = dating.note or "unknown"
    if dating.problems:
        dating.note = " ".join([*filter(None, [dating.note]), *(f"Manifest error: {p}." for p in dating.problems)])
    return dating


def _precision(given, value: str, problems: list[str]) -> str:
    """The manifest's date_precision, or the one the date's form implies; never finer than the date itself."""
    implied = {4: "year", 7: "month", 10: "day"}[len(value)]
    if given is None:
        return implied
    if given not in PRECISION_CHARS or PRECISION_CHARS[given] > len(value):
        problems.append(f"date_precision {given!r} does not fit the date {value!r}; using {implied!r}")
        return implied
    return given


def _bounds(fields: dict, dating: Dating) -> None:
    """date_not_before / date_not_after: kept only when well formed and consistent with the date."""
    earliest, latest = period(dating.date, dating.precision) if dating.date else (None, None)
    bounds = {}
    for name, side in (("date_not_before", 0), ("date_not_after", 1)):
        if fields.get(name) is None:
            continue
        value = _text(fields[name])
        if not _parse(value):
            dating.problems.append(f"{name} {value!r} is not an ISO date ({ISO_FORMS}); ignored")
            continue
        bounds[name] = period(value, None)[side]
    before, after = bounds.get("date_not_before"), bounds.get("date_not_after")
    if before and after and before > after:
        dating.problems.append(f"date_not_before {before} is after date_not_after {after}; both ignored")
        return
    if before and latest and before > latest:
        dating.problems.append(f"date_not_before {before} is after the date {dating.date}; ignored")
        before = None
    if after and earliest and after < earliest:
        dating.problems.append(f"date_not_after {after} is before the date {dating.date}; ignored")
        after = None
    dating.not_before, dating.not_after = before, after


def _text(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value).strip()


def _parse(value: str) -> bool:
    return bool(ISO_DATE.fullmatch(value)) and _valid(value)


def _valid(value: str) -> bool:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(*parts[:3])
    except ValueError:
        return False
    return True


def _iso(human: str) -> str:
    for fmt in ("%B %d, %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(human, fmt).date().isoformat()
        except ValueError:
            continue
    return human


def _first_line_of(text: str) -> str:
    first = text.split("\n\n", 1)[0]
    return first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "…"


def _slug(value: str) -> str:
    """Short, stable, URL-safe: fits Telegram's 64-byte callback data with room to spare."""
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug[:40].rstrip("-") or "doc"


def _first_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]
