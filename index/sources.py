"""Read the corpus folder: document files, their text, and their provenance.

Provenance comes from `sources.yaml` (or a Markdown file's front matter);
a file with neither still indexes, with metadata inferred from its text and
marked `inferred`. Bad files are skipped with a reason, never fatal; a broken
manifest is fatal, because indexing without it would lose provenance.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .clean import Cleaned, clean
from .errors import ManifestError, UnreadableFile
from .models import Document

MANIFEST = "sources.yaml"
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATELINE = re.compile(rf"^[A-Z][\w .'-]{{0,40}}, (?P<date>(?:{MONTHS}) \d{{1,2}}, \d{{4}})\s*[—–-]", re.M)
ANY_DATE = re.compile(rf"\b(?:(?:{MONTHS}) \d{{1,2}}, \d{{4}}|\d{{1,2}} (?:{MONTHS}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b")
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


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
    return Source(_document(path, cleaned, fields, inferred=not (entry or meta)), cleaned)


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


def _document(path: Path, cleaned: Cleaned, fields: dict, inferred: bool) -> Document:
    text = cleaned.text
    date, precision, note = _date(fields, text)
    publisher = fields.get("publisher") if "publisher" in fields else (cleaned.byline or cleaned.copyright)
    return Document(
        id=_slug(str(fields.get("id") or path.stem)),
        title=str(fields.get("title") or _first_line_of(text)),
        publisher=publisher,
        date=date,
        date_precision=precision,
        url=fields.get("url"),
        kind=str(fields.get("kind") or "article"),
        file=path.name,
        date_note=note,
        publisher_note=fields.get("publisher_note") or (None if "publisher" in fields else "inferred from a byline or footer"),
        inferred=inferred,
        short_title=fields.get("short_title"),
        url_note=fields.get("url_note"),
    )


def _date(fields: dict, text: str) -> tuple[str | None, str | None, str | None]:
    if "date" in fields:
        return _given_date(fields)
    if m := DATELINE.search(text):
        return _iso(m["date"]), "day", f'inferred from the dateline "{m.group().strip()}"'
    if m := ANY_DATE.search(text):
        return _iso(m.group()), "day", f'inferred: first date in the text ("{m.group()}"), not checked'
    return None, None, "unknown: no date in the manifest or the text"


def _given_date(fields: dict) -> tuple[str | None, str | None, str | None]:
    value, note = fields.get("date"), fields.get("date_note")
    if value is None:
        return None, None, note or "unknown"
    if isinstance(value, dt.date):
        value = value.isoformat()
    value = str(value)
    if not ISO_DATE.fullmatch(value) or not _valid(value):
        return None, None, f"unknown: the manifest's date {value!r} is not an ISO date"
    precision = fields.get("date_precision") or {4: "year", 7: "month", 10: "day"}[len(value)]
    return value, precision, note


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
