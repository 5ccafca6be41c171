"""End to end in Persian script: the real `citebot serve` and the fake Bot API server."""

from __future__ import annotations

import json

import pytest

from tests.fake_telegram import TelegramHTML
from tests.test_e2e import USER, ask, tg  # noqa: F401 - tg is the module's bot fixture

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
