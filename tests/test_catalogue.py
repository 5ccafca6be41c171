"""The bot's message catalogue: every key the code asks for exists, every entry is used, HTML stays escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citebot.bot import render
from citebot.bot.catalogue import say, template
from citebot.bot.locales.en import MESSAGES

BOT = Path(__file__).resolve().parents[1] / "bot"
ASKED = re.compile(r"""\b(?:say|markup|template|_noted)\(\s*["']([a-z_.]+)["']""")
MENU = ("who", "quote", "source", "docs", "help", "reindex", "stats", "add", "edit", "remove", "reports")


def keys_in_code() -> set[str]:
    found = set()
    for path in BOT.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(ASKED.findall(text))
        found |= set(re.findall(r"""["']((?:card)\.[a-z_]+)["']""", text))  # passed on to _noted
    return found | {f"menu.{name}" for name in MENU}


def test_every_key_the_bot_asks_for_is_in_the_english_catalogue():
    assert keys_in_code() - set(MESSAGES) == set()


def test_every_english_entry_is_used():
    assert set(MESSAGES) - keys_in_code() == set()


def test_a_missing_translation_falls_back_to_english():
    assert say("page.range", lang="fa", first=1, last=3, total=8) == "1–3 of 8"
    assert template("button.more", lang="xx") == "More »"


def test_markup_escapes_the_template_and_keeps_given_html():
    html = render.markup("start.intro", collection="<b>A &amp; B</b>")
    assert html.startswith("I answer questions about <b>A &amp; B</b> with exact quotes")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_template_takes_named_parameters_only(key):
    assert "{}" not in MESSAGES[key] and "{0" not in MESSAGES[key]
