"""Readers' reports and the audit log read the same from SQLite (the default) and PostgreSQL (`database_url`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from citebot.index.collection.database import DatabaseError
from citebot.index.collection.reports import Journal
from tests.botproc import TOKEN, citebot, message
from tests.conftest import indexed
from tests.fake_telegram import FakeTelegram
from tests.services import postgres_server

TELEGRAM_ID = 7_123_456_789  # user ids pass 2**31: they must not be cut
ADMIN, READER = 4242, 5151


@pytest.fixture(scope="module")
def postgres():
    with postgres_server() as url:
        yield url


def fresh(url: str) -> str:
    """A new, empty database on the test server: each test starts from nothing."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def where(request, tmp_path):
    return tmp_path / "citebot.sqlite" if request.param == "sqlite" else fresh(request.getfixturevalue("postgres"))


def report(journal: Journal, user: int = TELEGRAM_ID, reason: str = "speaker") -> int:
    return journal.report(user_id=user, doc="ngo-2020-bring-to-justice", start=10, end=42, generation="g1",
                          question="/who Raisi", reason=reason, excerpt="The families of the victims")


def test_a_report_is_kept_whole_noted_by_its_reader_and_resolved_once(where):
    journal = Journal(where)
    first, second = report(journal), report(journal, user=7, reason="link")
    kept = Journal(where).get(first)  # another connection: it is durable
    assert (kept.user_id, kept.doc, kept.start, kept.end, kept.question, kept.reason_label(), kept.status) == \
        (TELEGRAM_ID, "ngo-2020-bring-to-justice", 10, 42, "/who Raisi", "wrong speaker", "open")
    assert journal.add_note(first, TELEGRAM_ID, "He is quoted, not speaking.")
    assert not journal.add_note(first, 7, "not my report")
    assert journal.get(first).note == "He is quoted, not speaking."
    assert [r.id for r in journal.reports("open")] == [second, first]  # newest first
    assert journal.resolve(first, ADMIN) and not journal.resolve(first, ADMIN)
    assert journal.open_count() == 1 and journal.get(first).resolved_by == ADMIN
    journal.record(ADMIN, "Ana", "resolve", f"report #{first}")
    journal.record(ADMIN, "Ana", "reindex", "7 documents")
    assert [(e.action, e.user_id) for e in journal.audit()] == [("reindex", ADMIN), ("resolve", ADMIN)]


def test_admins_hear_of_each_report_once_when_workers_ask_at_once(where):
    journal = Journal(where)
    made = [report(journal, user=n) for n in range(12)]
    with ThreadPoolExecutor(8) as pool:  # eight workers' hourly notices, at the same moment
        told = list(pool.map(lambda _: [r.id for r in Journal(where).take_unnotified(3600)], range(8)))
    assert sorted(i for batch in told for i in batch) == made
    assert sum(1 for batch in told if batch) == 1  # one notice; the others found it was just sent


def test_an_unreachable_postgresql_is_one_clear_line_without_its_password():
    journal = Journal("postgresql://citebot:s3cret-pw@127.0.0.1:1/reports")
    with pytest.raises(DatabaseError) as failed:
        report(journal)
    assert str(failed.value).startswith("cannot use the PostgreSQL database at postgresql://127.0.0.1:1/reports: ")
    assert "s3cret" not in str(failed.value) and "\n" not in str(failed.value)


def test_the_bot_and_the_cli_keep_readers_reports_in_postgresql(postgres, tmp_path, bundled):
    url = fresh(postgres)
    settings = indexed(bundled, tmp_path)
    server = FakeTelegram(TOKEN)
    server.start()
    with citebot(settings, server, tmp_path / "bot.log", CITEBOT_ADMINS=ADMIN, CITEBOT_DATABASE_URL=url):
        server.push(message("/source 30,000", chat=READER))
        answer = server.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == READER)[0][1]
        picker = press(server, keys(answer)["⚑ Report a problem"], "Which excerpt is wrong?")
        reasons = press(server, keys(picker)["1"], "What is wrong with this excerpt?")
        press(server, keys(reasons)["wrong speaker"], "Thank you: report #1")
    [kept] = Journal(url).reports("open")
    assert (kept.id, kept.user_id, kept.reason, kept.question) == (1, READER, "speaker", "/source 30,000")
    listed = subprocess.run([sys.executable, "-m", "citebot.bot.cli", "reports"], capture_output=True, text=True,
                            env={**os.environ, "CITEBOT_INDEX_DIR": str(settings.index_dir),
                                 "CITEBOT_DATABASE_URL": url})
    assert "#1 [open]" in listed.stdout and "wrong speaker" in listed.stdout


def keys(p: dict) -> dict[str, str]:
    """{button text: its callback data} of a message the bot sent."""
    markup = p["reply_markup"]
    rows = (json.loads(markup) if isinstance(markup, str) else markup)["inline_keyboard"]
    return {b["text"]: b.get("callback_data") for row in rows for b in row}


def press(server: FakeTelegram, data: str, starts: str) -> dict:
    """The reader presses a button; the bot's message or edit that starts with `starts`."""
    server.push({"callback_query": {"id": f"cq-{uuid.uuid4().hex}", "chat_instance": "ci", "data": data,
                                    "from": {"id": READER, "is_bot": False, "first_name": "Ana"},
                                    "message": {"message_id": 1, "date": 0,
                                                "chat": {"id": READER, "type": "private"}, "text": "x"}}})
    return server.wait_for(lambda m, p: m in ("sendMessage", "editMessageText") and p["text"].startswith(starts))[0][1]
