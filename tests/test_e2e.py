"""End to end: a real `citebot serve` process talking HTTP to the fake Bot API server,
in long-polling and in webhook mode."""

from __future__ import annotations

import html
import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.botproc import ROOT, SECRET, TOKEN, citebot, message, replies
from tests.conftest import indexed
from tests.fake_telegram import BOT, FakeTelegram
from tests.users import reply_to

pytestmark = pytest.mark.e2e
ADMIN, USER, GROUP = 42, 1001, -100500


@pytest.fixture(scope="module", params=["polling", "webhook"])
def tg(request, tmp_path_factory, bundled):
    tmp = tmp_path_factory.mktemp(f"e2e-{request.param}")
    settings = indexed(bundled, tmp, corpus=ROOT / "corpus")
    server = FakeTelegram(TOKEN)
    server.start()
    with citebot(settings, server, tmp / "bot.log", request.param,
                 CITEBOT_ADMINS=ADMIN, CITEBOT_TELEGRAM_FLOOD_MESSAGES=30):
        yield server


def ask(tg: FakeTelegram, text: str, chat: int = USER, **kw) -> list[dict]:
    """Send `text` as a user; return the sendMessage calls answering it."""
    n = len(tg.calls)
    update = tg.push(message(text, chat=chat, **kw))
    deadline = time.monotonic() + 20
    while not replies(tg, update, n) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # a long answer may come in several messages
    found = replies(tg, update, n)
    assert found, f"no answer to {text!r}; calls so far: {[c[0] for c in tg.calls][-20:]}"
    return found


def test_start_registers_commands(tg):
    # registered after polling starts (the first answer does not wait for them): the admin's menu comes last
    tg.wait_for(lambda m, p: m == "setMyCommands" and str(ADMIN) in str(p.get("scope")))
    scopes = [str(p.get("scope", "")) for m, p in tg.calls if m == "setMyCommands"]
    assert any("default" in s for s in scopes) and any(str(ADMIN) in s for s in scopes)
    tg.wait_for(lambda m, p: m == "setMyDescription" and p.get("language_code") == "fa")
    described = {p.get("language_code"): p["description"] for m, p in tg.calls if m == "setMyDescription"}
    short = [p["short_description"] for m, p in tg.calls if m == "setMyShortDescription"]
    assert described[None].startswith("I answer questions about Iran's 1988 prison massacre with exact quotes")
    assert described["fa"].startswith("من به پرسش‌ها") and all(len(s) <= 120 for s in short)


def test_who_raisi(tg):
    (reply,) = ask(tg, "/who Raisi")
    text = reply["text"]
    assert text.startswith("Ebrahim Raisi, in the words of the sources. Named in 4 documents.")
    assert "<blockquote>" in text and reply["parse_mode"] == "HTML"
    assert ("<blockquote>These officials are the regime’s Supreme Leader, Ali Khamenei, who was at the time the "
            "mullahs’ president; <b>Ebrahim Raisi</b>, current head of the regime’s Judiciary, key member of the "
            "central “Death Commission;” and Alireza Avaei") in text
    assert ('</blockquote>\n[1] <a href="https://www.irandemocratic.org/public_html/news/19164/">Iran’s 1988 massacre '
            'of the MEK (Free Iran summit report)</a> · 2020') in text
    assert ("<b>Ebrahim Raisi</b> was part of the Death Commission in 1988.</blockquote>\n"
            "[3] <b>Lack of Investigation an ‘Abject Failure’</b> · MEK-Iran.com · Dec 2018") in text


def test_names_and_dates_as_a_user_sees_them(tg):
    (reply,) = ask(tg, "/who Rajavy")
    assert reply["text"].startswith("Showing Maryam Rajavi (closest to “Rajavy”). Maryam Rajavi, in the words of the sources.")
    (reply,) = ask(tg, "/who Mostafa")
    assert reply["text"].startswith("“Mostafa” could be several people: Mostafa Pour-Mohammadi, Mostafa Salehi.")
    assert "• Mostafa Pour-Mohammadi (2)\n• Mostafa Salehi (1)" in reply["text"]
    (reply,) = ask(tg, "/docs")
    text = reply["text"]  # the NGO statement ("2020", written after August 2020) after the 24 Jul 2020 article
    assert text.index("How the Iranian regime tried") < text.index("It is time to bring to justice")
    assert "Joint NGO statement to the UN Human Rights Council · 2020" in text


def test_a_title_held_by_several_offers_each_and_a_question_says_how_it_was_read(tg):
    (reply,) = ask(tg, "/who Supreme Leader")
    assert reply["text"].startswith("The sources give the title “Supreme Leader” to several people: Ali Khamenei, "
                                    "Ruhollah Khomeini. Each excerpt below shows where. Which one? Send /who with the full name.")
    assert "Following a fatwa handed down by Supreme Leader Ayatollah <b>Khomeini</b> in mid-July 1988" in reply["text"]
    names = [b["text"] for row in _keyboard(reply) for b in row]
    assert "Ali Khamenei" in names and "Ruhollah Khomeini" in names
    (reply,) = ask(tg, "what did Naidoo say?")
    assert reply["text"].startswith("Read as /quote Naidoo.\nDirect quotations of Kumi Naidoo:")


def test_quote_montazeri_names_speaker_and_other_documents(tg):
    (reply,) = ask(tg, "/quote Montazeri")
    assert "<blockquote>“the greatest crime committed during the reign of the Islamic Republic" in reply["text"]
    assert "— <i>Hossein-Ali Montazeri</i>" in reply["text"]
    assert "Also quoted, in other words, in: How the regime tried—and failed—to destroy the MEK" in reply["text"]
    assert "Also in:" not in reply["text"]  # "Your names" there is "Your (names)"


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
    (reply,) = ask(tg, f"/who@{BOT['username']} Ortagus", chat=GROUP, user=USER, chat_type="supergroup")
    assert reply["text"].startswith("Morgan Ortagus, in the words of the sources.")
    n = len(tg.calls)
    tg.push(message("what does everyone think?", chat=GROUP, user=USER, chat_type="supergroup"))
    time.sleep(1.0)
    assert not [c for c in tg.calls[n:] if c[0] == "sendMessage" and int(c[1]["chat_id"]) == GROUP]


def test_plain_text_in_private_is_a_search(tg):
    (reply,) = ask(tg, "Hamid Nouri")
    assert reply["text"].startswith("Excerpts for “Hamid Nouri”:") and "<b>Hamid</b> <b>Nouri</b>" in reply["text"]


def test_deep_link_opens_a_document_card(tg):
    (reply,) = ask(tg, "/start doc-mek-2021-08-28-online-conference")
    assert reply["text"].startswith('<b><a href="https://english.mojahedin.org/i/1988-massacre-online-conference-20210828">'
                                    'Online conference calls for justice for the victims of Iran’s 1988 massacre</a></b>\n'
                                    'Publisher: PMOI/MEK (Byline &quot;Reporting by PMOI/MEK&quot;.)\n'
                                    'Date: 28 Aug 2021 (Dateline &quot;Iran, August 28, 2021—&quot;.)')
    (reply,) = ask(tg, "/start something-else")
    assert reply["text"].startswith("I answer questions about <b>Iran&#x27;s 1988 prison massacre</b> with exact quotes")
    assert "(5 documents, in English.)" in reply["text"] and "@citebot_test_bot mass graves" in reply["text"]


def test_inline_query_with_paging(tg):
    tg.push({"inline_query": {"id": "iq-1", "from": {"id": USER, "is_bot": False, "first_name": "Ana"},
                              "query": "massacre", "offset": ""}})
    (_, p), = tg.wait_for(lambda m, p: m == "answerInlineQuery" and p["inline_query_id"] == "iq-1")
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
    featured = json.loads(p3["results"])  # an empty query: the people the sources name most
    assert [r["title"] for r in featured[:3]] == ["Ruhollah Khomeini", "Ebrahim Raisi", "Maryam Rajavi"]


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


@pytest.mark.reliability("webhook secret")
def test_webhook_rejects_a_wrong_or_missing_secret(tg, tally):
    if not tg.webhook:
        pytest.skip("long polling has no webhook")
    tally.tried(3)
    assert tg.webhook["secret_token"] == SECRET
    n = len(tg.calls)
    for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}):
        body = json.dumps({"update_id": 10**9, **message("/who Raisi", chat=4001)}).encode()
        forged = urllib.request.Request(tg.webhook["url"], body, {"Content-Type": "application/json", **headers})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=5)
        assert refused.value.code == 403
    time.sleep(1.0)
    assert not [c for c in tg.calls[n:] if c[0] == "sendMessage" and int(c[1]["chat_id"]) == 4001]
    (reply,) = ask(tg, "/who Raisi", chat=4001)  # the real Telegram, with the secret, still gets through
    assert reply["text"].startswith("Ebrahim Raisi")


def _keyboard(p: dict) -> list[list[dict]]:
    markup = p.get("reply_markup")
    return (json.loads(markup) if isinstance(markup, str) else markup or {}).get("inline_keyboard", [])


def test_a_reply_to_an_answer_given_before_a_reindex_is_not_read_with_the_new_documents(tg):
    """The documents may have changed under the answer replied to: "he" is not guessed from what they say now."""
    chat = 3300
    ask(tg, "/who Montazeri", chat=chat, user=chat)
    answered = next(m for m in reversed(tg.sent) if m["chat"]["id"] == chat)
    n = len(tg.calls)
    ask(tg, "/reindex", chat=ADMIN, user=ADMIN)
    tg.wait_for(lambda m, p: (m, p) in tg.calls[n:] and m == "editMessageText" and p["text"].startswith("Indexed"),
                timeout=60)
    update = tg.push(reply_to(answered, "what did he say?", chat, chat, chat_type="private"))
    deadline = time.monotonic() + 20
    while not (found := replies(tg, update, n)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert found and html.unescape(found[0]["text"]) == (
        "The documents were reindexed after the answer you replied to, so I can't be sure what “what did he say?” "
        "refers to now. Ask again with the name or the words.")
