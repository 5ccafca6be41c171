"""A document is not its title's person (issue 19.6): a byline in a title does not make the document that
person's words, an unsigned introduction is no one's (the publisher's), brackets inside a quotation are the
publisher's, and words reported without quotation marks say so wherever /quote shows them."""

from __future__ import annotations

import pytest

from citebot.bot.attribution import citation_lines, notes, speaker_line
from citebot.index.answers.answerer import Answerer
from tests.conftest import written_corpus

HARBOUR = (
    "Harbour closures are a scandal – Jo Bloggs QC\n\n"
    "The town council closed the harbour last spring without asking the fishing families. Many boats have not "
    "left the quay since then.\n\n"
    "Jo Bloggs QC, a lawyer who represents several of the families, spoke at a public meeting. "
    "Jo Bloggs told the meeting:\n\n"
    "Thank you all for coming tonight. The council owes every family here an explanation before the storms.\n"
)
PIER = (
    "Inspectors report on the pier\n\n"
    "Ann Roe, the chief inspector, said “the pier [the north pier] can be repaired within a single season.”\n\n"
    "Reuters reported: “Ann Roe told the engineers the decision was final, and she issued an order: Close the "
    "north pier to every boat tonight.”\n"
)


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    return Answerer(written_corpus(tmp_path_factory.mktemp("whose"), {
        "harbour.txt": HARBOUR, "pier.txt": PIER,
        "sources.yaml": "- file: harbour.txt\n  id: harbour\n  title: Harbour closures are a scandal – Jo Bloggs QC\n"
                        "  publisher: Coastal Watch\n  date: '2031'\n  date_precision: year\n"
                        "- file: pier.txt\n  id: pier\n  title: Inspectors report on the pier\n"
                        "  publisher: Harbour Gazette\n  date: '2031'\n  date_precision: year\n"}))


def test_a_byline_in_the_title_does_not_make_the_introduction_that_persons_words(answerer):
    [intro] = [r for r in answerer.ask("closed the harbour last spring").results if r.excerpt.startswith("The town")]
    assert intro.speaker is None and intro.voices == []
    assert speaker_line(intro) is None
    assert citation_lines(intro)[-1] == "“Harbour closures are a scandal – Jo Bloggs QC”, Coastal Watch, 2031."
    quoted = answerer.ask("/quote Bloggs").results
    assert [r.excerpt for r in quoted] == [
        "Thank you all for coming tonight. The council owes every family here an explanation before the storms."]
    assert speaker_line(quoted[0]).startswith("— Jo Bloggs") and speaker_line(quoted[0]).endswith("speech reproduced in:")


def test_brackets_inside_a_quotation_are_marked_as_the_publishers(answerer):
    [said] = [r for r in answerer.ask("/quote Ann Roe").results if "repaired" in r.excerpt]
    assert said.excerpt == "“the pier [the north pier] can be repaired within a single season.”"
    assert said.to_json()["inserted"] == [{"start": said.start + 10, "end": said.start + 26, "by": "publisher"}]
    line = "[the north pier]: inserted by Harbour Gazette, not the speaker's words."
    assert line in notes(said)
    assert line in citation_lines(said)


def test_brackets_in_the_documents_own_words_are_not_marked(answerer):
    [own] = [r for r in answerer.ask("many boats quay").results if r.excerpt.startswith("The town")] or [None]
    assert own is None or own.inserted == []


def test_words_reported_without_quotation_marks_say_so_under_quote(answerer):
    ordered = [r for r in answerer.ask("/quote Ann Roe").results if "Close the north pier" in r.excerpt]
    assert [r.excerpt for r in ordered] == ["Close the north pier to every boat tonight."]
    [r] = ordered
    assert "reported, not quoted" in speaker_line(r)
    assert "(Reported words: the document does not put them in quotation marks.)" in citation_lines(r)
    assert [v.to_json().get("unquoted") for v in r.voices if v.kind == "reported"] == [True]


def test_a_quote_answer_with_reported_words_says_so_before_calling_them_quotations(answerer):
    answer = answerer.ask("/quote Ann Roe")
    assert answer.message == ("Some words below are reported, not quoted: a document gives them without quotation "
                              "marks, and each such excerpt says so. Direct quotations of Ann Roe:")
    assert answerer.ask("/quote Bloggs").message == "Direct quotations of Jo Bloggs:"
