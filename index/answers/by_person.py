"""Answers about people: /who (what the sources say of a person, ranked at build time) and /quote (their
words, or the words of a named source, or quotations on a topic)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from ..models import Answer, Person, Phrase, Result, TitleRow
from ..store.search import Hit, search
from ..text.analysis import analysed, terms
from ..voices.people import Resolution
from ..voices.people import fold as fold_name
from .both_scripts import persian_person
from .messages import add, phrase, said
from .results import from_hit, said_first, voiced
from .roles import holders

if TYPE_CHECKING:
    from .corpus import Corpus


def who(corpus: Corpus, name: str, limit: int) -> Answer:
    if not name:
        return said("who", "", phrase("answer.who.everyone"), people=corpus.people[:limit])
    resolved = _resolve(corpus, name)
    entry = resolved.person
    if not entry and resolved.how != "ambiguous" and (held := holders(corpus, name)):
        return _by_title(corpus, "who", name, held, limit)
    if not entry:
        return said("who", name, *_not_found(resolved, name), people=_people(corpus, resolved))
    person = next((p for p in corpus.people if p.id == entry.id), Person(entry.id, entry.name))
    rows = corpus.generation.meta.who.get(entry.id, [])[:limit]
    results = [
        voiced(corpus, Result(excerpt=r.excerpt, start=r.start, end=r.end, score=r.score,
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


def quote(corpus: Corpus, arg: str, limit: int, topic: str = "") -> Answer:
    """Quotations of a person or named source, or on a topic; of a person on a `topic` when one is given."""
    if not arg:
        return said("quote", "", phrase("answer.quote.ask"))
    resolved = _resolve(corpus, arg)
    entry = resolved.person
    if resolved.how == "ambiguous":  # a name several people share: ask, never guess
        return said("quote", arg, *_not_found(resolved, arg), people=_people(corpus, resolved))
    if not entry and (held := holders(corpus, arg)):
        return _by_title(corpus, "quote", arg, held, limit)
    gen = corpus.generation
    if not entry and (by_source := _quotes_of_source(corpus, arg)):
        return said("quote", arg, phrase("answer.quote.of", name=by_source[0].speaker),
                    results=said_first(by_source, lambda r: r.heading, limit))
    if entry:
        hits = search(gen, [], "quote", speaker=entry.id, limit=500)
        hits.sort(key=lambda h: (-len(h.also_in) - len(h.reworded_in), corpus.documents[h.doc].chronology(), h.start))
        words = terms(topic)  # every topic word must be in the quotation, as for a topic alone
        about = {"topic": topic} if words else {}
        found = [*_closest(resolved, arg), phrase("answer.quote.of_about" if words else "answer.quote.of",
                                                   name=entry.name, **about)]
        missing = [*_closest(resolved, arg), phrase("answer.quote.none_of_about" if words else "answer.quote.none_of",
                                                     name=entry.name, **about)]
    else:
        words = terms(arg)
        # every topic word must be in the quotation; unnamed ones are dropped after, so look deeper than `limit`
        hits = search(gen, words, "quote", mode="all", limit=limit * 10)
        found = [phrase("answer.quote.about", topic=arg)]
        missing = [phrase("answer.quote.none_about", topic=arg)]
    results = [from_hit(corpus, h, words, focus=False) for h in _one_per_group(hits)]
    results = said_first(_words_of_people(results, words), lambda r: r.heading, limit)
    if any((v := r.voice()) and v.unquoted for r in results):  # "Direct quotations" must not cover a report
        found.insert(len(found) - 1, phrase("answer.quote.unquoted"))
    return said("quote", arg, *(found if results else missing), results=results,
                person=_person(corpus, entry.id) if entry else None)


def _by_title(corpus: Corpus, command: str, title: str, held: dict[str, list[TitleRow]], limit: int) -> Answer:
    """A title typed for a name: the one person the documents give it, said so, with the sentence that gives it;
    several people: all of them to choose from, each with the sentences that give them the title."""
    evidence = _title_sentences(corpus, held, limit)
    names = [corpus.registry.entries[pid].name for pid in held]
    if len(held) > 1:
        return said(command, title, phrase("answer.title.several", title=title, names=", ".join(names)),
                    phrase("answer.title.choose", command=command), results=evidence,
                    people=[_person(corpus, pid) or Person(pid, name) for pid, name in zip(held, names, strict=True)])
    answer = (who if command == "who" else quote)(corpus, names[0], limit)
    answer.query = title
    add(answer, phrase("answer.title.one", title=title, name=names[0]), before=True)
    if command == "who":  # the sentence that gives the title first, then what else the sources say of them
        shown = {(r.document.id, r.start) for r in evidence}
        answer.results = (evidence + [r for r in answer.results if (r.document.id, r.start) not in shown])[:limit]
    return answer


def _title_sentences(corpus: Corpus, held: dict[str, list[TitleRow]], limit: int) -> list[Result]:
    """The sentences giving the people the title, each once with every holder it names highlighted: each holder's
    first sentence before anyone's second, so no holder is left without one."""
    out: dict[tuple[str, int], Result] = {}
    for turn in itertools.zip_longest(*([(pid, r) for r in rows] for pid, rows in held.items())):
        for pid, r in (t for t in turn if t and t[1].doc in corpus.documents):
            if (r.doc, r.start) not in out:
                excerpt = corpus.generation.text(r.doc)[r.start:r.end]
                out[(r.doc, r.start)] = voiced(corpus, Result(excerpt=excerpt, start=r.start, end=r.end,
                                                              document=corpus.documents[r.doc]))
            result = out[(r.doc, r.start)]
            result.highlights = sorted({*result.highlights, *_name_spans(result.excerpt, corpus, pid)})
    return list(out.values())[:limit]


def _quotes_of_source(corpus: Corpus, name: str) -> list[Result]:
    """Quotations of a named source that is not a person ("Reuters", "The Wall Street Journal"), earliest first."""
    key = fold_name(name).removeprefix("the ")
    found = [(doc, v) for doc, voices in corpus.voices.items() for v in voices
             if v.kind == "quotation" and v.speaker and not v.speaker_id and fold_name(v.speaker).removeprefix("the ") == key]
    found.sort(key=lambda dv: (corpus.documents[dv[0]].chronology(), dv[1].start))
    results = []
    for doc, v in found:
        text = corpus.generation.text(doc)
        results.append(voiced(corpus, Result(excerpt=text[v.start:v.end], start=v.start, end=v.end,
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


def _resolve(corpus: Corpus, name: str) -> Resolution:
    """Whom a typed name means: the registry's answer, else a person named only in Persian script whose name the
    Latin one transliterates (said as found by spelling)."""
    resolved = corpus.registry.resolve(name)
    if resolved.person is None and resolved.how != "ambiguous":
        return persian_person(corpus.registry, name) or resolved
    return resolved


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
