"""A web page saved as text: chrome and a table of contents stay apart, reference markers stay in excerpts but are
not words, and an excerpt that starts inside a sentence is shown with "…"."""

from pathlib import Path

import pytest

from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from citebot.index.text.split import starts_mid_sentence
from tests.conftest import exact, settings_for

PAGE = Path(__file__).resolve().parent / "data" / "pages" / "lake-example.txt"


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web-copy")
    (tmp / "corpus").mkdir()
    (tmp / "corpus" / "lake-example.txt").write_bytes(PAGE.read_bytes())
    settings = settings_for(tmp, corpus=tmp / "corpus")
    reindex(settings)
    return Answerer(settings)


def test_chrome_and_a_table_of_contents_are_not_merged_into_the_article(lake):
    text = lake.corpus().generation.text("lake-example")
    paragraphs = text.split("\n\n")
    assert paragraphs[paragraphs.index("Contents") + 1:paragraphs.index("Contents") + 5] == [
        "1 History", "2 Ecology", "2.1 Fish", "3 References"]
    assert ("Lake Example is a freshwater lake in the north of the fictional province of Sampleland.[1] It covers "
            "about forty square kilometres and is fed by three rivers from the hills to the west.[2]") in paragraphs


def test_reference_markers_stay_in_excerpts_but_are_not_searchable_words(lake):
    answer = lake.ask("/search surveyed mapped capital")
    exact(lake, answer)
    assert answer.results[0].excerpt.startswith("The lake was first mapped in 1820 by a survey team from the capital.[3]")
    assert not lake.ask("/search citation needed").results  # "[citation needed]" is a marker, not the page's words
    assert lake.ask('/source "from the capital. Fishing villages grew up"').results  # the marker between is skipped


def test_an_excerpt_cut_inside_a_sentence_is_flagged_and_shown_with_an_ellipsis(lake):
    from citebot.bot.terminal import render

    answer = lake.ask("/search carts village")
    exact(lake, answer)
    cut = answer.results[0]
    assert cut.excerpt.startswith("when the ice was gone")  # the document's characters only
    assert cut.mid_sentence and cut.to_json()["starts_mid_sentence"] is True
    assert "1. │ … when the ice was gone and the roads were open again" in render(answer)
    from citebot.bot.render import inline_items, result

    assert "<blockquote>… when the ice was gone" in result(cut)  # the Telegram message
    assert inline_items(answer)[0]["description"].endswith("\n… when the ice was gone and the roads were open again "
                                                              "for the carts that came from every village.[citation needed]")
    whole = lake.ask("/search surveyed mapped capital").results[0]
    assert not whole.mid_sentence and "│ The lake was first mapped" in render(lake.ask("/search surveyed mapped capital"))


def test_the_title_and_publisher_of_a_copied_page_skip_its_chrome(lake):
    doc = lake.corpus().documents["lake-example"]
    assert (doc.title, doc.how["title"]) == ("Lake Example", "the first line of the text after the site's menus")
    assert (doc.publisher, doc.how["publisher"]) == ("Wikipedia", "the tagline under the title")
    card = lake.ask("/search carts village").to_json()["results"][0]["document"]
    assert (card["inferred"], card["how"]) == (["title", "publisher"], {
        "title": "the first line of the text after the site's menus", "publisher": "the tagline under the title"})


@pytest.mark.parametrize("text, start, expected", [
    ("One sentence. Another one.", 14, False),
    ("He met Dr. Sample there.", 11, True),
    ("A long sentence, and then a clause.", 17, True),
    ("First paragraph.\n\nwhich goes on here.", 18, True),
    ("First paragraph.\n\nA new one.", 18, False),
    ("“We saw it.” Then we left.", 13, False),
    ("آیا او آنجا بود؟ بله، بود.", 17, False),
    (" \tIndented from the start.", 2, False),
    ("The U.S. Army came.", 9, True),
    ("(It ended.) \tThen more.", 13, False),
    ("”” and then", 3, True),
    ("Filler words go on. " * 400 + "Next one.", 8000, False),
    ("Filler words go on " * 400 + "next one.", 7600, True),
])
def test_where_a_sentence_starts(text, start, expected):
    assert starts_mid_sentence(text, start) is expected
