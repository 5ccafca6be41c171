"""The fast search paths give what plain searching would: phrases via word pairs, hot words via build-time rankings."""

from __future__ import annotations

import random

import pytest

from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from citebot.index.store.hot import HOT_DF
from citebot.index.store.search import search
from citebot.index.text.analysis import analysed, in_a_row, terms
from citebot.index.text.split import passages
from tests.bruteforce import exhaustive_top
from tests.conftest import settings_for


def all_passages(gen) -> list[tuple[str, int, list[str]]]:
    """(doc, start, terms) of every passage, straight from the stored texts."""
    out = []
    for d in gen.meta.documents:
        text = gen.text(d.id)
        out += [(d.id, a, analysed(text[a:b])) for (a, b), _ in passages(text)]
    return out


def test_phrases_find_exactly_the_passages_with_the_words_in_a_row(answerer):
    gen = answerer.corpus().generation
    every = all_passages(gen)
    rng = random.Random(3)
    phrases = []
    for _ in range(60):
        _, _, seq = rng.choice(every)
        n = rng.choice((2, 3, 4))
        if len(seq) > n:
            at = rng.randrange(len(seq) - n)
            phrases.append(seq[at:at + n])
    phrases += [terms("refrigerated trucks"), terms("Death Commission members"), terms("trucks refrigerated")]
    for words in phrases:
        expected = {(doc, start) for doc, start, seq in every if in_a_row(words, seq)}
        found = {(h.doc, h.start) for h in search(gen, words, "passage", mode="phrase", limit=10_000)}
        assert found == expected, words
        per_doc = search(gen, words, "passage", mode="phrase", limit=10_000, per_doc=True)
        assert sorted(h.doc for h in per_doc) == sorted({doc for doc, _ in expected}), words


@pytest.fixture(scope="module")
def harbour(tmp_path_factory) -> Answerer:
    """A corpus where "lantern" is in every passage (a hot word) and "quay" in a few."""
    tmp = tmp_path_factory.mktemp("lanterns")
    corpus = tmp / "corpus"
    corpus.mkdir()
    rng = random.Random(5)
    colours = ["red", "green", "amber", "blue", "white", "violet"]
    for f in range(3):
        paragraphs = []
        for n in range(HOT_DF // 2 + 10):
            extra = " lantern" * rng.randrange(4) + (" by the quay" if n % 37 == 0 else "")
            paragraphs.append(f"Harbour note {f}-{n}: the {rng.choice(colours)} lantern{extra} was lit at dusk "
                              f"and the keepers wrote it down in the harbour book for the night.")
        (corpus / f"harbour-{f}.txt").write_text("\n\n".join(paragraphs))
    settings = settings_for(tmp, corpus=corpus)
    reindex(settings)
    return Answerer(settings)


@pytest.fixture
def lanterns(harbour):
    return harbour.corpus().generation


def test_a_hot_word_is_ranked_by_exhaustive_scoring(lanterns):
    assert "lantern" in lanterns.hot
    expected = [(d, start) for d, start, _ in exhaustive_top(lanterns, ["lantern"], 20)]
    assert [(h.doc, h.start) for h in search(lanterns, ["lantern"], "passage", limit=20)] == expected
    assert len(search(lanterns, ["lantern"], "passage", limit=1000)) == 3 * (HOT_DF // 2 + 10)


def test_beside_a_rarer_word_a_hot_word_still_counts(lanterns):
    hits = search(lanterns, terms("lantern quay"), "passage", limit=50)
    expected = [(d, start) for d, start, _ in exhaustive_top(lanterns, terms("lantern quay"), 50)]
    assert [(h.doc, h.start) for h in hits] == expected
    assert all("quay" in h.excerpt for h in hits[:3])  # both words beat one


def test_source_of_a_hot_word_counts_every_document(harbour):
    assert harbour.ask("/source lantern").message == "3 documents say “lantern”, earliest first:"
    assert harbour.ask("/source quay").message == "3 documents say “quay”, earliest first:"
    assert harbour.ask("/source the red lantern was lit").total == 3
    assert harbour.ask("/source lantern the red").message.startswith("3 documents use all these words")
    assert harbour.ask("/source lanterns").message == (
        "3 documents say “lanterns” only in other word forms (not word for word), earliest first:")
