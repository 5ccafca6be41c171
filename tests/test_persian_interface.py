"""The interface in Persian outside Telegram's transport: answer messages as phrases, the Persian pages
(valid HTML, within Telegram's limits), Solar Hijri dates, and `citebot ask/chat --lang fa`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from citebot.bot import render
from citebot.bot.solar_hijri import from_gregorian, label
from citebot.bot.terminal import render as terminal
from citebot.index import ANSWER_MESSAGES
from tests.fake_telegram import TelegramHTML

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("day", "solar"), [
    (dt.date(1988, 7, 19), (1367, 4, 28)),  # the massacre's first days: 28 Tir 1367
    (dt.date(1979, 2, 11), (1357, 11, 22)),  # 22 Bahman 1357
    (dt.date(2026, 3, 20), (1404, 12, 29)),  # the last day of 1404 ...
    (dt.date(2026, 3, 21), (1405, 1, 1)),  # ... and Nowruz 1405
    (dt.date(2024, 3, 19), (1402, 12, 29)),
    (dt.date(2024, 3, 20), (1403, 1, 1)),
    (dt.date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year: a 30th of Esfand
    (dt.date(2025, 3, 21), (1404, 1, 1)),
])
def test_solar_hijri_dates(day, solar):
    assert from_gregorian(day) == solar


def test_solar_hijri_labels_keep_the_precision_a_document_gives():
    assert label("1988-07-19", "day") == "۲۸ تیر ۱۳۶۷"
    assert label("2018-12", "month") == "آذر–دی ۱۳۹۷"
    assert label("1989-03", "month") == "اسفند ۱۳۶۷ – فروردین ۱۳۶۸"
    assert label("1988", "year") == "۱۳۶۶–۱۳۶۷"
    assert label(None, None) == ""


def test_answers_keep_their_english_message_and_its_phrases(answerer):
    answer = answerer.ask("/quote Montazeri")
    assert answer.message == "Direct quotations of Hossein-Ali Montazeri:"
    assert answer.to_json()["message_parts"] == [{"key": "answer.quote.of", "params": {"name": "Hossein-Ali Montazeri"}}]
    for line in ("/who", "/who Raisi", "/who Nobody Atall", "/quote", "/quote mass graves", "/docs", "/doc nope",
                 "/frobnicate", "/help", "/who رئیسی", "/quote منتظری", "/who زززز"):
        answer = answerer.ask(line)
        assert answer.phrases, line
        rebuilt = "".join((p.sep if n else "") + ANSWER_MESSAGES[p.key].format(**p.params)
                          for n, p in enumerate(answer.phrases))
        assert rebuilt == answer.message, line


def test_a_persian_question_quotes_the_persian_words_not_the_english_name(answerer):
    answer = answerer.ask("/who رئیسی")
    assert render.header_text(answer, "fa") == ("جست‌وجو شد برای: \u2068Ebrahim Raisi\u2069.\n"
                                                "\u2068Ebrahim Raisi\u2069، به روایت خود منابع. نامش در 4 سند آمده است. "
                                                "به این صورت‌ها نیز نوشته شده است: Raisi.")
    missing = answerer.ask("/who Nobody Atall")
    assert render.header_text(missing, "fa") == ("در منابع از کسی به نام «\u2068Nobody Atall\u2069» یاد نشده است. "
                                                 "برای دیدن همهٔ کسانی که منابع نام می‌برند، \u200e/who\u200e را بفرستید.")


@pytest.mark.parametrize("line", ["/who Khomeini", "/quote Montazeri", "/source 1988", "/docs", "massacre",
                                  "/who", "گورهای جمعی"])
def test_persian_pages_are_valid_telegram_html_within_the_limit(answerer, line):
    answer = answerer.ask(line)
    english = render.page(answer, 0, 5, "k")
    persian = render.page(answer, 0, 5, "k", lang="fa")
    for text in persian.messages:
        TelegramHTML.visible(text)
        assert render.visible_length(text) <= render.MAX_MESSAGE
    for r in answer.results[:5]:  # the excerpts are the same English words
        assert render.highlighted(r.excerpt, r.highlights) in "".join(persian.messages)
    assert len(persian.buttons) == len(english.buttons)


def test_terminal_in_persian(answerer):
    out = terminal(answerer.ask("/quote Montazeri"), "fa")
    assert out.startswith("نقل‌قول‌های مستقیم از \u2068Hossein-Ali Montazeri\u2069:")
    assert terminal(answerer.ask("/quote Montazeri")).startswith("Direct quotations of Hossein-Ali Montazeri:")


def test_cli_lang_fa_builds_a_missing_index_saying_so_in_persian(tmp_path):
    env = {**os.environ, "CITEBOT_INDEX_DIR": str(tmp_path / "index")}
    chat = subprocess.run([sys.executable, "-m", "citebot.bot.cli", "chat", "--lang", "fa"], cwd=ROOT, env=env,
                          input="/who\n", capture_output=True, text=True, timeout=120)
    assert chat.stderr.startswith("هنوز نمایه‌ای نیست: نخست آن را از اسناد می‌سازم.\n"), chat.stderr
    assert "اشخاصی که در منابع نامشان آمده است" in chat.stdout


def test_cli_lang_fa(bundled):
    env = {**os.environ, "CITEBOT_INDEX_DIR": str(bundled.index_dir)}
    run = [sys.executable, "-m", "citebot.bot.cli"]
    asked = subprocess.run([*run, "ask", "--lang", "fa", "/who رئیسی"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=60)
    assert asked.returncode == 0, asked.stderr
    assert "\u2068Ebrahim Raisi\u2069، به روایت خود منابع." in asked.stdout
    assert "Ebrahim Raisi, current head of the regime’s Judiciary" in asked.stdout.replace("\n   │ ", " ")
    assert "PMOI/MEK · ۲۸ اوت ۲۰۲۱ (۶ شهریور ۱۴۰۰)" in asked.stdout
    chat = subprocess.run([*run, "chat", "--lang", "fa"], cwd=ROOT, env=env, input="/docs\n", capture_output=True,
                          text=True, timeout=60)
    assert "5 سند در این مجموعه، به ترتیب تاریخ (قدیمی‌ترین نخست):" in chat.stdout
    assert chat.stdout.startswith("همان‌گونه که در تلگرام می‌پرسید، بپرسید (\u200e/help\u200e برای فرمان‌ها، "
                                  "\u200eCtrl-D\u200e برای خروج). هر سطر می‌تواند دنبالهٔ پاسخ پیش از خود باشد")
    card = subprocess.run([*run, "ask", "--lang", "fa", "/doc robertson-2020-worst-crime"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60).stdout
    assert "         شناسه: robertson-2020-worst-crime\n" in card and "           ناشر: نامعلوم\n" in card
    assert "    عنوان کوتاه: Iran’s 1988 massacre of the MEK (Free Iran summit report)\n" in card
    english = subprocess.run([*run, "chat"], cwd=ROOT, env=env, input="", capture_output=True, text=True, timeout=60)
    assert english.stdout.startswith("Ask as you would in Telegram (/help for commands, Ctrl-D to quit). Each line can follow up")
    wrong = subprocess.run([*run, "ask", "--lang", "xx", "/docs"], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=60)
    assert wrong.returncode == 2 and "--lang" in wrong.stderr
