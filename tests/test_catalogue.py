"""The bot's message catalogue: every key the code asks for exists, every entry is used, HTML stays escaped."""

from __future__ import annotations

import re
from pathlib import Path
from string import Formatter

import pytest

from citebot.bot import render
from citebot.bot.catalogue import language, say, template
from citebot.bot.locales.en import MESSAGES
from citebot.bot.locales.fa import MESSAGES as FA
from citebot.index import ANSWER_MESSAGES, EDITABLE, KINDS, REASONS, REFUSAL_MESSAGES

BOT = Path(__file__).resolve().parents[1] / "bot"
INDEX = BOT.parent / "index"
ASKED = re.compile(r"""(?:\b(?:say|markup|template|_noted|counted)\(|\breply\(update,)\s*["']([a-z_.]+)["']""")
MENU = ("who", "quote", "source", "docs", "report", "help", "reindex", "stats", "add", "edit", "remove", "people", "reports",
        "cancel")


def keys_in_code() -> set[str]:
    found = set()
    for path in BOT.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(ASKED.findall(text))
        # passed on to _noted, named in tables (terminal card fields, draft marks) or returned (report steps)
        found |= set(re.findall(r"""["']((?:card|voice|field|precision|draft|report|cancel)\.[a-z_]+)["']""", text))
    found |= {f"{key}_one" for key in found if f"{key}_one" in MESSAGES}  # counted() picks the singular for one
    return found | {f"menu.{name}" for name in MENU} | {f"report.reason.{reason}" for reason in REASONS} | {
        f"ask.{name}" for name in EDITABLE} | {f"audit.{action}" for action in render.AUDITED} | {
        f"kind.{kind}" for kind in KINDS}


def test_every_key_the_bot_asks_for_is_in_the_english_catalogue():
    assert keys_in_code() - set(MESSAGES) == set()


def test_every_english_entry_is_used():
    assert set(MESSAGES) - keys_in_code() == set()


def test_a_missing_translation_falls_back_to_english():
    assert say("page.range", lang="xx", first=1, last=3, total=8) == "1–3 of 8"
    assert template("button.more", lang="xx") == "More »"


def test_markup_escapes_the_template_and_keeps_given_html():
    html = render.markup("start.intro", collection="<b>A &amp; B</b>")
    assert html.startswith("I answer questions about <b>A &amp; B</b> with exact quotes")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_template_takes_named_parameters_only(key):
    assert "{}" not in MESSAGES[key] and "{0" not in MESSAGES[key]


# -- the Persian catalogue -------------------------------------------------------------------------


def parameters(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_persian_has_every_english_key_with_the_same_parameters():
    assert set(MESSAGES) - set(FA) == set()
    for key, english in MESSAGES.items():
        assert parameters(FA[key]) == parameters(english), key


def test_persian_says_every_answer_message_with_the_same_parameters():
    answers = {k for k in FA if k.startswith("answer.")}
    assert answers == set(ANSWER_MESSAGES)
    for key in answers:
        assert parameters(FA[key]) == parameters(ANSWER_MESSAGES[key]), key


def test_persian_says_every_refusal_with_the_same_parameters():
    refusals = {k for k in FA if k.startswith("refusal.")}
    assert refusals == set(REFUSAL_MESSAGES)
    for key in refusals:
        assert parameters(FA[key]) == parameters(REFUSAL_MESSAGES[key]), key


def test_every_refusal_is_raised_somewhere():
    raised = set()
    for path in INDEX.rglob("*.py"):
        raised |= set(re.findall(r"""\.said\(\s*["'](refusal\.[a-z_]+)["']""", path.read_text(encoding="utf-8")))
    assert raised == set(REFUSAL_MESSAGES)


def test_a_refusal_is_said_in_persian_and_kept_in_english():
    from citebot.bot.catalogue import reason
    from citebot.index import InvalidField

    error = InvalidField.said("refusal.empty_field", field="publisher")
    assert str(error) == "the publisher cannot be empty" and reason(error) == str(error)
    assert reason(error, "fa") == "ناشر نمی‌تواند خالی باشد"
    assert reason(InvalidField("no key"), "fa") == "no key"


def test_persian_is_persian_and_keeps_its_commands_readable():
    for key, text in FA.items():
        if key not in ("answer.doc", "button.doc", "marks.quoted"):  # a title alone; quotation marks alone
            assert any("\u0600" <= ch <= "\u06ff" for ch in text), key
    assert "/who" in FA["help.commands"] and "/doc_{number}" in FA["docs.open"]


def test_latin_words_in_persian_text_are_isolated_and_english_is_untouched():
    assert say("answer.quote.of", lang="fa", name="Hossein-Ali Montazeri") == (
        "نقل‌قول‌های مستقیم از \u2068Hossein-Ali Montazeri\u2069:")
    assert say("answer.who.none", lang="fa", name="رئیسی") == "در منابع از کسی به نام «رئیسی» یاد نشده است."
    assert say("button.more", lang="fa") == "بیشتر »"
    assert say("card.date", name="x", date="19 Jul 1988") == "Date: 19 Jul 1988"


def test_a_telegram_language_code_picks_its_catalogue():
    assert [language(c) for c in ("fa", "fa-IR", "FA", "de", "en-GB", "", None, "../x")] == [
        "fa", "fa", "fa", "en", "en", "en", "en", "en"]
