"""The admins' collection: a writable folder of documents and their `sources.yaml`, changed atomically.

The manifest is the commit point. Adding writes the document file first, then
replaces the manifest in one `os.replace`; removing replaces the manifest
first, then deletes the file. A crash at any moment therefore leaves either
the old manifest (and at worst an unlisted file, which the reader ignores and
the next change sweeps away) or the new one, never a half-written YAML.
Every change holds an exclusive `flock` on the folder, so two admins (two
chats, or a chat and the CLI) adding at once both land.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import secrets
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path

import yaml

from ..documents.sources import MANIFEST, SUFFIXES, read_manifest
from ..errors import CitebotError
from . import custody

EDITABLE = ("title", "publisher", "date", "url", "kind")
BOUNDS = ("date_not_before", "date_not_after")  # evidence narrowing when it was written; the CLI sets them
NOTED = {"date": "date_note", "publisher": "publisher_note", "url": "url_note",
         "date_not_before": "date_note", "date_not_after": "date_note"}  # where how a field is known is written
ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
KINDS = ("article", "report", "statement", "speech", "transcript", "testimony", "book", "interview", "other")
UNKNOWN = {"unknown", "none", "null", "-", "—", "نامعلوم", "ناشناخته"}  # the Persian bot asks for «نامعلوم»
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)  # a Persian or Arabic keyboard's digits


class CollectionError(CitebotError):
    """An add, edit or remove that cannot be done; nothing was changed."""


class InvalidField(CollectionError):
    """A field value an admin typed is not acceptable (a malformed date, a bad URL)."""


def validate(field: str, value: str | None) -> tuple[str | None, dict]:
    """The stored value of `field` typed as `value`, and fields that go with it (date precision). Raises InvalidField."""
    if field not in EDITABLE + BOUNDS:
        raise InvalidField.said("refusal.unknown_field", field=field, fields=", ".join(EDITABLE))
    value = " ".join((value or "").split())
    if field in BOUNDS:
        return (None, {}) if value.lower() in UNKNOWN else (_valid_day(value), {})
    if field != "title" and value.lower() in UNKNOWN:
        return None, {"date_precision": None} if field == "date" else {}
    if not value:
        raise InvalidField.said("refusal.empty_field", field=field)
    if field == "date":
        value = value.translate(DIGITS)
        if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value) or not _real_date(value):
            raise InvalidField.said("refusal.not_a_date", value=value)
        return value, {"date_precision": {4: "year", 7: "month", 10: "day"}[len(value)]}
    if field == "url" and not re.fullmatch(r"https?://[^\s/]+\S*", value):
        raise InvalidField.said("refusal.not_a_url", value=value)
    if field == "kind" and value.lower() not in KINDS:
        raise InvalidField.said("refusal.kind", kinds=", ".join(KINDS))
    if len(value) > 300:
        raise InvalidField.said("refusal.too_long", field=field, length=len(value))
    return (value.lower() if field == "kind" else value), {}


def _valid_day(value: str) -> str:
    value = value.translate(DIGITS)
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value) or not _real_date(value):
        raise InvalidField.said("refusal.not_a_date", value=value)
    return value


def valid_id(value: str) -> str:
    """An id an admin chose: lower-case letters, digits and hyphens, at most 40. Raises InvalidField."""
    if not ID.fullmatch(value):
        raise InvalidField.said("refusal.bad_id", value=value)
    return value


def _real_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        day = dt.date(*parts[:3])
    except ValueError:
        return False
    return dt.date(1800, 1, 1) <= day <= dt.date.today()


class Collection:
    """The writable folder named by the `collection_dir` setting."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entries(self) -> list[dict]:
        if not self.folder.is_dir():
            return []
        return read_manifest(self.folder)[0]

    def entry(self, doc_id: str) -> dict | None:
        return next((e for e in self.entries() if e.get("id") == doc_id), None)

    def add(self, data: bytes, suffix: str, entry: dict, taken: AbstractSet[str] = frozenset()) -> dict:
        """Store a document and its manifest entry; its id gets a -2, -3… suffix if `taken` or listed already."""
        if suffix not in SUFFIXES:
            raise CollectionError.said("refusal.file_type", suffix=suffix)
        with self._locked():
            entries = self.entries()
            if entry.get("sha256") and (same := next((e for e in entries if e.get("sha256") == entry["sha256"]), None)):
                raise CollectionError.said("refusal.duplicate_file", id=same.get("id"))
            used = set(taken) | {e.get("id") for e in entries}
            base, n = entry["id"], 1
            while entry["id"] in used:
                n += 1
                entry = {**entry, "id": f"{base}-{n}"}
            entry = {**entry, "file": entry["id"] + suffix}
            write_atomically(self.folder / entry["file"], data)
            _write_manifest(self.folder, entries + [entry])
            return entry

    def edit(self, doc_id: str, changes: dict) -> dict:
        """Change fields of a listed document's entry (already validated)."""
        with self._locked():
            entries = self.entries()
            index = self._find(entries, doc_id)
            entries[index] = {**entries[index], **changes}
            _write_manifest(self.folder, entries)
            custody.record(self.folder, {"event": "edited", "id": doc_id, "changes": changes})
            return entries[index]

    def remove(self, doc_id: str) -> dict:
        with self._locked():
            entries = self.entries()
            gone = entries.pop(self._find(entries, doc_id))
            _write_manifest(self.folder, entries)
            with contextlib.suppress(FileNotFoundError):
                (self.folder / gone["file"]).unlink()
            custody.record(self.folder, {"event": "removed", "id": doc_id, "file": gone.get("file")})  # original kept
            return gone

    def _find(self, entries: list[dict], doc_id: str) -> int:
        for n, e in enumerate(entries):
            if e.get("id") == doc_id:
                return n
        raise CollectionError.said("refusal.no_document", id=doc_id)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time, across threads and processes; leftovers of a crashed writer are swept first."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self._sweep()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _sweep(self) -> None:
        listed = {e["file"] for e in self.entries()}
        for path in self.folder.iterdir():
            leftover = path.name.startswith(".tmp-") or (path.suffix.lower() in SUFFIXES and path.name not in listed)
            if path.is_file() and leftover:
                path.unlink()


def _write_manifest(folder: Path, entries: list[dict]) -> None:
    header = "# Documents added by admins (citebot add, or the bot). Written by citebot: edit with /edit.\n"
    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100)
    write_atomically(folder / MANIFEST, (header + body).encode("utf-8"))


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file, flush it to disk, then rename it over `path` (atomic on POSIX)."""
    tmp = path.with_name(f".tmp-{secrets.token_hex(6)}-{path.name}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)  # the rename itself survives a power cut
    finally:
        os.close(fd)
