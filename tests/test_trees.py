"""Trees of queries (every word, as meant, some: meant.py) scored from the compiled postings give Whoosh's own list:
the same passages, the same scores to the last bit, equal scores in the same order."""

from __future__ import annotations

import random

import pytest
from whoosh import query

from citebot.index.store import trees
from citebot.index.store.search import _phrase_docs, top, whoosh_top
from tests.test_compiled import COMMON, RARE, _generation

WORDS = COMMON + RARE[:12] + ["nowhere"]  # "nowhere": no passage holds it
BOOSTS = (1.0, 1.0, 0.8, 0.6, 0.3)  # meant.BOOST's


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """Over 5,000 passages: Whoosh sums any Or as a tree (below, 3+ clauses are preloaded, left to Whoosh)."""
    return _generation(tmp_path_factory.mktemp("large"), 5200)


def _leaf(rng: random.Random) -> query.Query:
    if rng.random() < 0.15:
        return query.Phrase("text", rng.sample(WORDS, rng.choice((2, 2, 3))), boost=rng.choice(BOOSTS))
    return query.Term("text", rng.choice(WORDS), boost=rng.choice(BOOSTS))


def _tree(rng: random.Random, depth: int) -> query.Query:
    if depth == 0 or rng.random() < 0.3:
        return _leaf(rng)
    parts = [_tree(rng, depth - 1) for _ in range(rng.randint(1, 4))]
    shape = rng.choice(("and", "or", "maybe"))
    if shape == "maybe":
        return query.AndMaybe(query.And(parts) if len(parts) > 1 else parts[0], _tree(rng, depth - 1))
    return query.And(parts) if shape == "and" else query.Or(parts, boost=rng.choice((1.0, 1.0, 0.5)))


def _meant(rng: random.Random) -> query.Query:
    """As meant.every builds it: every word, each an Or of its forms, and the optional words' forms maybe."""
    words = [query.Or([_leaf(rng) for _ in range(rng.randint(1, 3))]) for _ in range(rng.randint(2, 3))]
    every = query.And(words)
    return query.AndMaybe(every, query.Or([_leaf(rng)])) if rng.random() < 0.5 else every


def _compiled(gen, q, limit, allow=None):
    return trees.top(gen.postings, q, limit, allow, lambda p: _phrase_docs(gen, p))


def _inner_maybe(q: query.Query, top: bool = True) -> bool:
    """An AndMaybe below the top (a one-clause And or Or is its clause): Whoosh moves its second side to another
    passage than the first's."""
    subs = getattr(q, "subqueries", ())
    if type(q) in (query.And, query.Or) and len(subs) == 1:
        return _inner_maybe(subs[0], top)
    return (not top and type(q) is query.AndMaybe) or any(_inner_maybe(s, False) for s in subs)


def _term(rng: random.Random) -> query.Query:
    return query.Term("text", rng.choice(WORDS), boost=rng.choice(BOOSTS))


@pytest.mark.parametrize("seed", range(4))
def test_every_passage_scored_as_whoosh_scores_it(large, seed):
    """With no limit (/source's best passage per document), any tree of terms, phrases, And, Or, an AndMaybe at the
    top: the same passages, scores and order as Whoosh's."""
    rng = random.Random(seed)
    compared = 0
    for q in [_tree(rng, 3) for _ in range(40)] + [_meant(rng) for _ in range(40)]:
        found = _compiled(large, q, None)
        if _inner_maybe(q):
            assert found is None
            continue
        assert found == whoosh_top(large, q, None, False), q
        compared += bool(found)
    assert compared > 40  # most trees match passages: the lists compared are not empty


@pytest.mark.parametrize("seed", range(4))
def test_the_top_few_of_the_trees_meant_py_builds_are_whooshs(large, seed):
    """Under a limit: terms, an And of terms (every word as typed), an Or of boosted terms (some of the words): the
    same top list as Whoosh's."""
    rng = random.Random(seed)
    compared = 0
    for n in range(120):
        q = query.And([_term(rng) for _ in range(rng.randint(1, 4))]) if n % 2 else \
            query.Or([_term(rng) for _ in range(rng.randint(2, 6))])
        for limit in (1, 10, 60):
            found = _compiled(large, q, limit)
            assert found == whoosh_top(large, q, limit, False), (q, limit)
            compared += bool(found)
    assert compared > 200


def test_other_trees_under_a_limit_are_scored_in_full_not_cut_short_as_whoosh_does(large):
    """Whoosh's top-k skips postings by bounds, and for an Or inside an And it misses the best passages, and of equal
    scores an AndMaybe keeps a later one: for such trees `top` scores every match (Whoosh's exhaustive order) and
    keeps the best (and for phrases, whose positions are Whoosh's)."""
    q = query.And([query.Term("text", "harbour", boost=0.3),
                   query.Or([query.Term("text", "orchard"), query.Term("text", "quill6"),
                             query.Term("text", "quill11", boost=0.8)])])
    every = _compiled(large, q, None)
    assert every == whoosh_top(large, q, None, False)
    assert whoosh_top(large, q, 10, False) != every[:10]  # Whoosh's own top 10 is not the best 10
    assert _compiled(large, q, 10) is None and top(large, q, 10, False) == every[:10]
    maybe = query.AndMaybe(query.Term("text", "harbour", boost=0.8), query.Or(
        [query.Term("text", "orchard", boost=0.8), query.Term("text", "quill5", boost=0.6),
         query.Term("text", "harbour", boost=0.8)]))
    every = _compiled(large, maybe, None)
    assert every == whoosh_top(large, maybe, None, False)
    assert every[0][1] == every[1][1] and whoosh_top(large, maybe, 1, False) == [every[1]]  # not the first of equals
    assert _compiled(large, maybe, 1) is None and top(large, maybe, 1, False) == [every[0]]
    phrase = query.And([query.Phrase("text", ["copper", "orchard"]), query.Term("text", "copper")])
    assert _compiled(large, phrase, None) == whoosh_top(large, phrase, None, False)
    assert _compiled(large, phrase, 10) is None and top(large, phrase, 10, False) == whoosh_top(large, phrase, None, False)[:10]


def test_among_allowed_passages_only(large):
    """/source's best passage of each document: only the passages given are scored."""
    rng = random.Random(5)
    allow = set(rng.sample(range(5200), 700))
    for q in [_meant(rng) for _ in range(20)] + [query.Phrase("text", ["harbour", "ledger"])]:
        expected = whoosh_top(large, q, None, False, allow=allow)
        assert _compiled(large, q, None, allow) == expected
        assert {n for n, _ in expected} <= allow


def test_equal_scores_keep_index_order(large):
    """Passages holding one rare word once, of one length: equal scores, listed by docnum, as Whoosh lists them."""
    q = query.Or([query.Term("text", "quill3"), query.Term("text", "quill4", boost=0.8)])
    every = _compiled(large, q, None)
    assert any(a[1] == b[1] for a, b in zip(every, every[1:]))
    for a, b in zip(every, every[1:]):
        assert a[1] > b[1] or (a[1] == b[1] and a[0] < b[0])
    assert every == whoosh_top(large, q, None, False)


def test_a_phrase_matches_its_words_in_a_row_only(large):
    """A phrase's passages are those with the words in a row, not merely both words."""
    in_a_row = {n for n, _ in _compiled(large, query.Phrase("text", ["harbour", "ledger"]), None)}
    both = {n for n, _ in _compiled(large, query.And([query.Term("text", "harbour"), query.Term("text", "ledger")]), None)}
    assert in_a_row and in_a_row < both
    for n in sorted(in_a_row)[:20]:
        assert "harbour ledger" in large.searcher.stored_fields(n)["excerpt"]


def test_what_is_not_reproduced_is_left_to_whoosh(tmp_path, large):
    """A small index (Whoosh preloads an Or of 3+ clauses, summed in another order), a field not compiled: None, and
    `top` gives Whoosh's answer."""
    small = _generation(tmp_path, 300)
    three = query.Or([query.Term("text", w) for w in COMMON[:3]])
    assert trees.top(small.postings, three, 10, None, lambda p: _phrase_docs(small, p)) is None
    assert top(small, three, 10, False) == whoosh_top(small, three, 10, False)
    assert trees.top(large.postings, query.Term("speaker", "p1"), 10, None, lambda p: _phrase_docs(large, p)) is None
    assert trees.top(large.postings, query.Phrase("quote", ["harbour", "ledger"]), None, None,
                     lambda p: _phrase_docs(large, p)) is None
