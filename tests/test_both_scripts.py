"""Which Persian words a Latin-script question means (index/answers/both_scripts.py): a person's Persian
spelling, the glossary's word, or a name or place transliterated to one word the Persian documents use."""

from __future__ import annotations

from pathlib import Path

import pytest

from citebot.index.answers.both_scripts import persian_forms, persian_person
from citebot.index.text.glossary import Glossary
from citebot.index.voices.people import Registry

CONFIG = Path(__file__).resolve().parents[1] / "config"
WORDS = {"گورستان", "خاوران", "منتظری", "اعدام", "شدند", "کرت", "مادران", "تهران", "rajavi"}


@pytest.fixture(scope="module")
def registry():
    registry = Registry.from_yaml(CONFIG / "people.yaml")
    registry.words = set(WORDS)
    registry.add("مهدی رستگار")
    return registry


@pytest.mark.parametrize("typed, persian", [
    ("Khavaran", "خاوران"),  # transliterated to the one word of the documents that sounds so
    ("Montazeri", "منتظری"),  # a person: their Persian surname the documents use
    ("execution", "اعدام"),  # the glossary
    ("execution Khavaran", "اعدام خاوران"),
    ("Tehran", "تهران"),
    ("court", None),  # a common English word is not spelt in Persian letters
    ("Rajavi", None),  # her Persian spellings are not words of the documents
    ("Khavaran Evin", None),  # every word or none
    ("خاوران", None),  # already Persian
])
def test_persian_forms(registry, typed, persian):
    assert persian_forms(registry, Glossary.load(CONFIG / "glossary.yaml"), typed) == persian


def test_a_person_named_only_in_persian_by_a_latin_spelling(registry):
    assert persian_person(registry, "Rastegar").person.name == "مهدی رستگار"
    assert persian_person(registry, "Mahdi Rastegar").approximate
    assert persian_person(registry, "Rostami") is None


def test_a_generation_without_persian_words_searches_no_other_script():
    english = Registry.from_yaml(CONFIG / "people.yaml")
    english.words = {"khavaran", "cemetery", "executions", "tehran", "montazeri"}
    glossary = Glossary.load(CONFIG / "glossary.yaml")
    assert [persian_forms(english, glossary, typed) for typed in ("Khavaran", "execution", "Tehran")] == [None] * 3
    mixed = Registry.from_yaml(CONFIG / "people.yaml")
    mixed.words = english.words | {"خاوران"}  # one Persian word among them is found
    assert persian_forms(mixed, glossary, "Khavaran") == "خاوران"
