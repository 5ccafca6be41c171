"""PostgreSQL and Redis stopped mid-load, then started again: no report, audit line or document is lost.

A real `citebot serve` (FakeTelegram) with its reports in PostgreSQL and its state in Redis, both
real servers on 127.0.0.1 (tests/services.py); and many writers on the journal at once while
PostgreSQL stops and starts under them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from citebot.index import ReindexRequests, commit_draft, prepare_file
from citebot.index.collection.reports import Journal
from tests.botproc import TOKEN, citebot, message
from tests.conftest import indexed
from tests.fake_telegram import FakeTelegram
from tests.reliability import trials
from tests.services import postgres_cluster, redis_server
from tests.test_collection_e2e import buttons, press, send, text_to, upload
from tests.users import reply_to

ADMIN, READER = 4242, 5151
NEW_DOCUMENT = (b"Minutes of the archive board\n\nThe archive board agreed that every ledger from the "
                b"Tabriz depot will be scanned before the winter, and that the originals stay sealed.")


def eventually(check, timeout: float = 20.0):
    """What `check` returns once it is truthy (the bot replays its spool every 2 s)."""
    deadline = time.monotonic() + timeout
    while not (found := check()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


@pytest.mark.e2e
@pytest.mark.reliability("stores down: PostgreSQL and Redis stopped")
def test_with_postgresql_and_redis_down_reports_reindex_and_uploads_go_on_and_nothing_is_lost(tmp_path, bundled,
                                                                                               tally):
    settings = indexed(bundled, tmp_path)
    tg = FakeTelegram(TOKEN)
    tg.start()
    with postgres_cluster() as pg, redis_server(tmp_path / "redis") as redis, \
            citebot(settings, tg, tmp_path / "bot.log", CITEBOT_ADMINS=ADMIN, CITEBOT_DATABASE_URL=pg.url,
                    CITEBOT_STATE_REDIS_URL=redis.url, CITEBOT_TELEGRAM_FLOOD_MESSAGES=100):
        answer = send(tg, message("/source 30,000", chat=READER), text_to(READER, ""))
        pg.stop()
        redis.stop()
        picker = send(tg, press(buttons(answer)["⚑ Report a problem"], READER), text_to(READER, "Which excerpt"))
        reasons = send(tg, press(buttons(picker)["1"], READER), text_to(READER, "What is wrong"))
        thanks = send(tg, press(buttons(reasons)["wrong speaker"], READER, 700), text_to(READER, "Thank you"))
        assert thanks["text"] == ("Thank you: your report (wrong speaker) is noted. The reports database cannot be "
                                  "reached just now; it will be filed for the admins when the database is back.")
        prompt = eventually(lambda: next((m for m in tg.sent if m["text"].startswith("To add a note")), None))
        noted = send(tg, reply_to(prompt, "The speaker is the judge, not the prisoner.", READER, READER,
                                  chat_type="private"), text_to(READER, "Thank you"))
        assert noted["text"] == ("Thank you: your note is noted; it will be added to your report when the database "
                                 "is back.")
        reindexed = send(tg, message("/reindex", chat=ADMIN), text_to(ADMIN, "Indexed"), timeout=60)
        assert reindexed["text"].startswith("Indexed 5 documents")
        card = send(tg, upload(tg, "archive-board.txt", NEW_DOCUMENT, user=ADMIN), text_to(ADMIN, "New document"))
        send(tg, press(buttons(card)["✅ Confirm"], ADMIN, 701), text_to(ADMIN, "Indexed 6 documents"), timeout=60)
        found = send(tg, message("Tabriz depot", chat=READER), text_to(READER, "Excerpts for"))
        assert "every ledger from the <b>Tabriz</b> <b>depot</b> will be scanned" in found["html"]
        down = send(tg, message("/stats", chat=ADMIN), text_to(ADMIN, "The reports database cannot be reached"))
        # the report, its note and 3 audit lines (/reindex; the add and the reindex after it)
        assert "5 records wait in this worker's spool and will be written when it is back." in down["text"]
        send(tg, press("rs:1", ADMIN, query_id="cq-resolve-while-down"),
             lambda m, p: m == "answerCallbackQuery" and p["callback_query_id"] == "cq-resolve-while-down"
             and p.get("text") == "The reports database cannot be reached just now: try again when it is back.")

        pg.start()
        redis.start()
        journal = Journal(pg.url)
        reports = eventually(lambda: [r for r in journal.reports("all") if r.note])
        audit = eventually(lambda: len(journal.audit()) >= 3 and journal.audit())
        notice = eventually(lambda: any(text_to(ADMIN, "1 new report from readers:")(m, p) for m, p in tg.calls))
        again = send(tg, message("Tabriz depot", chat=READER), text_to(READER, "Excerpts for"))
    tally.tried(1 + 1 + 3 + 1)  # the report, its note, the audit lines (reindex, add, reindex), the document
    lost = (1 - len(reports)) + max(0, 3 - len(audit or [])) + ("<b>Tabriz</b> <b>depot</b>" not in again["html"])
    tally.lost(lost)
    assert [(r.user_id, r.reason, r.question, r.note) for r in reports] == [
        (READER, "speaker", "/source 30,000", "The speaker is the judge, not the prisoner.")]
    assert [(e.action, e.user_id) for e in reversed(audit)] == [("reindex", ADMIN), ("add", ADMIN), ("reindex", ADMIN)]
    assert "archive-board" in audit[1].detail
    assert notice and lost == 0


@pytest.mark.reliability("stores down: PostgreSQL stopped under load")
def test_many_writers_while_postgresql_stops_and_starts_lose_and_repeat_nothing(tmp_path, tally, caplog):
    writers, each = 6, trials(30, 200)
    caplog.set_level("WARNING", logger="citebot.index.collection.reports")
    with postgres_cluster() as pg:
        spool = tmp_path / "spool" / "journal.jsonl"  # one host: its workers share the spool
        done = threading.Event()

        def write(w: int) -> None:
            journal = Journal(pg.url, spool)
            for n in range(each):
                journal.report(user_id=w, doc="memo", start=n, end=n + 5, generation="g", question=f"w{w} n{n}",
                               reason="context", excerpt="A line.")
                journal.record(w, f"w{w}", "resolve", f"w{w} n{n}")
                time.sleep(0.01)

        def outages() -> None:
            while not done.is_set():
                time.sleep(0.2)
                pg.stop()
                time.sleep(0.6)
                pg.start()

        flapping = threading.Thread(target=outages)
        flapping.start()
        with ThreadPoolExecutor(writers) as pool:
            list(pool.map(write, range(writers)))
        done.set()
        flapping.join()
        journal = Journal(pg.url, spool)
        eventually(lambda: journal.replay() >= 0 and journal.spooled() == 0)
        reports = journal.reports("all", limit=10_000)
        audit = journal.audit(limit=10_000)
    replays = [int(r.getMessage().split()[0]) for r in caplog.records if "spooled record(s) written" in r.getMessage()]
    spooled, outages = sum(replays), len(replays)
    tally.tried(2 * writers * each)
    tally.note(f"{spooled} of {2 * writers * each} records spooled through PostgreSQL outages, "
               f"written back in {outages} replays")
    assert spooled > 0 and outages > 0  # the outages did fall in the middle of the writing
    wanted = {f"w{w} n{n}" for w in range(writers) for n in range(each)}
    for kept in ([r.question for r in reports], [e.detail for e in audit]):
        tally.lost(len(wanted - set(kept)))
        tally.duplicated(len(kept) - len(set(kept)))
        assert sorted(kept) == sorted(wanted)
    for w in range(writers):  # each writer's records in the order it wrote them
        mine = [int(r.question.split(" n")[1]) for r in reversed(reports) if r.user_id == w]
        assert mine == list(range(each))


@pytest.mark.e2e
@pytest.mark.reliability("stores down: a worker dead between confirm and reindex")
def test_a_document_confirmed_just_before_its_worker_died_is_indexed_by_the_next_one(tmp_path, bundled, tally):
    settings = indexed(bundled, tmp_path)
    commit_draft(settings, prepare_file(settings, NEW_DOCUMENT, "archive-board.txt"))  # stored ...
    requests = ReindexRequests(settings)
    requests.ask("add archive-board")  # ... and asked for, then the worker died before reindexing
    stale = requests.spool.path.read_text().replace(f'"at": "{dt.datetime.now(dt.UTC).year}', '"at": "2000')
    requests.spool.path.write_text(stale)  # asked long ago
    tg = FakeTelegram(TOKEN)
    tg.start()
    with citebot(settings, tg, tmp_path / "bot.log", CITEBOT_ADMINS=ADMIN):
        found = eventually(lambda: "every ledger from the <b>Tabriz</b> <b>depot</b>" in send(
            tg, message("Tabriz depot", chat=READER), text_to(READER, ""))["html"], timeout=40)
    tally.tried(1)
    tally.lost(0 if found else 1)
    assert found and requests.waiting() == []
    assert "reindexed for 1 request(s) left over (add archive-board): 6 documents" in (tmp_path / "bot.log").read_text()


@pytest.mark.reliability("stores down: Redis stopped under load")
async def test_every_update_is_handled_while_redis_stops_and_starts_under_two_workers(tmp_path, tally, caplog):
    from citebot.bot.redis_state import RedisState
    from citebot.bot.shared_state import Budget, Claim

    updates = trials(300, 3000)
    caplog.set_level("WARNING", logger="citebot.bot.redis_state")
    with redis_server(tmp_path / "redis") as redis:
        workers = [RedisState(redis.url, Budget(0, 0, 0), f"w{n}") for n in (1, 2)]
        handled: list[int] = []

        async def handle(update_id: int) -> None:
            """What a worker does with one update: claim it, count it, remember its button, link it, mark it done."""
            state = workers[update_id % 2]
            await state.beat()
            if await state.claim(update_id) is not Claim.NEW:
                return
            await state.flood(update_id % 7, 1000, 60, update_id)
            await state.remember(f"k{update_id}", f"/who person {update_id}")
            await state.link(update_id % 7, update_id, [update_id])
            assert await state.recall(f"k{update_id}") == f"/who person {update_id}"
            await state.done(update_id)
            handled.append(update_id)

        crashes = 0
        for batch in range(0, updates, 20):
            if batch == updates // 3:
                redis.stop()
            if batch == 2 * updates // 3:
                redis.start()
            results = await asyncio.gather(*(handle(u) for u in range(batch, min(batch + 20, updates))),
                                           return_exceptions=True)
            crashes += sum(isinstance(r, BaseException) for r in results)
        for state in workers:
            await state.beat()  # says it is back
            await state.close()
    tally.tried(updates)
    tally.crashed(crashes)
    tally.lost(updates - len(set(handled)))
    tally.duplicated(len(handled) - len(set(handled)))
    said = [r.getMessage() for r in caplog.records]
    assert crashes == 0 and sorted(handled) == list(range(updates))
    assert sum(s.startswith("redis unusable") for s in said) == 2  # one line per worker for the outage
    assert sum(s.startswith("redis is back") for s in said) == 2
