"""The answer layer's reading aids for the bot: the paragraphs around an excerpt, excerpt counts, people named."""

from __future__ import annotations

import pytest


def test_context_gives_the_exact_paragraphs_around_an_excerpt(answerer):
    r = answerer.ask("/source refrigerated trucks").results[0]
    text = answerer.document_text(r.document.id)
    ctx = answerer.context(r.document.id, r.start, r.end)
    assert [p.text for p in ctx.paragraphs] == [text[p.start:p.end] for p in ctx.paragraphs]
    holding = [p for p in ctx.paragraphs if p.start <= r.start and r.end <= p.end]
    assert len(holding) == 1 and r.excerpt in holding[0].text
    paragraphs = text.split("\n\n")
    at = paragraphs.index(holding[0].text)
    assert [p.text for p in ctx.paragraphs] == paragraphs[at - 1:at + 2]
    assert (ctx.first, ctx.total) == (at - 1, len(paragraphs))
    assert ctx.earlier.text == paragraphs[at - 2] and ctx.later.text == paragraphs[at + 2]


def test_context_at_the_edges_and_for_untrusted_offsets(answerer):
    doc = "mek-2020-07-24-tried-and-failed"
    paragraphs = answerer.document_text(doc).split("\n\n")
    start = answerer.context(doc, 0, 0)
    assert [p.text for p in start.paragraphs] == paragraphs[:2] and start.earlier is None
    end = answerer.context(doc, 10**9, 10**9 + 5)  # clamped to the end of the text
    assert [p.text for p in end.paragraphs] == paragraphs[-2:] and end.later is None
    assert answerer.context("no-such-doc", 0, 10) is None


def test_excerpt_counts_add_up_to_the_passages_indexed(answerer):
    counts = {d: answerer.excerpt_count(d) for d in answerer.corpus().documents}
    assert sum(counts.values()) == answerer.stats().passages and min(counts.values()) > 0
    assert answerer.excerpt_count("no-such-doc") == 0


@pytest.mark.parametrize(("text", "names"), [
    ("Tell me about Khomeini", ["Ruhollah Khomeini"]),
    ("And Pour-Mohammadi? Montazeri said he was wrong.", ["Mostafa Pour-Mohammadi", "Hossein-Ali Montazeri"]),
    ("nobody here", []),
])
def test_people_in_a_message(answerer, text, names):
    assert [p.name for p in answerer.people_in(text)] == names


def test_every_context_view_is_exact_and_fits_one_message(answerer):
    """Anywhere in any document, bold or not: Telegram accepts it, and what shows is the document's own text."""
    from citebot.bot import render
    from tests.fake_telegram import TelegramHTML

    for doc in answerer.corpus().documents:
        text = answerer.document_text(doc)
        for start in range(0, len(text), 61):
            ctx = answerer.context(doc, start, start + 150)
            for mark in (True, False):
                html = render.context(ctx, mark).messages[0]
                shown = TelegramHTML.visible(html)
                assert len(shown.encode("utf-16-le")) // 2 <= 4096
                for piece in shown.split("\n\n")[1:]:
                    assert piece.replace("[…] ", "").replace(" […]", "") in text
