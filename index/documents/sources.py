"""Read the corpus folder: document files, their text, and their provenance.

Provenance comes from `sources.yaml` (or a Markdown file's front matter);
a file with neither still indexes, with metadata inferred from its text or
markup, each such field named in `Document.inferred`. Inference is
conservative: null beats a wrong guess. Bad files are skipped with a reason,
never fatal; a broken manifest is fatal, because indexing without it would
lose provenance.

Two folders are read: the bundled `corpus/` (files without a manifest entry
are still indexed, inferred) and the writable collection admins add to, where
the manifest is the commit point: a file it does not list is the leftover of
an interrupted write and is ignored.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard
from urllib.parse import urlsplit, urlunsplit

import yaml

from ..errors import ManifestError, UnreadableFile
from ..models import PRECISION_CHARS, Document, period
from ..text import hijri
from ..text.clean import Cleaned, clean
from .markup import TAGLINE
from .sandbox import Limits, kind_of, run_batch

if TYPE_CHECKING:
    from ..settings import Settings

MANIFEST = "sources.yaml"
READERS = max(2, os.cpu_count() or 1)  # children reading at once (sandbox.py)
BATCH = 16  # files a child reads
SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "Tehran, March 3, 2021—" and "GENEVA, 12 May 2023 –": a place, a day, a dash, at the start of a paragraph.
DATELINE = re.compile(rf"^[A-Z][\w .'-]{{0,40}}, (?P<date>(?:{MONTHS}) \d{{1,2}}, \d{{4}}|\d{{1,2}} (?:{MONTHS}) \d{{4}})"
                      r"\s*[—–-]", re.M)
ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
ISO_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
BOUNDS = {"date_not_before", "date_not_after"}
INFERABLE = ("title", "publisher", "date", "url", "author")
# Words of a template or placeholder, never of a real publisher: "Copyright (C) year your name".
TEMPLATE = re.compile(r"\b(?:your|name|year|author|holder|company|organi[sz]ation|owner|insert|todo)\b", re.I)
# Lines of a site's menus and controls, copied with a page's text: never its title.
CHROME = re.compile(r"(?:jump|skip) to (?:main )?content|(?:main )?menu|navigation|search|log ?in|sign (?:in|up)|"
                    r"create account|subscribe|donate|home|toggle .*|open this (?:photo|image) in gallery|share|"
                    r"from wikipedia, the free encyclopedia|advertisement", re.I)
NOT_A_TITLE = re.compile(r"https?://|www\.|@|\.(?:docx?|pdf|odt|rtf|indd)\b|^(?:untitled|microsoft word)", re.I)


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


def load_all(settings: Settings) -> tuple[list[Source], list[Skipped]]:
    """The bundled corpus and the admins' collection together; an id used twice keeps its first document."""
    limits = Limits.of(settings)
    sources, skipped = load_corpus(settings.corpus_dir, settings.max_file_bytes, limits=limits)
    seen = {s.document.id: s.document.file for s in sources}
    if settings.collection.is_dir():
        more, more_skipped = load_corpus(settings.collection, settings.max_file_bytes, listed_only=True, limits=limits)
        skipped += more_skipped
        for s in more:
            if s.document.id in seen:
                skipped.append(Skipped(s.document.file, f"duplicate id {s.document.id!r} (already used by {seen[s.document.id]})"))
                continue
            seen[s.document.id] = s.document.file
            sources.append(s)
    return sources, skipped


def load_corpus(folder: Path, max_bytes: int, listed_only: bool = False,
                limits: Limits | None = None) -> tuple[list[Source], list[Skipped]]:
    """Every readable document of `folder` with its provenance, and what was skipped and why.

    `listed_only`: index only files the manifest lists (the admins' collection). Each file is read in a
    child process within `limits` (sandbox.py), so a hostile file costs its own entry, never the reindex.
    """
    manifest, skipped = read_manifest(folder)
    by_file = {entry["file"]: entry for entry in manifest}
    sources: list[Source] = []
    seen_ids: dict[str, str] = {}
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    chosen = [p for p in files if p.name in by_file] if listed_only else files
    for path, source in zip(chosen, _read_all(chosen, by_file, max_bytes, limits or Limits())):
        if isinstance(source, UnreadableFile):
            skipped.append(Skipped(path.name, str(source)))
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


def _read_all(paths: list[Path], by_file: dict[str, dict], max_bytes: int,
              limits: Limits) -> Iterator[Source | UnreadableFile]:
    """Each file read in a sandboxed child, BATCH files a child (sandbox.run_batch: one that fails is read again
    alone), READERS children at a time (the parent only waits on them), in order."""

    def read(batch: list[Path]) -> list[Source | UnreadableFile]:
        return run_batch(read_source, [(p, by_file.get(p.name), max_bytes) for p in batch], limits=limits,
                         kinds=[kind_of(p.suffix) for p in batch])

    batches = [paths[i:i + BATCH] for i in range(0, len(paths), BATCH)]
    with ThreadPoolExecutor(READERS) as pool:
        for read_batch in pool.map(read, batches):
            yield from read_batch


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
        raise UnreadableFile.said("refusal.too_large", size=size / 1e6, limit=max_bytes / 1e6)
    if size == 0:
        raise UnreadableFile.said("refusal.empty")
    raw, found, given = _extract(path)
    cleaned = clean(raw, paragraphs=bool(found.get("paragraphs")))
    cleaned.dropped += found.get("furniture", [])
    if len(cleaned.text.strip()) < 20:
        raise UnreadableFile.said("refusal.no_text")
    document, problems = _document(path, cleaned, {**given, **(entry or {})}, found)
    return Source(document, cleaned, problems)


def _extract(path: Path) -> tuple[str, dict, dict]:
    """(raw text, metadata found in the markup (inferred), metadata the author gave (front matter))."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .pdf import pdf_text

        return *pdf_text(path), {}
    text = decode(path.read_bytes())
    if suffix in {".html", ".htm"}:
        from .extract import html_text

        return *html_text(text), {}
    if suffix in {".md", ".markdown"}:
        from .formats import markdown_text

        raw, given = markdown_text(text)
        return raw, {}, given
    return text, {}, {}


def decode(data: bytes) -> str:
    """Text of a file: UTF-8, UTF-16 with a BOM, or Latin-1; binary files are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise UnreadableFile.said("refusal.binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if sum(not (c.isprintable() or c.isspace()) for c in text[:8192]) > 80:
            raise UnreadableFile.said("refusal.binary") from None
        return text


NOTED = ("publisher", "date", "url")  # the fields a document's card explains with a note


def _document(path: Path, cleaned: Cleaned, fields: dict, found: dict) -> tuple[Document, list[str]]:
    """`fields` were given (manifest, front matter); anything else is inferred from `found` or the text."""
    text = cleaned.text
    how: dict[str, str] = {}
    dating = _date(fields, found, text, how)
    publisher, publisher_note = _publisher(fields, found, cleaned, how)
    url = public_url(fields["url"] if "url" in fields else found.get("url"))
    author = fields["author"] if "author" in fields else found.get("author")
    doc = Document(
        id=_slug(str(fields.get("id") or path.stem)),
        title=str(fields.get("title") or _title(found, text, path, how)),
        publisher=publisher,
        date=dating.date,
        date_precision=dating.precision,
        url=url,
        kind=str(fields.get("kind") or "article"),
        file=path.name,
        date_note=dating.note,
        publisher_note=publisher_note,
        short_title=fields.get("short_title"),
        url_note=fields.get("url_note"),
        date_not_before=dating.not_before,
        date_not_after=dating.not_after,
        author=author,
        notes=_translated_notes(fields),
    )
    doc.inferred = [f for f in INFERABLE if not fields.get(f) and getattr(doc, f)]
    found_how = found.get("how", {})
    doc.how = {f: how.get(f) or found_how.get(f, "") for f in doc.inferred}
    if fields.get("retrieved"):
        doc.retrieved = str(fields["retrieved"])
    if fields.get("original_sha256"):  # preserved by index/collection/custody.py
        doc.original_sha256, doc.archived = str(fields["original_sha256"]), str(fields.get("archived") or "") or None
    return doc, dating.problems


def _translated_notes(fields: dict) -> dict[str, dict[str, str]]:
    """notes_fa: {publisher, date, url}: the notes in another language (the bot's Persian readers see these)."""
    out = {}
    for key, notes in fields.items():
        lang = key.removeprefix("notes_") if isinstance(key, str) and key.startswith("notes_") else ""
        if lang and isinstance(notes, dict):
            out[lang] = {k: " ".join(str(v).split()) for k, v in notes.items() if k in NOTED and v}
    return out


@dataclass
class Dating:
    """A document's date as the manifest or the text gives it, and what was wrong with it."""

    date: str | None = None
    precision: str | None = None
    note: str | None = None
    not_before: str | None = None
    not_after: str | None = None
    problems: list[str] = field(default_factory=list)


def public_url(url: str | None) -> str | None:
    """`url` without a user name or password (https://user:pass@host/ -> https://host/): a document's URL is
    shown on public cards and citations, and credentials an admin used to fetch a page are not the source's."""
    if not url or "@" not in url:
        return url
    parts = urlsplit(url)
    if not parts.netloc or "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _title(found: dict, text: str, path: Path, how: dict[str, str]) -> str:
    """The markup's title, else the first line, else the file name: whichever first looks like a title."""
    first, skipped = _first_line_of(text)
    for candidate, said in ((found.get("title"), found.get("how", {}).get("title", "the markup")),
                            (first, "the first line of the text after the site's menus" if skipped
                             else "the first line of the text")):
        if candidate and plausible_title(str(candidate)):
            how["title"] = said
            return str(candidate).strip()
    how["title"] = "the file name"
    return path.stem.replace("_", " ").replace("-", " ")


def plausible_title(value: str) -> bool:
    value = value.strip()
    return 3 <= len(value) <= 200 and any(c.isalpha() for c in value) and not NOT_A_TITLE.search(value)


def plausible_publisher(value: str | None) -> TypeGuard[str]:
    """A name, not a template line ("year your name") nor a sentence."""
    if not value:
        return False
    value = value.strip()
    return (2 <= len(value) <= 60 and any(c.isupper() for c in value) and not TEMPLATE.search(value)
            and not re.search(r"https?://|\d{4}", value))


def _publisher(fields: dict, found: dict, cleaned: Cleaned, how: dict[str, str]) -> tuple[str | None, str | None]:
    if "publisher" in fields:
        return fields["publisher"], fields.get("publisher_note")
    tagline = TAGLINE.search(cleaned.text[:3000])
    for value, said in ((found.get("publisher"), found.get("how", {}).get("publisher", "the page's site name")),
                        (cleaned.byline, "a byline"), (cleaned.copyright, "a copyright footer"),
                        (tagline and tagline.group(1), "the tagline under the title")):
        if plausible_publisher(value):
            how["publisher"] = said
            return value.strip(), f"inferred from {said}, not checked"
    return None, "unknown: not given, and no byline or site name to infer it from"


def _date(fields: dict, found: dict, text: str, how: dict[str, str]) -> Dating:
    """The date at its precision, then the manifest's bounds; what was wrong is said in the note."""
    dating = _given_date(fields) if "date" in fields else _inferred_date(found, text, how)
    _bounds(fields, dating)
    if dating.problems:
        dating.note = " ".join([*filter(None, [dating.note]), *(f"Manifest error: {p}." for p in dating.problems)])
    return dating


def _inferred_date(found: dict, text: str, how: dict[str, str]) -> Dating:
    """A date only from the page's publication markup, a dateline or the file's own date: never any date in the text."""
    if found.get("date") and ISO_DATE.fullmatch(found["date"]) and _valid(found["date"]):
        how["date"] = found.get("how", {}).get("date", "the page's publication-date markup")
        return Dating(found["date"], {4: "year", 7: "month", 10: "day"}[len(found["date"])],
                      f"inferred from {how['date']}, not checked")
    if m := DATELINE.search(text):
        how["date"] = f'the dateline "{m.group().strip()}"'
        return Dating(_iso(m["date"]), "day", f"inferred from {how['date']}")
    if persian := hijri.dateline(text):  # "تهران — ۱۰ شهریور ۱۴۰۲": the Solar Hijri day, as the Gregorian one
        how["date"] = f'the dateline "{persian[1].group().strip()}"'
        return Dating(persian[0].isoformat(), "day", f"inferred from {how['date']}")
    if found.get("file_date") and _valid(found["file_date"]):
        # When the file was made, which can be later than the text (a speech saved as PDF days after).
        how["date"] = "the PDF's /CreationDate (when the file was made)"
        return Dating(found["file_date"], "day", f"inferred from {how['date']}, not checked")
    return Dating(note="unknown: no date given, and no dateline")


def _given_date(fields: dict) -> Dating:
    dating = Dating(note=fields.get("date_note"))
    if (value := fields.get("date")) is None:
        dating.note = dating.note or "unknown"
    elif _parse(value := _text(value)):
        dating.date = value
        dating.precision = _precision(fields.get("date_precision"), value, dating.problems)
    else:
        dating.problems.append(f"date {value!r} is not an ISO date ({ISO_FORMS}); the date is unknown")
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


def _first_line_of(text: str) -> tuple[str | None, bool]:
    """The first paragraph that is not a site's menu line, if it is short enough to be a title (a body's sentence
    is not one), and whether menu lines came before it."""
    paragraphs = [p.strip() for p in text.split("\n\n")[:40]]
    skipped = 0
    while skipped < len(paragraphs) and CHROME.fullmatch(paragraphs[skipped]):
        skipped += 1
    if skipped == len(paragraphs):
        return None, False
    first = paragraphs[skipped]
    return (first if len(first) <= 120 and not (len(first) > 40 and first.endswith(".")) else None), skipped > 0


def _slug(value: str) -> str:
    """Short, stable, URL-safe: fits Telegram's 64-byte callback data with room to spare."""
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug[:40].rstrip("-") or "doc"


def _first_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]
