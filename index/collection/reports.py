"""Readers' reports of bad citations, and the admin audit log, in the database (database.py).

SQLite by default (the `database` file); PostgreSQL when `database_url` is set,
so workers on several hosts share one record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .database import Database

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
    """The reports and audit tables: in an SQLite file (a path) or a PostgreSQL database (a postgresql:// URL)."""

    def __init__(self, where: Path | str) -> None:
        self.database = Database(where, SCHEMA)
        self._db = self.database.transaction

    # -- readers' reports ---------------------------------------------------------------------
    def report(self, *, user_id: int | None, doc: str, start: int, end: int, generation: str, question: str,
               reason: str, excerpt: str, note: str | None = None) -> int:
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        with self._db() as db:
            cur = db.run(
                'INSERT INTO reports (created, user_id, doc, start, "end", generation, question, reason, note, excerpt)'
                " VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
                (_now(), user_id, doc, start, end, generation, question[:500], reason, note, excerpt))
            return int(cur.fetchone()[0])

    def add_note(self, report_id: int, user_id: int | None, note: str) -> bool:
        """The reader's optional line, added to their own report."""
        with self._db() as db:
            cur = db.run("UPDATE reports SET note=? WHERE id=? AND user_id IS NOT DISTINCT FROM ?", (note[:500], report_id, user_id))
            return cur.rowcount == 1

    def reports(self, status: str = "open", limit: int = 20) -> list[ReaderReport]:
        """Reports with `status` ("open", "resolved" or "all"), newest first."""
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
        with self._db() as db:
            return db.run("SELECT COUNT(*) FROM reports WHERE status='open'").fetchone()[0]

    def take_unnotified(self, every_seconds: int) -> list[ReaderReport]:
        """Reports admins have not heard of, if the last notice is at least `every_seconds` old; marks them told.

        Exclusive: workers asking at once must not each tell the admins of the same reports.
        """
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
    def record(self, user_id: int | None, who: str | None, action: str, detail: str) -> None:
        with self._db() as db:
            db.run("INSERT INTO audit (at, user_id, who, action, detail) VALUES (?,?,?,?,?)",
                       (_now(), user_id, who, action, detail[:500]))

    def audit(self, limit: int = 10) -> list[AuditEntry]:
        """The latest admin actions, newest first."""
        with self._db() as db:
            rows = db.run("SELECT at, user_id, who, action, detail FROM audit ORDER BY id DESC LIMIT ?", (limit,))
            return [AuditEntry(*row) for row in rows]


_COLUMNS = ('id, created, user_id, doc, start, "end", generation, question, reason, note, excerpt, status, '
            "resolved_by, resolved_at")
