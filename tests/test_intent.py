"""Questions typed as sentences answered as the command that answers them, saying so; plain search without the
question's scaffolding; a dateline is not evidence."""

import json
import re

import pytest

from citebot.index.text.headings import without_datelines
from tests.conftest import exact

LUTHER = ("Phillip Luther, Amnesty International’s Advocacy Director for the Middle East and North Africa, called the "
          "lack of investigation into the 1988 massacre “an abject failure” which has had “catastrophic consequences "
          "not only on survivors and victim’s families but also on the rule of law and respect for human rights in the "
          "country”.")


@pytest.mark.parametrize("typed", ["who said abject failure", "Who said “abject failure”?", "who said that abject failure",
                                   "where does it say abject failure", "چه کسی گفت abject failure"])
def test_who_said_is_source_with_the_speaker(answerer, typed):
    a = answerer.ask(typed)
    assert a.command == "source" and a.read_as == "/source abject failure"
    assert a.message.startswith("Read as /source abject failure.\n1 document says “abject failure”")
    assert a.results[0].excerpt == LUTHER and {v.speaker for v in a.results[0].voices} == {"Phillip Luther"}
    exact(answerer, a)


@pytest.mark.parametrize("typed, person", [
    ("what did Naidoo say", "Kumi Naidoo"), ("What has Guterres said?", "António Guterres"),
    ("what did Rajavi tell the conference", "Maryam Rajavi"), ("نایدو چه گفت", "Kumi Naidoo"),
    ("رجوی چه گفته است؟", "Maryam Rajavi"),
])
def test_what_did_person_say_is_their_quotations(answerer, typed, person):
    a = answerer.ask(typed)
    assert a.command == "quote" and a.person.name == person and a.read_as.startswith("/quote ")
    assert a.message.startswith(f"Read as {a.read_as}.")
    assert a.results and all(r.speaker == person for r in a.results)
    exact(answerer, a)


def test_what_did_person_say_about_a_topic_keeps_their_words_on_it(answerer):
    a = answerer.ask("what did Montazeri say about crime?")
    assert a.read_as == "/quote Montazeri" and a.person.name == "Hossein-Ali Montazeri"
    assert a.message.startswith("Read as /quote Montazeri, keeping the quotations about “crime”.\n"
                                "Direct quotations of Hossein-Ali Montazeri about “crime”:")
    assert a.results and all("crime" in r.excerpt.lower() and r.speaker == "Hossein-Ali Montazeri" for r in a.results)
    none = answerer.ask("what did Naidoo say about refrigerated trucks")
    assert none.results == [] and "No direct quotation of Kumi Naidoo about “refrigerated trucks”" in none.message


@pytest.mark.parametrize("typed, person", [("who is Naidoo", "Kumi Naidoo"), ("Who was Montazeri?", "Hossein-Ali Montazeri"),
                                           ("tell me about Raisi", "Ebrahim Raisi"), ("منتظری کیست؟", "Hossein-Ali Montazeri"),
                                           ("who is the Justice Minister", "Alireza Avaei")])
def test_who_is_person_is_who(answerer, typed, person):
    a = answerer.ask(typed)
    assert a.command == "who" and a.person.name == person and a.message.startswith("Read as /who ")


def test_a_question_about_no_one_stays_a_search_without_its_question_words(answerer):
    a = answerer.ask("who was executed in 1988")
    assert a.command == "search" and a.read_as == ""
    assert a.message.startswith("Left out of the search as question words: who.\n"
                                "Also searched, as related words: hanged, hung, gallows.\n"
                                "Excerpts for “was executed in 1988”")
    full = [r.excerpt.lower() for r in a.results[:a.matched_all]]
    as_typed = [("execut" in e) for e in full]
    assert full and as_typed[0] and as_typed == sorted(as_typed, reverse=True)  # the word as typed first
    assert all(re.search(r"execut|hang|hung|gallows", e) and "1988" in e for e in full)


def test_said_does_not_outrank_the_words_asked_about(answerer):
    """No shape fits: "said" and "who" are left out, so the words asked about rank the passages."""
    a = answerer.ask("when Luther said abject failure")
    assert a.results[0].excerpt == LUTHER and a.matched_all >= 1


def test_only_a_question_has_scaffolding(answerer):
    a = answerer.ask("the prisoners who were executed")  # a relative "who" is part of the words asked about
    assert a.command == "search" and not a.message.startswith("Left out")
    assert answerer.ask("Luther said abject failure?").message.startswith("Left out of the search as question words: said.")


def test_a_command_is_never_reread(answerer):
    a = answerer.ask("/source who said abject failure")
    assert a.command == "source" and a.read_as == "" and not a.message.startswith("Read as")


def test_cli_json_says_what_the_question_was_read_as(cli):
    a = json.loads(cli("ask", "--json", "what did Naidoo say"))
    assert a["read_as"] == "/quote Naidoo" and a["person"]["name"] == "Kumi Naidoo"
    assert a["message_parts"][0] == {"key": "answer.read_as", "params": {"command": "/quote Naidoo"}}
    assert "read_as" not in json.loads(cli("ask", "--json", "mass graves"))


def test_a_dateline_is_no_evidence_of_a_date(answerer):
    """"Iran, August 28, 2021—… Iran’s 1988 massacre" does not have "August 1988"."""
    a = answerer.ask("August 1988")
    full = a.results[:a.matched_all]
    assert a.matched_all == 2 and [r.excerpt[:40] for r in full] == [
        "“Between July and August 1988, thousands", "And ordered never to morn in the public."]
    assert not any(r.excerpt.startswith("Iran, August 28, 2021—") for r in full)
    assert any(r.excerpt.startswith("Iran, August 28, 2021—") for r in a.results[a.matched_all:])
    july = answerer.ask("July 1988")
    assert not any(r.excerpt.startswith("Iran, July 24, 2020—") for r in july.results[:july.matched_all])


def test_without_datelines_keeps_offsets_and_other_dates():
    assert without_datelines("Iran, August 28, 2021—More") == " " * 22 + "More"
    assert without_datelines("PARIS, 3 March 2021 - The") == " " * 22 + "The"
    assert without_datelines("On August 28, 2021—we met") == "On August 28, 2021—we met"
