"""Readers' reports of bad citations, and the admin audit log, in the database (database.py).

SQLite by default (the `database` file); PostgreSQL when `database_url` is set,
so workers on several hosts share one record. When the database cannot be reached,
a report, a note or an audit line goes to this host's spool (spool.py) and is written
when it is back, in order and exactly once: each record gets an id before its first
try, and the `replayed` table keeps that id with the row it became, in the same
transaction as the row (a commit whose answer was lost is not written twice).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..settings import Settings
from .database import Database, DatabaseError, Session
from .spool import Spool

log = logging.getLogger(__name__)

REASONS = {
    "speaker": "wrong speaker",
    "context": "out of context",
    "source": "wrong date or source",
    "link": "broken link",
    "other": "other",
}
SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id {key}, created TEXT NOT NULL, user_id BIGINT, doc TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, generation TEXT NOT NULL, question TEXT NOT NULL,
    reason TEXT NOT NULL, note TEXT, excerpt TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open',
    resolved_by BIGINT, resolved_at TEXT, notified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS audit (
    id {key}, at TEXT NOT NULL, user_id BIGINT, who TEXT, action TEXT NOT NULL, detail TEXT);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS replayed (id TEXT PRIMARY KEY, "row" BIGINT);
"""


@dataclass
class ReaderReport:
    id: int
    created: str
    user_id: int | None
    doc: str
    start: int
    end: int
    generation: str
    question: str
    reason: str  # a key of REASONS
    note: str | None
    excerpt: str
    status: str = "open"
    resolved_by: int | None = None
    resolved_at: str | None = None

    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)


@dataclass
class AuditEntry:
    at: str
    user_id: int | None
    who: str | None
    action: str  # add | edit | remove | reindex | resolve
    detail: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Journal:
    """The reports and audit tables: in an SQLite file (a path) or a PostgreSQL database (a postgresql:// URL).

    spool: this host's spool file for what the database cannot take now; without one, writes raise
    DatabaseError when it is down (the CLI's own commands, tests).
    """

    def __init__(self, where: Path | str, spool: Path | None = None) -> None:
        self.database = Database(where, SCHEMA)
        self._db = self.database.transaction
        self.spool = Spool(spool) if spool else None

    @classmethod
    def of(cls, settings: Settings) -> Journal:
        """The journal the settings name, spooling to `var/spool/journal.jsonl` (beside the index)."""
        return cls(settings.database_at, settings.spool_dir / JOURNAL_SPOOL)

    # -- readers' reports ---------------------------------------------------------------------
    def report(self, *, user_id: int | None, doc: str, start: int, end: int, generation: str, question: str,
               reason: str, excerpt: str, note: str | None = None) -> int | str:
        """The report's number; while the database is down, the id it waits under in the spool (a str)."""
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        return self._write("report", {"created": _now(), "user_id": user_id, "doc": doc, "start": start, "end": end,
                                      "generation": generation, "question": question[:500], "reason": reason,
                                      "note": note, "excerpt": excerpt})

    def add_note(self, report_id: int | str, user_id: int | None, note: str) -> bool | str:
        """The reader's optional line, added to their own report (a spooled report's id is a str): whether it
        was; while the database is down, the id the note waits under in the spool (a str)."""
        kept = self._write("note", {"report": report_id, "user_id": user_id, "note": note[:500]})
        return kept if isinstance(kept, str) else bool(kept)

    def reports(self, status: str = "open", limit: int = 20) -> list[ReaderReport]:
        """Reports with `status` ("open", "resolved" or "all"), newest first."""
        self.replay()
        where, args = ("", ()) if status == "all" else ("WHERE status=?", (status,))
        with self._db() as db:
            rows = db.run(f"SELECT {_COLUMNS} FROM reports {where} ORDER BY id DESC LIMIT ?", (*args, limit))
            return [ReaderReport(*row) for row in rows]

    def get(self, report_id: int) -> ReaderReport | None:
        with self._db() as db:
            row = db.run(f"SELECT {_COLUMNS} FROM reports WHERE id=?", (report_id,)).fetchone()
            return ReaderReport(*row) if row else None

    def resolve(self, report_id: int, user_id: int | None) -> bool:
        """Mark an open report resolved; False if there is no such open report."""
        with self._db() as db:
            cur = db.run("UPDATE reports SET status='resolved', resolved_by=?, resolved_at=? "
                             "WHERE id=? AND status='open'", (user_id, _now(), report_id))
            return cur.rowcount == 1

    def open_count(self) -> int:
        self.replay()
        with self._db() as db:
            return db.run("SELECT COUNT(*) FROM reports WHERE status='open'").fetchone()[0]

    def take_unnotified(self, every_seconds: int) -> list[ReaderReport]:
        """Reports admins have not heard of, if the last notice is at least `every_seconds` old; marks them told.

        Exclusive: workers asking at once must not each tell the admins of the same reports.
        """
        self.replay()
        with self._db(exclusive=True) as db:
            row = db.run("SELECT value FROM state WHERE key='notified_at'").fetchone()
            if row and (dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(row[0])).total_seconds() < every_seconds:
                return []
            rows = [ReaderReport(*r) for r in
                    db.run(f"SELECT {_COLUMNS} FROM reports WHERE notified=0 ORDER BY id")]
            if rows:
                db.run("UPDATE reports SET notified=1 WHERE id<=? AND notified=0", (rows[-1].id,))
                db.run("INSERT INTO state (key, value) VALUES ('notified_at', ?) "
                       "ON CONFLICT (key) DO UPDATE SET value=excluded.value", (_now(),))
            return rows

    def seconds_until_notice(self, every_seconds: int) -> float:
        """How long until the next batched notice may go out (0: now)."""
        with self._db() as db:
            row = db.run("SELECT value FROM state WHERE key='notified_at'").fetchone()
        if not row:
            return 0.0
        age = (dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(row[0])).total_seconds()
        return max(0.0, every_seconds - age)

    # -- audit log ----------------------------------------------------------------------------
    def record(self, user_id: int | None, who: str | None, action: str, detail: str) -> int | str:
        """The audit line's number; while the database is down, the id it waits under in the spool (a str)."""
        return self._write("audit", {"at": _now(), "user_id": user_id, "who": who, "action": action, "detail": detail[:500]})

    def audit(self, limit: int = 10) -> list[AuditEntry]:
        """The latest admin actions, newest first."""
        self.replay()
        with self._db() as db:
            rows = db.run("SELECT at, user_id, who, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,))
            return [AuditEntry(*row) for row in rows]

    # -- the spool ----------------------------------------------------------------------------
    def spooled(self) -> int:
        """How many records wait in this host's spool for the database."""
        return len(self.spool.pending()) if self.spool and self.spool.waiting() else 0

    def replay(self) -> int:
        """Write what waits in the spool, in order; stops quietly at the first the database still cannot take."""
        if self.spool is None or not self.spool.waiting():
            return 0
        replayed = self.spool.replay(lambda r: self._take(r.kind, r.data, r.id), stops=(DatabaseError,))
        if self.spool.waiting():
            _down_until[self.database.where] = time.monotonic() + RETRY_AFTER
        else:
            _down_until.pop(self.database.where, None)
        if replayed:
            log.warning("%d spooled record(s) written to the database at %s", replayed, self.database.where)
        return replayed

    def _write(self, kind: str, data: dict) -> int | str:
        """Write now; while the database is down (or earlier records still wait), append to the spool instead."""
        if self.spool is None:
            return self._take(kind, data)
        # One id from the start: a commit that went through although its answer was lost is not written again.
        record_id = uuid.uuid4().hex
        if time.monotonic() < _down_until.get(self.database.where, 0.0):
            return self.spool.add(kind, data, record_id)  # it just failed: the reader is not kept waiting again
        if self.spool.waiting():
            self.replay()  # earlier records go first: in order
        if not self.spool.waiting():
            try:
                return self._take(kind, data, record_id)
            except DatabaseError as error:
                log.warning("%s; the %s waits in the spool %s until it is back", error, kind, self.spool.path)
                _down_until[self.database.where] = time.monotonic() + RETRY_AFTER
        return self.spool.add(kind, data, record_id)

    def _take(self, kind: str, data: dict, spool_id: str | None = None) -> int:
        """One record in one transaction; a spooled one (`spool_id`) is written once however often it is replayed."""
        with self._db() as db:
            if spool_id:
                done = db.run('SELECT "row" FROM replayed WHERE id=?', (spool_id,)).fetchone()
                if done:
                    return int(done[0])
            row = _WRITERS[kind](db, data)
            if spool_id:
                db.run('INSERT INTO replayed (id, "row") VALUES (?,?)', (spool_id, row))
            return row


def _insert_report(db: Session, d: dict) -> int:
    cur = db.run('INSERT INTO reports (created, user_id, doc, start, "end", generation, question, reason, note, excerpt)'
                 " VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                 (d["created"], d["user_id"], d["doc"], d["start"], d["end"], d["generation"], d["question"],
                  d["reason"], d["note"], d["excerpt"]))
    return int(cur.fetchone()[0])


def _update_note(db: Session, d: dict) -> int:
    """1 when the note is added to the reader's own report; a spooled report is found by its spool id."""
    report = d["report"]
    if isinstance(report, str):  # the report waited in the spool too, and was replayed before this note
        found = db.run('SELECT "row" FROM replayed WHERE id=?', (report,)).fetchone()
        if not found:
            log.warning("a note for spooled report %s, which never reached the database: dropped", report)
            return 0
        report = int(found[0])
    cur = db.run("UPDATE reports SET note=? WHERE id=? AND user_id IS NOT DISTINCT FROM ?",
                 (d["note"], report, d["user_id"]))
    return int(cur.rowcount == 1)


def _insert_audit(db: Session, d: dict) -> int:
    cur = db.run("INSERT INTO audit (at, user_id, who, action, detail) VALUES (?,?,?,?,?) RETURNING id",
                 (d["at"], d["user_id"], d["who"], d["action"], d["detail"]))
    return int(cur.fetchone()[0])


_WRITERS: dict[str, Callable[[Session, dict], int]] = {"report": _insert_report, "note": _update_note,
                                                       "audit": _insert_audit}
JOURNAL_SPOOL = "journal.jsonl"
# After a failed try, writes go straight to the spool for this long: an unreachable host costs a connect
# timeout (10 s) per try, which a reader reporting must not wait through twice; the bot's replayer keeps trying.
RETRY_AFTER = 5.0
_down_until: dict[str, float] = {}  # database (as `where` names it) -> monotonic time to try it again

_COLUMNS = ('id, created, user_id, doc, start, "end", generation, question, reason, note, excerpt, status, '
            "resolved_by, resolved_at")
