"""Whoosh query trees scored from the compiled postings: the same passages and the same scores, to the last bit, as
Whoosh's own matchers give them (tests/test_trees.py compares both on many generated trees).

Whoosh scores a passage by walking a tree of matchers: a term is its BM25F (compiled.py), times its boost where it
has one; an And adds its two sides, an Or adds the sides a passage has, an AndMaybe adds its second side where the
passage has it. Floating-point addition is not associative, so the tree's shape decides a score's last bit, and
with it the order of near-equal passages: the shapes here come from Whoosh's own functions (`make_weighted_tree`
over the same size estimates, `make_binary_tree` for a phrase's words), on stand-ins for its matchers that, like
them, keep equal sizes in order. Each node is evaluated over all candidate passages at once; where a node does
not match, it scores 0.0, which changes no sum.

Whoosh's top-k is not always the top of every passage scored: to skip postings it turns an Or inside an And into an
AndMaybe or an And, moves them by their blocks' upper bounds, and a side left behind is not added (or a passage is
skipped): `((harbour^0.3) AND (orchard OR quill6 OR quill11^0.8))` misses its best two of 5,200 passages, an
AndMaybe of terms keeps a later passage of equal score (tests/test_trees.py), and an AndMaybe inside an And misses
its second side even with no limit. So under a limit only a term, an And of terms and an Or of terms are scored
here as Whoosh's top-k (meant.py's every-word tier of words as typed, with no optional word; its some-words tier);
for other trees search.top asks for every match, scored here, and keeps the best (what Whoosh's exhaustive
collector gives, not its shortcut); with no limit
(/source's best passage of each document), any tree of And, Or and terms, an AndMaybe at the top, and phrases:
Whoosh finds a phrase's passages (positions are not compiled), their words' scores are computed here. Any other
query (a field not compiled, a small index where Whoosh preloads an Or of 3+ clauses and sums it in another
order) gives None: ask Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from whoosh import query
from whoosh.util import make_binary_tree, make_weighted_tree

from .compiled import Postings, _Field, best

PRELOADED = 5000  # Whoosh preloads an Or of 3+ clauses of an index this small (query.Or._matcher)


class Unsupported(Exception):
    """A query Whoosh would match in a way not reproduced here."""


def top(postings: Postings, q: query.Query, limit: int | None, allow: set[int] | None,
        phrase_docs: Callable[[query.Phrase], np.ndarray]) -> list[tuple[int, float]] | None:
    """(docnum, score) of the top `limit` passages matching `q` (None: all), best first, equal scores in docnum order,
    among `allow` only if given: what Whoosh's collector gives. None when `q` is not reproduced here."""
    if not postings.ready:
        return None
    if limit is not None and not _exact_top(q):
        return None
    try:
        root = _Planner(postings, phrase_docs).node(q, top=True)
    except Unsupported:
        return None
    count = postings.stats["doc_count"]
    within = np.array(sorted(allow), dtype=np.int64) if allow is not None else None
    docs = root.matches(within, count)
    if not len(docs):
        return []
    scores, _ = root.scores(docs)
    return best(docs, scores, limit)


def _exact_top(q: query.Query) -> bool:
    """Whether Whoosh's top-k of `q` is the top of every passage scored: a term, an And or an Or of terms."""
    return _terms(q, query.And) or _terms(q, query.Or)


def _terms(q: query.Query, kind: type) -> bool:
    """A term, or a `kind` (And, Or) of terms (a one-clause And or Or is its clause)."""
    while type(q) in (query.And, query.Or) and len(q.subqueries) == 1:
        q = q.subqueries[0]
    if type(q) is query.Term:
        return True
    same = type(q) is kind
    return same and isinstance(q, query.CompoundQuery) and all(_terms(s, query.Term) for s in q.subqueries)


class _Node:
    """A stand-in for one of Whoosh's matchers. Never "less" than another: make_weighted_tree keeps equal sizes in
    the order given, as it does with Whoosh's matchers (equal, or not less, whatever their classes)."""

    def __lt__(self, other: object) -> bool:
        return False

    def matches(self, within: np.ndarray | None, count: int) -> np.ndarray:
        """The passages this node matches (ascending), among `within` (ascending) if given."""
        raise NotImplementedError

    def scores(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Its score for each of `docs` (0.0 where it does not match) and where it matches."""
        raise NotImplementedError


class _Null(_Node):
    """A term no passage holds (Whoosh's NullMatcher)."""

    def matches(self, within: np.ndarray | None, count: int) -> np.ndarray:
        return np.zeros(0, dtype=np.int64)

    def scores(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(len(docs)), np.zeros(len(docs), dtype=bool)


class _Term(_Node):
    def __init__(self, field: _Field, start: int, end: int) -> None:
        self.field, self.start, self.end = field, start, end

    def matches(self, within: np.ndarray | None, count: int) -> np.ndarray:
        held = self.field.docs[self.start:self.end]
        return held if within is None else _both(held, within, count)

    def scores(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.field.scores_at(self.start, self.end, docs)


class _Boost(_Node):
    """WrappingMatcher: the child's score times the boost."""

    def __init__(self, child: _Node, boost: float) -> None:
        self.child, self.boost = child, boost

    def matches(self, within: np.ndarray | None, count: int) -> np.ndarray:
        return self.child.matches(within, count)

    def scores(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        s, present = self.child.scores(docs)
        return s * self.boost, present


class _Union(_Node):
    """UnionMatcher: a + b where a passage has both, else the one it has."""

    def __init__(self, a: _Node, b: _Node) -> None:
        self.a, self.b = a, b

    def matches(self, within: np.ndarray | None, count: int) -> np.ndarray:
        return _any([p.matches(within, count) for p in self._parts()], count)

    def _parts(self) -> list[_Node]:
        """The nodes under this union that are no union: their passages, joined once."""
        return [p for side in (self.a, self.b) for p in (side._parts() if isinstance(side, _Union) else [side])]

    def scores(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        (a, has_a), (b, has_b) = self.a.scores(docs), self.b.scores(docs)
        return a + b, has_a | has_b


class _Intersection(_Node):
    """IntersectionMatcher: a + b, where a passage has both."""

    def __init__(self, a: _Node, b: _Node, sizes: tuple[int, int] = (0, 0)) -> None:
        self.a, self.b = a, b
        self.order = (a, b) if sizes[0] <= sizes[1] else (b, a)  # the smaller side first: fewer passages to check

    def matches(self, within: np.ndarray | None, count: int) -> np.ndarray:
        first, second = self.order
        found = first.matches(within, count)
        return second.matches(found, count) if len(found) else found

    def scores(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        (a, has_a), (b, has_b) = self.a.scores(docs), self.b.scores(docs)
        present = has_a & has_b
        return np.where(present, a + b, 0.0), present


class _Maybe(_Node):
    """AndMaybeMatcher: a's passages; a + b where b matches too, else a."""

    def __init__(self, a: _Node, b: _Node) -> None:
        self.a, self.b = a, b

    def matches(self, within: np.ndarray | None, count: int) -> np.ndarray:
        return self.a.matches(within, count)

    def scores(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        (a, has_a), (b, _) = self.a.scores(docs), self.b.scores(docs)
        return np.where(has_a, a + b, 0.0), has_a


class _Phrase(_Node):
    """SpanNear2's matcher: its words' intersection (a binary tree, in order), only where Whoosh finds them in a
    row."""

    def __init__(self, words: _Node, found: np.ndarray) -> None:
        self.words, self.found = words, found

    def matches(self, within: np.ndarray | None, count: int) -> np.ndarray:
        return self.found if within is None else _both(self.found, within, count)

    def scores(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        s, present = self.words.scores(docs)
        present &= np.isin(docs, self.found, assume_unique=True)
        return np.where(present, s, 0.0), present


class _Planner:
    """Whoosh's matcher tree for a query, as nodes (query.*.matcher, step by step)."""

    def __init__(self, postings: Postings, phrase_docs: Callable[[query.Phrase], np.ndarray]) -> None:
        self.postings = postings
        self.phrase_docs = phrase_docs
        self.count = postings.stats["doc_count"]

    def node(self, q: query.Query, top: bool = False) -> _Node:
        """`top`: the root of the tree."""
        kind = type(q)
        if kind is query.Term:
            return self._term(q)
        if kind is query.Phrase:
            return self._phrase(q)
        if kind is query.AndMaybe and top:  # inside an And, Whoosh moves its second side to the wrong passage
            return _Maybe(self.node(q.a), self.node(q.b))
        if kind in (query.And, query.Or):
            return self._compound(q, top)
        raise Unsupported(kind.__name__)

    def _field(self, name: str) -> _Field:
        field = self.postings.ranked(name)
        if field is None:
            raise Unsupported(name)
        return field

    def _term(self, q: query.Term) -> _Node:
        field = self._field(q.fieldname)
        start, end = field.postings_of(q.text)
        if start == end:
            return _Null()
        node: _Node = _Term(field, start, end)
        return _Boost(node, q.boost) if q.boost != 1.0 else node

    def _phrase(self, q: query.Phrase) -> _Node:
        field = self._field(q.fieldname)
        if q.fieldname != "text" or len(q.words) < 2:  # "quote" has no positions: Whoosh raises
            raise Unsupported("phrase")
        places = [field.postings_of(w) for w in q.words]
        if any(a == b for a, b in places):
            return _Null()  # Phrase.matcher's shortcut: a word no passage holds
        words = make_binary_tree(_Intersection, [_Term(field, a, b) for a, b in places])
        node: _Node = _Phrase(words, np.asarray(self.phrase_docs(q), dtype=np.int64))
        return _Boost(node, q.boost) if q.boost != 1.0 else node

    def _compound(self, q: query.And | query.Or, top: bool) -> _Node:
        subs = q.subqueries
        if not subs:
            return _Null()
        if len(subs) == 1:
            return self.node(subs[0], top)  # CompoundQuery.matcher: one clause is its own matcher, the boost dropped
        if type(q) is query.Or:
            if q.scale or len(subs) >= query.Or.TOO_MANY_CLAUSES or (len(subs) > 2 and self.count <= PRELOADED):
                raise Unsupported("preloaded or scaled Or")
            weighted = [(self.size(s), self.node(s)) for s in subs]
            tree = make_weighted_tree(_Union, weighted)
        else:
            weighted = [(0 - self.size(s), self.node(s)) for s in subs]
            tree = _weighted_intersection(weighted)
        return _Boost(tree, q.boost) if q.boost != 1.0 else tree

    def size(self, q: query.Query) -> int:
        """Whoosh's estimate_size, which shapes its trees."""
        kind = type(q)
        if kind is query.Term:
            start, end = self._field(q.fieldname).postings_of(q.text)
            return end - start
        if kind is query.Phrase or kind is query.And:  # a phrase: the And of its words
            parts = [query.Term(q.fieldname, w) for w in q.words] if kind is query.Phrase else q.subqueries
            return min(self.size(s) for s in parts)
        if kind in (query.Or, query.AndMaybe):  # CompoundQuery.estimate_size
            return min(sum(self.size(s) for s in q.subqueries), self.count)
        raise Unsupported(kind.__name__)


def _weighted_intersection(weighted: list[tuple[int, _Node]]) -> _Node:
    """make_weighted_tree of IntersectionMatchers, each node told its sides' sizes (to intersect the smaller first)."""
    sizes = {id(n): -w for w, n in weighted}

    def join(a: _Node, b: _Node) -> _Node:
        node = _Intersection(a, b, (sizes[id(a)], sizes[id(b)]))
        sizes[id(node)] = min(sizes[id(a)], sizes[id(b)])
        return node
    return make_weighted_tree(join, weighted)


def _both(x: np.ndarray, y: np.ndarray, count: int) -> np.ndarray:
    """The docnums in both ascending arrays."""
    if len(x) > len(y):
        x, y = y, x
    if not len(x):
        return x
    if len(x) * 8 < len(y):  # a few: look each up
        at = np.minimum(np.searchsorted(y, x), len(y) - 1)
        return x[y[at] == x]
    mask = np.zeros(count, dtype=bool)
    mask[y] = True
    return x[mask[x]]


def _any(parts: list[np.ndarray], count: int) -> np.ndarray:
    """The docnums in any of the ascending arrays, ascending."""
    parts = [p for p in parts if len(p)]
    if len(parts) <= 1:
        return parts[0] if parts else np.zeros(0, dtype=np.int64)
    if sum(map(len, parts)) * 64 < count:  # few: sort them
        return np.unique(np.concatenate(parts))
    mask = np.zeros(count, dtype=bool)
    for p in parts:
        mask[p] = True
    return np.flatnonzero(mask)
