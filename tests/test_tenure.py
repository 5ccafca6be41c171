"""Roles as of when: a role the text dates or marks as past is shown with its dates or as former (issue 19.5)."""

from __future__ import annotations

import pytest

from citebot.bot.attribution import citation_lines
from citebot.index.answers.answerer import Answerer
from citebot.index.voices.tenure import describe_as_of
from tests.conftest import written_corpus


def role(text: str, name: str) -> str | None:
    start = text.index(name)
    return describe_as_of(text, start, start + len(name))


@pytest.mark.parametrize(("text", "shown"), [
    ("Jo Bloggs, Special Envoy for Coastal Towns (2009-2015), opened the meeting.", "Special Envoy for Coastal Towns, 2009-2015"),
    ("Jo Bloggs, Director of the Harbour Board (2011–2019), spoke first.", "Director of the Harbour Board, 2011–2019"),
    ("Jo Bloggs, Director of the Harbour Board (until 2019), spoke first.", "Director of the Harbour Board, until 2019"),
    ("The former Fisheries Minister Jo Bloggs opened the meeting.", "former Fisheries Minister"),
    ("On Monday ex-Fisheries Minister Jo Bloggs opened the meeting.", "former Fisheries Minister"),
    ("The then-Fisheries Minister Jo Bloggs opened the meeting.", "then Fisheries Minister"),
    ("The then Fisheries Minister Jo Bloggs opened the meeting.", "then Fisheries Minister"),
    ("Jo Bloggs, a former Fisheries Minister, opened the meeting.", "former Fisheries Minister"),
    ("Jo Bloggs, then Fisheries Minister, opened the meeting.", "then Fisheries Minister"),
    ("Jo Bloggs, the Fisheries Minister at the time, opened the meeting.", "Fisheries Minister at the time"),
    ("Jo Bloggs, the previous Fisheries Minister, opened the meeting.", "previous Fisheries Minister"),
])
def test_a_dated_or_past_role_keeps_its_time(text, shown):
    assert role(text, "Jo Bloggs") == shown


@pytest.mark.parametrize(("text", "shown"), [
    ("Fisheries Minister Jo Bloggs opened the meeting.", "Fisheries Minister"),
    ("The talks went on, and then Fisheries Minister Jo Bloggs opened the meeting.", "Fisheries Minister"),
    ("Fisheries Minister Jo Bloggs (1950-2031) opened the meeting.", "Fisheries Minister"),  # a life's years
    ("Jo Bloggs, Fisheries Minister, said in 2019 (in a letter) that it was over.", "Fisheries Minister"),
])
def test_a_current_role_gets_no_time_the_text_does_not_give_it(text, shown):
    assert role(text, "Jo Bloggs") == shown


def test_the_answer_and_the_cite_text_show_the_role_as_of_when(tmp_path):
    answerer = Answerer(written_corpus(tmp_path, {
        "harbour.txt": "The harbour hearing\n\n"
        "Ann Roe, Director of the Harbour Board (2011-2019), told the hearing: “The pier was sound when I left it.”\n\n"
        "The former Fisheries Minister Jo Bloggs said “nobody asked us about the pier at all.”\n\n"
        "Max Mustermann, the current Harbour Director, said “the pier opens again in the spring.”\n",
        "sources.yaml": "- file: harbour.txt\n  id: harbour\n  title: The harbour hearing\n"
                        "  publisher: Harbour Gazette\n  date: '2031-05'\n  date_precision: month\n"}))
    [roe] = answerer.ask("/quote Ann Roe").results
    assert citation_lines(roe, "en")[1] == "— Ann Roe (Director of the Harbour Board, 2011-2019), quoted in:"
    [bloggs] = answerer.ask("/quote Bloggs").results
    assert [v.role for v in bloggs.voices] == ["former Fisheries Minister"]
    assert citation_lines(bloggs, "en")[1] == "— Jo Bloggs (former Fisheries Minister), quoted in:"
    [director] = answerer.ask("/quote Mustermann").results  # current when the document was written, not now
    assert citation_lines(director, "en")[1] == "— Max Mustermann (current Harbour Director, as of 2031), quoted in:"


def test_a_current_role_is_current_as_of_its_document():
    from citebot.index.voices.tenure import as_of_document

    assert as_of_document("current Harbour Director", "2031-05-02") == "current Harbour Director, as of 2031"
    assert as_of_document("Harbour Director", "2031-05-02") == "Harbour Director"
    assert as_of_document("current Harbour Director", None) == "current Harbour Director"
