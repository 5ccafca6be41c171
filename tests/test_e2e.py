"""End to end: a real `citebot serve` process talking HTTP to the fake Bot API server."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index.build import reindex
from tests.conftest import settings_for
from tests.fake_telegram import BOT, FakeTelegram

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-token-never-logged"
ADMIN, USER, GROUP = 42, 1001, -100500


@pytest.fixture(scope="module")
def tg(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    settings = settings_for(tmp, corpus=ROOT / "corpus")
    reindex(settings)
    server = FakeTelegram(TOKEN)
    server.start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "CITEBOT_TELEGRAM_BASE_URL": server.base_url,
           "CITEBOT_INDEX_DIR": str(settings.index_dir), "CITEBOT_ADMINS": str(ADMIN),
           "CITEBOT_TELEGRAM_POLL_TIMEOUT": "1", "CITEBOT_TELEGRAM_FLOOD_MESSAGES": "30"}
    log = open(tmp / "bot.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve"], cwd=ROOT, env=env, stdout=log, stderr=log)
    server.log = log
    try:
        server.wait_for(lambda m, p: m == "getUpdates", timeout=30)
        yield server
    finally:
        proc.terminate()
        proc.wait(10)
        log.seek(0)
        assert TOKEN not in log.read(), "the token leaked into the logs"


def message(text: str, chat: int = USER, user: int = USER, chat_type: str = "private") -> dict:
    msg = {"message_id": int(time.time() * 1000) % 10**9, "date": int(time.time()),
           "chat": {"id": chat, "type": chat_type, **({"title": "Group"} if chat < 0 else {"first_name": "Ana"})},
           "from": {"id": user, "is_bot": False, "first_name": "Ana"}, "text": text}
    if text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"message": msg}


def ask(tg: FakeTelegram, text: str, **kw) -> list[dict]:
    """Send `text` as a user; return the sendMessage calls answering it."""
    n = len(tg.calls)
    update = tg.push(message(text, **kw))
    mid = update["message"]["message_id"]
    chat = update["message"]["chat"]["id"]

    def answering(m, p):
        return m == "sendMessage" and int(p["chat_id"]) == chat and _replies_to(p, mid, chat)

    tg.wait_for(lambda m, p: answering(m, p) and tg.calls.index((m, p)) >= n)
    time.sleep(0.2)  # a long answer may come in several messages
    return [p for m, p in tg.calls[n:] if answering(m, p)]


def _replies_to(p: dict, mid: int, chat: int) -> bool:
    return chat > 0 or str(mid) in str(p.get("reply_parameters", ""))


def sent_after(tg, n):
    return tg.calls[n:]


def test_start_registers_commands(tg):
    scopes = [p.get("scope", "") for m, p in tg.wait_for(lambda m, p: m == "setMyCommands")]
    assert any("default" in s for s in scopes) and any(str(ADMIN) in s for s in scopes)


def test_who_raisi(tg):
    (reply,) = ask(tg, "/who Raisi")
    text = reply["text"]
    assert text.startswith("Ebrahim Raisi, in the words of the sources. Named in 4 documents.")
    assert "<blockquote>" in text and reply["parse_mode"] == "HTML"
    assert ("<blockquote>These officials are the regime’s Supreme Leader, Ali Khamenei, who was at the time the "
            "mullahs’ president; <b>Ebrahim Raisi</b>, current head of the regime’s Judiciary, key member of the "
            "central “Death Commission;” and Alireza Avaei") in text
    assert ("</blockquote>\n<b>Iran’s 1988 Massacre of the MEK: “Worst Crime Against Humanity Since WW2” – Geoffrey "
            "Robertson QC</b> · publisher unknown · 2020") in text
    assert "<b>Ebrahim Raisi</b> was part of the Death Commission in 1988.</blockquote>\n<b>Lack of Investigation" in text


def test_quote_montazeri_names_speaker_and_other_documents(tg):
    (reply,) = ask(tg, "/quote Montazeri")
    assert "<blockquote>“the greatest crime committed during the reign of the Islamic Republic" in reply["text"]
    assert "— <i>Hossein-Ali Montazeri</i>" in reply["text"]
    assert "Also in: The 1988 massacre: How the Iranian regime tried—and failed—to destroy the MEK" in reply["text"]


def test_source_pages_with_more_and_back(tg):
    (reply,) = ask(tg, "/source 30,000")
    assert reply["text"].startswith("5 documents say “30,000”, earliest first:\n<i>1–3 of 5</i>")
    assert "<b>30,000</b>" in reply["text"]
    more = next(b for row in _keyboard(reply) for b in row if b["text"] == "More »")
    n = len(tg.calls)
    tg.push({"callback_query": {"id": "cq-more", "from": {"id": USER, "is_bot": False, "first_name": "Ana"},
                                "chat_instance": "ci-1", "data": more["callback_data"],
                                "message": {"message_id": 7, "date": int(time.time()), "chat": {"id": USER, "type": "private"},
                                            "text": "x"}}})
    edit = tg.wait_for(lambda m, p: m == "editMessageText" and "4–5 of 5" in p["text"])[0][1]
    assert any(b["text"] == "« Back" for row in _keyboard(edit) for b in row)
    assert any(m == "answerCallbackQuery" and p["callback_query_id"] == "cq-more" for m, p in tg.calls[n:])


def test_stale_and_forged_buttons_get_a_polite_answer(tg):
    for n, data in enumerate(["pg:000000000000:1", "zz:forged", "doc"]):
        tg.push({"callback_query": {"id": f"cq-stale-{n}", "from": {"id": USER, "is_bot": False, "first_name": "Ana"},
                                    "chat_instance": "ci-1", "data": data}})
        (_, p), = tg.wait_for(lambda m, p, n=n: m == "answerCallbackQuery" and p["callback_query_id"] == f"cq-stale-{n}")
        assert "expired" in p.get("text", "") or "not mine" in p.get("text", "")


def test_group_commands_with_botname_reply_to_the_asker_and_chatter_is_ignored(tg):
    (reply,) = ask(tg, f"/who@{BOT['username']} Ortagus", chat=GROUP, chat_type="supergroup")
    assert reply["text"].startswith("Morgan Ortagus, in the words of the sources.")
    n = len(tg.calls)
    tg.push(message("what does everyone think?", chat=GROUP, chat_type="supergroup"))
    time.sleep(1.0)
    assert not [c for c in tg.calls[n:] if c[0] == "sendMessage" and int(c[1]["chat_id"]) == GROUP]


def test_plain_text_in_private_is_a_search(tg):
    (reply,) = ask(tg, "Hamid Nouri")
    assert reply["text"].startswith("Excerpts for “Hamid Nouri”:") and "<b>Hamid</b> <b>Nouri</b>" in reply["text"]


def test_deep_link_opens_a_document_card(tg):
    (reply,) = ask(tg, "/start doc-mek-2021-08-28-online-conference")
    assert "<b>Online conference calls for justice for the victims of Iran’s 1988 massacre</b> · PMOI/MEK · 28 Aug 2021" in reply["text"]
    (reply,) = ask(tg, "/start something-else")
    assert reply["text"].startswith("I answer with <b>exact quotes</b> from a collection of 5 documents")


def test_inline_query_with_paging(tg):
    tg.push({"inline_query": {"id": "iq-1", "from": {"id": USER, "is_bot": False, "first_name": "Ana"},
                              "query": "massacre", "offset": ""}})
    (_, p), = tg.wait_for(lambda m, p: m == "answerInlineQuery" and p["inline_query_id"] == "iq-1")
    import json
    results = json.loads(p["results"])
    assert len(results) == 10 and p["next_offset"] == "10"
    first = results[0]["input_message_content"]["message_text"]
    assert first.startswith("<blockquote>") and " · " in first
    tg.push({"inline_query": {"id": "iq-2", "from": {"id": USER, "is_bot": False, "first_name": "Ana"},
                              "query": "massacre", "offset": "10"}})
    (_, p2), = tg.wait_for(lambda m, p: m == "answerInlineQuery" and p["inline_query_id"] == "iq-2")
    assert {r["id"] for r in json.loads(p2["results"])}.isdisjoint({r["id"] for r in results})
    tg.push({"inline_query": {"id": "iq-3", "from": {"id": USER, "is_bot": False, "first_name": "Ana"},
                              "query": "", "offset": ""}})
    (_, p3), = tg.wait_for(lambda m, p: m == "answerInlineQuery" and p["inline_query_id"] == "iq-3")
    assert "start_parameter" in p3["button"]


def test_reindex_is_for_admins_only(tg):
    (reply,) = ask(tg, "/reindex", user=USER)
    assert reply["text"] == "Only the bot's admins can reindex."
    assert not [c for c in tg.calls if c[0] == "editMessageText" and "Indexed" in c[1]["text"]]


def test_admin_reindex_while_others_keep_asking(tg):
    errors = []

    def others():
        for n in range(6):
            try:
                (r,) = ask(tg, "/who Naidoo", chat=2000 + n, user=2000 + n)
                assert r["text"].startswith("Kumi Naidoo")
            except Exception as e:  # noqa: BLE001
                errors.append(e)

    worker = threading.Thread(target=others)
    worker.start()
    ask(tg, "/reindex", chat=ADMIN, user=ADMIN)
    done = tg.wait_for(lambda m, p: m == "editMessageText" and p["text"].startswith("Indexed 5 documents"), timeout=60)
    worker.join(60)
    assert errors == []
    assert "passages" in done[0][1]["text"]


def test_telegram_429_is_retried_and_delivered_once(tg):
    tg.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    (reply,) = ask(tg, "/who Bachelet", chat=3001, user=3001)
    assert reply["text"].startswith("Michelle Bachelet")


def _keyboard(p: dict) -> list[list[dict]]:
    import json

    markup = p.get("reply_markup")
    return (json.loads(markup) if isinstance(markup, str) else markup or {}).get("inline_keyboard", [])
