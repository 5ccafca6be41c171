"""The index on disk: Whoosh generations, written, published atomically, and opened.

Layout of the index folder:
    CURRENT                 name of the generation that answers
    generations/<name>/     Whoosh segment files, meta.json (with the analyzer version),
                            hot.json (the hot words, see hot.py), texts/<doc id>.txt,
                            compiled/ (postings as arrays for ranked search, see compiled.py),
                            folded.txt + folded.json (every text folded, one file: literal phrases)
    reindex.lock            held (flock) while a reindex runs

A generation is written under a temporary name, renamed when complete, and
only then named in CURRENT (write + os.replace), so a crash at any moment
leaves the previous generation answering. The flock dies with its process,
so no stale lock survives a crash. Searching is in search.py; what is
precomputed at build time, in hot.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from whoosh import index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from ..errors import NoIndex, ReindexBusy
from ..text.analysis import ANALYZER, ANALYZER_VERSION, analysed, fold
from . import compiled
from .hot import HOT_DF, hot_pairs, hot_words
from .meta import Meta
from .segments import Writer

__all__ = ["ANALYZER", "FIELD", "HOT_DF", "SCHEMA", "TIME_LIMIT", "Generation", "GenerationWriter", "Shelf"]

FIELD = {"passage": "text", "quote": "quote"}
TIME_LIMIT = 2.0  # seconds; a ranked search past this returns what it has (Hits.complete is False)
LAYOUT = 3  # what the fields hold (2: pairs run on across passage cuts, 3: voices keep their cue words); generations of another layout are refused

# Passages and quotations get a text field each, so a query needs no "kind" filter:
# intersecting with a filter that matches every document was most of the query time.
SCHEMA = Schema(
    kind=STORED,  # "passage" | "quote"
    doc=ID(stored=True, sortable=True),  # sortable: one hit per document (collapse), documents of a match
    text=TEXT(analyzer=ANALYZER, phrase=True),  # passages; positions for /source phrases
    pairs=KEYWORD(),  # two hot words in a row, "a_b": candidates for phrases of hot words (hot.py)
    quote=TEXT(analyzer=ANALYZER, phrase=False),  # quotations; searched by words only
    speaker=ID(stored=True),
    excerpt=STORED,
    start=STORED,
    end=STORED,
    sentences=STORED,  # [[start, end], ...] of the sentences in a passage
    also_in=STORED,  # other documents whose text has the quotation's words (folded, as literal /source matches)
    reworded_in=STORED,  # other documents quoting the same quotation in other words
    group=STORED,
)


class StaleIndex(NoIndex):
    """The generation was built with another analyzer: its terms are not the ones queries look for."""


class Generation:
    """One built index generation, opened once, with one long-lived searcher."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self._texts = str(path / "texts")
        data = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        built_with = (data.get("analyzer"), data.get("layout"))
        if built_with != (ANALYZER_VERSION, LAYOUT):
            raise StaleIndex(f"the index {self.name} was built with analyzer {built_with[0]}, layout {built_with[1]}; "
                             f"this citebot uses analyzer {ANALYZER_VERSION}, layout {LAYOUT}: run `citebot reindex`")
        self.meta = Meta.from_json(data)
        self._index = index.open_dir(str(path))
        self.searcher = self._index.searcher()
        self.doc_column = self.searcher.reader().column_reader("doc")  # docnum -> document id; costly to open
        self.lock = threading.Lock()  # a Whoosh searcher is not safe across threads
        self.time_limit = TIME_LIMIT
        hot = path / "hot.json"
        self.hot: frozenset[str] = frozenset(json.loads(hot.read_text())) if hot.exists() else frozenset()
        self._folded = _Folded(path)
        self._refolded = lru_cache(maxsize=64)(self._fold)  # a generation without folded.txt folds each text read
        self.postings = compiled.Postings(path)  # ranked search without Whoosh's Python scoring (compiled.py)

    def is_hot(self, word: str) -> bool:
        """Phrases of hot words find their candidates through pairs (hot.py)."""
        return word in self.hot

    def text(self, doc_id: str) -> str:
        with open(f"{self._texts}/{doc_id}.txt", encoding="utf-8") as f:  # no Path per read: ~10 a question
            return f.read()

    def folded_text(self, doc_id: str) -> str:
        """The document's text folded for literal matching; same length, same offsets."""
        return self._folded.text(doc_id) if self._folded.spans else self._refolded(doc_id)

    def folded_around(self, doc_id: str, stretches: list[tuple[int, int]] | None) -> tuple[str, int]:
        """(folded text, where in the text it starts): holding at least `stretches` ((start, end), in order; None:
        the whole text), read from folded.txt with as little reading as the text allows (_Folded.around)."""
        return self._folded.around(doc_id, stretches) if self._folded.spans else (self._refolded(doc_id), 0)

    def _fold(self, doc_id: str) -> str:
        return fold(self.text(doc_id))

    def close(self) -> None:
        self.searcher.close()
        self._folded.close()


ONE_READ = 16_384  # bytes read at once from a text's first stretch to its last: a read costs more than copying as much


class _Folded:
    """Every document's text folded (`analysis.fold`), written once at reindex into one file, read through the
    page cache: a phrase is checked on candidate documents without opening and folding each on every query.
    Read with pread, not mapped: the file's pages stay the kernel's cache, not this process's memory."""

    def __init__(self, path: Path) -> None:
        spans = path / "folded.json"
        self.spans: dict[str, list[int]] = json.loads(spans.read_text(encoding="utf-8")) if spans.exists() else {}
        self._fd = os.open(path / "folded.txt", os.O_RDONLY) if self.spans else -1

    def text(self, doc_id: str) -> str:
        """The document's folded text: same length and offsets as its text."""
        start, end, *_ = self.spans[doc_id]
        return os.pread(self._fd, end - start, start).decode("utf-8")

    def around(self, doc_id: str, stretches: list[tuple[int, int]] | None) -> tuple[str, int]:
        """(folded text, where in the text it starts) holding `stretches` ((start, end), in order, apart; None: the
        whole text). An ASCII text (a byte a character) is read from the first stretch to the last: in one read
        where that is short (what lies between is never searched), else stretch by stretch, newlines between."""
        place = self.spans[doc_id]
        start = place[0]
        if stretches is None or len(place) < 3 or place[2] != place[1] - start:  # not ASCII: a character is not a byte
            return self.text(doc_id), 0
        lo, hi = stretches[0][0], stretches[-1][1]
        if hi - lo <= ONE_READ or len(stretches) == 1:
            return os.pread(self._fd, hi - lo, start + lo).decode("ascii"), lo
        parts, at = [], lo
        for a, b in stretches:
            parts += ["\n" * (a - at), os.pread(self._fd, b - a, start + a).decode("ascii")]
            at = b
        return "".join(parts), lo

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def __del__(self) -> None:
        self.close()


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
            name = self.current_name()
            if name is None:
                raise NoIndex(f"no index in {self.root}")
            if not self._open or self._open.name != name:
                old, self._open = self._open, Generation(self.root / "generations" / name)
                # The old searcher stays usable by answers already holding it; Python frees it after.
                del old
            return self._open

    def exists(self) -> bool:
        return self.current_name() is not None

    def current_name(self) -> str | None:
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
        keep = {self.current_name(), self._previous_name()}
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
        current = self.current_name()
        if current:
            _atomic_write(self.root / "PREVIOUS", current)
        _atomic_write(self.root / "CURRENT", name)


class GenerationWriter:
    """Writes one generation under a temporary name; `finish` renames it complete."""

    def __init__(self, shelf: Shelf, name: str) -> None:
        self.shelf, self.name = shelf, name
        self.hot: set[str] = set()  # see count_hot_words()
        self._previous: tuple[str, list[str]] = ("", [])  # (doc, terms) of the last passage added: hot.hot_pairs
        self.tmp = shelf.root / "generations" / f"{name}.tmp"
        (self.tmp / "texts").mkdir(parents=True)
        self._index = index.create_in(str(self.tmp), SCHEMA)
        # compound=False: separate segment files are read from the page cache; a compound file is
        # copied into process memory when opened.
        self._writer = Writer(self._index, limitmb=256, compound=False)  # Whoosh's, flushed faster (segments.py)
        self.count = 0
        self._folded = open(self.tmp / "folded.txt", "wb")  # noqa: SIM115 - closed by finish() or abort()
        self._folded_spans: dict[str, list[int]] = {}
        self._text: tuple[str, str] = ("", "")  # (id, text) of the document add_text was given last
        self._spans: list[tuple[int, int]] = []  # (start, end) of each unit added, by docnum (one segment: in order)
        self._near: list[tuple[int, int]] = []  # compiled.around of each unit added, by docnum

    def add_text(self, doc_id: str, text: str) -> None:
        """A document's text, before its passages are added."""
        (self.tmp / "texts" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        at = self._folded.tell()
        self._folded.write(fold(text).encode("utf-8"))
        self._folded_spans[doc_id] = [at, self._folded.tell(), len(text)]  # bytes == characters: ASCII
        self._text = (doc_id, text)

    def add(self, *, kind: str, doc: str, text: str, start: int, end: int,
            speaker: str | None = None, sentences=None, also_in=None, reworded_in=None, group=None) -> None:
        extra = {}
        if kind == "passage":
            words = analysed(text)
            before = self._previous[1] if self._previous[0] == doc else []
            extra["pairs"] = " ".join(hot_pairs(words, self.hot, before))
            self._previous = (doc, words)
        self._writer.add_document(
            kind=kind, doc=doc, excerpt=text, speaker=speaker or "", start=start, end=end,
            sentences=sentences or [], also_in=also_in or [], reworded_in=reworded_in or [], group=group,
            **{FIELD[kind]: text}, **extra,
        )
        self._spans.append((start, end))
        known = kind == "passage" and self._text[0] == doc
        self._near.append(compiled.around(self._text[1], start, end) if known else (-1, -1))
        self.count += 1

    def count_hot_words(self, passages: Iterable[str]) -> None:
        """Before any passage is added: which words are hot, so their pairs can be indexed."""
        self.hot = hot_words(passages)

    def finish(self, meta: Meta) -> Path:
        self._writer.commit()
        compiled.write(self.tmp, self._spans, self._near)
        self._folded.close()
        (self.tmp / "folded.json").write_text(json.dumps(self._folded_spans, ensure_ascii=False), encoding="utf-8")
        (self.tmp / "hot.json").write_text(json.dumps(sorted(self.hot)))
        meta.generation, meta.analyzer, meta.layout = self.name, ANALYZER_VERSION, LAYOUT
        (self.tmp / "meta.json").write_text(json.dumps(meta.to_json(), ensure_ascii=False), encoding="utf-8")
        _fsync_dir(self.tmp)
        final = self.tmp.with_name(self.name)
        os.rename(self.tmp, final)
        return final

    def abort(self) -> None:
        self._folded.close()
        try:
            self._writer.cancel()
        except Exception:  # noqa: BLE001 - the directory goes away regardless
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)


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
