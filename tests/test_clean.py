"""Cleaning: the real-world mess of the seed documents, each handled by a general rule."""

from pathlib import Path

from citebot.index.text.clean import clean

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def cleaned(name: str) -> str:
    return clean((CORPUS / name).read_text(encoding="utf-8")).text


def test_pdf_export_hard_wraps_are_joined_into_sentences():
    text = cleaned("003_042ad2c515831a27.txt")
    assert "Their corpses were doused with disinfectant, packed in refrigerated trucks, and buried at night" in text
    assert "We appeal to the United Nations (UN) and its Member States to investigate the 1988 massacre of political" in text


def test_pdf_headings_stay_separate_paragraphs():
    paragraphs = cleaned("003_042ad2c515831a27.txt").split("\n\n")
    assert paragraphs[0] == "It is time to bring to justice the perpetrators of the 1988 massacre in the Islamic Republic of Iran"
    assert "The 1988 Massacre" in paragraphs
    assert "Thousands of political prisoners are at risk of execution today" in paragraphs


def test_words_broken_at_line_ends_are_rejoined_but_compounds_keep_their_hyphen():
    text = cleaned("003_042ad2c515831a27.txt")
    assert "men, women and teenagers, were reportedly executed" in text
    assert "independent fact-finding missions" in text
    assert "guarantees of non-recurrence" in text


def test_footnote_markers_glued_to_words_are_removed():
    text = cleaned("003_042ad2c515831a27.txt")
    assert "called on the international community" in text
    assert "An investigation in 2017 by London-based NGO" in text
    assert "ongoing crimes against humanity,” Amnesty" in text
    assert "informed the General Assembly:" in text
    assert "in 88, the summary" in text and "Ashraf" not in text  # real numbers are untouched


def test_footnote_blocks_and_urls_are_removed():
    text = cleaned("003_042ad2c515831a27.txt")
    assert "https://" not in text and "docx." not in text and "idUSKBN1YR0QR" not in text


def test_web_page_furniture_is_dropped_and_byline_kept_as_metadata():
    c = clean((CORPUS / "002_26c36c6a27ceb9f3.txt").read_text(encoding="utf-8"))
    for junk in ("Tags:", "Copyright", "UltimatelySocial", "Staff Writer"):
        assert junk not in c.text
    assert c.copyright == "MEK-Iran.com"
    assert not c.text.startswith("1988 massacre of political prisoners in Iran")  # repeated category label
    c = clean((CORPUS / "001_80b7eb5d3f2c6833.txt").read_text(encoding="utf-8"))
    assert "728 x 90" not in c.text and "Reporting by" not in c.text
    assert c.byline == "PMOI/MEK"


def test_repeated_headline_lines_appear_once():
    text = cleaned("004_70a13469f7beb991.txt")
    assert text.count("Online conference with the attendance of more than 1,000 witnesses") == 1


def test_quote_marks_and_dashes_are_kept_as_written():
    text = cleaned("001_80b7eb5d3f2c6833.txt")
    assert "tried—and failed—to destroy" in text
    assert "“The greatest crime committed during the Islamic Republic" in text
    assert "People’s Mojahedin" in text


def test_nbsp_and_double_spaces_are_normalised():
    text = cleaned("000_a92f316a8f8bf606.txt")
    assert "\u00a0" not in text and "  " not in text
    assert "(PMOI or MEK) These executions" in text


def test_plain_text_paragraphs_are_not_joined():
    text = clean("Title line\n\nFirst paragraph ends here.\n\nSecond one.").text
    assert text == "Title line\n\nFirst paragraph ends here.\n\nSecond one."


def test_a_line_ending_in_an_abbreviation_goes_on_to_the_next_line():
    raw = ("The commission heard evidence from Prof.\nLena Sample and from two other witnesses who had\n"
           "been held in the same prison during the summer of\nthat year, and from Dr.\nOmid Example.\n\n"
           "The hearing then closed for the day.\n")
    assert clean(raw).text == ("The commission heard evidence from Prof. Lena Sample and from two other witnesses who "
                               "had been held in the same prison during the summer of that year, and from Dr. Omid "
                               "Example.\n\nThe hearing then closed for the day.")


def test_a_wrapped_copy_of_a_web_page_keeps_its_menu_and_contents_entries_apart():
    raw = ("Main menu\nSearch\nLake Example\nContents\n1 History\n2 Ecology\n2.1 Fish\n"
           "The lake was first mapped in 1820 by a survey team from the capital, and\n"
           "fishing villages grew up on its eastern shore over the following decades\n"
           "as the roads improved and the markets of the capital grew.\nHistory\n"
           "The first survey took two summers, and its maps were used for fifty\nyears.\n")
    assert clean(raw).text.split("\n\n") == [
        "Main menu", "Search", "Lake Example", "Contents", "1 History", "2 Ecology", "2.1 Fish",
        "The lake was first mapped in 1820 by a survey team from the capital, and fishing villages grew up on its "
        "eastern shore over the following decades as the roads improved and the markets of the capital grew.",
        "History", "The first survey took two summers, and its maps were used for fifty years."]
