"""Results from index hits: the excerpt (cut to the sentences that hold the query), whose words it holds, who its
pronouns mean, and whether it is a heading. Every command builds its `Result`s here, so each says the same."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from ..models import Document, Result, Voice
from ..store.search import Hit
from ..text.analysis import term_spans
from ..text.persian import mostly_persian
from ..voices.insertions import inserted

if TYPE_CHECKING:
    from .corpus import Corpus

T = TypeVar("T")
GROW = 2  # sentences an excerpt naming no one may grow by to reach one naming someone (a "who" question)
GAP = 3  # characters (a blank line) between a lead-in that ends a passage and the quotation it introduces
JOIN = 1200  # characters a lead-in's excerpt may grow by to hold the words it introduces


def from_hit(corpus: Corpus, hit: Hit, words: list[str], focus: bool = True, people: bool = False) -> Result:
    """A hit as a Result: cut to the sentences that hold `words` (unless not `focus`), highlighted, voiced.
    `people` (a "who" question): an excerpt naming no one grows to the next sentence that does ("… 87 Death
    Commission members. … They include Judiciary Chief Ebrahim Raisi and Justice Minister Alireza Avaei.")."""
    spans = [(hit.start + a, hit.start + b) for a, b in term_spans(hit.excerpt, words)]  # document offsets
    start, end = _focus(hit, spans, corpus.voices_in(hit.doc, hit.start, hit.end)) if focus else (hit.start, hit.end)
    if focus and people and not corpus.registry.mentions(hit.excerpt[start - hit.start:end - hit.start]):
        end = _to_someone(corpus, hit, end)
    excerpt = hit.excerpt[start - hit.start:end - hit.start]
    if focus and excerpt.rstrip().endswith(":"):  # a lead-in ("… told the Council:") with what it introduces
        end = _introduced(corpus, hit, end)
        excerpt = corpus.generation.text(hit.doc)[start:end] if end > hit.end else hit.excerpt[start - hit.start:
                                                                                                 end - hit.start]
    speaker = corpus.registry.entries[hit.speaker].name if hit.speaker in corpus.registry.entries else None
    result = Result(excerpt=excerpt, start=start, end=end, score=hit.score, document=corpus.documents[hit.doc],
                    speaker=speaker, also_in=hit.also_in,
                    highlights=[(a - start, b - start) for a, b in spans if start <= a and b <= end],
                    also_in_titles=[_short(corpus.documents[d]) for d in hit.also_in if d in corpus.documents],
                    reworded_in=hit.reworded_in,
                    reworded_in_titles=[_short(corpus.documents[d]) for d in hit.reworded_in if d in corpus.documents])
    return voiced(corpus, result)


def _to_someone(corpus: Corpus, hit: Hit, end: int) -> int:
    """The end of the first of the next GROW sentences of the passage that names a known person; else `end`."""
    after = [(s, e) for s, e in hit.sentences if s >= end][:GROW]
    return next((e for s, e in after if corpus.registry.mentions(hit.excerpt[s - hit.start:e - hit.start])), end)


def _introduced(corpus: Corpus, hit: Hit, end: int) -> int:
    """Where the words a lead-in ending in ":" introduces end: the quotation that follows it (its first paragraph
    when it is long), else the rest of its paragraph in the passage; `end` when nothing follows within JOIN
    characters. Only the quotation may run past the passage (its offsets are known without reading the text)."""
    rest = hit.excerpt[end - hit.start:]
    after = end + len(rest) - len(rest.lstrip())
    quoted = next((v for v in corpus.voices.get(hit.doc, ()) if after <= v.start <= after + GAP and v.kind != "speech"),
                  None)
    if quoted and quoted.end - end <= JOIN:
        return quoted.end  # document offsets: the caller reads the document when this runs past the passage
    paragraph = hit.excerpt.find("\n", after - hit.start)
    paragraph = hit.end if paragraph < 0 else hit.start + paragraph
    return paragraph if after < paragraph and paragraph - end <= JOIN else end


def voiced(corpus: Corpus, result: Result) -> Result:
    """Whose words the excerpt holds (voices), who its pronouns mean (refers_to), and its speaker."""
    doc = result.document.id
    result.voices = corpus.voices_in(doc, result.start, result.end)
    result.refers_to = corpus.referents_in(doc, result.start, result.end)
    result.heading = corpus.is_heading(doc, result.start, result.end)
    result.inserted = inserted(result.excerpt, result.start, result.voices)
    # A quotation shown whole is a unit of its own, wherever it sits in its sentence: no "…" before it.
    quotation = result.excerpt[:1] in "\"“‘'«" or any(v.start == result.start for v in result.voices)
    result.mid_sentence = not (result.heading or quotation) and corpus.starts_mid_sentence(doc, result.start)
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


def said_first(items: Iterable[T], heading: Callable[[T], bool], limit: int) -> list[T]:
    """Up to `limit` of `items` that are not headings, in order; headings only where nothing else matches.

    A heading is not a sentence the document asserts, so it is no excerpt while the text says the words
    elsewhere; where only a heading does, it is shown, marked (Result.heading), rather than hidden.
    """
    kept: list[T] = []
    headings: list[T] = []
    for item in items:
        if len(kept) >= limit:
            break
        (headings if heading(item) else kept).append(item)
    return kept or headings[:limit]


def _short(d: Document) -> str:
    """How "Also in" names another document: its compact title (never one that reads as a speaker)."""
    return d.compact_title()


def label_languages(results: list[Result]) -> None:
    """Each excerpt's language, where the results hold both Persian and English ones: the reader sees which is which."""
    languages = ["fa" if mostly_persian(r.excerpt) else "en" for r in results]
    if len(set(languages)) > 1:
        for r, language in zip(results, languages):
            r.language = language
