"""Nothing a reader or an admin sends is lost while the reports database is down: the spool keeps it, in order,
and it is written once when the database is back (index/collection/spool.py, reports.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from citebot.index.collection.database import DatabaseError
from citebot.index.collection.reports import Journal
from citebot.index.collection.requests import ReindexRequests
from citebot.index.collection.spool import Spool
from citebot.index.settings import Settings
from tests.conftest import cli_in_process, indexed
from tests.services import postgres_cluster


class Down(Exception):
    pass


def test_a_record_cut_short_by_a_crash_is_skipped_and_the_next_starts_on_a_line_of_its_own(tmp_path):
    spool = Spool(tmp_path / "spool.jsonl")
    first = spool.add("audit", {"detail": "kept"})
    with open(spool.path, "ab") as f:
        f.write(b'{"id": "half", "kind": "audit", "da')  # the process died in the middle of this write
    second = spool.add("audit", {"detail": "after the crash"})
    assert [(r.id, r.data["detail"]) for r in spool.pending()] == [(first, "kept"), (second, "after the crash")]
    assert spool.path.read_bytes().count(b"\n") == 3  # the cut line closed, so it never merges with the next


def test_a_replay_goes_in_order_stops_where_the_store_is_still_down_and_empties_the_spool_when_done(tmp_path):
    spool = Spool(tmp_path / "spool.jsonl")
    ids = [spool.add("report", {"n": n}) for n in range(5)]
    taken: list[int] = []

    def take_three(record):
        if len(taken) == 3:
            raise Down
        taken.append(record.data["n"])

    assert spool.replay(take_three, stops=(Down,)) == 3
    assert [r.id for r in spool.pending()] == ids[3:]  # what the store refused stays, in order
    assert spool.replay(lambda r: taken.append(r.data["n"])) == 2
    assert taken == [0, 1, 2, 3, 4] and spool.pending() == [] and spool.path.stat().st_size == 0


def test_a_fault_that_is_not_an_outage_is_not_hidden_and_nothing_is_dropped(tmp_path):
    spool = Spool(tmp_path / "spool.jsonl")
    spool.add("report", {"n": 1})
    with pytest.raises(KeyError):
        spool.replay(lambda r: r.data["missing"], stops=(Down,))
    assert [r.data for r in spool.pending()] == [{"n": 1}]


def report(journal: Journal, user: int, question: str) -> int | str:
    return journal.report(user_id=user, doc="memo-2021", start=0, end=24, generation="g1", question=question,
                          reason="speaker", excerpt="The committee met twice.")


def test_with_the_database_down_reports_notes_and_audit_lines_wait_and_are_written_once_in_order(tmp_path):
    with postgres_cluster() as server:
        journal = Journal(server.url, tmp_path / "spool" / "journal.jsonl")
        filed = report(journal, 11, "before the outage")
        assert filed == 1
        server.stop()
        waiting = report(journal, 12, "during the outage")
        assert isinstance(waiting, str)  # the spool id: the reader is told it will be filed later
        assert isinstance(journal.add_note(waiting, 12, "He was quoting the chair."), str)
        assert isinstance(journal.add_note(filed, 11, "Wrong page."), str)
        journal.record(4242, "@ana", "reindex", "while down")
        assert journal.spooled() == 4
        with pytest.raises(DatabaseError):
            journal.reports()  # reading cannot be spooled: the caller says the database is down
        server.start()
        report(journal, 13, "after the outage")  # behind what waits (written now, or spooled after it)
        journal.replay()  # as the bot's replayer does every 2 s
        assert journal.spooled() == 0
        assert isinstance(report(journal, 14, "later"), int)
        kept = Journal(server.url).reports("all")  # newest first (a crash may skip numbers: PostgreSQL's way)
        assert [(r.user_id, r.question, r.note) for r in reversed(kept)] == [
            (11, "before the outage", "Wrong page."), (12, "during the outage", "He was quoting the chair."),
            (13, "after the outage", None), (14, "later", None)]
        assert [(e.action, e.detail) for e in journal.audit()] == [("reindex", "while down")]


def test_a_replay_cut_short_after_writing_a_record_does_not_write_it_twice(tmp_path):
    with postgres_cluster() as server:
        journal = Journal(server.url, tmp_path / "journal.jsonl")
        server.stop()
        report(journal, 21, "first")
        report(journal, 22, "second")
        server.start()
        first = journal.spool.pending()[0]
        journal._take(first.kind, first.data, first.id)  # written, then the worker died before marking it done
        assert journal.replay() == 2
        assert sorted(r.question for r in journal.reports("all")) == ["first", "second"]


def test_an_sqlite_file_that_cannot_be_written_is_an_outage_too(tmp_path):
    journal = Journal(tmp_path / "citebot.sqlite", tmp_path / "journal.jsonl")
    report(journal, 31, "while writable")
    locker = sqlite3.connect(tmp_path / "citebot.sqlite", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # another process holds the file: after its timeout it is "locked"
    journal.database.timeout = 0.1
    try:
        assert isinstance(report(journal, 32, "while locked"), str)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert [r.question for r in journal.reports("all")] == ["while locked", "while writable"]
    assert json.loads(journal.spool.path.read_text() or "null") is None  # emptied once written


def test_a_reindex_settles_only_the_requests_asked_before_it_began(tmp_path):
    settings = Settings(index_dir=tmp_path / "index")
    requests = ReindexRequests(settings)
    first, second = requests.ask("add memo-1"), requests.ask("/reindex by @ana")
    covered = requests.waiting()  # read as the build begins
    third = requests.ask("edit memo-1 date")  # stored while it builds: maybe not in it
    requests.done(covered)
    assert [r.id for r in covered] == [first, second]
    assert [(r.id, r.data["why"]) for r in requests.waiting()] == [(third, "edit memo-1 date")]
    assert requests.left_over(older_than=60) == []  # just asked: its own reindex is still to come
    assert [r.id for r in requests.left_over(older_than=-1)] == [third]
    requests.done(requests.waiting())
    assert requests.waiting() == [] and requests.spool.path.stat().st_size == 0


def test_citebot_add_with_the_database_down_keeps_the_audit_line_and_says_where(tmp_path, bundled):
    settings = indexed(bundled, tmp_path)
    path = tmp_path / "memo.txt"
    path.write_bytes(b"Memo of the archive\n\nThe archive keeps every ledger sealed until a judge asks for it.")
    env = {**os.environ, "CITEBOT_INDEX_DIR": str(settings.index_dir), "CITEBOT_CORPUS_DIR": str(settings.corpus_dir),
           "CITEBOT_DATABASE_URL": "postgresql://citebot@127.0.0.1:1/citebot"}
    added = subprocess.run([sys.executable, "-m", "citebot.bot.cli", "add", str(path), "--yes", "--no-reindex"],
                           env=env, capture_output=True, text=True, timeout=120)
    assert added.returncode == 0, added.stderr
    assert (f"The audit log's database cannot be reached: the add line waits in {settings.spool_dir} and is "
            "written when it is back") in added.stderr
    [line] = Journal.of(settings).spool.pending()
    assert (line.kind, line.data["action"], line.data["detail"]) == ("audit", "add", "memo")


def test_after_a_failed_try_writes_go_straight_to_the_spool_for_a_while(tmp_path, monkeypatch):
    """An unreachable host costs a connect timeout per try: the next reader is not made to wait it out again."""
    journal = Journal("postgresql://citebot@127.0.0.1:1/citebot", tmp_path / "journal.jsonl")
    tries = []
    take = journal._take
    monkeypatch.setattr(journal, "_take", lambda *a: tries.append(a[0]) or take(*a))
    assert all(isinstance(report(journal, n, f"q{n}"), str) for n in range(3))
    assert tries == ["report"] and journal.spooled() == 3  # one try, then straight to the spool


def test_citebot_reindex_from_the_terminal_settles_the_requests_waiting(tmp_path, bundled):
    """Whoever builds settles: after `citebot reindex`, no worker reindexes again for what it covered."""
    settings = indexed(bundled, tmp_path)
    requests = ReindexRequests(settings)
    requests.ask("add memo-1 (its worker died before reindexing)")
    run = cli_in_process({"CITEBOT_CORPUS_DIR": str(settings.corpus_dir), "CITEBOT_INDEX_DIR": str(settings.index_dir)})
    assert "Indexed 5 documents" in run("reindex")
    assert requests.waiting() == []
