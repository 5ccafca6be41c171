"""Answers that find words: plain search (passages, every word first) and /source (the documents that say a
phrase, earliest first, with true counts)."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import Answer, Phrase, Quoted, QuotedEach
from ..store.generations import Generation
from ..store.search import (
    Hit,
    Said,
    best_in,
    doc_frequency,
    document_of,
    every_word,
    hit,
    literal_phrase,
    longer_terms,
    passage_at,
    passages_by_document,
    stemmed,
    top_ids,
)
from ..text.analysis import MONTHS, TOKEN, analysed, fold, literal, term, terms
from ..text.glossary import Glossary
from ..text.headings import without_datelines
from ..text.persian import is_persian
from . import figures, meant
from .chatter import FUNCTION_WORDS, is_chatter, real_match, real_words
from .intent import content, optional_words
from .messages import add, phrase, said, see_all
from .messages import text as message_text
from .results import from_hit, said_first

if TYPE_CHECKING:
    from .corpus import Corpus

DATED = re.compile(r"\b(?:1[89]|20)\d\d\b|\b(?:" + "|".join(m.title() for m in MONTHS) + r")\b")  # a year, a Month
# "in Tehran", "at Evin", "near the Khavaran cemetery", or a word for a place
PLACED = re.compile(r"\b(?:in|at|near|from|to)\s+(?:the\s+)?[A-Z][a-z]+|"
                    r"\b(?i:cemeter(?:y|ies)|graves?|prisons?|province|city|town|village|barracks)\b")
REORDERED = 10  # passages of a tier reordered (words close together, most words): the first pages a reader sees
SOME = 2  # the tier of passages with only some of the words (_every_word_first)
NEAR_WORDS = 4  # words "close together": every one within this many words per word asked
MESSAGE = 500  # characters a search's message keeps to, before its notes on other forms searched are left out
CLOSEST = 3  # excerpts shown when no passage holds the words asked together (the rest: /search)


def source(corpus: Corpus, text: str, limit: int) -> Answer:
    """Every document that says `text` word for word; else in other word forms; else with all its words."""
    gen = corpus.generation
    saying = literal_phrase(gen, text)
    if saying is None:
        return said("source", text, phrase("answer.source.common" if literal(text) else "answer.source.ask", text=text))
    unmatched = _unmatched(gen, text)
    if saying:
        chosen = sorted(saying, key=lambda s: _date_key(corpus, s.doc))[:limit]
        results = [from_hit(corpus, passage_at(gen, s), terms(text)) for s in chosen]
        return said("source", text, *_written(saying, text), _found("says", text, len(results), len(saying)),
                    results=results, total=len(saying))
    words = terms(text)
    if unmatched:  # "No document mentions" only words with no near form either ("mourn": the documents have "morn")
        forms = meant.read(gen, Glossary(), text)
        absent = [w for w in unmatched if w in meant.absent(forms)]
        return said("source", text, phrase("answer.source.none", text=text),
                    *([_no_mention(absent)] if absent else []), *meant.notes(forms), unmatched=absent, total=0)
    tries = [(stemmed(words), "forms")]
    if len(set(words)) > 1:
        tries.append((every_word(words), "all"))
    for q, how in tries:
        passages = passages_by_document(gen, q)
        docs = sorted(passages, key=lambda d: _date_key(corpus, d))
        if docs:
            hits = best_in(gen, q, passages, docs[:limit], unless=lambda h: corpus.is_heading(h.doc, h.start, h.end))
            return said("source", text, _found(how, text, len(hits), len(docs)),
                         results=[from_hit(corpus, h, words) for h in hits], total=len(docs))
    return said("source", text, phrase("answer.source.none", text=text), total=0)


def _written(saying: list[Said], text: str) -> list[Phrase]:
    """How the documents write a number typed otherwise ("30000" written "30,000"): they say the same
    number, in their own notation, so they say it; this says how, before the excerpts show it."""
    forms = list(dict.fromkeys(w for s in saying for w in s.written))[:3]
    if not forms:
        return []
    typed = [t for t in TOKEN.findall(text) if t[:1].isdigit()][:3]
    return [phrase("answer.source.written" if all(s.written for s in saying) else "answer.source.written_some",
                   numbers=QuotedEach(typed), forms=Quoted(forms))]


def _date_key(corpus: Corpus, doc_id: str) -> tuple:
    """"Earliest first": the order of /source's documents."""
    return (*corpus.documents[doc_id].chronology(), doc_id)


def _found(how: str, text: str, shown: int, total: int) -> Phrase:
    """"3 documents say …", "1 document says …", or "10 of 42 documents say …" when fewer are shown than match."""
    form = "_one" if total == 1 else "" if shown == total else "_some"
    return phrase(f"answer.source.{how}{form}", text=text, shown=shown, total=total)


def _unmatched(gen: Generation, text: str) -> list[str]:
    """The words of `text`, as typed, that are in no document (stop and function words aside).

    A Persian word is joined to its suffixes in the text (گرسنه‌اند, دستمزدها, حقوقی): where the documents
    have words that begin with it, it is not said to be absent."""
    out = []
    for m in TOKEN.finditer(text):
        t = term(m.group())
        if t and fold(m.group()) not in FUNCTION_WORDS and not doc_frequency(gen, t) \
                and m.group() not in out and not (is_persian(t) and longer_terms(gen, t, 1)):
            out.append(m.group())
    return out


def _no_mention(words: list[str]) -> Phrase:
    shown = [w if len(w) <= 40 else w[:40] + "…" for w in words[:5]]
    return phrase("answer.no_mention", words=Quoted(shown))


def search(corpus: Corpus, text: str, limit: int, glossary: Glossary | None = None, typed: bool = True,
           how_many: bool = False) -> Answer:
    """Plain search. `typed`: asked with /search, every excerpt is listed; a plain question with no passage
    holding its words together says so first and shows only the closest few (honest absence). `how_many`:
    the figures the documents give for the words, side by side (figures.py), when they give any."""
    if is_chatter(text):
        return said("search", text, phrase("answer.chatter"))
    asked, dropped = content(text)  # a query-parsing decision: "who", "said" are no content (index/answers/intent.py)
    glossary = glossary or Glossary()
    given = figures.answer(corpus, glossary, text, asked, optional_words(text), limit) if how_many else None
    answer = given or _search(corpus, glossary, text, asked, limit, typed, optional_words(text),
                              asks=_asks(text))
    if dropped and answer.results:
        add(answer, phrase("answer.search.scaffolding", "\n", words=", ".join(dict.fromkeys(dropped))), before=True)
    return answer


def _search(corpus: Corpus, glossary: Glossary, text: str, asked: str, limit: int, typed: bool,
            optional: frozenset[str], asks: str = "") -> Answer:
    """Plain search for the words `asked` (the content words of `text`, what the user typed), as meant."""
    if not terms(asked):
        return said("search", text, phrase("answer.search.common" if literal(text) else "answer.search.ask", query=asked))
    gen = corpus.generation
    words = meant.read(gen, glossary, asked, optional)
    unmatched = meant.absent(words)
    ordered = _every_word_first(gen, words, limit)
    # A passage matching only through function words ("des", "en"; "his" for "hi") is not an answer.
    searched = meant.terms(words)
    wanted = real_words(" ".join(searched)) | frozenset(searched) - frozenset(t for w in words if not w.required
                                                                            for f in w.forms for t in f.terms)
    kept: list[tuple[Hit, bool]] = []
    for tier, group in itertools.groupby(ordered, key=lambda o: o[2]):  # every word as typed, as meant, some
        if len(kept) >= limit:
            break
        every, part = tier < SOME, list(group)
        room = min(limit - len(kept), REORDERED)  # the first passages shown are reordered; the rest keep BM25F's
        head = [(hit(gen, n, score), every) for n, score, _ in part[:room]]
        if not every:  # those with the most of the words first: "families … morn" before "families" alone
            head = _most_words_first(head, words)
        else:  # the words in one sentence, close together, first; a "who" question's, those naming someone
            head = _closest_first(corpus, head, words, asks)
        shown: Iterator[tuple[Hit, bool]] = itertools.chain(head, ((hit(gen, n, score), every)  # read as needed
                                                                   for n, score, _ in part[room:]))
        matching = ((h, every) for h, every in shown if real_match(h.excerpt, wanted))
        kept += said_first(matching, lambda he: corpus.is_heading(he[0].doc, he[0].start, he[0].end),
                            limit - len(kept))
    notes = meant.notes(words)
    forms = meant.to_json(words)
    if not kept:
        none = _no_mention(unmatched) if not ordered and unmatched else phrase("answer.search.none", query=asked)
        return said("search", text, *_fit([none], notes, []), unmatched=unmatched, searched_as=forms)
    kept = _dated_apart(kept, words)
    n_full = sum(every for _, every in kept)
    if not n_full and not typed and len([w for w in words if w.required]) > 1:
        return _absent(corpus, text, asked, kept, searched, unmatched, notes, forms)
    results = [from_hit(corpus, h, searched, people=asks == "who") for h, _ in kept]
    if n_full == len(results):
        message = _fit([], notes, [phrase("answer.search.found", "\n", query=asked)])
    elif n_full:
        message = _fit([], notes, [phrase("answer.search.found_first_one" if n_full == 1 else "answer.search.found_first",
                                          "\n", query=asked, count=n_full)])
    else:
        message = _fit([phrase("answer.search.no_full", query=asked), *([_no_mention(unmatched)] if unmatched else [])],
                       notes, [phrase("answer.search.some")])
    return said("search", text, *message, results=results, unmatched=unmatched, matched_all=n_full, searched_as=forms)


def _absent(corpus: Corpus, text: str, asked: str, kept: list[tuple[Hit, bool]], searched: list[str],
            unmatched: list[str], notes: list[Phrase], forms: list[dict]) -> Answer:
    """No passage holds the words asked together: the first line says so, then the closest few excerpts and how
    to see every one (a search listing fifty loose matches would bury the honest answer)."""
    shown = kept[:CLOSEST]
    results = [from_hit(corpus, h, searched) for h, _ in shown]
    message = _fit([phrase("answer.search.absent", query=asked), *([_no_mention(unmatched)] if unmatched else [])],
                   notes, [see_all(asked, len(results))])
    return said("search", text, *message, results=results, unmatched=unmatched, matched_all=0, searched_as=forms)


def _fit(before: list[Phrase], notes: list[Phrase], after: list[Phrase]) -> list[Phrase]:
    """A message with as many of the notes on other forms searched as keep it short (MESSAGE characters), in
    order; the first phrase of the message starts it, whatever came before it."""
    while notes and len(message_text(before + notes + after)) > MESSAGE:
        notes = notes[:-1]
    out = before + notes + after
    return [replace(out[0], sep=""), *out[1:]] if out else out


def _most_words_first(hits: list[tuple[Hit, bool]], words: list[meant.Word]) -> list[tuple[Hit, bool]]:
    """Passages with only some of the words, those with more of them (in any form meant) first, else in order."""
    required = [w for w in words if w.required]
    if len(required) < 2:  # each has the one word
        return hits

    def held(h: Hit) -> tuple[int, int]:
        said_terms = set(analysed(h.excerpt))
        return (-sum(w.in_terms(said_terms, meant.MEANT) for w in required),
                -sum(w.in_terms(said_terms, meant.SAME) for w in required))  # as typed before related words
    return sorted(hits, key=lambda he: held(he[0]))


def _dated_apart(kept: list[tuple[Hit, bool]], words: list[meant.Word]) -> list[tuple[Hit, bool]]:
    """A passage has every word only if its text does, its dateline aside: one that needs its dateline for a word
    ("August" of "Iran, August 28, 2021—" for "August 1988") follows those that have every word, before the
    others, in the same BM25F order."""
    full: list[tuple[Hit, bool]] = []
    dated: list[tuple[Hit, bool]] = []
    some: list[tuple[Hit, bool]] = []
    for h, every in kept:
        if every and not _has_every(without_datelines(h.excerpt), words):
            dated.append((h, False))
        else:
            (full if every else some).append((h, every))
    return full + dated + some


def _has_every(text: str, words: list[meant.Word]) -> bool:
    """Whether `text` has every required word, in a form it is meant in."""
    said_terms = set(analysed(text))
    return all(w.in_terms(said_terms, meant.MEANT) for w in words if w.required)


def _every_word_first(gen: Generation, words: list[meant.Word], limit: int) -> list[tuple[int, float, int]]:
    """(docnum, score, tier): passages with every word as typed first (tier 0, exact BM25F among them), then
    those with every word in a form it is meant in (1: near, related), then those with only some (SOME), in
    BM25F order; each tier with distinct documents first. Stored fields are not read."""
    out: list[tuple[int, float, int]] = []
    have: set[int] = set()
    other = any(f.how in ("near", "related") for w in words for f in w.forms)  # else "as meant" is "as typed"
    # One word in one form: "some of the words" is every word; the passages are those already found.
    alone = len(words) == 1 and all(f.how in meant.SAME for f in words[0].forms)
    for tier, q in enumerate((meant.every(words, meant.SAME), meant.every(words, meant.MEANT) if other else None,
                              None if alone and meant.every(words, meant.SAME) else meant.some(words))):
        if q is None:
            continue
        found = [(n, score) for n, score in top_ids(gen, q, limit * 2 + len(have)) if n not in have]
        have |= {n for n, _ in found}
        out += [(n, score, tier) for n, score in _distinct_first(gen, found)]
    return out


def _closest_first(corpus: Corpus, hits: list[tuple[Hit, bool]], words: list[meant.Word],
                   asks: str) -> list[tuple[Hit, bool]]:
    """Passages with every word: those with them in one sentence and close together first, else in order (BM25F).
    A question asking who, when or where (`asks`) puts first those naming a person the sources know, a date, a
    place."""
    required = [w for w in words if w.required]
    if len(required) < 2 and not asks:
        return hits

    which: dict[str, set[int]] = {}  # term -> the words (their index) it is a form of
    for i, w in enumerate(required):
        for f in w.forms:
            if f.how in meant.MEANT:
                for t in f.terms:
                    which.setdefault(t, set()).add(i)

    def key(h: Hit) -> tuple[bool, bool]:
        return not _answers(corpus, asks, h.excerpt), not _close(h, which, len(required))
    return sorted(hits, key=lambda he: key(he[0]))


def _asks(text: str) -> str:
    """What kind of answer a question asks for: "who", "when", "where", or "" (any)."""
    first = fold(text).split()[:1]
    return {"who": "who", "whom": "who", "whose": "who", "when": "when", "where": "where"}.get(first[0], "") \
        if first else ""


def _answers(corpus: Corpus, asks: str, excerpt: str) -> bool:
    """Whether an excerpt holds the kind of answer asked for: a person the sources know, a date, a place."""
    if asks == "who":
        return bool(corpus.registry.mentions(excerpt))
    if asks == "when":
        return bool(DATED.search(excerpt))
    if asks == "where":
        return bool(PLACED.search(excerpt))
    return True


def _close(h: Hit, which: dict[str, set[int]], count: int) -> bool:
    """Whether one sentence of a passage holds all `count` words, within NEAR_WORDS words per word of each other
    (`which`: the words each term is a form of). The passage is read once."""
    starts = [s - h.start for s, _ in h.sentences] or [0]
    by_sentence: dict[int, list[tuple[int, set[int]]]] = {}
    for n, m in enumerate(TOKEN.finditer(h.excerpt)):
        if (t := term(m.group())) in which:
            by_sentence.setdefault(bisect.bisect_right(starts, m.start()), []).append((n, which[t]))
    window = NEAR_WORDS * count
    for at in by_sentence.values():
        if len(set().union(*(i for _, i in at))) == count and any(
                len(set().union(*(i for p, i in at if start <= p < start + window))) == count for start, _ in at):
            return True
    return False


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
