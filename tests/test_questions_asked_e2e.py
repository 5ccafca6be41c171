"""The questions people ask (issue 21), end to end: the real `citebot serve` and the fake Bot API server, so the
wording of words as meant, honest absence and figures is what reaches Telegram (tests/test_questions_asked.py:
the same answers through the answer layer, the CLI and the terminal)."""

from __future__ import annotations

import pytest

from tests.botproc import ROOT, TOKEN, citebot
from tests.conftest import indexed
from tests.fake_telegram import FakeTelegram, TelegramHTML
from tests.test_e2e import ask

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def tg(tmp_path_factory, bundled):
    tmp = tmp_path_factory.mktemp("e2e-asked")
    settings = indexed(bundled, tmp, corpus=ROOT / "corpus")
    server = FakeTelegram(TOKEN)
    server.start()
    with citebot(settings, server, tmp / "bot.log", "polling", CITEBOT_TELEGRAM_MESSAGES_PER_SECOND=0):
        yield server


def test_a_misspelt_word_and_a_question_no_passage_answers(tg):
    (reply,) = ask(tg, "were families allowed to mourn")
    text = reply["text"]
    assert TelegramHTML.visible(text).startswith("The documents don't say “were families allowed to mourn” in these words. No document "
                           "mentions “allowed”. No document uses “mourn”; the documents have “morn”.\nThe 3 closest "
                           "excerpts, with only some of the words, are below. Send /search were families allowed to "
                           "mourn for every excerpt.")
    assert "And ordered never to <b>morn</b> in the public." in text
    assert text.count("<blockquote>") == 3


def test_related_words_are_said_and_shown(tg):
    (reply,) = ask(tg, "bodies")
    text = reply["text"]
    assert text.startswith("Also searched, as related words: corpses.\nExcerpts for “bodies”:")
    assert text.index("<b>bodies</b> were doused") < text.index("<b>corpses</b> were doused")


def test_how_many_shows_each_figure_above_its_excerpt(tg):
    replies = ask(tg, "how many people were executed")
    text = "\n".join(r["text"] for r in replies)
    assert replies[0]["text"].startswith(
        "Left out of the search as question words: how.\nFigures the documents give for “people were executed”, "
        "each below with its source, date and speaker, side by side (not added up; none is picked): thousands; more "
        "than 30,000; 30,000.")
    assert "<b>Figures given: more than 30,000</b>\n<blockquote>In the summer of 1988" in text
    assert "— <i>Morgan Ortagus</i>" in text


def test_honest_absence_in_persian(tg):
    (reply,) = ask(tg, "پدرم کجا دفن شده است", language="fa")
    lines = reply["text"].splitlines()
    assert lines[1].startswith("اسناد «پدرم کجا دفن شده است» را با این واژه‌ها نمی‌گویند.")
    assert "/search پدرم کجا دفن شده است" in lines[2]
