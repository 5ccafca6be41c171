"""End to end: an admin adds a Persian news story from Telegram, and readers ask about it in both scripts.

A real `citebot serve` talks to the fake Bot API server (tests/fake_telegram.py), as in tests/test_collection_e2e.py,
whose helpers this module reuses (with its own process and collection copy)."""

from __future__ import annotations

import shutil

import pytest

from tests.botproc import ROOT, TOKEN, citebot, message
from tests.conftest import indexed
from tests.fake_telegram import FakeTelegram
from tests.persian_texts import NEWS
from tests.test_collection_e2e import ADMIN, USER, buttons, press, send, text_to, upload

pytestmark = pytest.mark.e2e
MONTAZERI = "«من به آقایان گفتم که این کار در تاریخ به نام ما ثبت خواهد شد.»"


@pytest.fixture(scope="module")
def tg(tmp_path_factory, bundled):
    tmp = tmp_path_factory.mktemp("persian-documents-e2e")
    shutil.copytree(ROOT / "corpus", tmp / "corpus")
    settings = indexed(bundled, tmp, corpus=tmp / "corpus")
    server = FakeTelegram(TOKEN)
    server.start()
    with citebot(settings, server, tmp / "bot.log", CITEBOT_ADMINS=ADMIN, CITEBOT_TELEGRAM_FLOOD_MESSAGES=100,
                 CITEBOT_TELEGRAM_MESSAGES_PER_SECOND=0):  # Telegram's pacing is test_scale's
        card = send(server, upload(server, "khavaran.txt", NEWS.encode()), text_to(ADMIN, "New document"))
        assert "Date: 1 Sep 2023 (day) (inferred from the dateline \"تهران — ۱۰ شهریور ۱۴۰۲\")" in card["text"]
        assert "Found 9 passages, 5 quotations, 1 person." in card["text"]
        send(server, press(buttons(card)["✅ Confirm"], ADMIN, 900), text_to(ADMIN, "Indexed 6 documents"), timeout=60)
        yield server


@pytest.mark.parametrize("line", ["/quote منتظری", "/quote Montazeri"])
def test_quote_in_either_script_gives_montazeris_persian_words_as_his(tg, line):
    answer = send(tg, message(line, chat=USER), text_to(USER, ""))
    assert f"<blockquote>{MONTAZERI}</blockquote>\n(In Persian.)\n— <i>Hossein-Ali Montazeri</i>, quoted in:" in \
        answer["html"]


def test_who_labels_the_persian_excerpt(tg):
    answer = send(tg, message("/who Montazeri", chat=USER), text_to(USER, "Hossein-Ali Montazeri, in the words"))
    assert "(In Persian.)" in answer["text"] and "(In English.)" in answer["text"]


def test_source_in_either_script_finds_the_persian_story(tg):
    persian = send(tg, message("/source گورستان خاوران", chat=USER), text_to(USER, "1 document says"))
    assert "گورستان خاوران گرد هم آمدند." in persian["text"]
    latin = send(tg, message("/source Khavaran", chat=USER), text_to(USER, "Searched for: Khavaran, خاوران."))
    assert "گورستان خاوران گرد هم آمدند." in latin["text"]
