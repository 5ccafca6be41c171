"""End to end: an admin whose Telegram language is Persian adds, corrects and removes documents and works
through readers' reports, all in Persian; the documents' own words (titles, excerpts) stay as written.

The real `citebot serve` talks to the fake Bot API server (tests/fake_telegram.py), as in
tests/test_collection_e2e.py, whose bot fixture this module reuses (its own process and collection copy).
"""

from __future__ import annotations

import json
import re
import time
from string import Formatter

import pytest

from citebot.bot.locales.en import MESSAGES as EN
from tests.botproc import message
from tests.test_collection_e2e import ADMIN, ARTICLE, USER, buttons, press, send, text_to, tg, visible  # noqa: F401

pytestmark = pytest.mark.e2e
FSI, PDI = "\u2068", "\u2069"
ADMIN_SCREENS = ("admin.", "add.", "ask.", "draft.", "edit.", "remove.", "reports.", "audit.", "reindex.", "count.",
                 "button.confirm", "button.cancel", "button.remove", "button.keep", "button.resolve", "button.open_doc")


def fa(update: dict) -> dict:
    """The same update from a user whose Telegram language is Persian."""
    for kind in ("message", "callback_query"):
        if kind in update:
            update[kind]["from"]["language_code"] = "fa"
    return update


def upload_fa(tg, name: str, data: bytes, user: int = ADMIN) -> dict:  # noqa: F811
    update = fa(message("", chat=user))
    del update["message"]["text"]
    update["message"]["document"] = tg.add_file(name, data)
    return update


def later(tg, since: int, want) -> None:  # noqa: F811
    """Wait for a call made after call number `since` for which want(method, params) holds."""
    deadline = time.monotonic() + 60
    while not any(want(m, p) for m, p in tg.calls[since:]):
        assert time.monotonic() < deadline, "no matching call"
        time.sleep(0.05)


def english_phrases() -> set[str]:
    """The words of every English admin message between its parameters: none may reach a Persian admin."""
    phrases = set()
    for key, text in EN.items():
        if key.startswith(ADMIN_SCREENS):
            for literal, *_ in Formatter().parse(text):
                phrases |= {p.strip() for p in re.split(r"[(){}:,.;·#…\n]", literal) if len(p.split()) >= 2}
    return phrases


def assert_persian(screens: list[str]) -> None:
    leaked = {p for p in english_phrases() for s in screens if p in s}
    assert not leaked, leaked


def test_english_phrases_cover_the_admin_screens():
    phrases = english_phrases()
    assert {"New document", "Nothing is stored until you confirm", "open reports", "newest first",
            "Recent admin actions", "Only the bot's admins can add or change documents"} <= phrases


def test_the_admin_menu_in_persian(tg):  # noqa: F811
    menus = [p for m, p in tg.wait_for(lambda m, p: m == "setMyCommands" and p.get("language_code") == "fa"
                                       and str(ADMIN) in str(p.get("scope")))]
    commands = json.loads(menus[0]["commands"]) if isinstance(menus[0]["commands"], str) else menus[0]["commands"]
    assert {"command": "reports", "description": "گزارش‌های بازِ خوانندگان"} in commands
    assert [c["command"] for c in commands] == ["who", "quote", "source", "docs", "report", "help", "reindex", "stats",
                                                "add", "edit", "remove", "people", "reports", "cancel"]


def test_a_persian_admin_adds_a_document_in_persian(tg):  # noqa: F811
    screens = []
    card = send(tg, upload_fa(tg, "witnesses-1988.html", ARTICLE.encode()), text_to(ADMIN, "سند تازه"))
    text = card["text"]
    screens.append(text)
    assert text.startswith("سند تازه \u2068witnesses-1988\u2069 از \u2068witnesses-1988.html\u2069\n")
    assert f"عنوان: {FSI}Witnesses recall the 1988 killings{PDI} (استنباط‌شده از {FSI}the page's h1{PDI})\n" in text
    assert f"ناشر: {FSI}Example Daily{PDI} (استنباط‌شده از {FSI}og:site_name{PDI})\n" in text
    assert "تاریخ: — (نامعلوم)\n" in text  # no dateline: not guessed
    assert "یافته‌ها: 4 بند، 1 نقل‌قول، 0 شخص." in text
    assert text.endswith("تا تأیید نکنید، چیزی ذخیره نمی‌شود.")
    assert "<blockquote>Witnesses recall the 1988 killings" in card["html"]  # the document's words, untouched
    keys = buttons(card)
    assert list(keys) == ["✅ تأیید", "✖️ لغو", "✏️ عنوان", "✏️ ناشر", "✏️ تاریخ", "✏️ نشانی اینترنتی", "✏️ نوع"]

    asked = send(tg, fa(press(keys["✏️ تاریخ"], ADMIN, 600)), text_to(ADMIN, "تاریخ را به میلادی بفرستید"))
    assert asked["text"] == "تاریخ را به میلادی بفرستید: \u200eYYYY-MM-DD\u200e، \u200eYYYY-MM\u200e یا \u200eYYYY\u200e (یا «نامعلوم»)."
    refused = send(tg, fa(message("2021-02-30", chat=ADMIN)), text_to(ADMIN, "تغییر نکرد"))
    assert refused["text"] == ("تغییر نکرد: «\u20682021-02-30\u2069» تاریخ نیست: به صورت \u200eYYYY-MM-DD\u200e، "
                               "\u200eYYYY-MM\u200e یا \u200eYYYY\u200e بنویسید (یا «نامعلوم»). دوباره بفرستید.")
    screens.append(refused["text"])
    card = send(tg, fa(message("۲۰۲۱-۰۸", chat=ADMIN)), text_to(ADMIN, "سند تازه"))  # typed on a Persian keyboard
    screens.append(card["text"])
    assert "تاریخ: اوت ۲۰۲۱ (مرداد–شهریور ۱۴۰۰) (ماه)\n" in card["text"]

    n = len(tg.calls)
    done = send(tg, fa(press(buttons(card)["✅ تأیید"], ADMIN, 601)), text_to(ADMIN, "6 سند نمایه شد"), timeout=60)
    edits = [p["text"] for m, p in tg.calls[n:] if m == "editMessageText"]
    assert ("افزوده شد، \u2068witnesses-1988\u2069: \u2068Witnesses recall the 1988 killings\u2069 · \u2068Example Daily\u2069 · "
            "اوت ۲۰۲۱ (مرداد–شهریور ۱۴۰۰).") in edits
    assert any(p["text"].startswith("در حال بازسازی نمایه") for m, p in tg.calls[n:] if m == "sendMessage")
    assert re.fullmatch(r"6 سند نمایه شد: \d+ بند، \d+ نقل‌قول و \d+ شخص در [\d.]+ ثانیه \(نسل \u2068[\w-]+\u2069\)\.",
                        done["text"])
    screens += [*edits, done["text"]]
    assert_persian(screens)

    answer = send(tg, message("alphabetical order", chat=USER), text_to(USER, "Excerpts for"))  # an English reader
    assert "<b>Witnesses recall the 1988 killings</b> · Example Daily · Aug 2021" in answer["html"]


def test_a_persian_admin_is_told_of_a_report_and_resolves_it_in_persian(tg):  # noqa: F811
    send(tg, fa(message("/stats", chat=ADMIN)), text_to(ADMIN, "گزارش‌های باز خوانندگان"))  # the admin is seen
    answer = send(tg, message("/source 30,000", chat=USER), text_to(USER, ""))
    picker = send(tg, press(buttons(answer)["⚑ Report a problem"], USER), text_to(USER, "Which excerpt is wrong?"))
    reasons = send(tg, press(buttons(picker)["1"], USER), text_to(USER, "What is wrong with this excerpt?"))
    send(tg, press(buttons(reasons)["out of context"], USER, 700), text_to(USER, "Thank you: report #"))
    (_, notice), = tg.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == ADMIN and "گزارش تازه" in p["text"])
    told = visible(notice)
    assert re.fullmatch(r"1 گزارش تازه از خوانندگان:\n• #\d+ بیرون از بافت در \u2068[\w-]+\u2069\n"
                        r"برای دیدنشان \u200e/reports\u200e را بفرستید\.", told), told

    header = send(tg, fa(message("/reports", chat=ADMIN)), text_to(ADMIN, "1 گزارش باز"))
    assert header["text"] == "1 گزارش باز، تازه‌ترین نخست:"
    listed = send(tg, fa(message("/reports", chat=ADMIN)), text_to(ADMIN, "گزارش #"))
    lines = listed["text"].split("\n")
    assert re.fullmatch(r"گزارش #\d+ · بیرون از بافت · \d{4}-\d\d-\d\d \d\d:\d\d", lines[0]), lines[0]
    assert re.fullmatch(r"سند \u2068[\w-]+\u2069 \[\d+:\d+\]، نسل \u2068[\w-]+\u2069", lines[-2])
    assert lines[-1] == "پرسش: \u2068/source 30,000\u2069"
    keys = buttons(listed)
    assert set(keys) == {"✓ رسیدگی شد", "📄 گشودن سند"}
    resolved = send(tg, fa(press(keys["✓ رسیدگی شد"], ADMIN, 701)), text_to(ADMIN, "به گزارش #"))
    assert re.fullmatch(r"به گزارش #\d+ رسیدگی شد \(به دست Ana\)\.", resolved["text"])
    none = send(tg, fa(message("/reports", chat=ADMIN)), text_to(ADMIN, "هیچ گزارش"))
    assert none["text"] == "هیچ گزارش بازی نیست."
    stats = send(tg, fa(message("/stats", chat=ADMIN)), text_to(ADMIN, "گزارش‌های باز خوانندگان: 0."))
    assert "تازه‌ترین کارهای مدیران:" in stats["text"]
    assert re.search(r"Ana: رسیدگی report #\d+", stats["text"]) and "Ana: افزودن witnesses-1988" in stats["text"]
    figures = send(tg, fa(message("/stats", chat=ADMIN)), text_to(ADMIN, "نمایهٔ"))
    assert "وضعیت حافظهٔ مشترک: در همین فرایند (یک پردازشگر)." in figures["text"]
    assert_persian([told, header["text"], listed["text"], resolved["text"], none["text"], stats["text"],
                    figures["text"]])


def test_a_persian_admin_edits_and_keeps_a_document_in_persian(tg):  # noqa: F811
    edit_usage = send(tg, fa(message("/edit witnesses-1988", chat=ADMIN)), text_to(ADMIN, "کاربرد"))
    assert edit_usage["text"] == ("کاربرد: \u200e/edit\u200e شناسه فیلد مقدار؛ فیلد یکی از این‌ها: "
                             "\u2068title, publisher, date, url, kind\u2069.")
    remove_usage = send(tg, fa(message("/remove", chat=ADMIN)), text_to(ADMIN, "کاربرد"))
    assert remove_usage["text"] == "کاربرد: \u200e/remove\u200e شناسه (شناسه‌ها را در \u200e/docs\u200e ببینید)."
    n = len(tg.calls)
    done = send(tg, fa(message("/edit witnesses-1988 publisher نامعلوم", chat=ADMIN)), text_to(ADMIN, "\u2068witnesses"))
    assert done["text"] == "\u2068witnesses-1988\u2069: ناشر اکنون «نامعلوم» است."
    later(tg, n, text_to(ADMIN, "6 سند نمایه شد"))
    answer = send(tg, message("alphabetical order", chat=USER), text_to(USER, "Excerpts for"))
    assert "Witnesses recall the 1988 killings</b> · Aug 2021" in answer["html"]
    ask = send(tg, fa(message("/remove witnesses-1988", chat=ADMIN)), text_to(ADMIN, "\u2068witnesses-1988\u2069 ("))
    assert ask["text"] == ("\u2068witnesses-1988\u2069 (\u2068Witnesses recall the 1988 killings\u2069) از مجموعه حذف "
                           "شود؟ از آن پس بخش‌هایش در پاسخ‌ها نمی‌آیند.")
    keys = buttons(ask)
    assert list(keys) == ["🗑 حذف", "نگهش دار"]
    kept = send(tg, fa(press(keys["نگهش دار"], ADMIN, 800)), text_to(ADMIN, "\u2068witnesses"))
    assert kept["text"] == "\u2068witnesses-1988\u2069 نگه داشته شد."
    gone = send(tg, fa(message("/remove no-such-doc", chat=ADMIN)), text_to(ADMIN, "حذف نشد"))
    assert gone["text"] == "حذف نشد: سندی با شناسهٔ «\u2068no-such-doc\u2069» در مجموعه نیست (شناسه‌ها را در \u200e/docs\u200e ببینید)."
    bundled = send(tg, fa(message("/edit robertson-2020-worst-crime date 2020", chat=ADMIN)), text_to(ADMIN, "تغییر نکرد"))
    assert bundled["text"].startswith("تغییر نکرد: \u2068robertson-2020-worst-crime\u2069 از اسناد همراه برنامه است")
    assert_persian([edit_usage["text"], remove_usage["text"], done["text"], ask["text"], kept["text"], gone["text"],
                    bundled["text"]])


def test_a_persian_admin_is_told_why_a_file_is_not_added_in_persian(tg):  # noqa: F811
    cases = [(upload_fa(tg, "empty.txt", b""), "افزوده نشد: پرونده خالی است."),
             (upload_fa(tg, "blob.txt", bytes(range(256)) * 20), "افزوده نشد: پروندهٔ دودویی است، نه متن."),
             (upload_fa(tg, "notes.docx", b"PK\x03\x04"), "افزوده نشد: \u2068notes.docx\u2069 پرونده‌ای با پسوند "
              "\u200e.pdf\u200e، \u200e.html\u200e، \u200e.txt\u200e یا \u200e.md\u200e نیست."),
             (fa(message("http://127.0.0.1:9/nothing-listens", chat=ADMIN)),
              "افزوده نشد: دسترسی به \u2068127.0.0.1\u2069 ممکن نشد (ConnectError)."),
             (upload_fa(tg, "again.html", ARTICLE.encode()), "افزوده نشد: تکراری: این متن با شناسهٔ \u2068witnesses-1988\u2069 "
              "(\u2068Witnesses recall the 1988 killings\u2069) در مجموعه هست.")]
    for update, expected in cases:
        assert send(tg, update, text_to(ADMIN, "افزوده نشد"))["text"] == expected
    usage = send(tg, fa(message("/add", chat=ADMIN)), text_to(ADMIN, "یک پرونده"))
    assert usage["text"] == ("یک پرونده با پسوند \u200e.pdf\u200e، \u200e.html\u200e، \u200e.txt\u200e یا \u200e.md\u200e "
                             "برایم بفرستید، یا \u200e/add https://…\u200e")
    assert_persian([expected for _, expected in cases] + [usage["text"]])


def test_a_persian_reader_is_refused_in_persian(tg):  # noqa: F811
    refusal = send(tg, upload_fa(tg, "notes.txt", b"Some notes about 1988.", user=USER), text_to(USER, "فقط"))
    assert refusal["text"] == "فقط مدیران ربات می‌توانند سندی بیفزایند یا تغییر دهند."
    for command, expected in [("/reports", "فقط مدیران ربات می‌توانند گزارش‌ها را ببینند."),
                              ("/remove witnesses-1988", "فقط مدیران ربات می‌توانند سندی بیفزایند یا تغییر دهند.")]:
        assert send(tg, fa(message(command, chat=USER)), text_to(USER, "فقط"))["text"] == expected
