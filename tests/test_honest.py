"""Honest matches and literal /source on the bundled corpus: what users see when words are missing,
only partly matched, common, chatter, or matched only in other word forms."""

from __future__ import annotations

import dataclasses
import re

import pytest

from citebot.index.answers.answerer import Answerer
from citebot.index.text.analysis import analysed, terms
from tests.conftest import exact


def test_a_word_no_document_has_is_named_and_the_rest_labelled(answerer):
    a = answerer.ask("Evin prison")
    assert a.unmatched == ["Evin"] and a.to_json()["unmatched"] == ["Evin"]
    assert a.message.splitlines()[0] == "The documents don't say “Evin prison” in these words. No document mentions “Evin”."
    assert "only some of the words" in a.message and "Send /search Evin prison for every excerpt." in a.message
    assert a.matched_all == 0 and 0 < len(a.results) <= 3
    assert all(re.search(r"(?i)prison", r.excerpt) and "evin" not in r.excerpt.lower() for r in a.results)
    exact(answerer, a)


@pytest.mark.parametrize("line", ["Evin", "/source Evin prison", "Zarrab Evin"])
def test_nothing_shown_for_words_no_document_has(answerer, line):
    a = answerer.ask(line)
    assert not a.results and "No document mentions" in a.message and "“Evin”" in a.message


def test_passages_with_every_word_come_first_and_are_counted(answerer):
    a = answerer.ask("right of families to know the truth")
    want = set(terms("right of families to know the truth"))
    assert 0 < a.matched_all < len(a.results)
    assert a.results[0].excerpt.startswith("The families of the victims have a right to know the truth")
    assert all(want <= set(analysed(r.excerpt)) for r in a.results[:a.matched_all])
    assert all(not want <= set(analysed(r.excerpt)) for r in a.results[a.matched_all:])
    assert a.to_json()["matched_all"] == a.matched_all
    assert "the first has every word, the others only some of them" in a.message


@pytest.mark.parametrize("line", ["hi", "Hello!", "thanks", "good morning", "ok", "سلام"])
def test_greetings_get_a_short_help_not_a_search(answerer, line):
    a = answerer.ask(line)
    assert not a.results and a.message.startswith("Hello! Send me a few words") and len(a.message) < 200


@pytest.mark.parametrize("line, message", [("his", "Nothing in the sources matches “his”."),
                                           ("des en", "Nothing in the sources matches “des en”."),
                                           ("il y a des gens en", "No document mentions “gens”.")])
def test_matches_only_through_function_words_are_no_match(answerer, line, message):
    a = answerer.ask(line)  # function words are not searched beside a real word: "gens" is the word asked
    assert not a.results and a.message == message


def test_a_french_question_matches_on_its_real_words_only(answerer):
    a = answerer.ask("Où sont enterrés les prisonniers exécutés en 1988 ?")
    assert a.results and all(re.search(r"1988|execut", r.excerpt) for r in a.results)
    assert a.unmatched == ["enterrés", "prisonniers"]
    assert "“les”" not in a.message and "“en”" not in a.message


def test_source_is_literal_folding_only_case_apostrophes_and_hyphens(answerer):
    for line in ("/source Pour Mohammadi", "/source pour-mohammadi", "/source IRAN'S 1988 MASSACRE",
                 "/source president elect"):
        a = answerer.ask(line)
        assert a.results and a.total == len(a.results), line
        words = re.findall(r"\w+", line.split(" ", 1)[1].lower().replace("'", " "))
        for r in a.results:
            assert re.search(r"[\s'’-]+".join(words), r.excerpt.lower()), (line, r.excerpt)
        exact(answerer, a)


def test_source_says_when_words_match_only_in_other_forms(answerer):
    a = answerer.ask("/source mass grave")
    assert a.message == "3 documents say “mass grave” only in other word forms (not word for word), earliest first:"
    assert all("mass graves" in r.excerpt for r in a.results)


def test_source_of_only_common_words_says_so(answerer):
    a = answerer.ask("/source of the")
    assert not a.results and "only words too common" in a.message


def test_a_capped_source_gives_the_true_count(bundled):
    few = Answerer(dataclasses.replace(bundled, max_results=2))
    a = few.ask("/source 1988")
    assert a.message == "2 of 5 documents say “1988”, earliest first:" and a.total == 5 and len(a.results) == 2
    assert [r.document.date for r in a.results] == sorted(r.document.date for r in a.results)
