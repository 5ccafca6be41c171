"""Adding, correcting and removing documents: a draft an admin reviews, then one atomic change.

A file or fetched page becomes a `Draft`: the text the existing pipeline
extracts and cleans, the metadata it infers (each inferred field named), what
the index would find in it (passages, quotations, people), and any document
already in the collection it nearly repeats. Nothing reaches the collection
until `commit`, after the admin has seen and confirmed the card; confirmed
fields are no longer inferred. The caller then runs the ordinary reindex.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..answers.answerer import Answerer
from ..documents.fetch import fetch
from ..documents.sandbox import Limits, kind_of, run_limited
from ..documents.sources import SUFFIXES, public_url, read_source
from ..errors import CitebotError, UnreadableFile
from ..models import Document
from ..settings import Settings
from ..text.split import passages
from ..voices import overrides
from ..voices.overrides import registry_for
from ..voices.people import Registry, discover
from . import custody
from .collection import BOUNDS, NOTED, Collection, CollectionError, valid_id, validate
from .damage import damage_signs

SHINGLE = 8  # words: long enough that shared runs mean shared text, not shared phrasing
DUPLICATE = 0.9  # share of a new text's shingles found in one document: the same document again
NEAR = 0.3  # worth showing the admin before they confirm


@dataclass
class Draft:
    """A document an admin is about to add: nothing is stored until `commit`."""

    data: bytes
    suffix: str
    source: str  # the file name or URL it came from
    document: Document
    text: str  # the cleaned text: what excerpts will quote
    passages: int = 0
    quotes: int = 0
    people: int = 0
    near: list[tuple[str, str, float]] = field(default_factory=list)  # (id, title, share of this text found there)
    received: str = ""  # when the file came or the URL was fetched (ISO 8601 UTC)
    original: dict = field(default_factory=dict)  # a URL's preserved WARC (custody.Original), kept when fetched
    sha256: str = ""
    damage: list[dict] = field(default_factory=list)  # signs the text came out damaged (damage.py)
    furniture: list[str] = field(default_factory=list)  # lines left out as page furniture (page numbers, headers)
    people_new: list[str] = field(default_factory=list)  # people the collection does not have yet
    people_joined: list[tuple[str, str]] = field(default_factory=list)  # (spelling here, the person it joins)
    people_near: list[tuple[str, str]] = field(default_factory=list)  # (new name, look-alike kept apart)

    def first_lines(self, n: int = 3, width: int = 300) -> list[str]:
        return [p if len(p) <= width else p[:width - 1] + "…" for p in self.text.split("\n\n")[:n]]

    def set(self, name: str, value: str, note: str | None = None) -> None:
        """Change a field as the admin typed it; it is then the admin's, not inferred. Raises InvalidField.

        `note` says how the admin knows it ("from the dateline of the printed copy"); without one the
        note says only that an admin set it.
        """
        stored, extra = validate(name, value)
        setattr(self.document, name, stored)
        for k, v in extra.items():
            setattr(self.document, k, v)
        if name in NOTED and (note or name not in BOUNDS):  # a bound without a note keeps the date's note
            setattr(self.document, NOTED[name], field_note(stored, note))
        self.document.inferred = [f for f in self.document.inferred if f != name]
        self.document.how.pop(name, None)

    def set_id(self, value: str) -> None:
        """The id the admin chose instead of the one made from the file name. Raises InvalidField."""
        self.document.id = valid_id(value)

    def how(self, name: str) -> str:
        """Where an inferred field was found ("og:site_name"), or ""."""
        return self.document.how.get(name, "") if name in self.document.inferred else ""

    def status(self, name: str) -> str:
        """"inferred", "unknown" or "given" for the card."""
        if getattr(self.document, name) in (None, ""):
            return "unknown"
        return "inferred" if name in self.document.inferred else "given"

    def entry(self) -> dict:
        """The manifest entry once the admin confirms: every shown value is now theirs."""
        d = self.document
        entry = {"id": d.id, "title": d.title, "publisher": d.publisher, "publisher_note": _confirmed(d, "publisher"),
                 "date": d.date, "date_precision": d.date_precision, "date_note": _confirmed(d, "date"),
                 "url": d.url, "kind": d.kind, "sha256": self.sha256, "added_from": self.source}
        if self.original:
            entry.update(original=self.original["file"], original_sha256=self.original["sha256"],
                         archived=self.original["retrieved"])
        if d.retrieved:
            entry["retrieved"] = d.retrieved
        for name in ("url_note", "date_not_before", "date_not_after", "author"):
            if getattr(d, name):
                entry[name] = getattr(d, name)
        return entry


def field_note(stored: str | None, note: str | None) -> str:
    """How an admin knows a field: their own words, else that they set it (or said it is unknown)."""
    if note and note.strip():
        return " ".join(note.split())
    return "set by an admin" if stored is not None else "unknown (an admin said so)"


def _confirmed(d: Document, name: str) -> str | None:
    note = getattr(d, f"{name}_note")
    if name in d.inferred and getattr(d, name) is not None:
        return f"{note}; confirmed by an admin"
    return note


def prepare(settings: Settings, data: bytes, name: str, url: str | None = None) -> Draft:
    """Read `data` (named `name`) as the index would, and describe it. Raises UnreadableFile, CitebotError."""
    from ..voices.quotes import find_quotes  # here, as in store/build.py: not compiled at every launch of the bot

    suffix = Path(name).suffix.lower() or ".html"
    url = public_url(url)  # a password used to fetch the page is never shown with it
    if suffix not in SUFFIXES:
        raise UnreadableFile.said("refusal.send_file_type", suffix=suffix)
    if len(data) > settings.max_file_bytes:
        raise UnreadableFile.said("refusal.too_large", size=len(data) / 1e6, limit=settings.max_file_bytes / 1e6)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (_stem(name) + suffix)
        path.write_bytes(data)
        source = run_limited(read_source, path, None, settings.max_file_bytes, limits=Limits.of(settings),
                             kind=kind_of(suffix))
    doc, text = source.document, source.cleaned.text
    if doc.kind == "article":  # the default, not something the file or the admin gave: the card says so
        doc.inferred = [*doc.inferred, "kind"]
    if url:
        doc.url, doc.retrieved = url, dt.date.today().isoformat()
        doc.inferred = [f for f in doc.inferred if f != "url"]
    draft = Draft(data=data, suffix=suffix, source=url or name, document=doc, text=text,
                  sha256=hashlib.sha256(data).hexdigest(), received=custody.now(),
                  furniture=list(dict.fromkeys(source.cleaned.dropped)))
    registry = registry_for(settings.people_file)
    discover(registry, [text])
    mentions = registry.mentions(text)
    draft.passages = len(passages(text))
    draft.quotes = len(find_quotes(text, mentions))
    draft.damage = damage_signs(text, draft.quotes)
    draft.people = len({m.person for m in mentions})
    draft.people_new, draft.people_joined, draft.people_near = people_news(settings, text)
    near = near_duplicates(settings, text, url)
    same = [(doc_id, title) for doc_id, title, share, back in near if min(share, back) >= DUPLICATE]
    if same:
        raise CitebotError.said("refusal.duplicate", id=same[0][0], title=same[0][1])
    draft.near = [(doc_id, title, share) for doc_id, title, share, _ in near]
    return draft


def prepare_url(settings: Settings, url: str) -> Draft:
    """Fetch `url` (safely, see fetch.py) and prepare the page as a draft. Raises FetchError and the like."""
    fetched = fetch(url, settings.max_file_bytes, settings.timeout_seconds, settings.max_redirects,
                    settings.allow_private_urls)
    draft = prepare(settings, fetched.data, _stem(public_url(fetched.url) or "") + fetched.suffix, url=fetched.url)
    # Kept now, while the request and response are at hand: a draft carries only the page.
    draft.original = asdict(custody.keep_fetch(settings.collection, fetched))
    draft.received = draft.original["retrieved"]
    return draft


def people_news(settings: Settings, text: str) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Whom the text names that the collection does not have, which of its spellings join someone the collection
    has (variants.py), and which new names look like someone's: what the admin is shown before confirming."""
    answerer = Answerer(settings)
    if answerer.exists():
        try:
            registry = Registry.from_dict(answerer.corpus().registry.to_dict())  # a copy: the index's stays as built
        except CitebotError:
            registry = registry_for(settings.people_file)
        overrides.apply(registry, overrides.load(overrides.path_beside(settings.people_file)))
    else:
        registry = registry_for(settings.people_file)
    known = set(registry.entries)
    discover(registry, [text])
    named = {m.person for m in registry.mentions(text)}
    names = {pid: registry.entries[pid].name for pid in named}
    new = sorted(n for pid, n in names.items() if pid not in known)
    joined = sorted((s, names[pid]) for s, pid in registry.joined.items() if pid in names and s != names[pid])
    near = sorted((names[a], registry.entries[b].name) for a, b in registry.near if a in names and b in registry.entries)
    return new, joined, near


def near_duplicates(
settings: Settings, text: str, url: str | None = None) -> list[tuple[str, str, float, float]]:
    """Indexed documents sharing much of `text` (or its URL), most similar first.

    Each is (id, title, share of `text` found there, share of it found in `text`): a reprint inside a longer
    document is near (worth showing), only the same text both ways (or the same URL) is a duplicate.
    """
    answerer = Answerer(settings)
    if not answerer.exists():
        return []
    corpus = answerer.corpus()
    mine = _shingles(text)
    found = []
    for doc in corpus.documents.values():
        if url and doc.url and doc.url.rstrip("/") == url.rstrip("/"):
            found.append((doc.id, doc.title, 1.0, 1.0))
            continue
        theirs = _shingles(corpus.generation.text(doc.id))
        shared = len(mine & theirs)
        share, back = shared / max(1, len(mine)), shared / max(1, len(theirs))
        if max(share, back) >= NEAR:
            found.append((doc.id, doc.title, round(share, 2), round(back, 2)))
    return sorted(found, key=lambda f: -f[2])


def _shingles(text: str) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    return {hash(tuple(words[i:i + SHINGLE])) for i in range(max(1, len(words) - SHINGLE + 1))}


def _stem(name: str) -> str:
    stem = Path(name.split("?")[0].split("#")[0].rstrip("/")).stem
    return re.sub(r"[^\w.-]+", "-", stem)[:60] or "document"


def commit(settings: Settings, draft: Draft) -> Document:
    """Store a confirmed draft in the collection (atomically), its original preserved and the adding recorded in
    the custody log. Raises CollectionError (a duplicate)."""
    if not draft.original:  # an uploaded file: the original is the file as sent
        draft.original = asdict(custody.keep_file(settings.collection, draft.data, draft.suffix, draft.source,
                                                  draft.received))
    entry = Collection(settings.collection).add(draft.data, draft.suffix, draft.entry(), taken=_indexed_ids(settings))
    custody.record(settings.collection, {
        **draft.original, "event": "added", "id": entry["id"], "file": entry["file"], "sha256": draft.sha256,
        "text_sha256": custody.sha256(draft.text.encode("utf-8")), "original": draft.original["file"],
        "original_sha256": draft.original["sha256"]})  # sha256: the document file's; original_sha256: the original's
    draft.document.id, draft.document.file, draft.document.inferred = entry["id"], entry["file"], []
    draft.document.original_sha256, draft.document.archived = entry["original_sha256"], entry["archived"]
    return draft.document


def edit(settings: Settings, doc_id: str, name: str, value: str, note: str | None = None) -> dict:
    """Correct one field of a document in the collection (`note`: how the admin knows it). Raises InvalidField, CollectionError."""
    name = name.lower()
    stored, extra = validate(name, value)
    collection_entry(settings, doc_id)
    changes = {name: stored, **extra}
    if name in NOTED and (note or name not in BOUNDS):
        changes[NOTED[name]] = field_note(stored, note)
    return Collection(settings.collection).edit(doc_id, changes)


def remove(settings: Settings, doc_id: str) -> dict:
    """Take a document out of the collection (its file and manifest entry). Raises CollectionError."""
    collection_entry(settings, doc_id)
    return Collection(settings.collection).remove(doc_id)


def collection_entry(settings: Settings, doc_id: str) -> dict:
    """The manifest entry of a document admins may change. Raises CollectionError (bundled, or no such id)."""
    if entry := Collection(settings.collection).entry(doc_id):
        return entry
    if doc_id in _indexed_ids(settings):
        raise CollectionError.said("refusal.bundled", id=doc_id)
    raise CollectionError.said("refusal.no_document_ids", id=doc_id)


def _indexed_ids(settings: Settings) -> set[str]:
    answerer = Answerer(settings)
    return set(answerer.corpus().documents) if answerer.exists() else set()


