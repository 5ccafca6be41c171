"""Quotations and their speakers, on the seed documents and on small made-up texts."""

from pathlib import Path

import pytest

from citebot.index.text.clean import clean
from citebot.index.voices.quotes import find_quotes
from tests.test_people import seed_registry

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def registry():
    return seed_registry(Path(__file__).resolve().parent.parent / "config" / "people.yaml")


def speakers(registry, name):
    text = clean((CORPUS / name).read_text(encoding="utf-8")).text
    return {text[q.start:q.end][:40]: q.speaker for q in find_quotes(text, registry.mentions(text))}


@pytest.mark.parametrize("doc, opening, speaker", [
    ("001_80b7eb5d3f2c6833.txt", "“The greatest crime committed", "hossein-ali-montazeri"),  # told X: “
    ("001_80b7eb5d3f2c6833.txt", "“July 19th marks", "morgan-ortagus"),  # said ... that “
    ("001_80b7eb5d3f2c6833.txt", "“The sacred blood", "maryam-rajavi"),  # continues the previous paragraph
    ("002_26c36c6a27ceb9f3.txt", "“Khomeini hastily put", "reza-shafiee"),  # ”, Shaifee wrote.
    ("002_26c36c6a27ceb9f3.txt", "“the greatest crime", "hossein-ali-montazeri"),  # He said, “
    ("003_042ad2c515831a27.txt", "“July 19th marks", "morgan-ortagus"),  # She said: “
    ("003_042ad2c515831a27.txt", "“OHCHR continued", "antonio-guterres"),  # paragraph ending “told X:”
    ("003_042ad2c515831a27.txt", "“Over the years", "asma-jahangir"),  # second paragraph of a quotation
    ("003_042ad2c515831a27.txt", "‘We have caught all", "ali-fadavi"),  # nested, speaker after it
    ("004_70a13469f7beb991.txt", "“It is moving for me", "kumi-naidoo"),  # ,” he said.
    ("004_70a13469f7beb991.txt", "“Despite all the calls", "audronius-azubalis"),  # ,” said X
    ("004_70a13469f7beb991.txt", "“They must not accept Raisi", "maryam-rajavi"),  # not the name inside
])
def test_speakers(registry, doc, opening, speaker):
    found = speakers(registry, doc)
    assert next(s for q, s in found.items() if q.startswith(opening)) == speaker


def test_no_confident_speaker_stays_none(registry):
    found = speakers(registry, "001_80b7eb5d3f2c6833.txt")
    assert found["“The leading figures in this evil regime"] is None  # "a statement by 31 personalities"
    assert found["“What is your crime.”"] is None


def test_scare_quotes_are_not_quotations(registry):
    found = speakers(registry, "003_042ad2c515831a27.txt")
    assert not any(q.startswith("‘Death Commissions") for q in found)


def test_straight_quotes_and_unknown_speakers(registry):
    text = 'Reuters reported: "After days of protests across Iran, he issued an order."'
    (q,) = find_quotes(text, registry.mentions(text))
    assert text[q.start:q.end].startswith('"After days') and q.speaker is None
