"""An admin's draft and the value the bot asked for outlive the worker that made them (several workers)."""

from __future__ import annotations

import shutil

import pytest

from tests.botproc import ROOT, TOKEN, citebot, message
from tests.conftest import indexed
from tests.fake_telegram import FakeTelegram
from tests.services import redis_server
from tests.test_collection_e2e import ADMIN, ARTICLE, buttons, press, send, text_to, upload

pytestmark = pytest.mark.e2e


def test_a_draft_made_on_one_worker_is_edited_and_confirmed_on_another(tmp_path, bundled):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    settings = indexed(bundled, tmp_path, corpus=tmp_path / "corpus")
    tg = FakeTelegram(TOKEN)
    tg.start()
    with redis_server(tmp_path / "redis") as redis:
        env = {"CITEBOT_ADMINS": ADMIN, "CITEBOT_STATE_REDIS_URL": redis.url}
        with citebot(settings, tg, tmp_path / "first.log", **env):
            card = send(tg, upload(tg, "witnesses-1988.html", ARTICLE.encode()), text_to(ADMIN, "New document"))
            send(tg, press(buttons(card)["✏️ date"], ADMIN, 499), text_to(ADMIN, "Send the date"))
        prompt = next(m for m in reversed(tg.sent) if m["text"].startswith("Send the date"))
        # That worker is gone; the admin's reply to the prompt, and the press after it, reach another one.
        with citebot(settings, tg, tmp_path / "second.log", **env):
            reply = message("2021-08", chat=ADMIN)
            reply["message"]["reply_to_message"] = prompt
            card = send(tg, reply, text_to(ADMIN, "New document"))
            assert "Date: Aug 2021 (month)\n" in card["text"]
            send(tg, press(buttons(card)["✅ Confirm"], ADMIN, 500), text_to(ADMIN, "Indexed 6 documents"), timeout=60)
            again = send(tg, press(buttons(card)["✅ Confirm"], ADMIN, 500, query_id="cq-again"),
                         lambda m, p: m == "answerCallbackQuery" and p["callback_query_id"] == "cq-again")
            assert again.get("text") == "This draft has expired: send the file or URL again."  # added once
            later = send(tg, message("2021-09", chat=ADMIN), text_to(ADMIN, ""))
            assert "New document" not in later["text"]  # the value was taken: a second one is a plain question
    entries = (settings.collection / "sources.yaml").read_text()
    assert entries.count("id: witnesses-1988") == 1 and "date: 2021-08" in entries
