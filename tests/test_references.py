"""❝ Cite's references (issue 23, item 6): a formatted reference in the collection's CSL style, and files a
reference manager imports (BibTeX, RIS, CSL-JSON), each read back by a parser made for its format and holding
the exact excerpt, whose words it is, the title, publisher, date, link and retrieval date. Through Telegram:
tests/test_telegram.py."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import bibtexparser
import pytest
import rispy

from citebot.bot import references
from citebot.index import Voice

TODAY = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def montazeri(answerer):
    """Montazeri's words, quoted in an article with a publisher, a month and no link."""
    return answerer.ask("/quote Montazeri").results[0]


@pytest.fixture(scope="module")
def corpses(answerer):
    """The joint NGO statement's own words: a publisher for author, a year, no link."""
    return next(r for r in answerer.ask("mass graves").results if r.document.id == "ngo-2020-bring-to-justice")


@pytest.fixture(scope="module")
def dated(answerer):
    """An article with a day and a link."""
    return next(r for r in answerer.ask("/who Raisi").results if r.document.id == "mek-2021-08-28-online-conference")


def test_apa_reference_names_the_publisher_as_author_once_with_the_date_at_its_precision(montazeri, corpses, dated):
    assert references.formatted(montazeri, today=TODAY) == (
        "MEK-Iran.com. (2018, December). Lack of Investigation into 1988 Massacre is an ‘Abject Failure’ and "
        "Emboldened Mullahs to Commit Further Human Rights Abuses.")
    assert references.formatted(corpses, today=TODAY) == (
        "Joint NGO statement to the UN Human Rights Council. (2020). It is time to bring to justice the perpetrators "
        "of the 1988 massacre in the Islamic Republic of Iran.")
    assert references.formatted(dated, today=TODAY) == (
        "PMOI/MEK. (2021, August 28). Online conference calls for justice for the victims of Iran’s 1988 massacre. "
        "https://english.mojahedin.org/i/1988-massacre-online-conference-20210828")


def test_bibtex_is_read_back_with_the_excerpt_its_speaker_and_the_provenance(montazeri):
    name, content = references.file(montazeri, "bib", TODAY)
    library = bibtexparser.parse_string(content.decode())
    assert name == "mek-iran-2018-12-abject-failure.bib" and not library.failed_blocks
    (entry,) = library.entries
    fields = {f.key: f.value for f in entry.fields}
    assert entry.key == "mek-iran-2018-12-abject-failure" and entry.entry_type == "misc"
    assert fields["title"] == ("{Lack of Investigation into 1988 Massacre is an ‘Abject Failure’ and Emboldened "
                               "Mullahs to Commit Further Human Rights Abuses}")
    assert fields["author"] == "{MEK-Iran.com}" and fields["date"] == "2018-12" and fields["urldate"] == "2026-12-03"
    assert fields["note"] == f"Excerpt: {' '.join(montazeri.excerpt.split())} — Hossein-Ali Montazeri, quoted in this document"


def test_bibtex_escapes_what_would_break_it():
    assert references._bibtex_value("note", "50% & {x} #1 $2 a_b") == r"50\% \& \{x\} \#1 \$2 a\_b"
    assert references._bibtex_value("title", "A & B") == r"{A \& B}"


def test_ris_is_read_back_with_each_field_in_its_tag(corpses, dated):
    (entry,) = rispy.loads(references.file(corpses, "ris", TODAY)[1].decode())
    assert entry["type_of_reference"] == "GEN" and entry["authors"] == ["Joint NGO statement to the UN Human Rights Council"]
    assert (entry["year"], entry["access_date"]) == ("2020", "2026/12/03") and "urls" not in entry
    assert entry["notes"] == [f"Excerpt: “{' '.join(corpses.excerpt.split())}” (the document's own words)"]
    (article,) = rispy.loads(references.file(dated, "ris", TODAY)[1].decode())
    assert article["type_of_reference"] == "NEWS" and article["date"] == "2021/08/28"
    assert article["urls"] == ["https://english.mojahedin.org/i/1988-massacre-online-conference-20210828"]


def test_csl_json_is_the_one_record_every_format_is_made_from(dated):
    (item,) = json.loads(references.file(dated, "json", TODAY)[1])
    assert item == references.item(dated, TODAY)
    assert item["issued"] == {"date-parts": [[2021, 8, 28]]} and item["accessed"] == {"date-parts": [[2026, 12, 3]]}
    assert item["author"] == [{"literal": "PMOI/MEK"}] and item["type"] == "article-newspaper"


def test_words_quoted_without_a_named_speaker_say_so(corpses):
    unnamed = replace(corpses, voices=[Voice(corpses.start - 1, corpses.end + 1, None, "quotation")])
    assert references.note(unnamed).endswith("” (words of a speaker the document does not name)")
    assert references.note(corpses).endswith("” (the document's own words)")


def test_the_note_keeps_the_reporting_layer_and_puts_no_quote_marks_around_reported_words(answerer):
    reported = answerer.ask("/quote Khamenei").results[0]
    assert references.note(reported) == (
        "Excerpt: … Do whatever it takes to stop them. … — Ali Khamenei (Supreme Leader), as reported by Reuters, "
        "words reported, not quoted, in this document (Reported words: the document does not put them in quotation "
        "marks.)")
