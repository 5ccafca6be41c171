"""Web pages in the shapes real sites have: the article's own words in order, and where each inferred field came from."""

from pathlib import Path

import pytest

from citebot.index.documents.sources import read_source

PAGES = Path(__file__).resolve().parent / "data" / "pages"


def read(name: str, tmp_path: Path):
    path = tmp_path / name
    path.write_bytes((PAGES / name).read_bytes())
    source = read_source(path, None, 10_000_000)
    return source.cleaned.text.split("\n\n"), source.document


def test_a_news_article_keeps_its_standfirst_and_leaves_out_captions_share_bar_and_related_links(tmp_path):
    paragraphs, doc = read("news.html", tmp_path)
    assert paragraphs == [
        "Court hears second witness in prison case",
        "A former guard told the court in Stockholm what he saw in the summer of 1988.",
        "The second witness in the trial spoke for three hours on Monday, describing the prison yard and the lists "
        "of names read out each morning.",
        '"I saw them taken away in groups," the witness said, adding that he had never spoken about it before.',
        "The trial continues next week with a third witness, the court said in a statement.",
    ]
    assert (doc.title, doc.publisher, doc.date, doc.author, doc.url) == (
        "Court hears second witness in prison case", "Example News", "2022-03-14", "Mina Writer",
        "https://news.example.org/world/court-second-witness")
    assert doc.how == {"title": "og:title", "publisher": "og:site_name", "date": "JSON-LD datePublished",
                       "author": "JSON-LD author", "url": "og:url"}
    assert doc.publisher_note == "inferred from og:site_name, not checked"


def test_an_encyclopedia_article_keeps_its_reference_markers_but_not_its_lists(tmp_path):
    paragraphs, doc = read("wiki.html", tmp_path)
    assert paragraphs == [
        "Lake Example is a freshwater lake in the north of the fictional province of Sampleland.[1] It covers about "
        "forty square kilometres.",
        "History",
        "The lake was first mapped in 1820 by a survey team from the capital.[2] Fishing villages grew up on its "
        "eastern shore.",
    ]
    assert (doc.title, doc.publisher, doc.url) == ("Lake Example", "Wikipedia", "https://en.wikipedia.org/wiki/Lake_Example")
    assert (doc.how["publisher"], doc.how["title"]) == ("the tagline under the title", "the page's h1")


def test_a_wordpress_post_without_share_buttons_related_posts_or_comments(tmp_path):
    paragraphs, doc = read("wp.html", tmp_path)
    assert paragraphs == [
        "Every year at the end of August the families meet in a park to read the names aloud.",
        "This year more than two hundred people came, some from other countries, and the reading lasted until dark.",
    ]
    assert (doc.title, doc.publisher, doc.date, doc.author) == (
        "Remembering the summer of 1988", "Sample Families Blog", "2019-08-30", "Sara Sample")
    assert (doc.how["date"], doc.how["author"]) == ("article:published_time", "the byline")


def test_a_transcript_keeps_every_turn_with_its_speaker_label(tmp_path):
    paragraphs, doc = read("transcript.html", tmp_path)
    assert paragraphs == [
        "Transcript: Panel on prison records",
        "Published 5 June 2021",
        "MODERATOR: Welcome to the panel. Our first speaker kept records for many years.",
        "LENA SAMPLE: Thank you. I started keeping the lists in 1989, when the first families came to us.",
        "MODERATOR: What did the lists contain?",
        "LENA SAMPLE: Names, dates and the cities the families came from, nothing more.",
    ]
    assert (doc.title, doc.publisher, doc.how["publisher"]) == (
        "Transcript: Panel on prison records", "Sample Rights Watch", "og:site_name")


@pytest.mark.parametrize("title, site, expected", [
    ("Court hears witness | Example News", "Example News", "Court hears witness"),
    ("Court hears witness - part 2", "Example News", "Court hears witness - part 2"),
])
def test_the_sites_name_is_trimmed_from_a_title_only_when_it_is_the_site(title, site, expected):
    import lxml.html

    from citebot.index.documents.markup import page_metadata

    tree = lxml.html.fromstring(f"<html><head><meta property='og:title' content='{title}'>"
                                f"<meta property='og:site_name' content='{site}'></head><body><p>x</p></body></html>")
    assert page_metadata(tree)["title"] == expected


def test_a_wrapper_named_like_furniture_that_holds_the_article_is_kept(tmp_path):
    (tmp_path / "wrapped.html").write_text(
        "<html><head><meta property='og:site_name' content='Sample Post'></head><body>"
        "<div class='layout with-related-sidebar'><div class='story'><h1>Names read aloud</h1>"
        "<p>The families read the names aloud in the square for the whole afternoon.</p>"
        "<p>Nobody from the city council came, though all had been invited in writing.</p></div>"
        "<div class='related'><a href='/x'>Another story entirely</a></div></div></body></html>", encoding="utf-8")
    source = read_source(tmp_path / "wrapped.html", None, 10_000_000)
    assert source.cleaned.text.split("\n\n")[-2:] == [
        "The families read the names aloud in the square for the whole afternoon.",
        "Nobody from the city council came, though all had been invited in writing."]
    assert "Another story" not in source.cleaned.text


@pytest.mark.parametrize("markup, field, value, how", [
    ("<body><article><time datetime='2021-06-05T08:00'>5 June</time><p>x</p></article></body>", "date", "2021-06-05",
     "the page's <time datetime>"),
    ("<body><header><div class='masthead'><a href='/'>The Sample Courier</a></div></header><p>x</p></body>",
     "publisher", "The Sample Courier", "the masthead"),
    ("<body><div class='byline'>By Omid Example</div><p>x</p></body>", "author", "Omid Example", "the byline"),
    ("<head><meta name='author' content='Mina Writer'></head><body><p>x</p></body>", "author", "Mina Writer",
     "meta author"),
    ("<head><script type='application/ld+json'>{\"@graph\": [{\"@type\": \"WebSite\"}, {\"@type\": \"NewsArticle\", "
     "\"publisher\": {\"name\": \"Sample Wire\"}}]}</script></head><body><p>x</p></body>", "publisher", "Sample Wire",
     "JSON-LD publisher"),
])
def test_each_field_says_where_in_the_markup_it_was_found(markup, field, value, how):
    import lxml.html

    from citebot.index.documents.markup import page_metadata

    found = page_metadata(lxml.html.fromstring(f"<html>{markup}</html>"))
    assert (found[field], found["how"][field]) == (value, how)


def test_a_gallery_link_is_never_the_title_nor_the_text(tmp_path):
    (tmp_path / "gallery.html").write_text(
        "<html><head><title>Families gather at the cemetery | Sample Times</title>"
        "<meta property='og:site_name' content='Sample Times'></head><body><div class='story'>"
        "<a href='#g' class='photo'>Open this photo in gallery</a>"
        "<p>Families gathered at the cemetery on Friday to lay flowers on the unmarked graves.</p>"
        "<p>Guards watched from the gate but did not stop them, one mother said afterwards.</p></div></body></html>",
        encoding="utf-8")
    source = read_source(tmp_path / "gallery.html", None, 10_000_000)
    assert "gallery" not in source.cleaned.text
    assert (source.document.title, source.document.how["title"]) == ("Families gather at the cemetery",
                                                                      "the page's <title>")


def test_an_xhtml_page_that_declares_its_encoding_still_gives_its_metadata(tmp_path):
    (tmp_path / "x.html").write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><head>"
        "<meta property='og:site_name' content='Sample Monitor'/></head><body><h1>Report filed</h1>"
        "<p>The monitor filed its report with the council on Tuesday after a long delay.</p></body></html>",
        encoding="utf-8")
    source = read_source(tmp_path / "x.html", None, 10_000_000)
    assert (source.document.publisher, source.document.how["publisher"]) == ("Sample Monitor", "og:site_name")
    assert "The monitor filed its report with the council on Tuesday after a long delay." in source.cleaned.text


def test_a_headings_permalink_mark_is_neither_title_nor_text(tmp_path):
    (tmp_path / "doc.html").write_text(
        "<html><body><div class='body'><h1>Prison records<a class='headerlink' href='#prison-records'>¶</a></h1>"
        "<p>The records of the prison were kept in two ledgers, one for each wing of the building.</p>"
        "<h2>Visits<a href='#visits' title='Link to this heading'>#</a></h2>"
        "<p>Families were allowed one visit a month, and only on the first Tuesday of the month.</p></div>"
        "</body></html>", encoding="utf-8")
    source = read_source(tmp_path / "doc.html", None, 10_000_000)
    assert source.cleaned.text.split("\n\n") == [
        "The records of the prison were kept in two ledgers, one for each wing of the building.",
        "Families were allowed one visit a month, and only on the first Tuesday of the month."]
    assert (source.document.title, source.document.how["title"]) == ("Prison records", "the page's h1")


def test_a_table_that_only_lays_out_text_is_read_as_paragraphs_and_a_data_table_as_a_table(tmp_path):
    (tmp_path / "old.html").write_text(
        "<html><body><div class='story'><h1>Statement on the anniversary</h1>"
        "<table><tr><td><img src='note.png'></td><td>The families will gather at the cemetery on Friday, as "
        "they have done every year since the summer of 1988.</td></tr>"
        "<tr><td></td><td>Everyone who lost someone is welcome to join them there.</td></tr></table>"
        "<table><tr><th>Year</th><th>Names read</th></tr><tr><td>2019</td><td>310</td></tr></table>"
        "<p>The statement was signed by eleven associations of families and former prisoners.</p></div>"
        "</body></html>", encoding="utf-8")
    paragraphs = read_source(tmp_path / "old.html", None, 10_000_000).cleaned.text.split("\n\n")
    assert paragraphs[1:3] == [
        "The families will gather at the cemetery on Friday, as they have done every year since the summer of 1988.",
        "Everyone who lost someone is welcome to join them there."]
    assert any("Year" in p and "|" in p for p in paragraphs) and any("2019" in p and "310" in p for p in paragraphs)
