"""The index on disk: Whoosh generations, switched atomically, and searching them.

Layout of the index folder:
    CURRENT                 name of the generation that answers
    generations/<name>/     Whoosh segment files, meta.json, hot.json (hot words' best passages),
                            texts/<doc id>.txt
    reindex.lock            held (flock) while a reindex runs

A generation is written under a temporary name, renamed when complete, and
only then named in CURRENT (write + os.replace), so a crash at any moment
leaves the previous generation answering. The flock dies with its process,
so no stale lock survives a crash.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import collectors, index, query
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import STOPS, TOKEN, analysed, in_a_row, pairs
from .errors import NoIndex, ReindexBusy
from .persian import FOLD

ANALYZER = (
    RegexTokenizer(TOKEN.pattern)
    | LowercaseFilter()
    | CharsetFilter(FOLD)  # accent map + Persian folding, as analysis.term
    | StopFilter(stoplist=STOPS, minsize=1)
    | StemFilter()
)

# Passages and quotations get a text field each, so a query needs no "kind" filter:
# intersecting with a filter that matches every document was most of the query time.
SCHEMA = Schema(
    kind=STORED,  # "passage" | "quote"
    doc=ID(stored=True, sortable=True),  # sortable: one hit per document (collapse)
    text=TEXT(analyzer=ANALYZER, phrase=True),  # passages; positions for /source phrases
    pairs=KEYWORD(),  # two hot words in a row, "a_b": phrases of hot words without their long position lists
    quote=TEXT(analyzer=ANALYZER, phrase=False),  # quotations; searched by words only
    speaker=ID(stored=True),
    excerpt=STORED,
    start=STORED,
    end=STORED,
    sentences=STORED,  # [[start, end], ...] of the sentences in a passage
    also_in=STORED,  # other documents with the same quotation
    group=STORED,
)
FIELD = {"passage": "text", "quote": "quote"}
# A word in more passages than HOT_DF is "hot": scoring all its passages is most of a query's
# cost, so its HOT_TOP best passages are ranked once, at build time (hot.json).
HOT_DF = 256
HOT_TOP = 100
TIME_LIMIT = 2.0  # seconds; a search past this returns what it has


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


class Generation:
    """One built index generation, opened once, with one long-lived searcher."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self._index = index.open_dir(str(path))
        self._searcher = self._index.searcher()
        self._lock = threading.Lock()  # a Whoosh searcher is not safe across threads
        self.time_limit = TIME_LIMIT
        self.meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        hot = path / "hot.json"
        self.hot: dict[str, list] = json.loads(hot.read_text()) if hot.exists() else {}

    def search(self, words: list[str], kind: str, mode: str = "any", limit: int = 50,
               speaker: str | None = None, per_doc: bool = False) -> list[Hit]:
        """Hits for analysed `words`: any of them, all of them, or the phrase.

        per_doc: only the best hit of each document.
        """
        if mode == "phrase" and len(words) > 1:
            return self._phrase(words, limit, per_doc)
        if kind == "passage" and mode != "all" and not speaker and words:
            cold = [w for w in words if not self.is_hot(w)]
            if not cold and limit <= HOT_TOP:
                return self._from_hot(words, limit, per_doc)
            words = cold or words  # hot words add little to BM25 beside rarer ones, and cost the most to score
        clauses = [self._words(FIELD[kind], words, mode)] if words else []
        if speaker:
            clauses.append(query.Term("speaker", speaker))
        if not clauses:
            return []
        q = clauses[0] if len(clauses) == 1 else query.And(clauses)
        return self._run(q, limit, per_doc)

    def _phrase(self, words: list[str], limit: int, per_doc: bool) -> list[Hit]:
        """Passages with the words in a row.

        For hot words, pairs of them narrow it down and the passage's own terms
        decide: pair lists are far shorter than hot words' position lists.
        Two words are exact from the pair alone.
        """
        if not all(self.is_hot(w) for w in words):  # a rarer word keeps the positional query cheap
            return self._run(query.Phrase("text", words), limit, per_doc)
        q = query.And([query.Term("pairs", pair) for pair in pairs(words)])
        if len(words) == 2:
            return self._run(q, limit, per_doc)
        hits = [h for h in self._run(q, limit * 2, per_doc, per_doc_keep=2) if in_a_row(words, analysed(h.excerpt))]
        return _first_per_doc(hits, limit) if per_doc else hits[:limit]

    def is_hot(self, word: str) -> bool:
        """Searches for this word alone read its build-time ranking, not every passage."""
        return word in self.hot

    def _from_hot(self, words: list[str], limit: int, per_doc: bool) -> list[Hit]:
        """The best passages for hot words, from the build-time rankings: summed scores."""
        scores: dict[int, float] = {}
        for w in words:
            for docnum, score in self.hot[w]:
                scores[docnum] = scores.get(docnum, 0.0) + score
        best = sorted(scores.items(), key=lambda item: -item[1])
        with self._lock:  # stored fields are read only until enough hits are found
            hits = (_hit(self._searcher.stored_fields(docnum), score) for docnum, score in best)
            return _first_per_doc(hits, limit) if per_doc else list(itertools.islice(hits, limit))

    def text(self, doc_id: str) -> str:
        return (self.path / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")

    def close(self) -> None:
        self._searcher.close()

    @staticmethod
    def _words(field: str, words: list[str], mode: str) -> query.Query:
        parts = [query.Term(field, w) for w in words]
        return query.And(parts) if mode == "all" else query.Or(parts)

    def _run(self, q: query.Query, limit: int, per_doc: bool, per_doc_keep: int = 1) -> list[Hit]:
        with self._lock:
            collector = Deadline(self._searcher.collector(limit=limit), self.time_limit)
            if per_doc:
                collector = collectors.CollapseCollector(collector, "doc", limit=per_doc_keep)
            try:
                self._searcher.search_with_collector(q, collector)
            except collectors.TimeLimit:
                pass
            results = collector.results()
            return [_hit(r, r.score) for r in results]


def _first_per_doc(hits: Iterable[Hit], limit: int) -> list[Hit]:
    """The first hit of each document, in the order given, up to `limit` documents."""
    out, seen = [], set()
    for hit in hits:
        if hit.doc not in seen:
            seen.add(hit.doc)
            out.append(hit)
            if len(out) == limit:
                break
    return out


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
        group=stored.get("group"),
    )


class Shelf:
    """The index folder: which generation answers now, and how a new one is written."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._open: Generation | None = None
        self._checked = 0.0
        self._guard = threading.Lock()

    def current(self) -> Generation:
        """The generation named in CURRENT, reopened only when CURRENT changes."""
        with self._guard:
            now = time.monotonic()
            if self._open and now - self._checked < 0.5:
                return self._open
            self._checked = now
            name = self._current_name()
            if name is None:
                raise NoIndex(f"no index in {self.root}")
            if not self._open or self._open.name != name:
                old, self._open = self._open, Generation(self.root / "generations" / name)
                # The old searcher stays usable by answers already holding it; Python frees it after.
                del old
            return self._open

    def exists(self) -> bool:
        return self._current_name() is not None

    def _current_name(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return None
        return name if name and (self.root / "generations" / name / "meta.json").exists() else None

    @contextmanager
    def reindex_lock(self):
        """Held for a whole reindex; a second one gets ReindexBusy at once."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "reindex.lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ReindexBusy("a reindex is already running") from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def clean_up(self) -> list[str]:
        """Delete leftovers of crashed reindexes and generations older than the previous one."""
        gens = self.root / "generations"
        if not gens.exists():
            return []
        keep = {self._current_name(), self._previous_name()}
        removed = []
        for path in gens.iterdir():
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        return removed

    def _previous_name(self) -> str | None:
        try:
            return (self.root / "PREVIOUS").read_text().strip()
        except FileNotFoundError:
            return None

    def writer(self) -> GenerationWriter:
        name = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        return GenerationWriter(self, name)

    def publish(self, name: str) -> None:
        """Make generation `name` the one that answers, atomically."""
        current = self._current_name()
        if current:
            _atomic_write(self.root / "PREVIOUS", current)
        _atomic_write(self.root / "CURRENT", name)


class GenerationWriter:
    """Writes one generation under a temporary name; `finish` renames it complete."""

    def __init__(self, shelf: Shelf, name: str) -> None:
        self.shelf, self.name = shelf, name
        self.hot: set[str] = set()  # see count_hot_words()
        self.tmp = shelf.root / "generations" / f"{name}.tmp"
        (self.tmp / "texts").mkdir(parents=True)
        self._index = index.create_in(str(self.tmp), SCHEMA)
        # compound=False: separate segment files are read from the page cache; a compound file is
        # copied into process memory when opened.
        self._writer = self._index.writer(limitmb=256, compound=False)
        self.count = 0

    def add_text(self, doc_id: str, text: str) -> None:
        (self.tmp / "texts" / f"{doc_id}.txt").write_text(text, encoding="utf-8")

    def add(self, *, kind: str, doc: str, text: str, start: int, end: int,
            speaker: str | None = None, sentences=None, also_in=None, group=None) -> None:
        self._writer.add_document(
            kind=kind, doc=doc, excerpt=text, speaker=speaker or "", start=start, end=end,
            sentences=sentences or [], also_in=also_in or [], group=group, **{FIELD[kind]: text},
            **({"pairs": " ".join(self._hot_pairs(text))} if kind == "passage" else {}),
        )
        self.count += 1

    def count_hot_words(self, passages: Iterable[str]) -> None:
        """Before any passage is added: which words are hot, so their pairs can be indexed."""
        self.hot = hot_words(passages)

    def _hot_pairs(self, text: str) -> list[str]:
        words, hot = analysed(text), self.hot
        return [f"{a}_{b}" for a, b in zip(words, words[1:]) if a in hot and b in hot]

    def finish(self, meta: dict) -> Path:
        self._writer.commit()
        (self.tmp / "hot.json").write_text(json.dumps(_rank_hot_words(self.tmp, self.hot)))
        meta = {**meta, "generation": self.name}
        (self.tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        _fsync_dir(self.tmp)
        final = self.tmp.with_name(self.name)
        os.rename(self.tmp, final)
        return final

    def abort(self) -> None:
        try:
            self._writer.cancel()
        except Exception:  # noqa: BLE001 - the directory goes away regardless
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


def hot_words(passages: Iterable[str]) -> set[str]:
    """Terms in more than HOT_DF of the passages (an iterable of texts)."""
    counts: Counter[str] = Counter()
    for text in passages:
        counts.update(set(analysed(text)))
    return {w for w, n in counts.items() if n > HOT_DF}


def _rank_hot_words(path: Path, hot: set[str]) -> dict[str, list]:
    """{word: [[docnum, score], ...]}: the HOT_TOP best passages of every hot word."""
    with index.open_dir(str(path)).searcher() as searcher:
        return {w: [[hit.docnum, round(hit.score, 4)] for hit in searcher.search(query.Term("text", w), limit=HOT_TOP)]
                for w in sorted(hot)}


def _atomic_write(path: Path, content: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
