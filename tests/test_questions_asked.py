"""Questions as researchers, journalists and victims' families ask them (issue 21), on the bundled corpus:
words as meant, honest absence, "how many" figures, question words. Each case asserts what a user sees: the
message's lines, the exact excerpts, their source, date and speaker, through the answer layer, the CLI JSON
and the terminal rendering (tests/test_questions_asked_e2e.py: through Telegram)."""

from __future__ import annotations

import json
import re

import pytest
from rapidfuzz.distance import Levenshtein

from citebot.bot.terminal import render
from citebot.index.answers.figures import asks_how_many, figures_in
from citebot.index.text.analysis import TOKEN, analysed, fold, term
from tests.conftest import exact

BODIES = "Their bodies were doused with disinfectant, packed in refrigerated trucks and buried by night in mass graves."
CORPSES = ("Their corpses were doused with disinfectant, packed in refrigerated trucks, and buried at night in mass graves "
           "across the country.")
MORN = ("Months later, their families desperate for information about their children or their … would be handed a "
        "plastic bag with their few possessions, they’d be refused any information about the location of the graves. "
        "And ordered never to morn in the public. by mid-August 1988 thousands of prisoners had been killed in this "
        "manner by the state without trial, without appeal and utterly without mercy.")
WW2 = ("In this regard, prominent British Human Rights lawyer Sir Geoffrey Robertson QC described the 1988 massacre as "
       "one of the worst crimes against humanity since World War II.")


# -- words as meant ----------------------------------------------------------------


def test_a_related_word_is_searched_said_and_ranked_after_the_word_as_typed(answerer):
    a = answerer.ask("bodies")
    assert a.message == "Also searched, as related words: corpses.\nExcerpts for “bodies”:"
    assert [r.excerpt for r in a.results] == [BODIES, CORPSES]
    assert [(r.document.id, r.speaker) for r in a.results] == [("robertson-2020-worst-crime", "Geoffrey Robertson"),
                                                               ("ngo-2020-bring-to-justice", None)]
    assert a.to_json()["searched_as"] == [{"word": "bodies", "form": "corpses", "how": "related"}]
    exact(answerer, a)


def test_a_misspelling_the_documents_have_is_found_and_named_not_called_absent(answerer):
    a = answerer.ask("mourn")
    assert a.message == "No document uses “mourn”; the documents have “morn”.\nExcerpts for “mourn”:"
    assert a.unmatched == [] and a.results[0].excerpt.startswith("And ordered never to morn in the public.")
    assert a.results[0].speaker == "Geoffrey Robertson"


def test_a_question_with_a_misspelt_word_shows_the_passage_that_has_it_first(answerer):
    a = answerer.ask("were families allowed to mourn")
    assert a.message.splitlines() == [
        "The documents don't say “were families allowed to mourn” in these words. No document mentions “allowed”. "
        "No document uses “mourn”; the documents have “morn”.",
        "The 3 closest excerpts, with only some of the words, are below. Send /search were families allowed to mourn "
        "for every excerpt."]
    assert a.unmatched == ["allowed"] and a.results[0].excerpt == MORN
    assert a.results[0].document.id == "robertson-2020-worst-crime" and a.results[0].speaker == "Geoffrey Robertson"
    exact(answerer, a)


@pytest.mark.parametrize("typed, shown", [("executin", "execution"), ("familes", "families"),
                                          ("Mojahed", "Mojahedin"), ("Montazary letter", "Montazeri")])
def test_near_forms_are_said_as_the_documents_write_them(answerer, typed, shown):
    a = answerer.ask(typed)
    assert f"No document uses “{typed.split()[0]}”; the documents have “{shown}”." in a.message
    assert "No document mentions" not in a.message


def test_a_capitalised_name_matches_only_capitalised_forms(answerer):
    assert "No document mentions “Mourn”." in answerer.ask("families Mourn").message  # "morn" is no name
    assert "the documents have “morn”" in answerer.ask("families mourn").message


@pytest.mark.parametrize("typed, also", [("World War II", "World War2, Second World War, WW2"),
                                         ("WW2", "World War II, World War2, Second World War"),
                                         ("Second World War", "World War II, World War2, WW2")])
def test_a_numbered_name_is_one_name_however_it_is_written(answerer, typed, also):
    a = answerer.ask(typed)
    assert a.message == f"Also searched, as the documents write it: {also}.\nExcerpts for “{typed}”:"
    assert a.matched_all == 3 and [r.document.id for r in a.results] == [
        "mek-2020-07-24-tried-and-failed", "robertson-2020-worst-crime", "robertson-2020-worst-crime"]
    assert WW2 in [r.excerpt for r in a.results]
    assert any("the concentration camps of the Second World War" in r.excerpt for r in a.results)
    assert any(r.excerpt.endswith("the worst crime against humanity since the World War2") for r in a.results)


def test_a_negation_is_searched_labelled_and_never_counted_as_the_word(answerer):
    a = answerer.ask("punished")
    assert a.message.splitlines()[0] == ("Also searched, as negations (the opposite, not the same word): unpunished, "
                                         "impunity.")
    full, rest = a.results[:a.matched_all], a.results[a.matched_all:]
    assert full and all(re.search(r"(?i)\bpunish", r.excerpt) for r in full)
    assert any("has gone unpunished" in r.excerpt for r in rest)
    assert all(not re.search(r"(?i)\bpunish", r.excerpt) for r in rest if "unpunished" in r.excerpt)


def test_an_inflection_is_the_same_word(answerer):
    a = answerer.ask("crimes against humanity")
    assert a.message.startswith("Excerpts for “crimes against humanity”: the first 19 have every word")
    assert a.results[0].excerpt == ("Hence, this massacre, could be described as the worst crime against humanity "
                                    "since the World War2")


def _vocabulary(answerer) -> set[str]:
    """Every word of the documents as cleaned (what excerpts quote), folded."""
    corpus = answerer.corpus()
    return {fold(m.group()) for doc in corpus.documents
            for m in TOKEN.finditer(corpus.generation.text(doc)) if m.group().isalpha()}


def _variants(word: str) -> list[str]:
    """A word of the corpus as a user may type it: inflected, a letter left out, doubled or changed."""
    return [word + "s", word + "ed", word[:1] + word[2:], word[:3] + word[2:], word[:-2] + "x" + word[-1]]


def test_no_document_mentions_is_said_only_of_words_with_no_inflection_or_near_form_in_the_corpus(answerer):
    vocabulary = sorted(w for w in _vocabulary(answerer) if len(w) >= 6)
    terms = {term(w) for w in vocabulary}
    asked, claimed = 0, []
    for word in vocabulary[::7]:
        for typed in _variants(word):
            if typed in vocabulary or len(typed) < 5:
                continue
            asked += 1
            a = answerer.ask(f"/source {typed}")
            if f"No document mentions “{typed}”" in a.message:
                claimed.append(typed)
                assert term(typed) not in terms, typed  # an inflection the documents have
                near = [w for w in vocabulary if w[0] == typed[0] and Levenshtein.distance(w, typed) <= 1]
                assert not near, (typed, near)  # a misspelling of a word they have
    assert asked > 200 and claimed  # the check ran on many words, and some were truly absent


# -- honest absence --------------------------------------------------------------------


def test_a_question_no_passage_answers_says_so_first_and_shows_three(answerer):
    a = answerer.ask("my father was executed in 1988, where is he buried")
    assert a.message.splitlines() == [
        "The documents don't say “my father was executed in 1988, where is he buried” in these words. "
        "No document mentions “father”. Also searched, as related words: hanged, hung, gallows, graves.",
        "The 3 closest excerpts, with only some of the words, are below. Send /search my father was executed in 1988, "
        "where is he buried for every excerpt."]
    assert a.matched_all == 0 and len(a.results) == 3
    assert a.results[0].excerpt.startswith("Gulnara Shahinian, UN Special Rapporteur on Contemporary Forms of Slavery "
                                           "(2008-2014), brought attention to the issue of the mass graves where the "
                                           "regime has buried the victims of the 1988 massacre")
    exact(answerer, a)


def test_an_explicit_search_still_lists_every_excerpt(answerer):
    a = answerer.ask("/search my father was executed in 1988, where is he buried")
    assert a.message.startswith("No excerpt has every word of “my father was executed in 1988, where is he buried”.")
    assert len(a.results) > 3


def test_honest_absence_in_persian(answerer):
    from citebot.bot.catalogue import spoken
    a = answerer.ask("پدرم کجا دفن شده است")
    lines = spoken(a, "fa").splitlines()
    assert lines[1].startswith("اسناد «پدرم کجا دفن شده است» را با این واژه‌ها نمی‌گویند.")
    assert "/search پدرم کجا دفن شده است" in lines[2] and len(a.results) == 3
    assert a.results[0].excerpt == CORPSES


# -- how many ----------------------------------------------------------------------------


FIGURES = [  # (figures, document, date, speaker, excerpt begins), earliest source first
    (["thousands"], "robertson-2020-worst-crime", "2020", "Morgan Ortagus",
     "These commissions reportedly forcibly disappeared and extra judicially executed thousands"),
    (["more than 30,000"], "mek-2020-07-24-tried-and-failed", "2020-07-24", None,
     "In the summer of 1988, Iranian regime supreme leader Ruhollah Khomeini ordered the execution of more than 30,000"),
    (["30,000"], "mek-2020-07-24-tried-and-failed", "2020-07-24", None,
     "Iran, July 24, 2020—In the summer of 1988, a fatwa of by mullahs’ regime founder Ruhollah Khomeini sent 30,000"),
]


def test_how_many_gives_every_figure_beside_its_source_none_picked(cli):
    a = json.loads(cli("ask", "--json", "how many people were executed"))
    assert a["message"].splitlines() == [
        "Left out of the search as question words: how.",
        "Figures the documents give for “people were executed”, each below with its source, date and speaker, side "
        "by side (not added up; none is picked): thousands; more than 30,000; 30,000. Also searched, as related "
        "words: hanged, hung, gallows."]
    given = [(f["figures"], f["document"], f["date"], f["speaker"]) for f in a["figures"]]
    assert given[:3] == [f[:4] for f in FIGURES]
    assert all(f["excerpt"].startswith(want[4]) for f, want in zip(a["figures"], FIGURES))
    assert ["more than 30,000"] in [f["figures"] for f in a["figures"] if f["document"] == "ngo-2020-bring-to-justice"]
    assert not any("1,500" in f["excerpt"] for f in a["figures"])  # killed in the 2019 protests: not "executed"
    assert len(a["figures"]) == len(a["results"]) and all(r["figures"] for r in a["results"])


def test_how_many_in_the_terminal_shows_each_figure_above_its_excerpt(answerer):
    text = render(answerer.ask("how many prisoners were executed"))
    assert ("1. Figures given: thousands\n"
            "   │ … These commissions reportedly forcibly disappeared and extra judicially executed\n") in text
    assert "2. Figures given: more than 30,000\n" in text


def test_how_many_in_persian(answerer):
    a = answerer.ask("چند نفر اعدام شدند")
    assert a.message.splitlines()[1].startswith("Figures the documents give for “چند نفر اعدام شدند”")
    assert [r.figures for r in a.results[:3]] == [f[0] for f in FIGURES]


@pytest.mark.parametrize("sentence, figures", [
    ("Between July and August 1988, thousands of political prisoners were executed.", ["thousands"]),
    ("he said Raisi did not have anything on his record except 38 years of executions", []),
    ("On 25 July 2019, in an interview, he defended the 1988 massacre.", []),
    ("The 88 massacre, the allegations of the massacres in 88", []),
    ("Kumi Naidoo, Secretary General of Amnesty International (2018-2020), spoke.", []),
    ("More than 30,000 political prisoners were slain; some 4,000 were women.", ["More than 30,000", "some 4,000"]),
    ("UN Security Council Resolution 598 ended the war.", []),
])
def test_figures_are_counts_not_years_dates_or_durations(sentence, figures):
    assert figures_in(sentence) == figures


@pytest.mark.parametrize("line, asks", [("how many people were executed", True), ("How much evidence", True),
                                        ("چند نفر اعدام شدند", True), ("many massacres", False),
                                        ("how were they executed", False)])
def test_a_how_many_question_is_told_apart(line, asks):
    assert asks_how_many(line) is asks


# -- question words ------------------------------------------------------------------------


def test_who_were_the_members_puts_a_passage_naming_them_first(answerer):
    a = answerer.ask("who were the members of the death commission")
    assert a.results[0].excerpt == "Pour-Mohammadi’s successor, Alireza Avaie was also a member of the Death Commission."
    assert not a.results[0].excerpt.startswith("Most of the victims were members")
    full = a.results[:a.matched_all]
    assert all({"death", "commiss"} <= set(analysed(r.excerpt)) for r in full)  # "members" makes no full match


# -- a Persian word of several senses ---------------------------------------------------------


def test_a_persian_word_of_several_senses_is_read_in_the_sense_that_fits(answerer):
    a = answerer.ask("حکم خمینی")  # Khomeini's ruling: the documents call it his fatwa
    assert a.message.splitlines()[:3] == [
        "Searched for: fatwa, Khomeini.",
        "Read “حکم” as “fatwa”, the sense the documents use most with the other words (it can also mean verdict, "
        "sentence, ruling).",
        "Excerpts for “حکم خمینی”: the first 11 have every word, the others only some of them."]
    assert all("fatwa" in r.excerpt.lower() for r in a.results[:a.matched_all])


def test_a_sense_no_passage_fits_is_said_not_answered_with_fatwas(answerer):
    a = answerer.ask("حکم حمید نوری چه بود؟")  # what was Hamid Nouri's sentence?
    assert a.message.splitlines()[:3] == [
        "Searched for: verdict, Hamid Nouri.",
        "“حکم” can mean verdict, sentence, ruling, fatwa: no passage has any of them with the other words "
        "(searched as “verdict”).",
        "The documents don't say “حکم حمید نوری چه بود؟” in these words. No document mentions “verdict”."]
    assert len(a.results) == 1 and "fatwa" not in a.results[0].excerpt
    assert "the ongoing trial of Hamid Nouri" in a.results[0].excerpt


def test_a_death_sentence_is_one_phrase(answerer):
    a = answerer.ask("حکم اعدام")
    assert a.message.startswith("Searched for: death sentence.\n")
    assert "sentenced to death" in a.results[0].excerpt


# -- ranking that reads like a person ---------------------------------------------------------


def test_a_lead_in_is_shown_with_the_quotation_it_introduces(answerer):
    a = answerer.ask("told the Council")
    first = a.results[0]
    assert first.excerpt.startswith("On 26 February 2018, Secretary-General António Guterres told the Human Rights "
                                    "Council:\n\n“OHCHR continued to receive letters from families of the victims")
    assert first.excerpt.endswith("information related to these events.”")
    assert [v.speaker for v in first.voices] == ["António Guterres"]
    assert "Includes words of António Guterres (Secretary-General)." in render(a)
    exact(answerer, a)


def test_a_who_answer_grows_to_the_sentence_naming_them(answerer):
    a = answerer.ask("who were the members of the death commission")
    grown = next(r for r in a.results if r.excerpt.startswith("An investigation in 2017"))
    assert grown.excerpt.endswith("uncovered the identities of 87 Death Commission members. Many still hold senior "
                                  "positions in the Iranian Judiciary or government. They include Judiciary Chief "
                                  "Ebrahim Raisi and Justice Minister Alireza Avaei.")
    exact(answerer, a)


def test_where_puts_places_first(answerer):
    a = answerer.ask("where were the victims buried")
    assert a.results[0].excerpt.startswith("Gulnara Shahinian, UN Special Rapporteur on Contemporary Forms of Slavery "
                                           "(2008-2014), brought attention to the issue of the mass graves where the "
                                           "regime has buried the victims of the 1988 massacre")
