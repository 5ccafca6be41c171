"""Telegram as people use it, end to end: no silences, everything tappable, edits, follow-ups, checkable citations.

A real `citebot serve` talks to the fake Bot API server; every call it makes is
checked against the Bot API description and Telegram's HTML rules.
"""

from __future__ import annotations

import json
import time

import pytest

from citebot.index.build import reindex
from tests.botproc import ROOT, TOKEN, citebot, message
from tests.conftest import settings_for
from tests.fake_telegram import BOT, FakeTelegram
from tests.users import added_to_group, edited, media, press, reply_to

pytestmark = pytest.mark.e2e
USER, GROUP = 5101, -100600


@pytest.fixture(scope="module")
def tg(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("telegram")
    settings = settings_for(tmp, corpus=ROOT / "corpus")
    reindex(settings)
    server = FakeTelegram(TOKEN)
    server.start()
    with citebot(settings, server, tmp / "bot.log", CITEBOT_TELEGRAM_FLOOD_MESSAGES=1000):
        yield server


def sent_to(tg: FakeTelegram, chat: int, since: int, method: str = "sendMessage") -> list[dict]:
    return [p for m, p in tg.calls[since:] if m == method and int(p["chat_id"]) == chat]


def push(tg: FakeTelegram, update: dict, chat: int, method: str = "sendMessage", settle: float = 0.3) -> list[dict]:
    """Push an update; return the calls of `method` to `chat` it caused (at least one)."""
    n = len(tg.calls)
    tg.push(update)
    deadline = time.monotonic() + 20
    while not sent_to(tg, chat, n, method) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(settle)
    found = sent_to(tg, chat, n, method)
    assert found, f"no {method} to {chat}; calls: {[c[0] for c in tg.calls[n:]]}"
    return found


def nothing_sent(tg: FakeTelegram, update: dict, chat: int, wait: float = 1.0) -> None:
    n = len(tg.calls)
    tg.push(update)
    time.sleep(wait)
    assert sent_to(tg, chat, n) == []


def buttons(p: dict) -> list[dict]:
    markup = p.get("reply_markup")
    rows = (json.loads(markup) if isinstance(markup, str) else markup or {}).get("inline_keyboard", [])
    return [b for row in rows for b in row]


def say(tg: FakeTelegram, text: str, chat: int = USER, **kw) -> list[dict]:
    return push(tg, message(text, chat=chat, **kw), chat)


# -- no silences -------------------------------------------------------------------------------


def test_an_unknown_command_gets_one_line_on_what_the_bot_does(tg):
    (reply,) = say(tg, "/foo")
    assert reply["text"].startswith("I don't know /foo. I answer with exact quotes from Iran's 1988 prison massacre")
    assert "/docs" in reply["text"] and "\n" not in reply["text"]


@pytest.mark.parametrize("kind", ["photo", "sticker", "voice"])
def test_media_in_a_private_chat_get_one_line(tg, kind):
    (reply,) = push(tg, media(kind, USER), USER)
    assert reply["text"].startswith("I can only read text. I answer with exact quotes from Iran's 1988 prison")


def test_a_photo_caption_is_a_question(tg):
    (reply,) = push(tg, media("photo", USER, caption="Hamid Nouri"), USER)
    assert reply["text"].startswith("Excerpts for “Hamid Nouri”:") and "<b>Hamid</b> <b>Nouri</b>" in reply["text"]


def test_added_to_a_group_the_bot_introduces_itself_in_two_lines(tg):
    (intro,) = push(tg, added_to_group(GROUP - 1, by=USER), GROUP - 1)
    lines = intro["text"].split("\n")
    assert len(lines) == 2
    assert lines[0] == "Hello! I answer questions about Iran&#x27;s 1988 prison massacre with exact, cited quotes."
    assert "/who NAME" in lines[1] and "reply to one of my answers" in lines[1]


def test_in_groups_only_commands_naming_the_bot_get_the_unknown_command_line(tg):
    nothing_sent(tg, message("/foo", chat=GROUP, user=USER, chat_type="supergroup"), GROUP)
    nothing_sent(tg, message("/who@some_other_bot Raisi", chat=GROUP, user=USER, chat_type="supergroup"), GROUP)
    (reply,) = say(tg, f"/foo@{BOT['username']}", chat=GROUP, user=USER, chat_type="supergroup")
    assert reply["text"].startswith("I don't know /foo.")


# -- everything tappable -----------------------------------------------------------------------


def test_docs_lists_tappable_commands_that_open_each_document(tg):
    (listing,) = say(tg, "/docs")
    text = listing["text"]
    assert "/doc mek" not in text
    for n in range(1, 6):
        assert f"open: /doc_{n}" in text
    third = text.split("\n3. ", 1)[1].split(" · ", 1)[0]  # the third document's (linked) title
    (card,) = say(tg, "/doc_3")
    assert third in card["text"]
    (card_again,) = say(tg, f"/doc_3@{BOT['username']}")
    assert card_again["text"] == card["text"]
    (missing,) = say(tg, "/doc_99")
    assert missing["text"] == "There is no document 99: there are 5. Send /docs for the list."
    (bare,) = say(tg, "/doc")
    assert bare["text"] == listing["text"]


def test_help_has_tappable_commands_inline_mode_and_a_documents_button(tg):
    (reply,) = say(tg, "/help")
    text = reply["text"]
    assert "/doc " not in text and "/docs: the documents (tap one to open it)" in text
    assert f"type @{BOT['username']} and a few words" in text
    (docs,) = [b for b in buttons(reply) if b["text"] == "📚 The documents"]
    (listing,) = push(tg, press(docs["callback_data"], USER, USER), USER)
    assert listing["text"].startswith("5 documents in the collection, earliest first:")


# -- edits and follow-ups ----------------------------------------------------------------------


def test_an_edited_question_edits_its_answer_in_place(tg):
    question = tg.push(message("/who Raisi", chat=USER + 1))
    tg.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == USER + 1)
    answer = next(m for m in reversed(tg.sent) if m["chat"]["id"] == USER + 1)
    (edit,) = push(tg, edited(question, "/who Montazeri"), USER + 1, method="editMessageText")
    assert int(edit["message_id"]) == answer["message_id"]
    assert edit["text"].startswith("Hossein-Ali Montazeri, in the words of the sources.")
    assert sent_to(tg, USER + 1, len(tg.calls) - 1) == []


def test_an_edit_too_old_to_map_is_answered_under_the_edited_message(tg):
    old = message("Raisi", chat=USER + 2)
    old["message"]["message_id"] = 3  # asked before this bot process started: no answer to edit
    (reply,) = push(tg, edited({"update_id": 0, **old}, "Hamid Nouri"), USER + 2)
    assert reply["text"].startswith("Excerpts for “Hamid Nouri”:")
    assert json.loads(reply["reply_parameters"])["message_id"] == 3


def test_in_a_group_an_edit_updates_the_answer_and_leaves_no_second_one(tg):
    question = tg.push(message("/quote Montazeri", chat=GROUP, user=USER, chat_type="supergroup"))
    tg.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == GROUP
                and str(question["message"]["message_id"]) in str(p.get("reply_parameters")))
    n = len(tg.calls)
    (edit,) = push(tg, edited(question, "/quote Robertson"), GROUP, method="editMessageText")
    assert "Robertson" in edit["text"] and sent_to(tg, GROUP, n) == []


def test_a_reply_to_the_bots_answer_in_a_group_is_a_follow_up_question(tg):
    (answer,) = say(tg, "/who Raisi", chat=GROUP, user=USER, chat_type="supergroup")
    bot_message = next(m for m in reversed(tg.sent) if m["chat"]["id"] == GROUP)
    (follow,) = push(tg, reply_to(bot_message, "and Pour-Mohammadi?", GROUP, USER), GROUP)
    assert follow["text"].startswith("Excerpts for “and Pour-Mohammadi?”:") and "<b>Pour</b>" in follow["text"]
    someone = message("Raisi again", chat=GROUP, user=USER + 9, chat_type="supergroup")["message"]
    nothing_sent(tg, reply_to(someone, "I agree", GROUP, USER), GROUP)  # a reply to a person is chatter


def test_a_bare_who_sent_as_a_reply_asks_about_the_replied_to_text(tg):
    someone = message("Montazeri", chat=GROUP, user=USER + 9, chat_type="supergroup")["message"]
    (reply,) = push(tg, reply_to(someone, "/who", GROUP, USER), GROUP)
    assert reply["text"].startswith("Hossein-Ali Montazeri, in the words of the sources.")
    (reply,) = push(tg, reply_to(someone, "/quote", GROUP, USER), GROUP)
    assert reply["text"].startswith("Direct quotations of Hossein-Ali Montazeri:")
