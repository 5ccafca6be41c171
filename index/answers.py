"""The answer layer: one line a user typed in, one `Answer` (plain data) out.

The bot and the CLI both call `Answerer.ask`; neither adds or changes an
excerpt. Every excerpt is `cleaned_text[start:end]` of its document, taken
from one index generation per answer.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .analysis import TOKEN, analysed, fold, literal, term, term_spans, terms
from .chatter import FUNCTION_WORDS, is_chatter, real_match, real_words
from .errors import NoIndex
from .glossary import Glossary
from .messages import MESSAGES, add, phrase, said
from .models import Answer, Context, Document, Paragraph, Person, Phrase, Referent, Result, Voice
from .people import Registry, Resolution
from .people import fold as fold_name
from .persian import is_persian
from .persian_questions import TRANSLATED, in_english
from .search import (
    Hit,
    best_in,
    doc_frequency,
    document_of,
    every_word,
    hit,
    literal_phrase,
    passage_at,
    passages_by_document,
    ranked_ids,
    stemmed,
)
from .settings import Settings
from .split import passages
from .store import Generation, Shelf

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")  # the cleaned text separates paragraphs with a blank line
COMMAND = re.compile(r"^/(?P<name>[A-Za-z_]+)(?:@\w+)?(?:\s+(?P<args>.*))?$", re.S)
# Keeps ZWNJ/ZWJ (U+200C/D), part of Persian words; analysis folds them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
log = logging.getLogger(__name__)
HELP = MESSAGES["answer.help"]


@dataclass
class IndexStats:
    generation: str
    bytes: int
    documents: int
    passages: int
    quotes: int
    people: int
    unopened: str | None = None  # the newer generation this worker could not open, and why


@dataclass
class Corpus:
    """What one generation knows besides its Whoosh index, loaded once per generation."""

    generation: Generation
    documents: dict[str, Document]
    registry: Registry
    people: list[Person]
    voices: dict[str, list[Voice]]  # doc id -> voices by start
    referents: dict[str, list[Referent]]  # doc id -> resolved pronouns and titles by start
    counts: dict[str, int] = field(default_factory=dict)  # passages per document, counted when first asked

    @classmethod
    def load(cls, gen: Generation) -> Corpus:
        meta = gen.meta
        return cls(gen, {d.id: d for d in meta.documents}, meta.registry, meta.people, meta.voices, meta.refers_to)

    def voices_in(self, doc_id: str, start: int, end: int) -> list[Voice]:
        """Every voice overlapping text[start:end] of a document."""
        return [v for v in self.voices.get(doc_id, ()) if v.start < end and start < v.end]

    def referents_in(self, doc_id: str, start: int, end: int) -> list[Referent]:
        return [r for r in self.referents.get(doc_id, ()) if start <= r.start and r.end <= end]


class Answerer:
    # 64 recent answers (up to 50 excerpts each, ~16 kB): enough for "More" pages and repeats, 3 MB less than 256.
    def __init__(self, settings: Settings, cache_size: int = 64) -> None:
        self.settings = settings
        self.shelf = Shelf(settings.index_dir)
        self._corpus: Corpus | None = None
        self._cache: OrderedDict[tuple[str, str], Answer] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.unopened: str | None = None  # why the generation CURRENT names could not be opened, if it could not
        self.glossary = Glossary.load(settings.glossary_file or settings.people_file.with_name("glossary.yaml"))

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

    def exists(self) -> bool:
        """Whether an index generation has been built (without opening it)."""
        return self.shelf.exists()

    def document(self, doc_id: str) -> Document | None:
        return self.corpus().documents.get(doc_id)

    def document_text(self, doc_id: str) -> str:
        """The full cleaned text of one document: every excerpt is text[start:end] of it."""
        return self.corpus().generation.text(doc_id)

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

    def ask(self, line: str) -> Answer:
        """The answer to one line, exactly as a user would type it in Telegram."""
        corpus = self.corpus()  # one generation for the whole answer
        line = CONTROL.sub("", line or "").strip()
        cache_key = (corpus.generation.name, line)
        with self._lock:
            if cache_key in self._cache:
                self._cache.move_to_end(cache_key)
                return self._cache[cache_key]
        answer = self._answer(corpus, line)
        answer.generation = corpus.generation.name
        with self._lock:
            self._cache[cache_key] = answer
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return answer

    def _answer(self, corpus: Corpus, line: str) -> Answer:
        m = COMMAND.match(line)
        name, args = (m["name"].lower(), (m["args"] or "").strip()) if m else ("search", line)
        args, note = self._limit(args)
        handler = {
            "who": who, "quote": quote, "source": source, "search": search, "docs": docs, "doc": doc,
            "start": help_, "help": help_,
        }.get(name)
        if handler is None:
            return said(name, args, phrase("answer.unknown_command", command=name[:30]))
        if name in TRANSLATED and is_persian(args) and not is_chatter(args):
            answer = in_english(corpus, self.glossary, name, args, handler, self.settings.max_results)
        else:
            answer = handler(corpus, args, self.settings.max_results)
        if note:
            add(answer, note)
        return answer

    def _limit(self, args: str) -> tuple[str, Phrase | None]:
        limit = self.settings.max_query_chars
        if len(args) <= limit:
            return args, None
        return args[:limit], phrase("answer.limit", "\n", limit=limit)


# -- commands ------------------------------------------------------------------


def help_(corpus: Corpus, args: str, limit: int) -> Answer:
    return said("help", args, phrase("answer.help"))


def who(corpus: Corpus, name: str, limit: int) -> Answer:
    if not name:
        return said("who", "", phrase("answer.who.everyone"), people=corpus.people[:limit])
    resolved = corpus.registry.resolve(name)
    entry = resolved.person
    if not entry:
        return said("who", name, *_not_found(resolved, name), people=_people(corpus, resolved))
    person = next((p for p in corpus.people if p.id == entry.id), Person(entry.id, entry.name))
    rows = corpus.generation.meta.who.get(entry.id, [])[:limit]
    results = [
        _voiced(corpus, Result(excerpt=r.excerpt, start=r.start, end=r.end, score=r.score,
                               document=corpus.documents[r.doc], highlights=_name_spans(r.excerpt, corpus, entry.id)))
        for r in rows
    ]
    for r in results:  # "He went on to hold ...": the pronoun that stands for them is highlighted too
        r.highlights = sorted(r.highlights + [(x.start - r.start, x.end - r.start) for x in r.refers_to
                                              if x.person == entry.name])
    found = [*_closest(resolved, name), phrase("answer.who.found", name=person.name),
             phrase("answer.who.documents_one") if person.documents == 1 else
             phrase("answer.who.documents", count=person.documents)]
    found += [phrase("answer.who.aliases", aliases=", ".join(person.aliases[:6]))] if person.aliases else []
    return said("who", name, *found, person=person, results=results)


def quote(corpus: Corpus, arg: str, limit: int) -> Answer:
    if not arg:
        return said("quote", "", phrase("answer.quote.ask"))
    resolved = corpus.registry.resolve(arg)
    entry = resolved.person
    if resolved.how == "ambiguous":  # a name several people share: ask, never guess
        return said("quote", arg, *_not_found(resolved, arg), people=_people(corpus, resolved))
    gen = corpus.generation
    if not entry and (by_source := _quotes_of_source(corpus, arg)):
        return said("quote", arg, phrase("answer.quote.of", name=by_source[0].speaker), results=by_source[:limit])
    if entry:
        hits = gen.search([], "quote", speaker=entry.id, limit=500)
        hits.sort(key=lambda h: (-len(h.also_in), corpus.documents[h.doc].chronology(), h.start))
        words: list[str] = []
        found = [*_closest(resolved, arg), phrase("answer.quote.of", name=entry.name)]
        missing = [*_closest(resolved, arg), phrase("answer.quote.none_of", name=entry.name)]
    else:
        words = terms(arg)
        # every topic word must be in the quotation; unnamed ones are dropped after, so look deeper than `limit`
        hits = gen.search(words, "quote", mode="all", limit=limit * 10)
        found = [phrase("answer.quote.about", topic=arg)]
        missing = [phrase("answer.quote.none_about", topic=arg)]
    results = [_result(corpus, h, words, focus=False) for h in _one_per_group(hits)]
    results = _words_of_people(results, words)[:limit]
    return said("quote", arg, *(found if results else missing), results=results,
                person=_person(corpus, entry.id) if entry else None)


def source(corpus: Corpus, text: str, limit: int) -> Answer:
    """Every document that says `text` word for word; else in other word forms; else with all its words."""
    gen = corpus.generation
    saying = literal_phrase(gen, text)
    if saying is None:
        return said("source", text, phrase("answer.source.common" if literal(text) else "answer.source.ask", text=text))
    unmatched = _unmatched(gen, text)
    if saying:
        chosen = sorted(saying, key=lambda s: _date_key(corpus, s.doc))[:limit]
        results = [_result(corpus, passage_at(gen, s), terms(text)) for s in chosen]
        return said("source", text, _found("says", text, len(results), len(saying)), results=results, total=len(saying))
    words = terms(text)
    if unmatched:
        return said("source", text, phrase("answer.source.none", text=text), _no_mention(unmatched),
                     unmatched=unmatched, total=0)
    tries = [(stemmed(words), "forms")]
    if len(set(words)) > 1:
        tries.append((every_word(words), "all"))
    for q, how in tries:
        passages = passages_by_document(gen, q)
        docs = sorted(passages, key=lambda d: _date_key(corpus, d))
        if docs:
            hits = best_in(gen, q, passages, docs[:limit])
            return said("source", text, _found(how, text, len(hits), len(docs)),
                         results=[_result(corpus, h, words) for h in hits], total=len(docs))
    return said("source", text, phrase("answer.source.none", text=text), total=0)


def _date_key(corpus: Corpus, doc_id: str) -> tuple:
    """"Earliest first": the order of /source's documents."""
    return (*corpus.documents[doc_id].chronology(), doc_id)


def _found(how: str, text: str, shown: int, total: int) -> Phrase:
    """"3 documents say …", "1 document says …", or "10 of 42 documents say …" when fewer are shown than match."""
    form = "_one" if total == 1 else "" if shown == total else "_some"
    return phrase(f"answer.source.{how}{form}", text=text, shown=shown, total=total)


def _unmatched(gen: Generation, text: str) -> list[str]:
    """The words of `text`, as typed, that are in no document (stop and function words aside)."""
    out = []
    for m in TOKEN.finditer(text):
        t = term(m.group())
        if t and fold(m.group()) not in FUNCTION_WORDS and not doc_frequency(gen, t) \
                and m.group() not in out:
            out.append(m.group())
    return out


def _no_mention(words: list[str]) -> Phrase:
    shown = [w if len(w) <= 40 else w[:40] + "…" for w in words[:5]]
    return phrase("answer.no_mention", words=" or ".join(f"“{w}”" for w in shown))


def search(corpus: Corpus, text: str, limit: int) -> Answer:
    if is_chatter(text):
        return said("search", text, phrase("answer.chatter"))
    words = terms(text)
    if not words:
        return said("search", text, phrase("answer.search.common" if literal(text) else "answer.search.ask", query=text))
    gen = corpus.generation
    unmatched = _unmatched(gen, text)
    # A passage matching only through function words ("des", "en"; "his" for "hi") is not an answer.
    ordered = _every_word_first(gen, words, bool(unmatched), limit)
    wanted = real_words(text)
    shown = ((hit(gen, n, score), every) for n, score, every in ordered)  # stored fields read only as needed
    kept = list(itertools.islice(((h, every) for h, every in shown if real_match(h.excerpt, wanted)), limit))
    if not kept:
        none = _no_mention(unmatched) if not ordered and unmatched else phrase("answer.search.none", query=text)
        return said("search", text, none, unmatched=unmatched)
    n_full = sum(every for _, every in kept)
    results = [_result(corpus, h, words) for h, _ in kept]
    if n_full == len(results):
        message = [phrase("answer.search.found", query=text)]
    elif n_full:
        message = [phrase("answer.search.found_first_one" if n_full == 1 else "answer.search.found_first",
                          query=text, count=n_full)]
    else:
        message = [phrase("answer.search.no_full", query=text), *([_no_mention(unmatched)] if unmatched else []),
                   phrase("answer.search.some")]
    return said("search", text, *message, results=results, unmatched=unmatched, matched_all=n_full)


def _every_word_first(gen: Generation, words: list[str], some_unmatched: bool,
                      limit: int) -> list[tuple[int, float, bool]]:
    """(docnum, score, has every word): passages with every word first (exact BM25F among them), then those
    with only some, also in BM25F order; each part with distinct documents first. Stored fields are not read."""
    if len(set(words)) == 1:
        return [(n, score, True) for n, score in _distinct_first(gen, ranked_ids(gen, words, "passage", limit=limit * 2))]
    full = [] if some_unmatched else ranked_ids(gen, words, "passage", mode="all", limit=limit * 2)
    have = {n for n, _ in full}
    some = [(n, score) for n, score in ranked_ids(gen, words, "passage", limit=limit * 2 + len(full)) if n not in have]
    return [(n, sc, True) for n, sc in _distinct_first(gen, full)] + [(n, sc, False) for n, sc in _distinct_first(gen, some)]


def _distinct_first(gen: Generation, scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Distinct documents first, in the order given (score order), then further passages of the same documents."""
    firsts: list[tuple[int, float]] = []
    rest: list[tuple[int, float]] = []
    seen = set()
    for n, score in scored:
        doc = document_of(gen, n)
        (rest if doc in seen else firsts).append((n, score))
        seen.add(doc)
    return firsts + rest


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


# -- helpers -------------------------------------------------------------------


def _result(corpus: Corpus, hit: Hit, words: list[str], focus: bool = True) -> Result:
    spans = [(hit.start + a, hit.start + b) for a, b in term_spans(hit.excerpt, words)]  # document offsets
    start, end = _focus(hit, spans, corpus.voices_in(hit.doc, hit.start, hit.end)) if focus else (hit.start, hit.end)
    excerpt = hit.excerpt[start - hit.start:end - hit.start]
    speaker = corpus.registry.entries[hit.speaker].name if hit.speaker in corpus.registry.entries else None
    result = Result(excerpt=excerpt, start=start, end=end, score=hit.score, document=corpus.documents[hit.doc],
                    speaker=speaker, also_in=hit.also_in,
                    highlights=[(a - start, b - start) for a, b in spans if start <= a and b <= end],
                    also_in_titles=[_short(corpus.documents[d]) for d in hit.also_in if d in corpus.documents])
    return _voiced(corpus, result)


def _voiced(corpus: Corpus, result: Result) -> Result:
    """Whose words the excerpt holds (voices), who its pronouns mean (refers_to), and its speaker."""
    doc = result.document.id
    result.voices = corpus.voices_in(doc, result.start, result.end)
    result.refers_to = corpus.referents_in(doc, result.start, result.end)
    if (voice := result.voice()) and voice.speaker:
        result.speaker = voice.speaker  # the words' speaker, the innermost voice when nested
    return result


def _focus(hit: Hit, spans: list[tuple[int, int]], voices: list[Voice]) -> tuple[int, int]:
    """The sentences of a passage that hold the query words, snapped to a quotation they cut into.

    An excerpt that would start or end inside a quotation takes in the whole
    quotation when it lies within the passage; otherwise the cut stays and the
    rendering marks it (Result.cut).
    """
    matching = [(s, e) for s, e in hit.sentences if any(s <= a and b <= e for a, b in spans)]
    if not matching:
        return hit.start, hit.end
    start, end = matching[0][0], matching[-1][1]
    for v in voices:
        if v.kind == "speech":
            continue
        if v.start < start < v.end and v.start >= hit.start:
            start = v.start
        if v.start < end < v.end and v.end <= hit.end:
            end = v.end
    return start, end


def _quotes_of_source(corpus: Corpus, name: str) -> list[Result]:
    """Quotations of a named source that is not a person ("Reuters", "The Wall Street Journal"), earliest first."""
    key = fold_name(name).removeprefix("the ")
    found = [(doc, v) for doc, voices in corpus.voices.items() for v in voices
             if v.kind == "quotation" and v.speaker and not v.speaker_id and fold_name(v.speaker).removeprefix("the ") == key]
    found.sort(key=lambda dv: (corpus.documents[dv[0]].chronology(), dv[1].start))
    results = []
    for doc, v in found:
        text = corpus.generation.text(doc)
        results.append(_voiced(corpus, Result(excerpt=text[v.start:v.end], start=v.start, end=v.end,
                                              document=corpus.documents[doc])))
    return results


def _words_of_people(results: list[Result], words: list[str]) -> list[Result]:
    """/quote keeps words someone is named as saying, each once.

    Titles of reports and events and scare quotes have no speaker, so they
    go. A quotation that holds a nested one also found (a newspaper quoting an
    official) gives way to the inner one, shown with its reporter. For a
    topic, a quotation must contain every word of the topic (as the index
    analyses words), in the search's order of relevance.
    """
    named = [r for r in results if r.speaker]
    inner = {(r.document.id, r.start, r.end) for r in named}
    shown = [r for r in named if not any(d == r.document.id and r.start <= s and e <= r.end and (s, e) != (r.start, r.end)
                                         for d, s, e in inner)]
    if not words:
        return shown
    return [r for r in shown if set(words) <= set(analysed(r.excerpt))]


def _one_per_group(hits: list[Hit]) -> list[Hit]:
    seen, out = set(), []
    for h in hits:
        if h.group not in seen:
            seen.add(h.group)
            out.append(h)
    return out


def _person(corpus: Corpus, pid: str) -> Person | None:
    return next((p for p in corpus.people if p.id == pid), None)


def _name_spans(excerpt: str, corpus: Corpus, pid: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in corpus.registry.mentions(excerpt) if m.person == pid]


def _people(corpus: Corpus, resolved: Resolution) -> list[Person]:
    """The candidates of an unresolved name, as people with their document counts."""
    return [_person(corpus, e.id) or Person(e.id, e.name) for e in resolved.candidates]


def _closest(resolved: Resolution, typed: str) -> list[Phrase]:
    """Said first whenever a name was resolved by spelling alone, so no one is misled."""
    return ([phrase("answer.closest", name=resolved.person.name, typed=typed)]
            if resolved.approximate and resolved.person else [])


def _not_found(resolved: Resolution, name: str) -> list[Phrase]:
    names = ", ".join(e.name for e in resolved.candidates)
    if resolved.how == "ambiguous":
        return [phrase("answer.who.several", name=name, names=names)]
    hint = phrase("answer.did_you_mean", names=names) if names else phrase("answer.see_who")
    return [phrase("answer.who.none", name=name), hint]


def _short(d: Document) -> str:
    """How "Also in" names another document: its short title where the manifest gives one."""
    return d.short_title or d.title
