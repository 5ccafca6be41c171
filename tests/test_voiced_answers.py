"""Whose words, as users see them: the answer layer, the terminal and Telegram HTML name every speaker."""

import pytest

from citebot.bot import render, terminal
from citebot.index import Result
from citebot.index.answers.results import voiced
from citebot.index.text.split import passages
from tests.conftest import exact


def first_with(answer, words):
    return next(r for r in answer.results if words in r.excerpt)


def test_a_quotation_inside_an_article_is_named(answerer):
    a = answerer.ask("right of families to know the truth")
    r = first_with(a, "have a right to know the truth")
    assert r.speaker == "Asma Jahangir" and r.document.id == "ngo-2020-bring-to-justice"
    (voice,) = [v for v in r.voices if v.speaker == "Asma Jahangir"]
    assert voice.kind == "quotation" and voice.start < r.start < voice.end  # the passage opens mid-quotation
    assert r.cut() == (True, False)
    html = render.result(r)
    assert "<blockquote>… The <b>families</b> of the victims" in html
    assert "— <i>Asma Jahangir</i> (previous Special Rapporteur on the situation of human rights" in html
    assert "quoted in:" in html
    assert "— Asma Jahangir (previous Special Rapporteur" in terminal.render(a)
    exact(answerer, a)


def test_the_speech_in_document_000_is_robertsons(answerer):
    a = answerer.ask("I was asked to do an investigation")
    r = first_with(a, "I was asked to do an investigation")
    assert r.speaker == "Geoffrey Robertson" and [v.kind for v in r.voices] == ["speech"]
    assert "— Geoffrey Robertson (former United Nations judge and renowned human rights lawyer), speech reproduced in:" \
        in terminal.render(a)
    q = answerer.ask("/quote Robertson")
    assert q.results and {r.document.id for r in q.results} >= {"robertson-2020-worst-crime"}
    assert all(r.speaker == "Geoffrey Robertson" for r in q.results)
    exact(answerer, q)


def test_a_pronoun_is_resolved_outside_the_quoted_text(answerer):
    a = answerer.ask("/source Do whatever it takes")
    r = a.results[0]
    assert "he issued an order: Do whatever it takes" in r.excerpt
    assert [(r.excerpt[x.start - r.start:x.end - r.start], x.person) for x in r.refers_to] == [("he", "Ali Khamenei")]
    assert any(v.speaker == "Ali Khamenei" and v.reported_by == "Reuters" for v in r.voices)
    html = render.result(r)
    assert "[he: Ali Khamenei]" in html and html.index("[he: Ali Khamenei]") > html.index("</blockquote>")
    assert "Includes words of Ali Khamenei (Supreme Leader), as reported by Reuters." in html
    data = a.to_json()["results"][0]
    assert data["refers_to"][0]["person"] == "Ali Khamenei"
    assert {"start", "end", "speaker", "kind"} <= set(data["voices"][0])


def test_who_uses_the_pronoun_to_find_describing_sentences(answerer):
    a = answerer.ask("/who Pour-Mohammadi")
    r = first_with(a, "He went on to hold the position of Justice Minister")
    assert [x.person for x in r.refers_to] == ["Mostafa Pour-Mohammadi"]
    assert r.highlights == [(0, 2)]  # "He"
    assert "[He: Mostafa Pour-Mohammadi]" in terminal.render(a)


def test_short_quotation_with_its_speaker(answerer):
    a = answerer.ask("/quote Luther")
    assert [r.excerpt for r in a.results][:1] == ["“an abject failure”"]
    assert a.results[0].speaker == "Phillip Luther"


def test_quote_topic_has_the_topic_and_no_titles(answerer):
    assert answerer.ask("/quote Amnesty International report").results == []
    a = answerer.ask("/quote crimes against humanity")
    assert a.results and all(r.speaker for r in a.results)
    for r in a.results:
        assert "crime" in r.excerpt.lower() and "humanity" in r.excerpt.lower()
    titles = ("“Worst Crime Against Humanity Since WW2”", "‘ongoing crime against humanity’")
    assert not [r for r in a.results if r.excerpt in titles]


def test_a_nested_quotation_is_shown_once_as_reported(answerer):
    a = answerer.ask("/quote mercenaries")
    assert len([r for r in a.results if "We have caught all the mercenaries" in r.excerpt]) == 1
    r = a.results[0]
    assert r.speaker == "Ali Fadavi" and r.voice().reported_by == "The Wall Street Journal"
    assert "— Ali Fadavi (deputy commander of Iran’s Islamic Revolutionary Guard Corps), as reported by " \
           "The Wall Street Journal, quoted in:" in terminal.render(a)


def test_every_passage_in_a_named_voice_renders_its_speaker(answerer):
    """Property over the whole corpus: no indexed passage shows someone's words without naming them."""
    corpus = answerer.corpus()
    checked = 0
    for doc_id, document in corpus.documents.items():
        text = answerer.document_text(doc_id)
        for (start, end), _ in passages(text):
            r = voiced(corpus, Result(excerpt=text[start:end], start=start, end=end, document=document))
            speakers = {v.speaker for v in r.voices if v.speaker}
            html, plain = render.result(r), "\n".join(terminal._result(1, r))
            for name in speakers:
                assert render.escape(name) in html.split("</blockquote>", 1)[1], (doc_id, start, name)
                assert name in plain.split("   —", 1)[-1] or f"words of {name}" in plain, (doc_id, start, name)
            checked += bool(speakers)
    assert checked > 40  # a third of the corpus is someone's words


@pytest.mark.parametrize("line", ["/quote Robertson", "right of families to know the truth", "/who Raisi"])
def test_json_carries_voices_and_refers_to(answerer, line):
    for r in answerer.ask(line).to_json()["results"]:
        assert isinstance(r["voices"], list) and isinstance(r["refers_to"], list)
        for v in r["voices"]:
            assert v["start"] < v["end"] and v["kind"] in ("quotation", "speech", "reported")


def test_quote_a_named_source_that_is_not_a_person(answerer):
    a = answerer.ask("/quote the Wall Street Journal")
    assert a.message == "Direct quotations of The Wall Street Journal:"
    assert [r.excerpt[:20] for r in a.results] == ["“‘We have caught all", "“‘The judicial syste"]
    assert all(r.speaker == "The Wall Street Journal" for r in a.results)
    assert "Includes words of Ali Fadavi" in render.result(a.results[0])
    exact(answerer, a)


def test_a_group_statement_is_quoted_under_its_signatories(answerer):
    a = answerer.ask("/quote evil regime")
    assert a.results[0].speaker == "31 American personalities"
    assert "— <i>31 American personalities</i>, quoted in:" in render.result(a.results[0])
