"""Numbers however written: one term per number at build and query time, /source matching every writing with
exact offsets, number words and Solar Hijri years read as the documents write them, and said so."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from citebot.index.store.search import Literal
from citebot.index.text.analysis import ANALYZER, TOKEN, analysed, fold, term, term_spans
from citebot.index.text.numbers import read
from tests.conftest import exact, settings_for

PERSIAN_DIGITS, ARABIC_DIGITS = "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"
SEPARATORS = [",", ".", " ", "\u00a0", "\u2009", "\u202f", "٬"]
ALL_FIVE = ["Worst Crime", "failed", "Abject Failure", "bring to justice", "Online conference"]


def grouped(number: int, sep: str) -> str:
    return f"{number:,}".replace(",", sep)


def in_script(text: str, digits: str) -> str:
    return text.translate(str.maketrans("0123456789", digits))


# -- the analyzer: one number, one term --------------------------------------------


@pytest.mark.parametrize("written", ["30,000", "30.000", "30 000", "30\u00a0000", "30\u2009000", "30\u202f000",
                                     "٣٠٬٠٠٠", "۳۰٬۰۰۰", "۳۰۰۰۰", "30000", "۳۰ ۰۰۰"])
def test_every_writing_of_thirty_thousand_is_one_term(written):
    assert analysed(f"more than {written} prisoners") == ["more", "than", "30000", "prison"]
    assert [t.text for t in ANALYZER(f"more than {written} prisoners")] == ["more", "than", "30000", "prison"]


@pytest.mark.parametrize("written, term_", [
    ("3.5", "3.5"), ("۳٫۵", "3.5"), ("30,000.5", "30000.5"), ("30.000,5", "30000.5"), ("30 000,5", "30000.5"),
    ("1,000,000", "1000000"), ("1.000.000", "1000000"), ("1 000 000", "1000000"),
    # not one grouped number: as written
    ("1.2.3", "1.2.3"), ("19.07.1988", "19.07.1988"), ("12,34,567", "12,34,567"), ("3,5", "3,5"), ("1,0000", "1,0000"),
])
def test_decimals_stay_decimals_and_only_groups_of_three_are_grouping(written, term_):
    assert analysed(written) == [term_]


@pytest.mark.parametrize("text, terms", [
    ("in 1988 300 prisoners", ["1988", "300", "prison"]),  # a four-digit year is no first group
    ("July 19 200 prisoners", ["juli", "19", "200", "prison"]),  # a day of a month, then a count
    ("on jul 19\u00a0200 prisoners", ["jul", "19", "200", "prison"]),
    ("30 0000", ["30", "0000"]),
    ("July 19, 2020", ["juli", "19", "2020"]),
    ("Ashraf 3, Albania", ["ashraf", "3", "albania"]),
])
def test_numbers_that_are_not_one_are_not_joined(text, terms):
    assert analysed(text) == terms


@settings(max_examples=300, deadline=None)
@given(number=st.integers(0, 10**9), sep=st.sampled_from(SEPARATORS),
       digits=st.sampled_from(["0123456789", PERSIAN_DIGITS, ARABIC_DIGITS]),
       before=st.sampled_from(["", "more than ", "in 1988 ", "(", "«"]), after=st.sampled_from(["", " prisoners", ".", "!"]))
def test_any_writing_gives_the_number_and_exact_offsets(number, sep, digits, before, after):
    written = in_script(grouped(number, sep), digits)
    text = before + written + after
    tokens = [(t.startchar, t.endchar, t.text) for t in ANALYZER(text, chars=True)]
    assert [t for _, _, t in tokens] == analysed(text)  # build and query agree
    assert (len(before), len(before) + len(written), str(number)) in tokens
    for start, end, indexed in tokens:
        assert term(text[start:end]) == indexed
    assert (len(before), len(before) + len(written)) in term_spans(text, [str(number)])


@settings(max_examples=300, deadline=None)
@given(number=st.integers(1000, 10**9), typed_sep=st.sampled_from(["", *SEPARATORS]),
       doc_sep=st.sampled_from(["", *SEPARATORS]), persian=st.booleans())
def test_literal_finds_a_number_in_any_writing_with_exact_offsets(number, typed_sep, doc_sep, persian):
    typed = grouped(number, typed_sep) if typed_sep else str(number)
    in_doc = grouped(number, doc_sep) if doc_sep else str(number)
    in_doc = in_script(in_doc, PERSIAN_DIGITS) if persian else in_doc
    text = f"In 1988, more than {in_doc} political prisoners; not {number + 1} nor {number}5."
    phrase = Literal(f"{typed} political prisoners")
    span = phrase.search(fold(text))
    at = text.index(f"{in_doc} political")  # not "In 1988," when the number drawn is 1988
    assert span == (at, at + len(in_doc) + len(" political prisoners"))
    same = fold(typed) == fold(in_doc)
    assert phrase.written(text, span) == ([] if same else [in_doc])


def test_literal_keeps_whole_numbers_whole():
    assert Literal("30000").search(fold("July 30 000 people")) is None  # the 30th of July, then 000
    assert Literal("000").search(fold("30 000 people")) is None
    assert Literal("30").search(fold("30,000 people")) is None
    assert Literal("3.5").search(fold("35 people and 3,5 more")) is None
    assert Literal("35").search(fold("3.5 people")) is None
    assert Literal("200 prisoners").search(fold("July 19 200 prisoners")) == (8, 21)


# -- number words --------------------------------------------------------------------


@pytest.mark.parametrize("typed, searched", [
    ("thirty thousand", "30000"), ("30 thousand", "30000"), ("30 هزار", "30000"), ("۳۰ هزار", "30000"),
    ("سی هزار زندانی", "30000 زندانی"), ("1.5 million", "1500000"), ("Thirty-five thousand", "35000"),
    ("three hundred and fifty prisoners", "350 prisoners"), ("سیصد و پنجاه هزار", "350000"),
    ("a thousand witnesses", "1000 witnesses"), ("هزار شاهد", "1000 شاهد"), ("two million three hundred thousand", "2300000"),
    ("thirty thousand five hundred", "30500"), ("۱٫۵ میلیون", "1500000"),
    # not numbers with a multiplier: as typed
    ("one of the prisoners", "one of the prisoners"), ("five judges", "five judges"),
    ("thousands of prisoners", "thousands of prisoners"), ("several thousand", "several thousand"),
    ("in 1988 300 prisoners", "in 1988 300 prisoners"), ("هزاران زندانی", "هزاران زندانی"),
])
def test_number_words_are_read_as_digits(typed, searched):
    assert read(typed, TOKEN).text == searched


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), st.lists(st.sampled_from(
    ["thirty", "thousand", "and", "a", "hundred", "1.5", "million", "سی", "هزار", "و", "۳۰", "²", "-", " ", "1988"]),
    max_size=8).map(" ".join)))
def test_reading_any_text_keeps_what_is_not_a_number(text):
    found = read(text, TOKEN)
    if not found.numbers:
        assert found.text == text
    for words, number in found.numbers:
        assert words in text and number in found.text and analysed(number) == [number]


def test_a_reading_says_which_words_became_which_number():
    assert read("over thirty thousand and 2 million people", TOKEN).numbers == [
        ("thirty thousand", "30000"), ("2 million", "2000000")]


# -- on the bundled corpus: what a user sees ---------------------------------------------


@pytest.fixture(scope="module")
def ask(answerer):
    def run(line: str):
        answer = answerer.ask(line)
        exact(answerer, answer)
        return answer
    return run


def titles(answer) -> list[str]:
    return [r.document.title for r in answer.results]


@pytest.mark.parametrize("typed", ["30000", "30.000", "30 000", "30\u00a0000", "30\u2009000", "۳۰٬۰۰۰", "٣٠٬٠٠٠"])
def test_source_finds_every_document_saying_30000_in_any_writing(ask, typed):
    a = ask(f"/source {typed}")
    assert a.total == 5 and all(any(t in title for title in titles(a)) for t in ALL_FIVE), a.message
    for r in a.results:
        assert "30,000" in r.excerpt
        assert any(r.excerpt[s:e] == "30,000" for s, e in r.highlights)  # the document's own writing, highlighted
    if typed[0].isascii():
        assert a.message == f"The documents write “{typed}” as “30,000”. 5 documents say “{typed}”, earliest first:"
    else:  # a Persian question: the English searched is said first; Persian digits are the same writing
        assert a.message.startswith("Searched for: 30,000.\n5 documents say")


def test_source_as_the_documents_write_it_needs_no_note(ask):
    a = ask("/source 30,000")
    assert a.message == "5 documents say “30,000”, earliest first:"


def test_source_of_a_number_in_a_phrase(ask):
    a = ask("/source 30000 political prisoners")
    assert a.message.startswith("The documents write “30000” as “30,000”.")
    assert all("30,000 political prisoners" in r.excerpt for r in a.results)


def test_a_decimal_is_not_another_number(ask):
    a = ask("/source 3.0")
    assert not a.results and "No document mentions “3.0”" in a.message


@pytest.mark.parametrize("typed", ["30000 prisoners", "30.000 executed", "thirty thousand prisoners",
                                   "سی هزار زندانی", "۳۰ هزار زندانی سیاسی", "30 هزار"])
def test_search_for_thirty_thousand_shows_thirty_thousand_first(ask, typed):
    a = ask(typed)
    assert "30,000" in a.results[0].excerpt, (typed, a.message)
    assert "No document mentions" not in a.message


def test_number_words_say_what_was_searched(ask):
    a = ask("thirty thousand")
    assert a.message.startswith("Searched for: 30000. “thirty thousand” read as 30000.\nExcerpts for “30000”")
    assert a.translated == "30000" and a.query == "thirty thousand"
    a = ask("/source 30 thousand")
    assert a.message.startswith("Searched for: 30000. “30 thousand” read as 30000.\n"
                                "The documents write “30000” as “30,000”. 5 documents say “30000”")
    a = ask("۳۰ هزار زندانی سیاسی")
    assert a.message.startswith("“۳۰ هزار” read as 30000.\nSearched for: 30000, political prisoners.")
    assert a.translated == "30000 political prisoners"


def test_a_number_no_document_gives_is_said_as_searched(ask):
    a = ask("1.5 million")
    assert not a.results
    assert a.message == "Searched for: 1500000. “1.5 million” read as 1500000.\nNo document mentions “1500000”."


@pytest.mark.parametrize("typed", ["²", "/source ²", "1٬367", "/source 1,367", "mordad", "/source mordad 99999"])
def test_odd_digits_get_a_plain_answer(ask, typed):
    assert ask(typed).message


def test_solar_hijri_year_in_latin_digits(ask):
    latin = ask("/source 1988")
    for typed in ("/source 1367", "1367"):
        a = ask(typed)
        assert a.translated == "1988"
        assert a.message.startswith("Searched for: 1988. 1367 read as a Solar Hijri year (March 1988 to March 1989).\n")
    assert [r.document.id for r in ask("/source 1367").results] == [r.document.id for r in latin.results]


def test_solar_hijri_month_and_year(ask):
    a = ask("mordad 1367")
    assert a.translated == "July August 1988"
    assert a.message.startswith("Searched for: July August 1988. mordad 1367 read as a Solar Hijri date: July–August 1988.")
    assert "Between July and August 1988" in a.results[0].excerpt
    a = ask("Bahman 1367")
    assert a.translated == "January February 1989"


def test_a_year_the_documents_mention_is_not_read_as_solar_hijri(tmp_path, corpus_dir):
    (corpus_dir / "a.txt").write_text("The decree of 1367 was read aloud.\n\nIn 1988 the prisons were emptied.\n")
    settings = settings_for(tmp_path, corpus=corpus_dir)
    reindex(settings)
    a = Answerer(settings).ask("/source 1367")
    assert a.message.startswith("1 document says “1367”") and "Solar Hijri" not in a.message
    assert a.results[0].excerpt.startswith("The decree of 1367")


def test_numbers_written_otherwise_in_a_document(tmp_path, corpus_dir):
    """A document writing 12 000 (a space) and another ۱۲٬۰۰۰: both say 12,000, with their own text as the excerpt."""
    (corpus_dir / "a.txt").write_text("Some 12 000 people were held in the prison.\n\nOn July 19 200 were moved.\n")
    (corpus_dir / "b.txt").write_text("Witnesses counted ۱۲٬۰۰۰ prisoners.\n\nThe 12,000.5 figure is a decimal.\n")
    settings = settings_for(tmp_path, corpus=corpus_dir)
    reindex(settings)
    answerer = Answerer(settings)
    a = answerer.ask("/source 12,000")
    exact(answerer, a)
    # Persian digits are the same writing (as capitals are the same word); a space between groups is not
    assert a.total == 2 and a.message.startswith("Some of the documents write “12,000” as “12 000”. 2 documents say")
    assert sorted(r.excerpt for r in a.results) == ["Some 12 000 people were held in the prison.",
                                                    "Witnesses counted ۱۲٬۰۰۰ prisoners."]
    assert answerer.ask("/source 19200").total == 0  # "July 19 200": a day, then a count
    assert answerer.ask("/source 200 were moved").total == 1


# -- glossary: Persian words the documents write in Latin letters ----------------------------


@pytest.mark.parametrize("typed, english, excerpt, document", [
    ("منافقین", "Monafeqin", "Monafeqin", "failed"),
    ("محاربه", "moharebe", "moharebe", "Online conference"),
    ("آستان قدس رضوی", "Astan Quds Razavi", "Astan Quds Razavi", "Abject Failure"),
])
def test_persian_words_the_documents_transliterate(ask, typed, english, excerpt, document):
    a = ask(typed)
    assert a.message.startswith(f"Searched for: {english}.") and a.translated == english
    assert excerpt in a.results[0].excerpt and document in a.results[0].document.title
    source = ask(f"/source {typed}")
    assert source.results and excerpt in source.results[0].excerpt

