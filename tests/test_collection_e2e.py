"""End to end: admins grow the collection from Telegram, readers report a bad citation.

A real `citebot serve` process talks to the fake Bot API server, which also
serves getFile and the file download; URLs are fetched from a page server on
127.0.0.1 (with fetch.allow_private_urls on, as only tests and intranets need).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time

import pytest
import yaml

from tests.botproc import ROOT, TOKEN, citebot, message
from tests.conftest import indexed
from tests.fake_telegram import FakeTelegram, TelegramHTML
from tests.pdfmaker import write_pdf
from tests.users import reply_to
from tests.websites import Site, serving

pytestmark = pytest.mark.e2e
ADMIN, USER = 42, 1001

ARTICLE = """<html><head><title>Witnesses recall the 1988 killings | Example Daily</title>
<meta property="og:site_name" content="Example Daily"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/donate">Donate</a></nav>
<div class="ad-slot">728 x 90</div></header>
<article><h1>Witnesses recall the 1988 killings</h1>
<p>Former prisoners told a panel in Geneva that the guards of Gohardasht read out lists of names every evening
in the summer of 1988, and that the corridors were silent by the following morning.</p>
<p>“They called us in alphabetical order and nobody came back,” said a former prisoner who spent ten years in Evin.</p>
<p>The panel will publish its findings on the cemetery at Khavaran later this year, its chair said.</p>
<div class="share">Share this: Facebook Twitter Email</div></article>
<aside><h3>Related</h3><ul><li><a href="/x">Markets rally on rate hopes</a></li></ul></aside>
<footer>Copyright © Example Daily. All rights reserved.</footer></body></html>"""

WEB_PAGE = """<html><head><title>Panel on Khavaran</title><meta property="og:site_name" content="Intranet Press">
<meta property="article:published_time" content="2022-03-05T09:00:00Z"></head><body><nav>Menu | Search</nav>
<main><h1>Panel on Khavaran</h1><p>The cemetery at Khavaran holds unmarked graves that families have visited
every summer since 1988, despite repeated bulldozing by the authorities.</p>
<p>Relatives asked the panel to preserve the site as evidence for future trials.</p></main></body></html>"""


class Pages(Site):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/khavaran":
            self.send(200, "text/html; charset=utf-8", WEB_PAGE.encode())
        elif self.path == "/menu-only":
            self.send(200, "text/html", b"<html><body><nav>Home | About</nav></body></html>")
        else:
            self.send(404, "text/html", b"not here")


@pytest.fixture(scope="module")
def web():
    with serving(Pages) as url:
        yield url


@pytest.fixture(scope="module")
def tg(tmp_path_factory, bundled):
    tmp = tmp_path_factory.mktemp("collection-e2e")
    shutil.copytree(ROOT / "corpus", tmp / "corpus")  # a copy: the last test breaks its manifest
    settings = indexed(bundled, tmp, corpus=tmp / "corpus")
    server = FakeTelegram(TOKEN)
    server.start()
    server.settings = settings
    with citebot(settings, server, tmp / "bot.log", CITEBOT_ADMINS=ADMIN, CITEBOT_FETCH_ALLOW_PRIVATE_URLS="true",
                 CITEBOT_TELEGRAM_FLOOD_MESSAGES=100, CITEBOT_TELEGRAM_MESSAGES_PER_SECOND=0):  # Telegram's pacing is test_scale's
        yield server


def send(tg: FakeTelegram, update: dict, want, timeout: float = 30) -> dict:
    """Push an update and return the first later call for which want(method, params) holds.

    Its "text" is what the user sees (tags removed), "html" what the bot sent.
    """
    n = len(tg.calls)
    tg.push(update)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for m, p in tg.calls[n:]:
            if want(m, p):
                return {**p, "text": visible(p), "html": p["text"]}
        time.sleep(0.05)
    raise AssertionError(f"no matching call; calls since: {[(m, p.get('text', '')[:60]) for m, p in tg.calls[n:]]}")


def visible(p: dict) -> str:
    return TelegramHTML.visible(p["text"]) if p.get("parse_mode") == "HTML" else p["text"]


def text_to(chat: int, start: str):
    """A message (or edit) to `chat` whose visible text starts with `start`."""
    return lambda m, p: m in ("sendMessage", "editMessageText") and int(p.get("chat_id", 0)) == chat \
        and visible(p).startswith(start)


def upload(tg: FakeTelegram, name: str, data: bytes, user: int = ADMIN) -> dict:
    update = message("", chat=user)
    del update["message"]["text"]
    update["message"]["document"] = tg.add_file(name, data)
    return update


def press(data: str, user: int, message_id: int = 1, query_id: str | None = None) -> dict:
    return {"callback_query": {"id": query_id or f"cq-{time.monotonic_ns()}", "chat_instance": "ci",
                               "from": {"id": user, "is_bot": False, "first_name": "Ana"}, "data": data,
                               "message": {"message_id": message_id, "date": int(time.time()),
                                           "chat": {"id": user, "type": "private"}, "text": "x"}}}


def buttons(p: dict) -> dict[str, str]:
    markup = p.get("reply_markup")
    rows = (json.loads(markup) if isinstance(markup, str) else markup or {}).get("inline_keyboard", [])
    return {b["text"]: b.get("callback_data") for row in rows for b in row}


def test_admin_adds_a_file_with_an_edited_date_and_readers_get_it_with_that_provenance(tg):
    card = send(tg, upload(tg, "witnesses-1988.html", ARTICLE.encode()), text_to(ADMIN, "New document"))
    text = card["text"]
    assert text.startswith("New document witnesses-1988 from witnesses-1988.html\n")
    assert text.endswith("Nothing is stored until you confirm.")
    assert list(buttons(card)) == ["✅ Confirm", "✖️ Cancel", "✏️ title", "✏️ publisher", "✏️ date", "✏️ url", "✏️ kind"]
    assert "Title: Witnesses recall the 1988 killings <i>(inferred from the page&#x27;s h1)</i>" in card["html"]
    assert "Publisher: Example Daily (inferred from og:site_name)" in text
    assert "Date: — (unknown)" in text  # no dateline, no date markup: not guessed
    assert "728 x 90" not in text and "Markets rally" not in text
    assert "Found 4 passages, 1 quotation, 0 people." in text
    keys = buttons(card)
    send(tg, press(keys["✏️ date"], ADMIN, 499), text_to(ADMIN, "Send the date"))
    refused = send(tg, message("2021-02-30", chat=ADMIN), text_to(ADMIN, "Not changed"))
    assert "'2021-02-30' is not a date" in refused["text"]
    card = send(tg, message("2021-08", chat=ADMIN), text_to(ADMIN, "New document"))
    assert "Date: Aug 2021 (month)\n" in card["text"]
    n = len(tg.calls)
    done = send(tg, press(buttons(card)["✅ Confirm"], ADMIN, 500), text_to(ADMIN, "Indexed 6 documents"), timeout=60)
    assert "Added witnesses-1988: Witnesses recall the 1988 killings · Example Daily · Aug 2021." in \
        [p["text"] for m, p in tg.calls[n:] if m == "editMessageText"]
    assert done["text"].startswith("Indexed 6 documents")
    answer = send(tg, message("alphabetical order", chat=USER), text_to(USER, "Excerpts for"))
    assert ("<blockquote>“They called us in <b>alphabetical</b> <b>order</b> and nobody came back,” said a former "
            "prisoner who spent ten years in Evin.</blockquote>") in answer["html"]
    assert "<b>Witnesses recall the 1988 killings</b> · Example Daily · Aug 2021" in answer["html"]
    assert "inferred" not in answer["text"]  # confirmed by the admin


def test_adding_a_page_by_url_from_127_0_0_1(tg, web):
    card = send(tg, message(f"{web}/khavaran", chat=ADMIN), text_to(ADMIN, "New document"))
    assert f"Url: {web}/khavaran\n" in card["text"]  # given: it is where the page came from
    assert "Date: 5 Mar 2022 (day) (inferred from article:published_time)" in card["text"]
    assert "Menu | Search" not in card["text"]
    send(tg, press(buttons(card)["✅ Confirm"], ADMIN, 501), text_to(ADMIN, "Indexed"), timeout=60)
    answer = send(tg, message("bulldozing", chat=USER), text_to(USER, "Excerpts for"))
    assert f'<a href="{web}/khavaran">Panel on Khavaran</a> · Intranet Press · 5 Mar 2022' in answer["html"]
    entries = yaml.safe_load((tg.settings.collection / "sources.yaml").read_text())
    (entry,) = [e for e in entries if e["id"] == "khavaran"]
    assert entry["url"] == f"{web}/khavaran" and entry["retrieved"] == dt.date.today().isoformat()
    assert entry["date_note"].endswith("confirmed by an admin")


def test_bad_input_gets_one_line_and_nothing_is_stored(tg, tmp_path, web):
    before = (tg.settings.collection / "sources.yaml").read_text() if (tg.settings.collection / "sources.yaml").exists() else ""
    write_pdf(tmp_path / "scan.pdf", None)
    cases = [
        (upload(tg, "empty.txt", b""), "Not added: empty file."),
        (upload(tg, "scan.pdf", (tmp_path / "scan.pdf").read_bytes()), "Not added: PDF has no text layer"),
        (upload(tg, "blob.txt", bytes(range(256)) * 20), "Not added: binary file, not text."),
        (upload(tg, "notes.docx", b"PK\x03\x04"), "Not added: notes.docx is not a .pdf, .html, .txt or .md file."),
        (upload(tg, "again.html", ARTICLE.encode()), "Not added: duplicate: this is already in the collection as"),
        (message(f"{web}/menu-only", chat=ADMIN), "Not added: no text found (the page has no main text"),
        (message(f"{web}/missing", chat=ADMIN), "Not added: 127.0.0.1 answered 404"),
        (message("http://127.0.0.1:9/nothing-listens", chat=ADMIN), "Not added: cannot reach 127.0.0.1"),
    ]
    for update, expected in cases:
        send(tg, update, text_to(ADMIN, expected))
    refusal = send(tg, upload(tg, "witnesses-1988.html", ARTICLE.encode(), user=USER), text_to(USER, "Only"))
    assert refusal["text"] == "Only the bot's admins can add or change documents."
    after = (tg.settings.collection / "sources.yaml").read_text() if (tg.settings.collection / "sources.yaml").exists() else ""
    assert before == after


def test_a_readers_report_reaches_reports_and_is_resolved(tg):
    answer = send(tg, message("/source 30,000", chat=USER), text_to(USER, ""))
    picker = send(tg, press(buttons(answer)["⚑ Report a problem"], USER), text_to(USER, "Which excerpt is wrong?"))
    assert picker["text"].count("\n") == 3  # the three excerpts on the page
    reasons = send(tg, press(buttons(picker)["2"], USER), text_to(USER, "What is wrong with this excerpt?"))
    second = answer["html"].split("<blockquote>")[2].split("</blockquote>")[0].replace("<b>", "").replace("</b>", "")
    assert second[:200] in reasons["html"]
    stale = buttons(reasons)["wrong speaker"].rsplit(".", 1)[0] + ".ffffff:speaker"  # another excerpt's fingerprint
    send(tg, press(stale, USER, query_id="cq-stale-report"),
         lambda m, p: m == "answerCallbackQuery" and p["callback_query_id"] == "cq-stale-report"
         and p.get("text") == "The index has changed since: please ask again.")
    n = len(tg.calls)
    thanks = send(tg, press(buttons(reasons)["wrong speaker"], USER, 900), text_to(USER, "Thank you: report #"))
    assert "(wrong speaker) is recorded" in thanks["text"]
    notice = tg.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == ADMIN and "new report" in p["text"])
    assert visible(notice[0][1]).startswith("1 new report from readers:\n• #1 wrong speaker in ")
    assert any(p["text"].startswith("To add a note, reply") for m, p in tg.calls[n:] if m == "sendMessage")
    listed = send(tg, message("/reports", chat=ADMIN), text_to(ADMIN, "Report #1"))
    assert "wrong speaker" in listed["text"] and second[:200] in listed["html"]
    assert "Asked: /source 30,000" in listed["text"]
    keys = buttons(listed)
    assert keys["📄 Open the document"].startswith("doc:")
    send(tg, press(keys["✓ Resolve"], ADMIN, 901), text_to(ADMIN, "Report #"))
    assert send(tg, message("/reports", chat=ADMIN), text_to(ADMIN, "No open reports."))
    stats = send(tg, message("/stats", chat=ADMIN), text_to(ADMIN, "Open readers' reports: 0."))
    assert "resolve report #" in stats["text"] and "add witnesses-1988" in stats["text"]


def test_reports_page_ten_at_a_time_and_an_admin_asking_in_a_group_gets_them_in_private(tg):
    from citebot.index import Journal

    journal, group = Journal(tg.settings.database_at), -100555
    ids = [journal.report(user_id=USER, doc="ngo-2020-bring-to-justice", start=0, end=10, generation="g",
                          question=f"question {n}", reason="speaker", excerpt=f"excerpt {n}", note=f"private note {n}")
           for n in range(12)]
    try:
        n = len(tg.calls)
        told = send(tg, message("/reports", chat=group, user=ADMIN, chat_type="supergroup"), text_to(group, ""))
        assert told["text"] == "I sent the open reports to you in a private chat: readers' notes stay out of groups."
        ((_, last),) = tg.wait_for(lambda m, p: m == "sendMessage" and "excerpt 2" in p["text"])
        assert buttons(last)["More »"] == "rq:10"
        to_group = [p["text"] for m, p in tg.calls[n:] if m == "sendMessage" and int(p["chat_id"]) == group]
        assert to_group == [told["text"]]  # no reader's note, excerpt or question reaches the group
        headings = [p["text"] for m, p in tg.calls[n:] if m == "sendMessage" and int(p["chat_id"]) == ADMIN
                    and p["text"].startswith("12 open reports")]
        assert headings == ["12 open reports, newest first:\n1–10 of 12"]
        rest = send(tg, press("rq:10", ADMIN, 950), lambda m, p: m == "sendMessage" and "excerpt 0" in p["text"])
        assert "private note 0" in rest["text"] and "More »" not in buttons(rest)
    finally:
        for report_id in ids:
            journal.resolve(report_id, ADMIN)


def test_report_sent_as_a_reply_to_an_answer_asks_which_excerpt_like_its_button(tg):
    send(tg, message("/source 30,000", chat=USER), text_to(USER, ""))
    answer = next(m for m in reversed(tg.sent) if m["chat"]["id"] == USER and m.get("reply_markup"))
    picker = send(tg, reply_to(answer, "/report", USER, USER, chat_type="private"), text_to(USER, "Which excerpt"))
    assert picker["text"].count("\n") == 3 and list(buttons(picker)) == ["1", "2", "3"]
    alone = send(tg, message("/report", chat=USER), text_to(USER, "To report"))
    assert alone["text"] == "To report an excerpt, reply /report to my answer that shows it (or tap ⚑ under it)."


def test_cancel_ends_an_admin_prompt_and_keeps_the_draft_as_it_was(tg):
    card = send(tg, upload(tg, "cancel-me.txt", b"A short note about the 1988 killings, written for this test."),
                text_to(ADMIN, "New document"))
    send(tg, press(buttons(card)["✏️ title"], ADMIN, 610), text_to(ADMIN, "Send the title"))
    done = send(tg, message("/cancel", chat=ADMIN), text_to(ADMIN, "Cancelled"))
    assert done["text"] == "Cancelled: the draft's title stays as it was."
    search = send(tg, message("Khavaran cemetery", chat=ADMIN), text_to(ADMIN, ""))  # a question again, not a title
    assert not search["text"].startswith("New document")
    assert send(tg, message("/cancel", chat=ADMIN), text_to(ADMIN, "Nothing to cancel"))
    send(tg, press(buttons(card)["✖️ Cancel"], ADMIN, 611), lambda m, p: m == "editMessageText")


def test_admins_get_the_admin_commands_in_help_and_readers_do_not(tg):
    admin = send(tg, message("/help", chat=ADMIN), text_to(ADMIN, ""))
    assert "Admin commands:\n/add URL" in admin["text"] and "/cancel" in admin["text"]
    reader = send(tg, message("/help", chat=USER), text_to(USER, ""))
    assert "Admin commands" not in reader["text"]


def test_edit_and_remove_with_confirmation(tg):
    send(tg, message("/edit witnesses-1988 publisher Example Daily News", chat=ADMIN), text_to(ADMIN, "Indexed 7"))
    answer = send(tg, message("alphabetical order", chat=USER), text_to(USER, "Excerpts for"))
    assert "Witnesses recall the 1988 killings · Example Daily News · Aug 2021" in answer["text"]
    send(tg, message("/edit witnesses-1988 date 2021-02-30", chat=ADMIN), text_to(ADMIN, "Not changed: '2021-02-30' is not a date"))
    send(tg, message("/edit robertson-2020-worst-crime date 2020", chat=ADMIN), text_to(ADMIN, "Not changed: robertson-2020-worst-crime is a bundled document"))
    send(tg, message("/edit witnesses-1988 title X", chat=USER), text_to(USER, "Only the bot's admins"))
    usage = send(tg, message("/edit witnesses-1988", chat=ADMIN), text_to(ADMIN, "Usage: /edit"))
    assert usage["text"] == "Usage: /edit ID FIELD VALUE, FIELD one of title, publisher, date, url, kind."
    ask = send(tg, message("/remove witnesses-1988", chat=ADMIN), text_to(ADMIN, "Remove witnesses-1988"))
    assert ask["text"] == ("Remove witnesses-1988 (Witnesses recall the 1988 killings) from the collection? "
                           "Its excerpts stop being answered.")
    assert list(buttons(ask)) == ["🗑 Remove", "Keep it"]
    send(tg, press(buttons(ask)["Keep it"], ADMIN, 904), text_to(ADMIN, "Kept witnesses-1988."))
    ask = send(tg, message("/remove witnesses-1988", chat=ADMIN), text_to(ADMIN, "Remove witnesses-1988"))
    send(tg, press(buttons(ask)["🗑 Remove"], ADMIN, 902), text_to(ADMIN, "Indexed 6 documents"), timeout=60)
    gone = send(tg, message("alphabetical order", chat=USER), text_to(USER, ""))
    assert "Witnesses recall" not in gone["text"]


def test_a_failed_reindex_after_a_confirmed_add_keeps_the_previous_generation_and_says_why(tg):
    card = send(tg, upload(tg, "evin-letters.txt", b"Letters from Evin\n\nThe letters smuggled out of Evin in "
                           b"1988 describe the hearings in detail and name the guards who took part.\n"),
                text_to(ADMIN, "New document"))
    manifest = tg.settings.corpus_dir / "sources.yaml"
    manifest.write_text(manifest.read_text() + "\n- file: [unclosed\n")
    failed = send(tg, press(buttons(card)["✅ Confirm"], ADMIN, 903), text_to(ADMIN, "Reindex failed"), timeout=60)
    assert failed["text"].startswith("Reindex failed: sources.yaml:")
    assert failed["text"].endswith("The previous index keeps answering.")
    still = send(tg, message("/who Raisi", chat=USER), text_to(USER, "Ebrahim Raisi"))
    assert still["text"].startswith("Ebrahim Raisi, in the words of the sources.")
    assert "Letters from Evin" not in send(tg, message("smuggled letters", chat=USER), text_to(USER, ""))["text"]
