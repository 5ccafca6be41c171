"""A line is read once into a Question (index/answers/question.py); the answer reports how it was read.

The golden file tests/data/answers.json holds the answers to the eval cases and to lines that exercise every
way of reading a question. It was written before the Question existed, so the Question changed no answer;
after a deliberate change of answers, rewrite it with `CITEBOT_WRITE_ANSWERS=1 pytest tests/test_question.py`
and read the diff: every changed line is a changed answer.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from citebot.index.answers.question import parse

ROOT = Path(__file__).resolve().parent
GOLDEN = ROOT / "data" / "answers.json"
READINGS = [  # each way a line is read: commands, sentences, numbers, Solar Hijri years, Persian, limits
    "/who Raisi", "/quote Naidoo", "/source 30,000", "/docs", "/help", "/foo bar", "hello", "/search",
    "who said abject failure", "what did Naidoo say about refrigerated trucks", "who is the Justice Minister",
    "who was executed in 1988", "what did Montazeri say about crime?", "tell me about Raisi",
    "thirty thousand", "/source thirty thousand", "mordad 1367", "1367", "۳۰ هزار", "اعدام ۱۳۶۷",
    "منتظری کیست؟", "نایدو چه گفت", "چه کسی گفت abject failure", "/who رئیسی", "گورهای دسته جمعی", "x" * 5000,
]


def lines() -> list[str]:
    cases = yaml.safe_load((ROOT / "eval_cases.yaml").read_text(encoding="utf-8"))
    return list(dict.fromkeys([c["ask"] for c in cases] + READINGS))


def answers(answerer) -> dict:
    out = {}
    for line in lines():
        shown = answerer.ask(line).to_json()
        shown.pop("generation", None)
        shown.pop("question", None)  # reported since the Question; not part of the answer before it
        out[line] = shown
    return out


def test_the_answers_are_those_of_the_golden_file(answerer):
    found = answers(answerer)
    if os.environ.get("CITEBOT_WRITE_ANSWERS"):
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert [line for line in found if found[line] != golden.get(line)] == []


@pytest.fixture
def read(answerer):
    corpus = answerer.corpus()
    return lambda line, limit=300: parse(corpus, answerer.glossary, line, limit)


def test_a_command_is_read_with_its_words(read):
    q = read("/who@citebot   Raisi ")
    assert (q.command, q.typed, q.words, q.language, q.read_as, q.notes) == ("who", "Raisi", "Raisi", "en", "", [])


def test_a_sentence_is_read_as_the_command_that_answers_it(read):
    q = read("what did Naidoo say about refrigerated trucks")
    assert (q.command, q.words, q.topic, q.read_as) == ("quote", "Naidoo", "refrigerated trucks", "/quote Naidoo")
    assert [n.key for n in q.notes] == ["answer.read_as_about"]
    assert read("who was executed in 1988").command == "search"  # the words name no one


def test_numbers_and_solar_hijri_years_are_read_as_the_documents_write_them(read):
    assert read("/source thirty thousand").searched == "30000"
    q = read("1367")
    assert q.searched == "1988" and q.words == "1367" and q.to_json()["numbers_read_as"] == "1988"
    assert read("/who thirty").numbers is None  # only search and /source read numbers


def test_a_persian_question_is_read_in_english_once(read):
    q = read("اعدام ۱۳۶۷")
    assert q.language == "fa" and q.persian is not None and "1988" in q.persian.english
    assert read("سلام").persian is None  # a greeting is chatter, not a question to translate
    assert read("/docs").persian is None


def test_a_long_line_is_cut_and_the_answer_says_so(answerer, read):
    q = read("massacre " * 100, limit=50)
    assert q.cut_to == 50 and len(q.typed) <= 50
    assert "Only the first 300 characters" in answerer.ask("massacre " * 100).message


def test_the_answer_reports_how_it_read_the_question(answerer):
    shown = answerer.ask("what did Naidoo say").to_json()
    assert shown["read_as"] == "/quote Naidoo"
    assert shown["question"] == {"command": "quote", "typed": "what did Naidoo say", "words": "Naidoo",
                                 "language": "en", "read_as": "/quote Naidoo"}
    assert answerer.ask("thirty thousand").to_json()["question"]["numbers_read_as"] == "30000"
