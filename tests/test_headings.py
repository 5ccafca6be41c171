"""Headings and title lines are not sentences a document asserts: no answer shows one as evidence while the text
says the words elsewhere; where only a heading says them, the document still counts and the heading is labelled."""

import re

import pytest

from citebot.bot import render, terminal
from citebot.index.store.search import Literal
from citebot.index.text.analysis import fold
from citebot.index.text.headings import heading_spans, is_heading
from tests.conftest import exact

# Every heading and title line of the bundled corpus, checked by hand against the documents.
HEADINGS = {
    "robertson-2020-worst-crime": [
        "Iran’s 1988 Massacre of the MEK: “Worst Crime Against Humanity Since WW2” – Geoffrey Robertson QC"],
    "mek-2020-07-24-tried-and-failed": [
        "The 1988 massacre: How the Iranian regime tried—and failed—to destroy the MEK",
        "An unprecedented crime against humanity in modern history", "The unique features of the 1988 massacre",
        "The 1988 massacre, 32 years later"],
    "mek-iran-2018-12-abject-failure": [
        "Lack of Investigation into 1988 Massacre is an ‘Abject Failure’ and Emboldened Mullahs to Commit Further "
        "Human Rights Abuses"],
    "ngo-2020-bring-to-justice": [
        "It is time to bring to justice the perpetrators of the 1988 massacre in the Islamic Republic of Iran",
        "The 1988 Massacre", "Call for accountability and justice",
        "Non-governmental organizations (NGOs) investigate the 1988 massacre", "Special Rapporteur’s findings",
        "An ongoing massacre", "Thousands of political prisoners are at risk of execution today",
        "Time for international action"],
    "mek-2021-08-28-online-conference": [
        "Online conference calls for justice for the victims of Iran’s 1988 massacre",
        "Online conference with the attendance of more than 1,000 witnesses of the 1988 massacre"],
}
EVERY_HEADING = [(doc, h) for doc, hs in HEADINGS.items() for h in hs]
LABEL = "(A heading of the document, not a sentence of its text.)"


def test_the_headings_of_the_bundled_corpus(answerer):
    corpus = answerer.corpus()
    for doc in corpus.documents.values():
        text = answerer.document_text(doc.id)
        assert [text[s:e] for s, e in heading_spans(text, doc.title)] == HEADINGS[doc.id]
        assert [text[s:e] for s, e in corpus.headings[doc.id]] == HEADINGS[doc.id]  # what the build stored


@pytest.mark.parametrize("line", [
    "Good evening, Madam Rajavi,",  # a salutation goes on
    "Hence, this massacre, could be described as the worst crime against humanity since the World War2. It was.",
    "- Ebrahim Raisi, head of the Judiciary",  # a list item
    "2. Alireza Avaei, Minister of Justice",
    "He said “never again”",  # ends in a quotation
    "The regime executed thousands of prisoners in the summer of 1988 and buried them in mass graves across "
    "the country by night",  # a long sentence that lost its full stop
    "Who ordered the massacre?",
    "First line\nsecond line",
])
def test_lines_that_are_not_headings(line):
    assert not is_heading(line)


def test_a_documents_title_line_is_a_heading_whatever_ends_it():
    assert is_heading("Who ordered the massacre?", title="Who ordered the massacre?")
    assert is_heading("Time for international action") and is_heading("Special Rapporteur (2008-2014)")


def test_a_phrase_said_in_a_heading_and_in_the_text_is_shown_from_the_text(answerer):
    a = answerer.ask("/source 32 years")
    assert a.total == 3 and not any(r.heading for r in a.results)
    assert "The 1988 massacre, 32 years later" not in [r.excerpt for r in a.results]
    (mek,) = [r for r in a.results if r.document.id == "mek-2020-07-24-tried-and-failed"]
    assert mek.excerpt.startswith("Now, 32 years after the 1988 massacre, not only the Iranian people")
    b = answerer.ask("/source abject failure")  # the headline of document 002 says it first
    assert b.total == 1 and "Phillip Luther, Amnesty International’s Advocacy Director" in b.results[0].excerpt
    exact(answerer, a)
    exact(answerer, b)


def test_a_phrase_only_a_heading_says_still_counts_and_is_labelled(answerer):
    a = answerer.ask("/source Special Rapporteur’s findings")
    assert a.message.startswith("1 document says") and a.total == 1
    (r,) = a.results
    assert r.excerpt == "Special Rapporteur’s findings" and r.heading
    assert a.to_json()["results"][0]["heading"] is True
    assert LABEL in terminal.render(a) and LABEL in render.result(r) and LABEL in render.cite(r, "citebot", "", "apa", "k:1").messages[0]
    assert render.inline_items(a) == []  # posted elsewhere it would carry no label: never an inline result
    exact(answerer, a)


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(phrase.casefold())}(?!\w)", text.casefold())]


@pytest.mark.parametrize("doc_id,heading", EVERY_HEADING)
def test_source_of_every_heading_counts_every_document_and_labels_only_what_only_a_heading_says(answerer, doc_id, heading):
    corpus = answerer.corpus()
    a = answerer.ask(f"/source {heading}")
    saying = {d for d in corpus.documents if occurrences(answerer.document_text(d), heading)}
    assert a.total == len(saying) and {r.document.id for r in a.results} == saying
    for r in a.results:
        spans = occurrences(answerer.document_text(r.document.id), heading)
        only_headings = all(any(s <= a_ and b_ <= e for s, e in corpus.headings[r.document.id]) for a_, b_ in spans)
        assert r.heading == only_headings, (heading, r.document.id, r.excerpt)
        assert (LABEL in render.result(r)) == r.heading
    exact(answerer, a)


@pytest.mark.parametrize("doc_id,heading", EVERY_HEADING)
def test_search_shows_a_heading_only_where_no_sentence_matches_as_well(answerer, doc_id, heading):
    for line in (heading, f"/quote {heading}"):
        a = answerer.ask(line)
        full = a.results[:a.matched_all] if a.matched_all is not None else a.results
        for tier in (full, a.results[len(full):]):  # with every word; with only some
            assert all(r.heading for r in tier) or not any(r.heading for r in tier), (line, [r.excerpt for r in tier])
        assert all((LABEL in render.result(r)) == r.heading for r in a.results)
        exact(answerer, a)


def test_who_never_answers_with_a_title_line(answerer):
    a = answerer.ask("/who Robertson")
    assert HEADINGS["robertson-2020-worst-crime"][0] not in [r.excerpt for r in a.results]
    assert any(r.excerpt.startswith("One of the speakers at this event was former United Nations judge")
               for r in a.results[:3])
    everyone = answerer.ask("/who").people
    for person in everyone:
        assert not any(r.heading for r in answerer.ask(f"/who {person.name}").results), person.name


def test_a_literal_phrase_is_found_outside_headings_in_any_spelling_the_phrase_allows():
    text = fold("Death commission members\n\nThe death-commission members met in Evin.")
    heading = [(0, len("Death commission members"))]
    found = Literal("death commission members").search(text, heading)
    assert found and text[found[0]:found[1]] == "death-commission members"  # not the heading's plain spelling
    assert Literal("Death commission members").search(text[:24] + "\n\nNothing else.", heading) == (0, 24)
