"""End to end in Persian script: the real `citebot serve` and the fake Bot API server."""

from __future__ import annotations

import json

import pytest

from tests.fake_telegram import TelegramHTML
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
    assert reply["text"].startswith("Searched for: mass graves.\nExcerpts for “گورهای جمعی”:")
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


def labels(reply: dict) -> list[str]:
    markup = reply.get("reply_markup")
    rows = (json.loads(markup) if isinstance(markup, str) else markup or {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


def test_start_and_help_in_persian(tg):  # noqa: F811
    (start,) = ask_fa(tg, "/start")
    assert start["text"].startswith("من به پرسش‌ها دربارهٔ \u2068<b>Iran&#x27;s 1988 prison massacre</b>\u2069 با "
                                    "نقل‌قول‌های عینی پاسخ می‌دهم")
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
    assert "PMOI/MEK · 28 Aug 2021 (۶ شهریور ۱۴۰۰)" in text
    assert "ناشر نامعلوم" not in text  # the Robertson page names no publisher: its card says so, once
    assert {"📄 1", "⚑ گزارش یک اشکال"} <= set(labels(reply))


def test_plain_persian_question_gets_english_excerpts_in_a_persian_interface(tg):  # noqa: F811
    (reply,) = ask_fa(tg, "گورهای جمعی")
    text = reply["text"]
    assert text.startswith("جست‌وجو شد برای:") and "بخش‌هایی از اسناد برای «گورهای جمعی»" in text  # the header too
    assert "buried at night in <b>mass</b> <b>graves</b> across the country." in text
    # "2020", written in or after August 2020 (date_not_before): Solar Hijri 1399 only, not 1398–1399
    assert "Joint NGO statement to the UN Human Rights Council · 2020 (۱۳۹۹)" in text and "۱۳۹۸" not in text
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
    assert reply["text"].startswith("Searched for: prison.\nNo excerpt has every word of “زندان اوین”. "
                                    "No document mentions “اوین”. Excerpts with some of them:")
    (source,) = ask(tg, "/source زندان اوین")
    assert TelegramHTML.visible(source["text"]).startswith("No document says “زندان اوین”. No document mentions “اوین”.")
    assert "<blockquote>" not in source["text"]
