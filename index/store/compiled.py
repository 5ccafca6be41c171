"""Postings compiled at reindex, for ranked search: exact BM25F over arrays, scored with numpy.

Whoosh stays the index of record. After a generation's Whoosh index is committed, `write` reads every
posting of the ranked fields back from it (docnums, weights) with the field lengths Whoosh's scorer uses
(decoded from its one-byte lengths) into memory-mapped arrays in `compiled/`. `Postings.top` then gives
the very (docnum, score) list Whoosh's top-k gives for an any-word query:

- each term's score is `whoosh.scoring.bm25`, with the same operations in the same order, in float64;
- a passage's terms are summed in the order Whoosh's union tree sums them (`make_weighted_tree` over
  the terms' document frequencies, run on stand-ins that compare as Whoosh's matchers do), and
  adding 0.0 for a term a passage lacks changes no float;
- best first, ties by docnum, as Whoosh's collector keeps them.

tests/test_compiled.py checks scores and order against Whoosh itself. A generation without the arrays
(built before them, or of several segments) is searched through Whoosh as before.

For literal phrases (`search.literal_phrase`) the hot pairs' passages are compiled too (no scores: they only
find candidates), with each passage's stretch of text: from the blank line before it to the blank line after,
the only text a phrase found through that passage can lie in.
"""

from __future__ import annotations

import json
import math
import os
from array import array
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.query import Or
from whoosh.scoring import BM25F
from whoosh.util import make_weighted_tree

FIELDS = ("text", "quote")  # the fields ranked by words (generations.FIELD)
PAIRS = "pairs"  # hot pairs (hot.py): passages only, for phrase candidates
FOLDER = "compiled"
VERSION = 6
_BM25 = BM25F()  # the weighting a Whoosh searcher uses by default, so its B and K1


def write(generation: Path, spans: list[tuple[int, int]], near: list[tuple[int, int]]) -> None:
    """Compile the postings of the ranked fields of the Whoosh index in `generation` into generation/compiled/,
    with, by docnum, `spans`, the (start, end) in its document of each passage or quotation, and `near`, the
    stretch of its document around each passage (`around`; (-1, -1) where not known, and for quotations)."""
    ix = index.open_dir(str(generation))
    with ix.reader() as reader:
        if not reader.is_atomic() or reader.doc_count_all() != len(near):  # one segment, docnums in order added
            return
        out = generation / f"{FOLDER}.tmp"
        out.mkdir()
        count = reader.doc_count_all()
        stats = {"version": VERSION, "doc_count": count, "field_length": {}}
        for field in FIELDS:
            stats["field_length"][field] = reader.field_length(field)
            _write_field(reader, field, count, out)
        _write_terms(reader, PAIRS, out)
        _write_documents(reader, count, out)
        np.save(out / "spans.npy", np.array(spans, dtype=np.int64).reshape(-1, 2))
        np.save(out / "near.npy", np.array(near, dtype=np.int64).reshape(-1, 2))
        (out / "stats.json").write_text(json.dumps(stats))
    out.rename(generation / FOLDER)


def _write_field(reader, field: str, count: int, out: Path) -> None:
    weights = _write_terms(reader, field, out)
    lengths = [reader.doc_field_length(n, field, 1) or 0 for n in range(count)]  # None: not in this field
    np.save(out / f"{field}.weights.npy", np.frombuffer(weights, dtype=np.float32))  # Whoosh keeps weights as float32
    np.save(out / f"{field}.lengths.npy", np.array(lengths, dtype=np.int32))


def _write_terms(reader, field: str, out: Path) -> array:
    """A field's terms and the passages (docnums) of each, terms in order, held in typed arrays, not lists of Python
    numbers (a 1M-passage index has ~60M postings); returns the postings' weights, in the same order."""
    terms, offsets, docs, weights = [], [0], array("i"), array("f")
    for raw in reader.lexicon(field):
        ids, ws = _postings(reader.postings(field, raw))
        docs += ids
        weights += ws
        terms.append(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
        offsets.append(len(docs))
    np.save(out / f"{field}.docs.npy", np.frombuffer(docs, dtype=np.int32))
    np.save(out / f"{field}.offsets.npy", np.array(offsets, dtype=np.int64))
    # As Whoosh lists them: sorted by their UTF-8 bytes, so found by bisection in the memory-mapped array (a dict
    # of 135,000 hot pairs at 100k would hold ~20 MB of the serving process).
    np.save(out / f"{field}.terms.npy", np.array(terms, dtype=bytes))
    return weights


def around(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of `text` around text[start:end] that a phrase holding a word of it can lie in: a match never
    holds a blank line, so it lies between the last "\n\n" before and the first after (a blank line of spaces
    only widens the stretch). Its ends are newlines or the text's ends, so no word runs across them."""
    lo = max(text.rfind("\n\n", 0, start), 0)
    hi = text.find("\n\n", end)
    return lo, len(text) if hi < 0 else hi + 1


def _postings(m) -> tuple[array, array]:
    """One term's (docnums, weights): a block at a time from Whoosh's own matcher (its block arrays), else a
    posting at a time."""
    ids, weights = array("i"), array("f")
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            if m._weights is None:
                m._read_weights()
            ids.extend(m._ids)
            weights.extend(m._weights)
            m._next_block()
        return ids, weights
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    return ids, weights


def _write_documents(reader, count: int, out: Path) -> None:
    """Which document each passage (docnum) is of: the `doc` column, as an array of places in documents.json."""
    column = reader.column_reader("doc")
    ids: dict[str, int] = {}
    places = [ids.setdefault(column[n], len(ids)) for n in range(count)]
    np.save(out / "documents.npy", np.array(places, dtype=np.int32))
    (out / "documents.json").write_text(json.dumps(list(ids), ensure_ascii=False), encoding="utf-8")


class Postings:
    """A generation's compiled postings, opened on first use (the arrays are memory-mapped)."""

    def __init__(self, generation: Path) -> None:
        self.path = generation / FOLDER
        self.stats = json.loads((self.path / "stats.json").read_text()) if (self.path / "stats.json").exists() else {}
        self.ready = self.stats.get("version") == VERSION
        self._fields: dict[str, Any] = {}  # field -> its _Terms (PAIRS) or _Field

    def top(self, field: str, words: list[str], limit: int | None) -> list[tuple[int, float]] | None:
        """(docnum, score) of the top `limit` passages with any of `words` (distinct), best first, ties by docnum:
        Whoosh's answer to Or([Term(field, w) ...]). None when Whoosh would take another path (then ask it)."""
        count = self.stats["doc_count"]
        # Whoosh's Or preloads an array (summing in another order) for 3+ terms of a small index, or 1,024+.
        if limit is None or not self.ready or not words or len(words) >= Or.TOO_MANY_CLAUSES or (len(words) > 2 and count <= 5000):
            return None
        return self._field(field).top(words, limit)

    def passages(self, terms: list[tuple[str, str]], every: bool) -> np.ndarray | None:
        """The docnums (ascending) of the passages holding every one (`every`) or any of the (field, term)s; None
        when a field is not compiled."""
        if not self.ready or not terms or any(f not in (*FIELDS, PAIRS) for f, _ in terms):
            return None
        found = [self._terms(f).docs_of(t) for f, t in terms]
        if every:
            out = found[0]
            for more in found[1:]:
                out = np.intersect1d(out, more, assume_unique=True)
            return out
        return np.unique(np.concatenate(found))

    def beside(self, docnums: np.ndarray, words: Sequence[str], reach: int) -> np.ndarray:
        """Those of the passages `docnums` (ascending) with each of `words` (terms of "text") in a passage at most
        `reach` docnums away: a superset of those a phrase of the words said around them can run through."""
        keep = np.ones(len(docnums), dtype=bool)
        for w in dict.fromkeys(words):
            has = self._terms("text").docs_of(w)
            if not len(has):
                return docnums[:0]
            close = np.zeros(len(docnums), dtype=bool)
            for step in range(-reach, reach + 1):
                at = np.minimum(np.searchsorted(has, docnums + step), len(has) - 1)
                close |= has[at] == docnums + step
            keep &= close
        return docnums[keep]

    def documents_of(self, docnums: np.ndarray) -> dict[str, list[int]]:
        """{document id: its docnums}, documents in order of their first docnum (`docnums` ascending)."""
        out: dict[str, list[int]] = {}
        names = self._names
        for n, d in zip(docnums.tolist(), self._documents[docnums].tolist()):
            out.setdefault(names[d], []).append(n)
        return out

    def near(self, docnums: np.ndarray) -> list[tuple[str, list[int], list[tuple[int, int]] | None]]:
        """(document, its passages, the stretches of its text around them) for passages `docnums` (ascending),
        documents in order of their first passage; stretches merged where they touch, in text order (None: not
        known, the whole text). A document's passages are in text order, so their stretches' ends never fall."""
        if not len(docnums):
            return []
        docs = self._documents[docnums]
        lo, hi = self._near[docnums].T
        first = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])  # each document's first passage
        opens = np.flatnonzero(np.r_[True, (docs[1:] != docs[:-1]) | (lo[1:] > hi[:-1])])  # each stretch's first
        closes = np.r_[opens[1:], len(docnums)] - 1
        stretches = list(zip(lo[opens].tolist(), hi[closes].tolist()))
        unknown = set(docs[lo < 0].tolist())
        names, ns, out = self._names, docnums.tolist(), []
        bounds = np.r_[first, len(docnums)].tolist()
        cuts = np.searchsorted(opens, bounds).tolist()
        for n, (a, b) in enumerate(zip(bounds, bounds[1:])):
            d = int(docs[a])
            out.append((names[d], ns[a:b], None if d in unknown else stretches[cuts[n]:cuts[n + 1]]))
        return out

    @cached_property
    def _near(self) -> np.ndarray:
        return _mapped(self.path / "near.npy")

    def holding(self, docnums: list[int], start: int, end: int) -> list[int]:
        """Those of `docnums` whose passage holds [start, end) of its document, in the same order (all of
        `docnums` when not compiled)."""
        if not self.ready:
            return docnums
        spans = self._spans[docnums].tolist()
        return [n for n, (a, b) in zip(docnums, spans) if a <= start and end <= b]

    @cached_property
    def _spans(self) -> np.ndarray:
        return _mapped(self.path / "spans.npy")

    def document_of(self, docnum: int) -> str:
        return self._names[int(self._documents[docnum])]

    @cached_property
    def _documents(self) -> np.ndarray:
        return _mapped(self.path / "documents.npy")

    @cached_property
    def _names(self) -> list[str]:
        return json.loads((self.path / "documents.json").read_text(encoding="utf-8"))

    def ranked(self, field: str) -> _Field | None:
        """A ranked field's postings, weights and lengths (trees.py scores queries with them); None: not compiled."""
        return self._field(field) if self.ready and field in FIELDS else None

    def _field(self, field: str) -> _Field:
        if field not in self._fields:
            self._fields[field] = _Field(self.path, field, self.stats["doc_count"], self.stats["field_length"][field])
        return self._fields[field]

    def _terms(self, field: str) -> _Terms:
        if field not in self._fields:
            self._fields[field] = self._field(field) if field in FIELDS else _Terms(self.path, field)
        return self._fields[field]


class _Terms:
    """A field's terms and the passages holding each."""

    def __init__(self, path: Path, field: str) -> None:
        self.path, self.field = path, field
        self.docs = _Column(path / f"{field}.docs.npy")
        self.offsets = _mapped(path / f"{field}.offsets.npy")

    @cached_property
    def _terms(self) -> np.ndarray:
        return _mapped(self.path / f"{self.field}.terms.npy")

    def at(self, term: str) -> int | None:
        """The term's place in the field's sorted terms; None when no passage holds it."""
        key = term.encode("utf-8")
        if not self._terms.size or len(key) > self._terms.itemsize:
            return None
        i = int(np.searchsorted(self._terms, key))
        return i if i < len(self._terms) and self._terms[i] == key else None

    def docs_of(self, term: str) -> np.ndarray:
        """The docnums of the passages holding `term`, ascending."""
        if (i := self.at(term)) is None:
            return np.zeros(0, dtype=np.int32)
        return np.asarray(self.docs[int(self.offsets[i]):int(self.offsets[i + 1])])


class _Field(_Terms):
    """A ranked field: with the postings' weights and the passages' lengths, for BM25F."""

    def __init__(self, path: Path, field: str, count: int, total_length: int) -> None:
        super().__init__(path, field)
        self.count = count
        self.avgfl = total_length / (count or 1) or 1  # Searcher.avg_field_length, as BM25FScorer takes it
        self.weights = _Column(path / f"{field}.weights.npy")
        self.lengths = _mapped(path / f"{field}.lengths.npy")

    def top(self, words: list[str], limit: int) -> list[tuple[int, float]]:
        found = [self.at(w) for w in words]
        spans = [(int(self.offsets[i]), int(self.offsets[i + 1])) if i is not None else (0, 0) for i in found]
        present = [s for s in spans if s[1] > s[0]]
        if not present:
            return []
        docs = np.unique(np.concatenate([self.docs[a:b] for a, b in present]))
        leaves = [self._scores(a, b, docs) if b > a else None for a, b in spans]
        scores = _tree_sum(words, spans, leaves)
        return best(docs, scores, limit)

    def _scores(self, a: int, b: int, docs: np.ndarray) -> np.ndarray:
        """One term's BM25F score for each of `docs` (0.0 where it is absent): whoosh.scoring.bm25, step by step."""
        ids = self.docs[a:b]
        out = np.zeros(len(docs))
        out[np.searchsorted(docs, ids)] = self._bm25(a, b, self.weights[a:b], ids)
        return out

    def postings_of(self, term: str) -> tuple[int, int]:
        """Where the term's postings are in the field's arrays: [start, end) ((0, 0): no passage holds it)."""
        i = self.at(term)
        return (int(self.offsets[i]), int(self.offsets[i + 1])) if i is not None else (0, 0)

    def scores_at(self, a: int, b: int, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The score of the term with postings [a, b) for each of `docs` (ascending; 0.0 where it is absent), and
        where it is present."""
        held = self.docs[a:b]
        if len(docs) * 8 < len(held) or len(held) < 64:  # few docs: look each up
            at = np.minimum(np.searchsorted(held, docs), max(len(held) - 1, 0))
            present = held[at] == docs if len(held) else np.zeros(len(docs), dtype=bool)
        else:  # many: one pass over the postings
            place = np.full(len(self.lengths), -1, dtype=np.int64)
            place[held] = np.arange(len(held))
            at = place[docs]
            present = at >= 0
        out = np.zeros(len(docs))
        if present.any():
            out[present] = self._bm25(a, b, self.weights[a:b][at[present]], docs[present])
        return out, present

    def _bm25(self, a: int, b: int, weights: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """BM25F of the term with postings [a, b) in passages `ids`, of these `weights` (their term frequencies):
        whoosh.scoring.bm25, step by step, in float64."""
        tf = weights.astype(np.float64)
        fl = self.lengths[ids].astype(np.float64)
        idf = math.log(self.count / ((b - a) + 1)) + 1  # Weighting.idf
        B, K1 = _BM25.B, _BM25.K1
        # idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))), evaluated left to right as Python does
        return idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + (B * fl) / self.avgfl)))


class _Column:
    """A 1-D array in a .npy file read a slice at a time (pread): its pages stay the kernel's cache, never this
    process's memory, where a mapped array keeps every page it touched (postings: 7 MB at 100k, 60 MB at 1M)."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as f:
            major, _ = np.lib.format.read_magic(f)
            header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
            shape, _, self.dtype = header(f)
            self.start = f.tell()
        self.length = shape[0]
        self._fd = os.open(path, os.O_RDONLY)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, part: slice) -> np.ndarray:
        a, b, _ = part.indices(self.length)
        size = self.dtype.itemsize
        return np.frombuffer(os.pread(self._fd, max(b - a, 0) * size, self.start + a * size), dtype=self.dtype)

    def __del__(self) -> None:
        os.close(self._fd)


def _mapped(path: Path) -> np.ndarray:
    """The array in a .npy file, read through the page cache (a plain ndarray view: numpy's memmap class adds a
    Python call to every index)."""
    return np.asarray(np.load(path, mmap_mode="r"))


def _tree_sum(words: list[str], spans: list[tuple[int, int]], leaves: list[np.ndarray | None]) -> np.ndarray:
    """The terms' scores summed in the shape of Whoosh's union tree (DefaultOr: weighted by document frequency)."""
    if len(leaves) == 1:
        return leaves[0]  # type: ignore[return-value]  # one present term at least (checked by the caller)
    tree = make_weighted_tree(_Union, [(b - a, _Leaf(s) if s is not None else _Null())
                                       for (a, b), s in zip(spans, leaves)])
    return tree.sum()


class _Matcher:
    """Compares as Whoosh's matchers do (equal and "less" when of the same class), so the tree is Whoosh's."""

    def __eq__(self, other: object) -> bool:
        return self.__class__ is type(other)

    def __lt__(self, other: object) -> bool:
        return type(other) is self.__class__

    def __gt__(self, other: object) -> bool:
        return not (self.__lt__(other) or self.__eq__(other))

    def __hash__(self) -> int:
        return id(self)


class _Leaf(_Matcher):
    def __init__(self, scores: np.ndarray) -> None:
        self.scores = scores

    def sum(self) -> np.ndarray | None:
        return self.scores


class _Null(_Matcher):
    """A term no passage holds (Whoosh: a NullMatcher)."""

    def sum(self) -> np.ndarray | None:
        return None


class _Union(_Matcher):
    def __init__(self, a: _Matcher, b: _Matcher) -> None:
        self.a, self.b = a, b

    def sum(self) -> np.ndarray | None:
        a, b = self.a.sum(), self.b.sum()  # type: ignore[attr-defined]
        if a is None or b is None:
            return b if a is None else a
        return a + b


def best(docs: np.ndarray, scores: np.ndarray, limit: int | None) -> list[tuple[int, float]]:
    """The top `limit` (docnum, score) (None: all), best first, equal scores in docnum order (Whoosh's collector
    keeps the first it met of equal scores; with no limit it sorts them so)."""
    if limit is not None and len(docs) > limit:
        cut = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= cut
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return [(int(docs[i]), float(scores[i])) for i in order]
