"""Searching one generation: every search path, each exact.

- `ranked`: exact BM25F top-k over the analysed words (any of them, or all of
  them). Whoosh's top-k collector prunes with per-block and per-term upper
  bounds (block-max / MaxScore): it skips only postings that cannot enter the
  top k, so the hits are those of scoring every match (tests/test_search.py
  and `make bench-verify` compare them with exhaustive scoring).
- `literal_phrase`: the documents whose text says the typed words, in order
  (`analysis.literal`). The index finds candidates by analysed terms (a
  superset: stems, stop words dropped); every candidate is checked on the
  document text, and every candidate document is checked, so counts are true.
- `stemmed_phrase`: passages with the analysed terms in a row: said in other
  word forms.
- `by_speaker`: quotations of one person.

Phrases of hot words find candidates through pairs (`hot.py`) instead of long
position lists; the candidates are still checked on the text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np
from whoosh import collectors, query

from ..text.analysis import TOKEN, fold, literal, pairs, term, word
from ..text.headings import within
from ..text.numbers import SPACES
from . import trees
from .generations import FIELD, Generation


@dataclass
class Hit:
    kind: str
    doc: str
    start: int
    end: int
    excerpt: str
    score: float
    sentences: list = field(default_factory=list)
    speaker: str | None = None
    also_in: list[str] = field(default_factory=list)
    group: int | None = None
    reworded_in: list[str] = field(default_factory=list)  # documents quoting the same words differently


@dataclass
class Said:
    """Where a document first says a phrase literally: text[start:end] of the document."""

    doc: str
    start: int
    end: int
    passages: list[int] = field(default_factory=list)  # candidate passages (docnums) of the document
    written: list[str] = field(default_factory=list)  # the document's own writing of typed numbers written otherwise


# -- ranked ----------------------------------------------------------------------


def search(gen: Generation, words: list[str], kind: str, mode: str = "any", limit: int = 50,
           speaker: str | None = None, per_doc: bool = False) -> list[Hit]:
    """Hits for analysed `words`, exact BM25F order: any of them, all of them, or (passages) in a row.

    per_doc: only the best hit of each document.
    """
    if speaker:
        return by_speaker(gen, speaker, words, limit)
    if mode == "phrase" and words:
        return run(gen, stemmed(words), limit, per_doc)
    return ranked(gen, words, kind, mode, limit, per_doc)


def ranked(gen: Generation, words: list[str], kind: str, mode: str = "any", limit: int = 50,
           per_doc: bool = False) -> list[Hit]:
    """Exact BM25F top `limit`: passages (or quotations) with any (mode="any") or all ("all") of `words`."""
    if not words:
        return []
    if mode == "any" and not per_doc:
        return [hit(gen, n, score) for n, score in ranked_ids(gen, words, kind, mode, limit)]
    # Repeated words: Whoosh's Or scores a repeated term twice; a query is a set of words here.
    parts = [query.Term(FIELD[kind], w) for w in dict.fromkeys(words)]
    return run(gen, query.And(parts) if mode == "all" else query.Or(parts), limit, per_doc)


def by_speaker(gen: Generation, speaker: str, words: list[str], limit: int) -> list[Hit]:
    """Quotations of `speaker` (a person id), with all of `words` if any are given."""
    clauses = [query.Term("speaker", speaker)] + [query.Term("quote", w) for w in words]
    return run(gen, query.And(clauses) if len(clauses) > 1 else clauses[0], limit, False)


def run(gen: Generation, q: query.Query, limit: int | None, per_doc: bool) -> list[Hit]:
    """Top `limit` hits of `q` (None: every hit, each one scored: the brute force the tests compare with)."""
    return [hit(gen, n, score) for n, score in top(gen, q, limit, per_doc)]


def ranked_ids(gen: Generation, words: list[str], kind: str, mode: str = "any",
               limit: int = 50) -> list[tuple[int, float]]:
    """`ranked`, as (docnum, score): stored fields are read later, only for the hits shown (`hit`)."""
    if not words:
        return []
    distinct = list(dict.fromkeys(words))
    if mode == "any" and (found := gen.postings.top(FIELD[kind], distinct, limit)) is not None:
        return found  # the same list as Whoosh's, from the compiled postings (compiled.py)
    parts = [query.Term(FIELD[kind], w) for w in distinct]
    return top(gen, query.And(parts) if mode == "all" else query.Or(parts), limit, False)


def top(gen: Generation, q: query.Query, limit: int | None, per_doc: bool,
        allow: set[int] | None = None) -> list[tuple[int, float]]:
    """(docnum, score) of the top `limit` matches of `q`, best first, ties in index order.

    allow: only these docnums (scored only they). Not with per_doc: a CollapseCollector around a
    FilterCollector would bypass its check.
    """
    if not per_doc:
        phrases = partial(_phrase_docs, gen)
        if (found := trees.top(gen.postings, q, limit, allow, phrases)) is not None:
            return found  # Whoosh's list, scored from the compiled postings (trees.py)
        if limit is not None and (every := trees.top(gen.postings, q, None, allow, phrases)) is not None:
            # Whoosh's top `limit` of this tree can miss its best passages (trees.py): every match scored instead
            return every[:limit]
    return whoosh_top(gen, q, limit, per_doc, allow)


def whoosh_top(gen: Generation, q: query.Query, limit: int | None, per_doc: bool,
               allow: set[int] | None = None) -> list[tuple[int, float]]:
    """`top` by Whoosh's own collectors and matchers."""
    with gen.lock:
        searcher = gen.searcher
        collector = Deadline(searcher.collector(limit=limit), gen.time_limit)
        if per_doc:
            collector = collectors.CollapseCollector(collector, "doc", limit=1)
        elif allow is not None:
            collector = collectors.FilterCollector(collector, allow=allow)
        try:
            searcher.search_with_collector(q, collector)
        except collectors.TimeLimit:
            pass
        results = collector.results()
        return [(results.docnum(i), results.score(i)) for i in range(results.scored_length())]


def _phrase_docs(gen: Generation, q: query.Phrase) -> np.ndarray:
    """The passages with a phrase's words in a row, ascending: positions are Whoosh's alone."""
    with gen.lock:
        return np.fromiter(gen.searcher.docs_for_query(q), dtype=np.int64)


def hit(gen: Generation, docnum: int, score: float) -> Hit:
    with gen.lock:
        return _hit(_stored(gen, docnum), score)


def _stored(gen: Generation, docnum: int) -> dict:
    """A passage's stored fields (under gen.lock). Whoosh's reader copies them into a new dict of only the schema's
    fields, which here are all of them (one schema: generations.SCHEMA): a one-segment index's own per-document
    reader is asked directly (a quarter of the cost of reading them, ~30 passages an answer)."""
    reader = gen.searcher.reader()
    perdoc = getattr(reader, "_perdoc", None)
    return perdoc.stored_fields(docnum) if perdoc is not None else reader.stored_fields(docnum)


def document_of(gen: Generation, docnum: int) -> str:
    if gen.postings.ready:
        return gen.postings.document_of(docnum)
    with gen.lock:  # a column reader seeks in a shared file, like the searcher
        return gen.doc_column[docnum]


def doc_frequency(gen: Generation, word: str) -> int:
    """How many passages hold the analysed `word`."""
    with gen.lock:
        return gen.searcher.doc_frequency("text", word)


class Deadline(collectors.WrappingCollector):
    """Stops a search after `seconds`, keeping what it collected; the clock is read every 256 matches.

    Whoosh's TimeLimitCollector starts a timer thread per search and feeds its
    child's collect() directly, which bypasses a CollapseCollector around it.
    """

    def __init__(self, child: collectors.Collector, seconds: float) -> None:
        super().__init__(child)
        self.seconds = seconds

    def matches(self):
        stop = time.monotonic() + self.seconds
        for n, docnum in enumerate(self.child.matches()):
            if n % 256 == 0 and time.monotonic() > stop:
                raise collectors.TimeLimit
            yield docnum


def _hit(stored, score: float) -> Hit:
    return Hit(
        kind=stored["kind"], doc=stored["doc"], start=stored["start"], end=stored["end"],
        excerpt=stored["excerpt"], score=float(score or 0), sentences=stored.get("sentences") or [],
        speaker=stored.get("speaker") or None, also_in=stored.get("also_in") or [],
        group=stored.get("group"), reworded_in=stored.get("reworded_in") or [],
    )


# -- phrases ---------------------------------------------------------------------


def candidates(gen: Generation, words: list[str]) -> query.Query:
    """Passages from which every document saying the analysed `words` in a row can be found: a superset.

    A phrase may run across a passage cut (long sentences are cut at a space), so candidates are
    whole documents: with a rarer word, every passage holding the rarest one (at most HOT_DF); with
    only hot words, passages holding every pair (hot.py puts the pairs across a cut in the later
    passage). Every candidate document is then checked on its text.
    """
    cold = [w for w in dict.fromkeys(words) if not gen.is_hot(w)]
    if cold:
        rarest = min(cold, key=lambda w: doc_frequency(gen, w))
        return query.Term("text", rarest)
    if len(words) == 1:
        return query.Term("text", words[0])
    return query.And([query.Term("pairs", p) for p in dict.fromkeys(pairs(words))])


def _persian_candidates(words: list[str]) -> query.Query:
    """Passages holding a word of a Persian phrase, or two of its words written as one: a superset."""
    joined = ["".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1)]
    return query.Or([query.Term("text", w) for w in dict.fromkeys(words + joined)])


def stemmed(words: list[str]) -> query.Query:
    """Passages with the analysed `words` in a row (stems; stop words skipped)."""
    return query.Phrase("text", words) if len(words) > 1 else query.Term("text", words[0])


def every_word(words: list[str]) -> query.Query:
    return query.And([query.Term("text", w) for w in dict.fromkeys(words)])


def documents(gen: Generation, q: query.Query) -> list[str]:
    """Every document with a passage matching `q`, in index order (no scoring, no limit: for true counts)."""
    return list(passages_by_document(gen, q))


def passages_by_document(gen: Generation, q: query.Query) -> dict[str, list[int]]:
    """{document: its passages (docnums) matching `q`}, documents in index order."""
    if gen.postings.ready:
        return gen.postings.documents_of(_docnums(gen, q))
    out: dict[str, list[int]] = {}
    with gen.lock:
        column = gen.doc_column
        for n in gen.searcher.docs_for_query(q):
            out.setdefault(column[n], []).append(n)
    return out


def _terms_of(q: query.Query) -> tuple[list[tuple[str, str]], bool] | None:
    """A term, or every or any of some terms: ([(field, term), ...], every); None for any other query."""
    if isinstance(q, query.Term):
        return [(q.fieldname, q.text)], True
    if isinstance(q, (query.And, query.Or)) and q.subqueries and all(type(s) is query.Term for s in q.subqueries):
        return [(s.fieldname, s.text) for s in q.subqueries], isinstance(q, query.And)
    return None


def literal_phrase(gen: Generation, text: str) -> list[Said] | None:
    """Every document whose text says `text` literally, with where it first does outside a heading (or in one,
    when only a heading says it); None: no word to look up."""
    words = [t for t in (term(w) for w in literal(text)) if t]
    if not words:
        return None
    phrase = Literal(text)
    found = []
    # Persian written joined, spaced or with a ZWNJ (نسل‌های = نسلهای = نسل های): any word or pair may be the term
    among = _persian_candidates(words) if phrase.persian else candidates(gen, words)
    # the match's words are in its passage or in one it runs on into: at most one passage per typed word away
    beside = [] if phrase.persian else words
    for doc, passages, near in _near_candidates(gen, among, beside, len(phrase.tokens) - 1):
        folded, base = gen.folded_around(doc, near)
        span = phrase.search(folded, gen.meta.headings.get(doc, []), partial(gen.text, doc), near, base)
        if span:
            # the text is read only for a number, whose writing may differ from what was typed
            found.append(Said(doc, *span, passages, phrase.written(gen.text(doc), span) if phrase.numbers else []))
    return found


def _near_candidates(gen: Generation, q: query.Query, words: Sequence[str] = (), reach: int = 0,
                     ) -> list[tuple[str, list[int], list[tuple[int, int]] | None]]:
    """(document, its passages matching `q`, the stretches of its text around them or None: all of it); with
    `words`, only the passages with each of them at most `reach` passages away."""
    if not gen.postings.ready:
        return [(doc, passages, None) for doc, passages in passages_by_document(gen, q).items()]
    return gen.postings.near(gen.postings.beside(_docnums(gen, q), words, reach))


def _docnums(gen: Generation, q: query.Query) -> np.ndarray:
    """The passages matching `q`, ascending: from the compiled postings, else from Whoosh (a phrase, a Persian
    word's joined forms)."""
    if (terms := _terms_of(q)) is not None and (found := gen.postings.passages(*terms)) is not None:
        return found
    with gen.lock:
        return np.fromiter(gen.searcher.docs_for_query(q), dtype=np.int64)


def best_in(gen: Generation, q: query.Query, passages: dict[str, list[int]], docs: list[str],
            unless: Callable[[Hit], bool] = lambda h: False) -> list[Hit]:
    """The best passage matching `q` of each of `docs` (in the order of `docs`), among their `passages`
    (`passages_by_document(gen, q)`): one search, scoring only those passages. A passage `unless` holds true
    for (a heading) is a document's best only when none of its other passages match."""
    allow = {n for d in docs for n in passages[d]}
    if not allow:
        return []
    best: dict[str, Hit] = {}
    fallback: dict[str, Hit] = {}
    for n, score in top(gen, q, None, False, allow=allow):  # best first
        doc = document_of(gen, n)
        if doc not in best:  # stored fields are read only until a document's best is found
            found = hit(gen, n, score)
            if not unless(found):
                best[doc] = found
            else:
                fallback.setdefault(doc, found)
    return [best.get(d) or fallback[d] for d in docs]


def passage_at(gen: Generation, said: Said) -> Hit:
    """The passage holding a literal match; when the match crosses passages, the passages it spans, joined.

    A passage holding the whole match has its terms in a row, so it is one of the candidates; only a match
    across passages needs the document's other passages.
    """
    with gen.lock:
        for n in gen.postings.holding(said.passages, said.start, said.end):  # stored fields are costly to read
            hit = _hit(_stored(gen, n), 0.0)
            if hit.start <= said.start and said.end <= hit.end:
                return _keep_whole(hit, said)
        hits = [_hit(_stored(gen, n), 0.0)
                for n in gen.searcher.docs_for_query(query.Term("doc", said.doc))]
    spanning = sorted((h for h in hits if h.kind == "passage" and h.start < said.end and said.start < h.end),
                      key=lambda h: h.start)
    first = spanning[0]
    if len(spanning) == 1 and first.start <= said.start and said.end <= first.end:
        return _keep_whole(first, said)
    start, end = min(first.start, said.start), max(spanning[-1].end, said.end)
    return _keep_whole(Hit(kind="passage", doc=said.doc, start=start, end=end, excerpt=gen.text(said.doc)[start:end],
                           score=0.0, sentences=[s for h in spanning for s in h.sentences]), said)


def _keep_whole(hit: Hit, said: Said) -> Hit:
    """The sentences the match spans become one, so an excerpt cut to sentences keeps the whole match."""
    inside = [s for s in hit.sentences if s[0] < said.end and said.start < s[1]]
    if inside:
        merged = [min(s[0] for s in inside + [[said.start]]), max(s[1] for s in inside + [[0, said.end]])]
        hit.sentences = [s for s in hit.sentences if s not in inside] + [merged]
        hit.sentences.sort()
    return hit


# Between two typed words, the text may have whitespace, apostrophes and hyphens (folded), nothing else,
# unless the user typed other punctuation there.
_AROUND = frozenset('.,;:!?()"')  # no token holds these or is joined across them (analysis.TOKEN)
_FOLDED_GAP = "\\s'’ʼ‘`´\\-‐‑‒–—\u00ad"
_GAP = re.compile(f"[{_FOLDED_GAP}]+")
_BLANK_LINE = re.compile(r"\n\s*\n")


class Literal:
    """The words of a typed phrase, in order, whole words, found in folded text (`analysis.fold`).

    Between two words the text may have whitespace, apostrophes and hyphens, not a blank line; where the
    user typed other punctuation, any punctuation. The common case, the words with single spaces, is a
    plain substring search; the pattern for every other spelling is compiled only when that finds nothing.
    A number matches every writing of it (30000, 30,000, 30 000, ۳۰٬۰۰۰): the match is the document's
    own text, and `written` says how the document writes it when that is not as typed.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = list(TOKEN.finditer(text))
        self.words = [word(t.group()) for t in self.tokens]
        self.numbers = any(w[:1].isdigit() for w in self.words)
        gaps = [text[a.end():b.start()] for a, b in zip(self.tokens, self.tokens[1:])]
        plain = all(g and _GAP.fullmatch(g) for g in gaps) and not self.numbers  # a number: every writing of it
        self.persian = bool(_PERSIAN_LETTER.search(text))  # joined, spaced or ZWNJ: the pattern's, not one needle
        self.needle = " ".join(fold(t.group()) for t in self.tokens) if plain and not self.persian else None
        # Where the needle stands between whitespace, whether it is whole words depends on the needle alone when
        # it has no digit (no number grouping, no look-behind of TOKEN's) and no bracket (no marker): known once.
        alone = self.needle is not None and not any(c.isdigit() or c == "[" for c in self.needle)
        self._whole_alone = _whole(self.needle, 0, len(self.needle)) if alone and self.needle else None
        self._pattern: re.Pattern | None = None
        self._text: Callable[[], str] | None = None
        self._unfolded: str | None = None
        self._base = 0

    def search(self, folded: str, avoid: Sequence[tuple[int, int]] = (),
               text: Callable[[], str] | None = None,
               stretches: Sequence[tuple[int, int]] | None = None, base: int = 0) -> tuple[int, int] | None:
        """The first place `folded` says the phrase outside the `avoid` spans (headings); else the first place.

        text: the unfolded text, read only where a bracket stands by a match: "[R]DMA" is the tokens R and DMA,
        as the index reads it, but folded "[r]" would be a footnote marker glued to "dma".
        stretches: the only (start, end) parts of the text that can hold a match, in order (None: all of it).
        base: where in the text `folded` starts (it may hold only the stretches' part); every offset given and
        returned is of the whole text.
        """
        self._text, self._unfolded, self._base = text, None, base
        first = None
        near = [(a - base, b - base) for a, b in stretches] if stretches else [(0, len(folded))]
        for a, b in self._finditer(folded, near):
            span = (a + base, b + base)
            if not within(avoid, *span):
                return span
            first = first or span
        return first

    def _finditer(self, folded: str, stretches: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """The places the phrase is said within `stretches`: the plain substring's first, then the pattern's (every
        spelling; compiled only when no plain one will do)."""
        if self.needle:
            for lo, hi in stretches:
                at = folded.find(self.needle, lo, hi)
                while at >= 0:
                    end = at + len(self.needle)
                    if self._alone(folded, at, end) if self._whole_alone is not None else self._whole(folded, at, end):
                        yield at, end
                    at = folded.find(self.needle, at + 1, hi)
        pattern = self.pattern()
        for lo, hi in stretches:
            m = None
            while m := pattern.search(folded, m.start() + 1 if m else lo, hi):  # overlapping tries: "ab ab" in "xab ab ab"
                if (not _BLANK_LINE.search(m.group()) and self._whole(folded, m.start(), m.end())
                        and self._same(folded, m)):
                    yield m.span()

    def _alone(self, folded: str, start: int, end: int) -> bool:
        """_whole for the needle at folded[start:end], without tokenising again where only whitespace and marks no
        token holds (_AROUND) stand between it and the words around it."""
        a, b = start, end
        while a > 0 and folded[a - 1] in _AROUND:
            a -= 1
        while b < len(folded) and folded[b] in _AROUND:
            b += 1
        if (a == 0 or folded[a - 1].isspace()) and (b == len(folded) or folded[b].isspace()):
            return self._whole_alone  # type: ignore[return-value]  # not None: checked by the caller
        return self._whole(folded, start, end)

    def _whole(self, folded: str, start: int, end: int) -> bool:
        """Whole words of the text as the index cuts them (the unfolded text's tokens where a bracket is near)."""
        if self._text is not None and "[" in folded[_word_start(folded, start):_word_end(folded, end)]:
            self._unfolded = self._unfolded if self._unfolded is not None else self._text()
            return _whole(self._unfolded, start + self._base, end + self._base)
        return _whole(folded, start, end)

    def _same(self, folded: str, m: re.Match) -> bool:
        """A number's pattern allows what the tokens may not: "30 000" in "July 30 000" is two numbers."""
        return not self.numbers or [word(t.group()) for t in TOKEN.finditer(folded, *m.span())] == self.words

    def written(self, text: str, span: tuple[int, int]) -> list[str]:
        """The words of text[span] (a match) that the document writes otherwise than typed: "30,000" for 30000."""
        if not self.numbers:
            return []
        typed = [fold(t.group()) for t in self.tokens]
        said = list(TOKEN.finditer(text, *span))
        return [t.group() for t, mine in zip(said, typed) if fold(t.group()) != mine]

    def pattern(self) -> re.Pattern:
        if self._pattern is None and self.persian and not self.numbers:
            self._pattern = _persian_pattern([fold(t.group()) for t in self.tokens])
        if self._pattern is None:
            parts = []
            for before, tok, w in zip([None, *self.tokens], self.tokens, self.words):
                if before is not None:
                    typed = self.text[before.end():tok.start()]
                    parts.append("" if not typed else f"[{_FOLDED_GAP}]+" if _GAP.fullmatch(typed) else r"[\W_]+")
                parts.append(_writings(w) if w[:1].isdigit() else re.escape(fold(tok.group())))
            self._pattern = re.compile("".join(parts))
        return self._pattern


_PERSIAN_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_JOINER = "[\u200c ]?"  # Persian writes a compound joined, spaced or with a ZWNJ


def _persian_pattern(words: list[str]) -> re.Pattern:
    """Folded Persian words as the text may write them: between any two letters of the phrase (Persian words
    typed one after another), nothing, a space or a ZWNJ; other words and their gaps as typed."""
    parts: list[str] = []
    for n, w in enumerate(words):
        persian = bool(_PERSIAN_LETTER.search(w))
        before = n > 0 and persian and bool(_PERSIAN_LETTER.search(words[n - 1]))
        if n:
            parts.append(_JOINER if before else f"[{_FOLDED_GAP}]+")
        letters = w.replace("\u200c", "")
        parts.append(_JOINER.join(map(re.escape, letters)) if persian else re.escape(w))
    return re.compile("".join(parts))


def _writings(number: str) -> str:
    """A pattern for every writing of a number term in folded text: 30000 as 30000, 30,000, 30.000, 30 000, ..."""
    whole, dot, decimal = number.partition(".")
    if not whole.isdigit():
        return re.escape(number)  # "1.2.3": written one way
    forms = [re.escape(whole)]
    if len(whole) > 3:
        first = len(whole) % 3 or 3
        groups = [whole[:first]] + [whole[i:i + 3] for i in range(first, len(whole), 3)]
        forms.append("|".join(re.escape(sep).join(groups) for sep in (",", ".", *SPACES)))
    return f"(?:{'|'.join(forms)})" + (f"[.,]{re.escape(decimal)}" if dot else "")


def _whole(text: str, start: int, end: int) -> bool:
    """Whole words as the index cuts them: the match starts and ends where tokens do, and no token runs on
    into it ("G" in "4G", "16" in "16MB", "0" in "8.0" are not whole words)."""
    a, b = _word_start(text, start), _word_end(text, end)
    starts, ends = set(), set()
    for m in TOKEN.finditer(text, a, b):
        starts.add(m.start())
        ends.add(m.end())
    return start in starts and start not in ends and end in ends and end not in starts


def _word_start(text: str, a: int) -> int:
    """Where the token around `a` may start: the last whitespace before it, unless it groups digits ("30 000")."""
    while a > 0 and (not text[a - 1].isspace() or _grouping(text, a - 1)):
        a -= 1
    return a


def _word_end(text: str, b: int) -> int:
    while b < len(text) and (not text[b].isspace() or _grouping(text, b)):
        b += 1
    return b


def _grouping(text: str, i: int) -> bool:
    """Whether the space text[i] may stand between two groups of one number."""
    return text[i] in SPACES and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def first_per_doc(hits: Iterable[Hit], limit: int) -> list[Hit]:
    """The first hit of each document, in the order given, up to `limit` documents."""
    out, seen = [], set()
    for hit in hits:
        if hit.doc not in seen:
            seen.add(hit.doc)
            out.append(hit)
            if len(out) == limit:
                break
    return out


# -- the index's own vocabulary (words as meant: index/answers/meant.py) ------------------------------------


def near_terms(gen: Generation, word: str, prefix: int = 1) -> list[str]:
    """Terms of the index one edit from the analysed `word` (sharing its first `prefix` letters), rarest last."""
    with gen.lock:
        reader = gen.searcher.reader()
        found = [t for t in map(_text, reader.terms_within("text", word, 1, prefix=prefix)) if t != word]
        return sorted(found, key=lambda t: -reader.doc_frequency("text", t))


def longer_terms(gen: Generation, word: str, limit: int = 3) -> list[str]:
    """The commonest terms of the index that start with the analysed `word` and are longer ("mojahed" → "mojahedin")."""
    with gen.lock:
        reader = gen.searcher.reader()
        found = [t for t in map(_text, reader.expand_prefix("text", word)) if t != word]
        return sorted(found, key=lambda t: -reader.doc_frequency("text", t))[:limit]


def _text(t: str | bytes) -> str:
    """A term as Whoosh's lexicon gives it (bytes from some readers), as text."""
    return t.decode("utf-8") if isinstance(t, bytes) else t


def written_as(gen: Generation, word: str, passages: int = 1) -> list[str]:
    """How the first `passages` passages holding the analysed `word` write it: their tokens with that term."""
    found: dict[str, None] = {}
    for n, _ in top(gen, query.Term("text", word), passages, False):
        found |= dict.fromkeys(m.group() for m in TOKEN.finditer(hit(gen, n, 0.0).excerpt) if term(m.group()) == word)
    return list(found)


def said_in_a_row(gen: Generation, words: Sequence[str]) -> bool:
    """Whether some passage holds the analysed `words` in a row (one word: holds it)."""
    if len(words) == 1:
        return doc_frequency(gen, words[0]) > 0
    if any(not doc_frequency(gen, w) for w in words):
        return False
    with gen.lock:
        return any(True for _ in gen.searcher.docs_for_query(stemmed(list(words))))


def top_ids(gen: Generation, q: query.Query, limit: int) -> list[tuple[int, float]]:
    """(docnum, score) of the top `limit` passages matching `q`, exact BM25F order."""
    return top(gen, q, limit, False)
