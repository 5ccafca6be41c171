"""End to end in Persian script: the real `citebot serve` and the fake Bot API server."""

from __future__ import annotations

import json
import re
import time

import pytest

from tests.fake_telegram import BOT, TelegramHTML
from tests.test_e2e import USER, ask, tg  # noqa: F401 - tg is the module's bot fixture
from tests.users import press

pytestmark = pytest.mark.e2e


def test_who_in_persian_script(tg):  # noqa: F811
    (reply,) = ask(tg, "/who رئيسي")  # Arabic ي, as an Arabic keyboard types it
    text = reply["text"]
    assert text.startswith("Searched for: Ebrahim Raisi.\nEbrahim Raisi, in the words of the sources. Named in 4 documents.")
    assert "<b>Ebrahim Raisi</b>, current head of the regime’s Judiciary" in text
    TelegramHTML.visible(text)


def test_plain_persian_question(tg):  # noqa: F811
    (reply,) = ask(tg, "گورهای جمعی")
    assert reply["text"].startswith("Searched for: mass graves.\nAlso searched, as related words: buried.\n"
                                    "Excerpts for “گورهای جمعی”:")
    assert "<b>mass</b> <b>graves</b>" in reply["text"]


def test_inline_query_in_persian_script(tg):  # noqa: F811
    tg.push({"inline_query": {"id": "iq-fa", "from": {"id": USER, "is_bot": False, "first_name": "Sara"},
                              "query": "منتظری", "offset": ""}})
    (_, p), = tg.wait_for(lambda m, p: m == "answerInlineQuery" and p["inline_query_id"] == "iq-fa")
    results = json.loads(p["results"])
    assert results and all("Montazeri" in r["input_message_content"]["message_text"] for r in results)


# -- the bot in Persian: a user whose Telegram language is fa -------------------------------------


def ask_fa(tg, text: str) -> list[dict]:  # noqa: F811
    replies = ask(tg, text, language="fa")
    for reply in replies:
        TelegramHTML.visible(reply["text"])  # still valid Telegram HTML
    return replies


def button(reply: dict, label: str) -> str:
    markup = reply.get("reply_markup")
    rows = (json.loads(markup) if isinstance(markup, str) else markup or {}).get("inline_keyboard", [])
    return next(b["callback_data"] for row in rows for b in row if b["text"] == label)


def tap(tg, data: str) -> dict:  # noqa: F811
    """Press a button as a Persian user; the message it sends."""
    update = press(data, USER, USER)
    update["callback_query"]["from"]["language_code"] = "fa"
    n = len(tg.calls)
    tg.push(update)
    deadline = time.monotonic() + 20
    while not (sent := [p for m, p in tg.calls[n:] if m == "sendMessage"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sent, "the button sent nothing"
    return sent[0]


def labels(reply: dict) -> list[str]:
    markup = reply.get("reply_markup")
    rows = (json.loads(markup) if isinstance(markup, str) else markup or {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


def test_start_and_help_in_persian(tg):  # noqa: F811
    (start,) = ask_fa(tg, "/start")
    assert start["text"].startswith("من به پرسش‌ها دربارهٔ <b>کشتار زندانیان سیاسی در ایران در سال ۱۳۶۷</b> با "
                                    "نقل‌قول‌های عینی پاسخ می‌دهم")  # the collection's name as config gives it in Persian
    assert "به زبان انگلیسی" in start["text"] and "English" not in start["text"]
    assert "\u200f\u200e/who نام: یک شخص کیست، به روایت خود منابع" in start["text"]
    (helped,) = ask_fa(tg, "/help")
    assert "در گروه‌ها نام مرا همراه پرسش بیاورید" in helped["text"]
    assert labels(helped) == ["📚 اسناد"]


def test_who_in_persian_with_a_persian_interface(tg):  # noqa: F811
    (reply,) = ask_fa(tg, "/who رئیسی")
    text = reply["text"]
    assert text.startswith("جست‌وجو شد برای: \u2068Ebrahim Raisi\u2069.\n"
                           "\u2068Ebrahim Raisi\u2069، به روایت خود منابع. نامش در 4 سند آمده است.")
    # the excerpt is the document's own English, untouched; the date has its Solar Hijri day beside it
    assert "<b>Ebrahim Raisi</b>, current head of the regime’s Judiciary" in text
    assert "PMOI/MEK · ۲۸ اوت ۲۰۲۱ (۶ شهریور ۱۴۰۰)" in text
    assert "ناشر نامعلوم" not in text  # the Robertson page names no publisher: its card says so, once
    assert {"📄 1", "⚑ گزارش یک اشکال"} <= set(labels(reply))


def test_plain_persian_question_gets_english_excerpts_in_a_persian_interface(tg):  # noqa: F811
    (reply,) = ask_fa(tg, "گورهای جمعی")
    text = reply["text"]
    assert text.startswith("جست‌وجو شد برای:") and "بخش‌هایی از اسناد برای «گورهای جمعی»" in text  # the header too
    assert "<b>buried</b> at night in <b>mass</b> <b>graves</b> across the country." in text
    # "2020", written in or after August 2020 (date_not_before): Solar Hijri 1399 only, not 1398–1399
    assert "Joint NGO statement to the UN Human Rights Council · ۲۰۲۰ (۱۳۹۹)" in text and "۱۳۹۸" not in text
    assert {"📄 1", "📄 2"} <= set(labels(reply))


def test_unknown_command_and_docs_in_persian(tg):  # noqa: F811
    (reply,) = ask_fa(tg, "/frobnicate")
    assert reply["text"].startswith("فرمان \u200e/frobnicate\u200e را نمی‌شناسم.")
    (docs,) = ask_fa(tg, "/docs")
    assert docs["text"].startswith("5 سند در این مجموعه، به ترتیب تاریخ (قدیمی‌ترین نخست):")
    assert "گشودن: \u200e/doc_1\u200e" in docs["text"]


def test_an_english_user_still_gets_english(tg):  # noqa: F811
    (reply,) = ask(tg, "/who رئیسی")
    assert reply["text"].startswith("Searched for: Ebrahim Raisi.\nEbrahim Raisi, in the words of the sources.")
    assert "(۶ شهریور ۱۴۰۰)" not in reply["text"]


def test_the_command_menu_in_persian(tg):  # noqa: F811
    menus = [p for m, p in tg.wait_for(lambda m, p: m == "setMyCommands" and p.get("language_code") == "fa")]
    commands = json.loads(menus[0]["commands"]) if isinstance(menus[0]["commands"], str) else menus[0]["commands"]
    assert {"command": "who", "description": "یک شخص کیست، به روایت خود منابع"} in commands
    assert [c["command"] for c in commands] == ["who", "quote", "source", "docs", "report", "help"]


def test_a_persian_reader_reports_an_excerpt_in_persian(tg):  # noqa: F811
    (reply,) = ask_fa(tg, "/who رئیسی")
    markup = reply["reply_markup"]
    rows = (json.loads(markup) if isinstance(markup, str) else markup)["inline_keyboard"]
    data = next(b["callback_data"] for row in rows for b in row if b["text"] == "⚑ گزارش یک اشکال")
    update = press(data, USER, USER)
    update["callback_query"]["from"]["language_code"] = "fa"
    tg.push(update)
    (_, picker), = tg.wait_for(lambda m, p: m == "sendMessage" and p["text"].startswith("کدام بخش نادرست است؟"))
    TelegramHTML.visible(picker["text"])


def test_a_persian_word_no_glossary_knows_is_named_not_dropped(tg):  # noqa: F811
    """زندان اوین: "prison" is known, "اوین" (Evin) is not: no excerpt has every word, as "Evin prison" says."""
    (reply,) = ask(tg, "زندان اوین")
    assert reply["text"].startswith("Searched for: prison.\nThe documents don&#x27;t say “زندان اوین” in these words. "
                                    "No document mentions “اوین”.\nThe 3 closest excerpts")
    (source,) = ask(tg, "/source زندان اوین")
    assert TelegramHTML.visible(source["text"]).startswith("No document says “زندان اوین”. No document mentions “اوین”.")
    assert "<blockquote>" not in source["text"]


def test_a_persian_users_whole_session_has_no_english_but_the_documents_own_words(tg, answerer):  # noqa: F811
    """Every screen a Persian reader sees: what is left after the documents' own words (excerpts, titles,
    publishers, names, roles, words the notes quote in «»), links, commands and ids are taken out is Persian."""
    screens = [*ask_fa(tg, "/start"), *ask_fa(tg, "/help"), *ask_fa(tg, "/docs"), *ask_fa(tg, "/who رئیسی"),
               *ask_fa(tg, "/quote منتظری"), *ask_fa(tg, "گورهای جمعی"), *ask_fa(tg, "/source 30,000"),
               *ask_fa(tg, "خاوران")]
    card = tap(tg, button(screens[3], "📄 1"))  # a document's card, then the citation to paste from it
    screens += [card, tap(tg, button(card, next(label for label in labels(card) if label.startswith("❝"))))]
    documents = answerer.ask("/docs").documents
    ours = {BOT["username"], "(apa)"} | {d.title for d in documents} | {d.publisher or "" for d in documents} | {d.short_title or "" for d in documents}
    for line in ["/who رئیسی", "/quote منتظری", "گورهای جمعی", "/source 30,000", "/who", "خاوران"]:
        answer = answerer.ask(line)
        ours |= set(answer.translated.split()) | {f["form"] for f in answer.searched_as}  # what was searched
        ours |= {answer.person.name, *answer.person.aliases} if answer.person else set()
        ours |= {p.name for p in answer.people}
        for r in answer.results:
            ours |= {r.excerpt, *(v.speaker or "" for v in r.voices), *(v.role or "" for v in r.voices)}
            ours |= {ref.person for ref in r.refers_to} | {r.excerpt[f.start - r.start:f.end - r.start] for f in r.refers_to}
            ours |= set(r.also_in_titles) | set(r.reworded_in_titles)
    for screen in screens:
        text = re.sub(r"https?://\S+", " ", TelegramHTML.visible(screen["text"]))
        for words in sorted(ours - {""}, key=len, reverse=True):
            text = text.replace(words, " ")
        text = re.sub(r"«[^»]*»|https?://\S+|/[a-z_]+\d*|@\w+|\b[\w-]+\.txt\b|\b[a-z0-9]+(?:-[a-z0-9]+)+\b", " ", text)
        assert not re.findall(r"[A-Za-z]{2,}", text), (re.findall(r"[A-Za-z]{2,}", text), screen["text"][:300])
