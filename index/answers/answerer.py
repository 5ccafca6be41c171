"""The answer layer: one line a user typed in, one `Answer` (plain data) out.

The bot and the CLI both call `Answerer.ask`; neither adds or changes an
excerpt. Every excerpt is `cleaned_text[start:end]` of its document, taken
from one index generation per answer.

Here: the `Answerer` that opens a generation's `Corpus` (corpus.py) and
sends each line to its command, and the small commands (/help, /docs, /doc).
The others have a module each: by_words.py (search, /source),
by_person.py (/who, /quote); results.py builds every `Result`.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path

from rapidfuzz import fuzz, process

from ..errors import CitebotError, NoIndex
from ..models import Answer, Context, Document, Paragraph, Person
from ..settings import Settings
from ..store.generations import Shelf
from ..text.glossary import Glossary
from ..text.split import passages
from . import followup
from .both_scripts import BOTH, first_then, in_both
from .by_person import quote, who
from .by_words import search, source
from .corpus import Corpus
from .figures import asks_how_many
from .followup import Earlier
from .messages import MESSAGES, add, phrase, requote, said
from .persian_questions import PersianReading, in_english, typed_words
from .question import CONTROL, Question, parse
from .quotations import Quotation, quotations
from .results import label_languages

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")  # the cleaned text separates paragraphs with a blank line
log = logging.getLogger(__name__)
HELP = MESSAGES["answer.help"]
MAX_THREAD = 8  # replies to replies: the earliest lines past this many are let go (each costs an answer to read)


def _glossary(path: Path) -> Glossary:
    """The glossary file read once while it is unchanged: `citebot serve` makes three Answerers before it answers."""
    try:
        stat = path.stat()
        stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    return _read_glossary(path, stamp)


@lru_cache(maxsize=8)
def _read_glossary(path: Path, stamp: tuple[int, int] | None) -> Glossary:
    return Glossary.load(path)


@dataclass
class IndexStats:
    generation: str
    bytes: int
    documents: int
    passages: int
    quotes: int
    people: int
    unopened: str | None = None  # the newer generation this worker could not open, and why


class Answerer:
    # 64 recent answers (up to 50 excerpts each, ~16 kB): enough for "More" pages and repeats, 3 MB less than 256.
    def __init__(self, settings: Settings, cache_size: int = 64) -> None:
        self.settings = settings
        self.shelf = Shelf(settings.index_dir)
        self._corpus: Corpus | None = None
        self._cache: OrderedDict[tuple[str, str, tuple[str, ...], bool], Answer] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.unopened: str | None = None  # why the generation CURRENT names could not be opened, if it could not
        self.glossary = _glossary(settings.glossary_file or settings.people_file.with_name("glossary.yaml"))

    def corpus(self) -> Corpus:
        """The generation CURRENT names; if it cannot be opened, the one already open keeps answering.

        Several workers read one CURRENT: a worker that cannot open a newly published generation
        (a half-synced copy, a disk error) must not stop answering. It says so in the log and in
        `stats().unopened`, and tries again at the next look at CURRENT.
        """
        try:
            gen = self.shelf.current()
            with self._lock:
                if self._corpus is None or self._corpus.generation is not gen:
                    if self._corpus is not None and gc.get_freeze_count():
                        # What a launch loaded, its first generation included, was frozen out of the collector
                        # (bot/cli.py: resume_collector); that generation's objects hold cycles: let them be freed.
                        gc.unfreeze()
                    self._corpus = Corpus.load(gen)
                    self._cache.clear()
                    self.unopened = None
                return self._corpus
        except NoIndex:
            raise
        except Exception as error:  # noqa: BLE001 - whatever a bad generation raises (OS, Whoosh, JSON)
            if self._corpus is None:
                raise
            problem = f"{type(error).__name__}: {error}"
            if problem != self.unopened:
                log.error("cannot open the new index generation (%s); %s keeps answering",
                          problem, self._corpus.generation.name)
            self.unopened = problem
            return self._corpus

    def open(self) -> None:
        """Open the current generation now, before any question waits for it. One that cannot be opened is logged
        here and tried again at the first question, whose answer says why."""
        try:
            self.corpus()
        except Exception:  # noqa: BLE001 - whatever a bad generation raises (OS, Whoosh, JSON); see corpus()
            log.exception("cannot open the index generation yet")

    def exists(self) -> bool:
        """Whether an index generation has been built (without opening it)."""
        return self.shelf.exists()

    def document(self, doc_id: str) -> Document | None:
        return self.corpus().documents.get(doc_id)

    def document_text(self, doc_id: str) -> str:
        """The full cleaned text of one document: every excerpt is text[start:end] of it."""
        return self.corpus().generation.text(doc_id)

    def quotations(self, doc_id: str | None = None) -> list[Quotation]:
        """Every quotation of one document or of the collection, with offsets, speaker, kind, role and cue words.
        Raises CitebotError for a document the index does not have."""
        corpus = self.corpus()
        if doc_id and doc_id not in corpus.documents:
            raise CitebotError(f"no document {doc_id!r}: see citebot ask /docs")
        return quotations(corpus, doc_id)

    def excerpt_count(self, doc_id: str) -> int:
        """How many passages the index holds from one document (each is a possible excerpt)."""
        corpus = self.corpus()
        if doc_id not in corpus.documents:
            return 0
        with self._lock:
            if doc_id not in corpus.counts:
                corpus.counts[doc_id] = len(passages(corpus.generation.text(doc_id)))
            return corpus.counts[doc_id]

    def people_in(self, text: str) -> list[Person]:
        """The known people `text` names, in the order it first names them."""
        corpus = self.corpus()
        ids = dict.fromkeys(m.person for m in corpus.registry.mentions(CONTROL.sub("", text or "")))
        by_id = {p.id: p for p in corpus.people}
        return [by_id[pid] for pid in ids if pid in by_id]

    def context(self, doc_id: str, start: int, end: int) -> Context | None:
        """The paragraphs holding text[start:end] of a document, with the paragraph before and after, exactly.

        Offsets may come from untrusted buttons: they are clamped to the text; an unknown document gives None.
        """
        corpus = self.corpus()
        document = corpus.documents.get(doc_id)
        if document is None:
            return None
        text = corpus.generation.text(doc_id)
        paragraphs = [Paragraph(m.start(), m.end(), m.group()) for m in PARAGRAPH.finditer(text)]
        if not paragraphs:
            return None
        start = min(max(start, 0), len(text))
        end = min(max(end, start), len(text))
        first = next((n for n, p in enumerate(paragraphs) if p.end > start), len(paragraphs) - 1)
        last = next((n for n, p in enumerate(paragraphs) if p.end >= end), len(paragraphs) - 1)
        lo, hi = max(first - 1, 0), min(max(last, first) + 1, len(paragraphs) - 1)
        return Context(document=document, paragraphs=paragraphs[lo:hi + 1], first=lo, total=len(paragraphs),
                       start=start, end=end, earlier=paragraphs[lo - 1] if lo > 0 else None,
                       later=paragraphs[hi + 1] if hi + 1 < len(paragraphs) else None)

    def stats(self) -> IndexStats:
        """What the generation that answers now holds, for /stats."""
        gen = self.corpus().generation
        size = sum(p.stat().st_size for p in gen.path.rglob("*") if p.is_file())
        s = gen.meta.stats
        return IndexStats(gen.name, size, s.documents, s.passages, s.quotes, s.people, unopened=self.unopened)

    def ask(self, line: str, after: Sequence[str] = (), since: str = "") -> Answer:
        """The answer to one line, exactly as a user would type it in Telegram.

        `after`: the lines of the conversation this one replies to, oldest first (a reply to a reply); "what did
        he say?" replying to a /who answer is /quote of its person (followup.py). `since`: the index generation
        that answered the message replied to; when it is no longer the one answering, "he" is not guessed.
        """
        corpus = self.corpus()  # one generation for the whole answer
        line, after = CONTROL.sub("", line or "").strip(), tuple(after)[-MAX_THREAD:]
        stale = bool(after and since and since != corpus.generation.name)
        cache_key = (corpus.generation.name, line, after, stale)
        with self._lock:
            if cache_key in self._cache:
                self._cache.move_to_end(cache_key)
                return self._cache[cache_key]
        if stale:
            follow = followup.changed(line)
        else:
            follow = followup.read(line, Earlier.of(self.ask(after[-1], after[:-1]))) if after else None
        if follow and follow.unclear:
            answer = said("search", line, follow.unclear)
        else:
            q = parse(corpus, self.glossary, follow.line if follow else line, self.settings.max_query_chars)
            if follow:
                q.follows, q.document = after[-1], follow.document
                q.notes += [follow.note] if follow.note else []  # the last note is said first
            answer = self._answer(corpus, q)
        answer.generation = corpus.generation.name
        with self._lock:
            self._cache[cache_key] = answer
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return answer

    def _answer(self, corpus: Corpus, q: Question) -> Answer:
        """The command's answer to the question, said with how the question was read."""
        handler = COMMANDS.get(q.command)
        if handler is None:
            return said(q.command, q.words, phrase("answer.unknown_command", command=q.command[:30]))
        if q.topic:
            handler = partial(quote, topic=q.topic)
        if q.command == "search":  # words as meant need the glossary; a plain question may answer "not said"
            handler = partial(search, glossary=self.glossary, typed=q.line.startswith("/"),
                              how_many=asks_how_many(q.words))
        answer = _read_as_written(corpus, self.glossary, q, handler, self.settings.max_results)
        if q.document:
            _in_document(corpus, answer, q)
        label_languages(answer.results)
        answer.read_as = q.read_as
        answer.question = q.to_json()
        for note in q.notes:
            add(answer, note, before=True)
        if q.cut_to:
            add(answer, phrase("answer.limit", "\n", limit=q.cut_to))
        return answer


def _in_document(corpus: Corpus, answer: Answer, q: Question) -> None:
    """A reply asking for more from one document: only that document's excerpts, said so when there are none."""
    answer.results = [r for r in answer.results if r.document.id == q.document]
    answer.matched_all = None
    if not answer.results:
        title = corpus.documents[q.document].title if q.document in corpus.documents else q.document
        answer.phrases, answer.message = [], ""
        add(answer, phrase("answer.followup.none_in", query=q.words, title=title))


def _read_as_written(corpus: Corpus, glossary: Glossary, q: Question, handler: Handler, limit: int) -> Answer:
    """The command's answer, with number words in digits and Solar Hijri years as Gregorian ones (readings.py);
    where that reading finds nothing, the words as typed. The answer says what it searched for."""
    if q.searched == q.words:
        return _answer_in(corpus, glossary, q, q.words, q.persian, handler, limit)
    answer = _answer_in(corpus, glossary, q, q.searched, q.persian, handler, limit)
    typed = None if answer.results else _answer_in(corpus, glossary, q, q.words, q.persian_typed, handler, limit)
    if typed is not None and typed.results:
        return typed
    assert q.numbers is not None  # the words searched differ from those typed only where numbers were read
    notes = q.numbers.notes
    if answer.translated:  # a Persian question: its own "Searched for" says the English; it quotes the question
        requote(answer, q.searched, q.words)
    else:  # the message quotes what the documents say ("30000"), after saying that it was searched for
        answer.translated = q.searched
        notes = [phrase("answer.read.searched", terms=q.searched), *notes]
    for n, note in enumerate(reversed(notes)):
        add(answer, replace(note, sep="\n") if n == 0 else note, before=True)
    answer.query = q.words
    return answer


def _answer_in(corpus: Corpus, glossary: Glossary, q: Question, words: str, reading: PersianReading | None,
               handler: Handler, limit: int) -> Answer:
    if reading is not None:
        answer = in_english(corpus, glossary, q.command, words, reading, handler, limit)
        if q.command in BOTH and reading.persian and answer.translated and answer.results:
            # A Persian document may say the words as typed: those first, then the English documents'
            typed = handler(corpus, typed_words(q.command, words, reading), limit)
            english_docs = {r.document.id for r in answer.results}
            if any(r.document.id not in english_docs for r in typed.results):  # not the same words (۱۹۸۸ = 1988)
                answer.message = answer.message.split("\n", 1)[-1]  # its "Searched for" is said again, for both
                answer.phrases = answer.phrases[1:]
                return first_then(typed, answer, words, answer.translated)
        return answer
    if q.command in BOTH:  # "Khavaran" finds the Persian documents' خاوران too
        return in_both(corpus, glossary, handler, words, limit)
    return handler(corpus, words, limit)


# -- commands ------------------------------------------------------------------


def help_(corpus: Corpus, args: str, limit: int) -> Answer:
    return said("help", args, phrase("answer.help"))


def docs(corpus: Corpus, args: str, limit: int) -> Answer:
    ordered = sorted(corpus.documents.values(), key=Document.chronology)
    return said("docs", args, phrase("answer.docs", count=len(ordered)), documents=ordered)


def doc(corpus: Corpus, doc_id: str, limit: int) -> Answer:
    found = corpus.documents.get(doc_id.strip().lower())
    if not found:
        close = process.extract(doc_id, list(corpus.documents), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
        hint = phrase("answer.did_you_mean", names=", ".join(c[0] for c in close)) if close else phrase("answer.see_docs")
        return said("doc", doc_id, phrase("answer.doc.none", id=doc_id), hint)
    return said("doc", doc_id, phrase("answer.doc", title=found.title), documents=[found])


Handler = Callable[[Corpus, str, int], Answer]
COMMANDS: dict[str, Handler] = {
    "who": who, "quote": quote, "source": source, "search": search, "docs": docs, "doc": doc,
    "start": help_, "help": help_,
}
