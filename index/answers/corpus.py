"""What one index generation knows besides its Whoosh index, loaded once per generation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..models import Document, Person, Referent, Voice
from ..store.generations import Generation
from ..text.headings import within
from ..text.split import starts_mid_sentence
from ..voices.people import Registry
from ..voices.titles import citation_title


@dataclass
class Corpus:
    """What one generation knows besides its Whoosh index, loaded once per generation."""

    generation: Generation
    documents: dict[str, Document]
    registry: Registry
    people: list[Person]
    voices: dict[str, list[Voice]]  # doc id -> voices by start
    referents: dict[str, list[Referent]]  # doc id -> resolved pronouns and titles by start
    headings: Mapping[str, list[tuple[int, int]]]  # doc id -> its headings and title line (index/text/headings.py)
    counts: dict[str, int] = field(default_factory=dict)  # passages per document, counted when first asked
    texts: dict[str, str] = field(default_factory=dict)  # the texts results came from lately (a few, not all)

    @classmethod
    def load(cls, gen: Generation) -> Corpus:
        meta = gen.meta
        for d in meta.documents:
            if d.citation_title is None:  # a generation written before the store saved it (store/meta.py)
                d.citation_title = citation_title(d, meta.registry)
        return cls(gen, {d.id: d for d in meta.documents}, meta.registry, meta.people, meta.voices, meta.refers_to,
                   meta.headings)

    def voices_in(self, doc_id: str, start: int, end: int) -> list[Voice]:
        """Every voice overlapping text[start:end] of a document."""
        return [v for v in self.voices.get(doc_id, ()) if v.start < end and start < v.end]

    def starts_mid_sentence(self, doc_id: str, start: int) -> bool:
        """Whether an excerpt starting at `start` of a document begins inside a sentence (shown with "…")."""
        if doc_id not in self.texts:
            if len(self.texts) >= 16:  # the documents of one answer or two: a corpus can be larger than memory
                self.texts.clear()
            self.texts[doc_id] = self.generation.text(doc_id)
        return starts_mid_sentence(self.texts[doc_id], start)

    def referents_in(self, doc_id: str, start: int, end: int) -> list[Referent]:
        return [r for r in self.referents.get(doc_id, ()) if start <= r.start and r.end <= end]

    def is_heading(self, doc_id: str, start: int, end: int) -> bool:
        """Whether text[start:end] of a document lies in a heading: a line the document does not assert."""
        return within(self.headings.get(doc_id, []), start, end)
