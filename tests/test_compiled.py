"""Ranked search from the compiled postings gives Whoosh's own list: the same passages, the same scores to the
last bit, equal scores in the same order."""

from __future__ import annotations

import random

import numpy as np
import pytest
from whoosh import query

from citebot.index.models import Document
from citebot.index.store.generations import Generation, Shelf
from citebot.index.store.meta import Meta, Stats
from citebot.index.store.search import document_of, passages_by_document, ranked, whoosh_top
from citebot.index.text.analysis import fold
from citebot.index.voices.people import Registry

# A small vocabulary, words of very different frequency, short passages: many ties and many shared passages.
COMMON = ["harbour", "ledger", "lantern", "orchard", "copper"]
RARE = [f"quill{n}" for n in range(40)]


def _passage(rng: random.Random) -> str:
    words = rng.choices(COMMON, k=rng.randint(1, 6)) + rng.choices(RARE, k=rng.randint(0, 2))
    rng.shuffle(words)
    return " ".join(words)


def _generation(root, passages: int) -> Generation:
    rng = random.Random(passages)
    writer = Shelf(root).writer()
    for n in range(passages):
        text = _passage(rng)
        writer.add(kind="passage" if n % 7 else "quote", doc=f"d{n // 20}", text=text, start=n, end=n + len(text))
    return Generation(writer.finish(_meta([Document("d0", "", None, None, None)])))


def _meta(documents: list[Document] | None = None) -> Meta:
    return Meta(built_at="", documents=documents or [], registry=Registry(), people=[], who={}, voices={},
                refers_to={}, stats=Stats())


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """Over 5,000 passages: Whoosh sums the words of any query as a tree (below, 3+ words are preloaded)."""
    return _generation(tmp_path_factory.mktemp("large"), 5200)


def _whoosh(gen: Generation, field: str, words: list[str], limit: int) -> list[tuple[int, float]]:
    return whoosh_top(gen, query.Or([query.Term(field, w) for w in words]), limit, False)


QUERIES = [["harbour"], ["quill3"], ["harbour", "ledger"], ["ledger", "quill7", "copper"],
           ["lantern", "orchard", "copper", "harbour", "ledger"], ["quill1", "quill2", "quill3", "nowhere"],
           ["nowhere"], ["orchard", "nowhere", "quill9"]]


@pytest.mark.parametrize("words", QUERIES, ids=" ".join)
@pytest.mark.parametrize("field", ["text", "quote"])
def test_the_same_top_list_as_whoosh(large, words, field):
    for limit in (1, 10, 50):
        assert large.postings.top(field, words, limit) == _whoosh(large, field, words, limit)


def test_the_same_order_as_whoosh_when_every_passage_is_scored(large):
    every = _whoosh(large, "text", ["harbour", "ledger", "quill4"], 10_000)
    assert len(every) > 3000
    assert large.postings.top("text", ["harbour", "ledger", "quill4"], 10_000) == every


def test_ranked_hits_are_whooshs(large):
    """What a user sees, the passages and their order, from the compiled postings and from Whoosh alike."""
    hits = ranked(large, ["copper", "quill5"], "passage", limit=10)
    expected = _whoosh(large, "text", ["copper", "quill5"], 10)
    assert [(h.excerpt, h.score) for h in hits] == [(large.searcher.stored_fields(n)["excerpt"], s) for n, s in expected]
    assert all("copper" in h.excerpt or "quill5" in h.excerpt for h in hits)


def test_a_small_index_leaves_three_words_to_whoosh(tmp_path):
    """Whoosh preloads 3+ words of a small index and sums them in another order: that case is Whoosh's own."""
    small = _generation(tmp_path, 300)
    assert small.postings.top("text", ["harbour", "ledger", "copper"], 10) is None
    assert small.postings.top("text", ["harbour", "ledger"], 10) == _whoosh(small, "text", ["harbour", "ledger"], 10)


@pytest.mark.parametrize("q", [query.Term("text", "quill3"), query.Term("text", "nowhere"),
                               query.And([query.Term("text", "quill3"), query.Term("text", "copper")]),
                               query.Or([query.Term("text", "quill3"), query.Term("text", "quill8")]),
                               query.Term("quote", "ledger")], ids=str)
def test_candidate_passages_are_whooshs(large, q):
    """Phrase candidates (passages by document, documents in index order) from the arrays, as Whoosh finds them."""
    expected: dict[str, list[int]] = {}
    for n in large.searcher.docs_for_query(q):
        expected.setdefault(large.doc_column[n], []).append(n)
    assert passages_by_document(large, q) == expected
    assert all(document_of(large, n) == d for d, ns in expected.items() for n in ns)


def test_folded_texts_are_read_from_one_file(tmp_path):
    writer = Shelf(tmp_path).writer()
    texts = {"a": "Ünïcode Straße — İstanbul", "b": "plain words", "c": ""}
    for doc, text in texts.items():
        writer.add_text(doc, text)
        writer.add(kind="passage", doc=doc, text=text or "x", start=0, end=len(text))
    gen = Generation(writer.finish(_meta()))
    assert {d: gen.folded_text(d) for d in texts} == {d: fold(t) for d, t in texts.items()}


def test_spans_are_the_stored_ones(large):
    """Where each passage is in its document, by docnum, as Whoosh stored it: the passage holding a phrase."""
    docnums = list(range(0, 5200, 37))
    stored = {n: (large.searcher.stored_fields(n)["start"], large.searcher.stored_fields(n)["end"]) for n in docnums}
    for start, end in [stored[n] for n in docnums[::9]]:
        held = [n for n in docnums if stored[n][0] <= start and end <= stored[n][1]]
        assert held and large.postings.holding(docnums, start, end) == held


def test_phrase_candidates_come_with_the_paragraphs_around_them(tmp_path):
    """A phrase is looked for only in the paragraphs of its candidate passages: touching ones merged, in order."""
    text = "Alpha one.\n\nBravo two. Charlie three.\n\nDelta four.\n\nEcho five."
    cuts = [(0, 10), (12, 22), (23, 37), (39, 50), (52, 62)]
    writer = Shelf(tmp_path).writer()
    writer.add_text("doc", text)
    for a, b in cuts:
        writer.add(kind="passage", doc="doc", text=text[a:b], start=a, end=b)
    writer.add(kind="passage", doc="other", text="no text given", start=0, end=13)
    gen = Generation(writer.finish(_meta()))
    assert [text[a:b] for a, b in cuts] == ["Alpha one.", "Bravo two.", "Charlie three.", "Delta four.", "Echo five."]
    near = gen.postings.near(np.array([1, 2, 4, 5]))
    assert near == [("doc", [1, 2, 4], [(10, 38), (50, 62)]), ("other", [5], None)]
    assert text[10:38] == "\n\nBravo two. Charlie three.\n" and text[50:62] == "\n\nEcho five."
    folded, base = gen.folded_around("doc", near[0][2])
    assert (folded, base) == (fold(text[10:62]), 10)  # one read: what lies between is short


def test_a_text_not_in_ascii_is_read_whole(tmp_path):
    writer = Shelf(tmp_path).writer()
    writer.add_text("doc", "Jalāl said سلام.\n\nTwo.")
    writer.add(kind="passage", doc="doc", text="Two.", start=18, end=22)
    gen = Generation(writer.finish(_meta()))
    assert gen.folded_around("doc", [(16, 22)]) == (fold("Jalāl said سلام.\n\nTwo."), 0)


def test_stretches_far_apart_are_read_apart(tmp_path):
    """Between two distant stretches only newlines are kept, and the offsets are the text's."""
    filler = "Filler words here.\n\n" * 1200  # more than ONE_READ
    text = "First part.\n\n" + filler + "Last part."
    writer = Shelf(tmp_path).writer()
    writer.add_text("doc", text)
    first, last = (0, 11), (len(text) - 10, len(text))
    for a, b in (first, last):
        writer.add(kind="passage", doc="doc", text=text[a:b], start=a, end=b)
    gen = Generation(writer.finish(_meta()))
    (doc, passages, near), = gen.postings.near(np.array([0, 1]))
    assert near == [(0, 12), (len(text) - 12, len(text))]
    folded, base = gen.folded_around("doc", near)
    assert base == 0 and len(folded) == len(text)
    assert folded == "first part.\n" + "\n" * (len(text) - 24) + "\n\nlast part."


def test_a_phrase_across_a_passage_cut_keeps_its_candidates(tmp_path):
    """A long sentence cut in two: the words of a phrase across the cut are in neighbouring passages, so the
    passage with its rarest word stays a candidate; a passage with no other word of it near does not."""
    writer = Shelf(tmp_path).writer()
    units = ["the harbour ledger was", "kept by the lantern keeper", "far away", "the harbour was empty",
             "and so on", "nothing here"]
    for n, text in enumerate(units):
        writer.add(kind="passage", doc="doc", text=text, start=n * 40, end=n * 40 + len(text))
    gen = Generation(writer.finish(_meta()))
    harbour = gen.postings.passages([("text", "harbour")], True)
    assert harbour.tolist() == [0, 3]
    assert gen.postings.beside(harbour, ["ledger", "kept"], 1).tolist() == [0]  # "ledger was kept": across the cut
    assert gen.postings.beside(harbour, ["kept"], 1).tolist() == [0]
    assert gen.postings.beside(harbour, ["kept"], 2).tolist() == [0, 3]  # "kept" is 2 passages before the second
    assert gen.postings.beside(harbour, ["nowhere"], 3).tolist() == []


def test_every_term_is_found_by_bisection_and_no_other(large):
    """Terms are looked up in the sorted array saved with the generation (no dict of every term in memory)."""
    with large.searcher.reader() as reader:
        for field in ("text", "quote"):
            terms = [t.decode("utf-8") for t in reader.lexicon(field)]
            compiled = large.postings._terms(field)
            assert [compiled.at(t) for t in terms] == list(range(len(terms)))
            for other in ("", "a", "zzzz", terms[0][:-1], terms[-1] + "s", terms[len(terms) // 2] + "\u00e9"):
                assert (compiled.at(other) is None) == (other not in terms)
