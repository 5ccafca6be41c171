"""Metadata inferred from real-world shapes of HTML and PDF: null beats a wrong guess, and guesses say so.

The fixtures are modelled on the page furniture of news sites and of the
seeds' own sites (ad slots such as "728 x 90", share bars, related lists,
cookie banners, copyright footers) and on PDF manuals whose first lines are a
template copyright or an organisation with its URL.
"""

from __future__ import annotations

import json

import pytest

from citebot.index.documents.sources import load_corpus
from tests.pdfmaker import write_pdf

LIMIT = 1_000_000

MEK_STYLE = """<!DOCTYPE html><html lang="en-US"><head>
<title>Iran: Survivors Speak Out on the 1988 Massacre - MEK Iran</title>
<meta property="og:title" content="Iran: Survivors Speak Out on the 1988 Massacre">
<meta property="og:site_name" content="MEK Iran">
<meta property="og:url" content="https://mek-iran.example/survivors-1988/">
<meta property="article:published_time" content="2019-08-20T14:05:11+00:00">
</head><body>
<div id="top-bar"><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About Us</a></div>
<div class="banner-ad">728 x 90</div>
<div class="content"><article class="post">
<h1 class="entry-title">Iran: Survivors Speak Out on the 1988 Massacre</h1>
<div class="social-icons">Share: Facebook Twitter WhatsApp Telegram Email</div>
<div class="entry-content">
<p>Survivors of the 1988 massacre gathered in Paris to describe how the prisons of Evin and Gohardasht were emptied in a few weeks
of the summer, when thousands of political prisoners were hanged after brief hearings.</p>
<p>“We heard the trucks every night,” one of the survivors told the audience, adding that the families were never told where
their children had been buried.</p>
<p>The speakers called on the United Nations to open an independent inquiry into the killings and into the officials involved.</p>
</div>
<p class="tags">Tags: , , ,</p>
</article>
<aside class="sidebar"><h3>Recent Posts</h3><ul><li><a href="/a">Iran protests enter second week</a></li>
<li><a href="/b">Rajavi addresses Free Iran rally</a></li></ul><div class="ad">300 x 250</div></aside></div>
<footer>Copyright © 2019 MEK Iran. All Rights Reserved. | <a href="/sitemap.xml">XML Sitemap</a></footer>
</body></html>"""

NEWS_SITE = """<html><head><title>Sweden jails former Iranian official for life | World News</title>
<meta name="description" content="A court in Stockholm sentenced Hamid Nouri to life in prison.">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><nav><ul><li>World</li><li>Business</li><li>Sport</li></ul></nav></header>
<main><h1>Sweden jails former Iranian official for life</h1>
<p class="byline">By Staff Reporter</p>
<p>STOCKHOLM, July 14, 2022 — A court in Stockholm sentenced Hamid Nouri to life in prison on Thursday for his role in the
mass executions of political prisoners in Iran in 1988, the first such verdict anywhere.</p>
<p>The court found that Nouri, a former assistant to the deputy prosecutor at Gohardasht prison, had taken part in the killings
of prisoners who refused to renounce their beliefs.</p>
<section class="related"><h2>More on this story</h2><ul><li><a href="/x">Oil prices climb</a></li></ul></section>
</main><footer>© World News Ltd</footer></body></html>"""

UNDATED_BLOG = """<html><head><title>Notes</title></head><body><div class="post">
<h2>What the archive shows</h2>
<p>The letters in the archive were written between March 3, 1989 and 1991 by families who were still looking for their relatives
long after the killings had ended.</p>
<p>Several of the letters describe visits to Khavaran cemetery, where the families found freshly turned earth.</p>
</div></body></html>"""


def read(folder, name: str, data: str | bytes):
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    sources, skipped = load_corpus(folder, LIMIT)
    assert not skipped, skipped
    (source,) = [s for s in sources if s.document.file == name]
    return source


def test_a_mek_style_page_loses_its_furniture_and_keeps_its_markup_metadata_as_inferred(corpus_dir):
    s = read(corpus_dir, "survivors.html", MEK_STYLE)
    d, text = s.document, s.cleaned.text
    assert text.startswith("Iran: Survivors Speak Out on the 1988 Massacre\n\nSurvivors of the 1988 massacre gathered in Paris")
    for furniture in ("728 x 90", "300 x 250", "Share:", "Tags:", "Recent Posts", "Rajavi addresses", "XML Sitemap",
                      "All Rights Reserved", "About Us"):
        assert furniture not in text
    assert (d.title, d.publisher, d.date, d.date_precision, d.url) == (
        "Iran: Survivors Speak Out on the 1988 Massacre", "MEK Iran", "2019-08-20", "day",
        "https://mek-iran.example/survivors-1988/")
    assert d.inferred == ["title", "publisher", "date", "url"]
    assert d.date_note == "inferred from article:published_time, not checked"  # which markup, for the admin
    assert (d.how["publisher"], d.how["date"]) == ("og:site_name", "article:published_time")


def test_a_news_page_gets_its_date_from_the_dateline_and_no_publisher_from_a_generic_byline(corpus_dir):
    s = read(corpus_dir, "nouri.html", NEWS_SITE)
    d, text = s.document, s.cleaned.text
    assert "cookies" not in text and "Oil prices" not in text and "Business" not in text
    assert "STOCKHOLM, July 14, 2022 — A court in Stockholm sentenced Hamid Nouri to life in prison" in text
    assert (d.date, d.date_precision) == ("2022-07-14", "day")
    assert d.date_note.startswith("inferred from the dateline")
    assert d.title == "Sweden jails former Iranian official for life"
    assert "date" in d.inferred and "title" in d.inferred


def test_the_first_date_in_a_text_is_not_its_publication_date(corpus_dir):
    d = read(corpus_dir, "archive.html", UNDATED_BLOG).document
    assert (d.date, d.date_precision) == (None, None)
    assert d.date_note == "unknown: no date given, and no dateline"
    assert "date" not in d.inferred


def test_a_plain_text_with_an_embedded_date_stays_undated(corpus_dir):
    text = ("Testimony of a former prisoner\n\nI was arrested on 12 June 1981 and taken to Evin, where I stayed until "
            "the summer of 1988.\n")
    d = read(corpus_dir, "testimony.txt", text).document
    assert d.date is None and d.title == "Testimony of a former prisoner" and d.inferred == ["title"]


def test_a_pdf_manual_with_a_template_copyright_gets_no_publisher(corpus_dir):
    write_pdf(corpus_dir / "manual.pdf", [
        "GNU Libtasn1 Reference Manual",
        "Copyright (C) year your name.",
        "This manual was last updated on 2 January 2021 for version 4.16 of the library.",
        "The library parses ASN.1 structures and encodes them in DER.",
    ])
    d = load_corpus(corpus_dir, LIMIT)[0][0].document
    assert d.publisher is None and "unknown" in d.publisher_note
    assert d.date is None  # "2 January 2021" is a line of the text, not a dateline
    assert d.title == "GNU Libtasn1 Reference Manual" and d.inferred == ["title"]


def test_a_pdf_whose_first_line_is_an_organisation_with_its_url_falls_back_to_the_file_name(corpus_dir):
    write_pdf(corpus_dir / "shared-mime-info-spec.pdf", [
        "X Desktop Group (http://www.freedesktop.org)",
        "Shared MIME-info Database, version 0.21, describes how applications share file type information.",
    ])
    d = load_corpus(corpus_dir, LIMIT)[0][0].document
    assert d.title == "shared mime info spec" and d.inferred == ["title"]
    assert d.publisher is None


def test_a_real_copyright_holder_is_inferred_and_said_so(corpus_dir):
    text = "Statement on the anniversary\n\nThe families will gather again this summer.\n\nCopyright © 2021 Justice Watch. All rights reserved.\n"
    d = read(corpus_dir, "statement.txt", text).document
    assert d.publisher == "Justice Watch" and "publisher" in d.inferred
    assert d.publisher_note == "inferred from a copyright footer, not checked"


@pytest.mark.parametrize("given", ["sources.yaml", "front matter"])
def test_given_metadata_is_not_inferred_and_json_says_so(corpus_dir, given):
    if given == "sources.yaml":
        (corpus_dir / "sources.yaml").write_text("- {file: a.txt, id: a, title: A report, publisher: NGO, date: '2020'}\n")
        (corpus_dir / "a.txt").write_text("Body of the report, long enough to be indexed.\n")
    else:
        (corpus_dir / "a.md").write_text("---\nid: a\ntitle: A report\npublisher: NGO\ndate: '2020'\n---\n"
                                         "Body of the report, long enough to be indexed.\n")
    d = load_corpus(corpus_dir, LIMIT)[0][0].document
    assert d.inferred == []
    assert json.loads(json.dumps(d.card()))["inferred"] == []


def test_inferred_fields_are_flagged_in_the_answer_json(tmp_path, corpus_dir):
    from citebot.index.answers.answerer import Answerer
    from citebot.index.store.build import reindex
    from tests.conftest import settings_for

    read(corpus_dir, "survivors.html", MEK_STYLE)
    settings = settings_for(tmp_path, corpus_dir)
    reindex(settings)
    answer = Answerer(settings).ask("trucks every night").to_json()
    assert answer["results"][0]["document"]["inferred"] == ["title", "publisher", "date", "url"]
    from citebot.bot.render import citation
    from citebot.bot.terminal import citation as plain

    doc = Answerer(settings).document("survivors")
    assert citation(doc).endswith(" · <i>inferred: title, publisher, date, url</i>")
    assert plain(doc).endswith(" · inferred: title, publisher, date, url")
