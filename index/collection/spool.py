"""A local append-only spool: records a store could not take now, kept on this host until it can.

When PostgreSQL (or the SQLite file) cannot be reached, a reader's report, a note, an audit line
or a reindex request is not lost: it is appended here, one JSON line per record, under an
exclusive lock and fsync'd before the caller is told it is kept. A crash mid-write leaves at
most a partial last line; reading skips it, and the next record starts on a line of its own.

Replaying hands the records to the store in the order they came. Each carries an id the store
keeps with what it wrote (see `Journal`), so a replay cut short and repeated writes nothing
twice. A record replayed is marked by a `{"done": id}` line; once every record is done the file
is emptied, under the same lock, so it never grows past what is waiting.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Record:
    id: str
    kind: str  # report | note | audit | reindex
    at: str  # ISO 8601 UTC, when it was spooled
    data: dict


class Spool:
    """One spool file (`var/spool/<name>.jsonl`); every method is safe across threads and processes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def waiting(self) -> bool:
        """Whether any record may be waiting (cheap: the file's size; an emptied spool is 0 bytes)."""
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False

    def add(self, kind: str, data: dict, record_id: str | None = None) -> str:
        """Append one record, durably; returns its id."""
        record_id = record_id or uuid.uuid4().hex
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._locked() as f:
            self._append(f, {"id": record_id, "kind": kind, "at": at, "data": data})
        return record_id

    def pending(self) -> list[Record]:
        """The records not yet replayed, oldest first."""
        with self._locked() as f:
            return self._pending(f)

    def replay(self, take: Callable[[Record], object], stops: tuple[type[Exception], ...] = ()) -> int:
        """Hand each waiting record to `take`, in order, marking each done as it returns.

        The first record `take` raises one of `stops` on (its store is still down) ends the replay: it and
        those after it stay, in order, for the next one. Returns how many were replayed.
        """
        if not self.waiting():
            return 0
        replayed = 0
        with self._locked() as f:
            waiting = self._pending(f)
            for record in waiting:
                try:
                    take(record)
                except stops:
                    break
                self._append(f, {"done": record.id})
                replayed += 1
            if replayed == len(waiting):
                f.truncate(0)  # everything is in the store: start the next outage from an empty file
                f.flush()
                os.fsync(f.fileno())
        return replayed

    def settle(self, ids: set[str]) -> None:
        """Mark the records `ids` done without replaying them (their work was done another way)."""
        if not ids or not self.waiting():
            return
        with self._locked() as f:
            waiting = self._pending(f)
            for record in waiting:
                if record.id in ids:
                    self._append(f, {"done": record.id})
            if all(record.id in ids for record in waiting):
                f.truncate(0)
                f.flush()
                os.fsync(f.fileno())

    @contextmanager
    def _locked(self) -> Iterator[IO[bytes]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # released when the file closes
            yield f

    @staticmethod
    def _append(f: IO[bytes], line: dict) -> None:
        f.seek(0, os.SEEK_END)
        if f.tell() > 0:
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":  # a write cut short by a crash: close its line, so it is skipped alone
                f.write(b"\n")
        f.write(json.dumps(line, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
        f.flush()
        os.fsync(f.fileno())

    def _pending(self, f: IO[bytes]) -> list[Record]:
        f.seek(0)
        records: dict[str, Record] = {}
        for n, raw in enumerate(f.read().split(b"\n"), 1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
                if "done" in line:
                    records.pop(line["done"], None)
                else:
                    records.setdefault(line["id"], Record(line["id"], line["kind"], line["at"], line["data"]))
            except (ValueError, KeyError, TypeError):
                log.warning("%s line %d is not a whole record (a write cut short): skipped", self.path, n)
        return list(records.values())
