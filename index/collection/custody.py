"""Originals kept as they came, hashed, with a chain of custody: what `citebot verify` checks.

The Berkeley Protocol on Digital Open Source Investigations asks an investigator
to preserve the original of what they collect, to hash it, and to keep a record
of who collected it, when, from where, and everything done to it since. citebot
quotes documents to people who may rely on the quotation, so it does the same
for every document an admin adds:

- the original bytes are kept in `originals/` of the collection, named by their
  SHA-256 and made read-only: the file as uploaded, or, for a URL, a WARC file
  (ISO 28500, written with warcio) holding every request and response of the
  fetch, redirects included, with the body exactly as it came over the wire;
- `custody.jsonl` is an append-only log: one JSON line per event (added,
  edited, removed), each carrying the SHA-256 of the line before it, so a line
  changed or taken out breaks the chain;
- `verify` re-hashes every original, the document file the index reads, the text
  derived from it now and the text the current index holds, and names each
  change.

The document file beside the manifest stays what the index reads; the original
is never read by the index, only checked against it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..documents.fetch import Exchange, Fetched, inflate
from ..documents.sandbox import Limits, kind_of, run_limited
from ..documents.sources import read_manifest, read_source
from ..errors import CitebotError
from ..settings import Settings

ORIGINALS = "originals"
LOG = "custody.jsonl"
START = "0" * 64  # what the first line's "prev" is


@dataclass
class Original:
    """One preserved original: where it is in the collection, its hash, and where and when it came from."""

    file: str  # relative to the collection: originals/<sha256>.pdf, originals/<sha256>.warc.gz
    sha256: str
    size: int
    kind: str  # "file" (as uploaded) or "warc" (a fetched URL)
    source: str  # the file name or URL
    retrieved: str  # ISO 8601 UTC


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def keep_file(folder: Path, data: bytes, suffix: str, source: str, retrieved: str = "") -> Original:
    """Preserve an uploaded file as it is."""
    digest = sha256(data)
    name = _store(folder, f"{digest}{suffix}", data)
    return Original(name, digest, len(data), "file", source, retrieved or now())


def keep_fetch(folder: Path, fetched: Fetched) -> Original:
    """Preserve a fetch as a WARC file: a request and a response record for every hop."""
    data = warc(fetched)
    digest = sha256(data)
    name = _store(folder, f"{digest}.warc.gz", data)
    return Original(name, digest, len(data), "warc", fetched.exchanges[0].url if fetched.exchanges else fetched.url,
                    fetched.retrieved or now())


def warc(fetched: Fetched) -> bytes:
    """The fetch as WARC/1.1 records (each gzipped, as web archives store them)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import BufferWARCWriter

    writer = BufferWARCWriter(gzip=True, warc_version="1.1")
    date = (fetched.retrieved or now()).replace("+00:00", "Z")
    info = writer.create_warcinfo_record("citebot.warc.gz", {"software": "citebot", "format": "WARC File Format 1.1"})
    writer.write_record(info)
    for hop in fetched.exchanges:
        parts = urlsplit(hop.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        asked = StatusAndHeaders(f"GET {target} {hop.http_version}", hop.request_headers, is_http_request=True)
        writer.write_record(writer.create_warc_record(hop.url, "request", payload=io.BytesIO(b""), length=0,
                                                      http_headers=asked, warc_headers_dict={"WARC-Date": date}))
        answered = StatusAndHeaders(f"{hop.status} {hop.reason}", _as_stored(hop), protocol=hop.http_version)
        writer.write_record(writer.create_warc_record(hop.url, "response", payload=io.BytesIO(hop.body),
                                                      length=len(hop.body), http_headers=answered,
                                                      warc_headers_dict={"WARC-Date": date}))
    return writer.get_contents()


def _as_stored(hop: Exchange) -> list[tuple[str, str]]:
    """The response headers; Transfer-Encoding renamed, as web archives do, because the body kept is de-chunked."""
    return [(f"X-Archive-Orig-{k}" if k.lower() == "transfer-encoding" else k, v) for k, v in hop.headers]


def page_in(data: bytes) -> bytes:
    """The decoded body of the last response in a WARC file: the page the document file should be."""
    from warcio.archiveiterator import ArchiveIterator

    body, encoding = b"", ""
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type == "response":
            encoding = record.http_headers.get_header("Content-Encoding") or ""
            body = record.raw_stream.read()
    return inflate(body, encoding)


def _store(folder: Path, name: str, data: bytes) -> str:
    """Write `originals/name` once, read-only; an original already kept is never rewritten."""
    path = folder / ORIGINALS / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".tmp-{os.getpid()}-{name}")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o444)
        os.replace(tmp, path)
    return f"{ORIGINALS}/{name}"


# -- the log --------------------------------------------------------------------------------------


def record(folder: Path, event: dict) -> dict:
    """Append `event` (with the time and the previous line's hash) to the custody log; returns it as written."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOG, "a+b") as log:
        fcntl.flock(log, fcntl.LOCK_EX)
        try:
            log.seek(0)
            lines = log.read().splitlines(keepends=True)
            line = {"time": now(), **event, "prev": sha256(lines[-1]) if lines else START}
            log.write(json.dumps(line, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
            log.flush()
            os.fsync(log.fileno())
        finally:
            fcntl.flock(log, fcntl.LOCK_UN)
    return line


def events(folder: Path) -> tuple[list[dict], list[str]]:
    """The log's events, and where its chain is broken (a line changed, inserted or taken out)."""
    path = folder / LOG
    if not path.exists():
        return [], []
    found, broken, prev = [], [], START
    for n, line in enumerate(path.read_bytes().splitlines(keepends=True), 1):
        try:
            event = json.loads(line)
        except ValueError:
            broken.append(f"{LOG} line {n} is not a JSON record")
            prev = sha256(line)
            continue
        if event.get("prev") != prev:
            broken.append(f"{LOG} line {n} does not follow line {n - 1}: the log was changed there")
        found.append(event)
        prev = sha256(line)
    return found, broken


# -- verifying ------------------------------------------------------------------------------------


@dataclass
class Check:
    """What `verify` found for one document: "ok", "changed" or "unpreserved", and the lines saying why."""

    id: str
    status: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Verification:
    checks: list[Check] = field(default_factory=list)
    log_problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.log_problems) or any(c.status == "changed" for c in self.checks)

    def summary(self) -> str:
        counts = {s: sum(c.status == s for c in self.checks) for s in ("ok", "changed", "unpreserved")}
        lines = [f"{c.status.upper():<11} {c.id}: {line}" for c in self.checks for line in c.lines]
        lines += [f"CHANGED     {problem}" for problem in self.log_problems]
        lines.append(f"{counts['ok']} unchanged, {counts['changed']} changed, {counts['unpreserved']} without a "
                     f"preserved original; custody log {'broken' if self.log_problems else 'intact'}.")
        return "\n".join(lines)


def verify(settings: Settings, record_text: bool = False) -> Verification:
    """Re-hash every preserved original and the text derived from it; name every change.

    `record_text`: a text derived differently now (the reader or cleaner changed) is recorded in the log as
    "rederived", with both hashes, after the admin has checked it; the originals must still be unchanged.
    """
    folder = settings.collection
    result = Verification()
    if not folder.is_dir():
        return result
    log, result.log_problems = events(folder)
    added = {e["id"]: e for e in log if e.get("event") == "added"}
    texts = {e["id"]: e["text_sha256"] for e in log if e.get("event") in ("added", "rederived")}
    indexed = _indexed_texts(settings)
    for entry in read_manifest(folder)[0]:
        doc_id = str(entry.get("id"))
        if doc_id not in added:
            result.checks.append(Check(doc_id, "unpreserved", ["added before originals were kept: no original"]))
            continue
        result.checks.append(_check(settings, entry, added[doc_id], texts[doc_id], indexed.get(doc_id), record_text))
    return result


def _check(settings: Settings, entry: dict, added: dict, text_sha: str, indexed: str | None,
           record_text: bool) -> Check:
    folder, check = settings.collection, Check(str(entry["id"]), "ok")
    original = folder / added["original"]
    document = folder / str(entry.get("file"))
    problems = []
    kept = original.read_bytes() if original.exists() else None
    if kept is None:
        problems.append(f"the original {added['original']} is missing")
    elif sha256(kept) != added["original_sha256"]:
        problems.append(f"the original {added['original']} has changed: SHA-256 {sha256(kept)}, "
                        f"recorded {added['original_sha256']}")
    if not document.exists():
        problems.append(f"the document file {entry.get('file')} is missing")
    else:
        data = document.read_bytes()
        if sha256(data) != added["sha256"]:
            problems.append(f"the document file {entry.get('file')} has changed: SHA-256 {sha256(data)}, "
                            f"recorded {added['sha256']}")
        elif kept is not None and _payload(kept, added) != data:
            problems.append(f"the document file {entry.get('file')} is not what the original holds")
        else:
            problems += _text_problems(settings, document, entry, text_sha, indexed, record_text)
    if problems:
        check.status, check.lines = "changed", problems
    else:
        check.lines = [f"original {added['original_sha256']} ({added['kind']}, {added['size']} bytes, retrieved "
                       f"{added['retrieved']} from {added['source']}), document file and text unchanged"]
    return check


def _payload(kept: bytes, added: dict) -> bytes:
    return page_in(kept) if added["kind"] == "warc" else kept


def _text_problems(settings: Settings, document: Path, entry: dict, text_sha: str, indexed: str | None,
                   record_text: bool) -> list[str]:
    try:
        source = run_limited(read_source, document, entry, settings.max_file_bytes, limits=Limits.of(settings),
                             kind=kind_of(document.suffix))
    except CitebotError as e:
        return [f"the document file can no longer be read: {e}"]
    derived = sha256(source.cleaned.text.encode("utf-8"))
    problems = []
    if derived != text_sha and record_text:
        record(settings.collection, {"event": "rederived", "id": entry["id"], "text_sha256": derived, "was": text_sha})
    elif derived != text_sha:
        problems.append(f"the text derived from it now differs from the text recorded when it was added "
                        f"(SHA-256 {derived}, recorded {text_sha}): excerpts may differ from ones quoted before")
    if indexed is not None and indexed != derived:
        problems.append("the index holds a different text from the one derived from the document: run citebot reindex")
    return problems


def _indexed_texts(settings: Settings) -> dict[str, str]:
    """SHA-256 of each document's text in the current index generation (none if there is no index)."""
    from ..answers.answerer import Answerer

    answerer = Answerer(settings)
    if not answerer.exists():
        return {}
    corpus = answerer.corpus()
    return {doc_id: sha256(corpus.generation.text(doc_id).encode("utf-8")) for doc_id in corpus.documents}
