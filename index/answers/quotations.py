"""Every quotation of the collection, for researchers (`citebot quotes`): offsets, speaker, kind, role, cue.

One row per voice found at build time (index/voices/voices.py): words in quote marks, speeches given
without them, and words reported inside another voice. `start`/`end` are offsets into the document's
cleaned text (`citebot doc --json ID`), so text[start:end] is the excerpt. Nothing is worked out again
here: the rows are what answers use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..models import Document, Voice
from ..voices.insertions import inserted
from .corpus import Corpus


@dataclass
class Quotation:
    document: str
    start: int
    end: int
    excerpt: str  # the document's cleaned text[start:end]
    speaker: str | None  # as the answers name them; None where the text does not say
    kind: str  # whose words: "person" | "organisation" | "author" (the document's own author) | "unknown"
    role: str | None  # how the document describes the speaker, as of when it says ("former …", "(2008-2014)")
    cue: str | None  # the words that attribute it ("said", "according to", "told reporters", ":")
    found_by: str | None  # the pass that found the speaker: cue, pronoun, introduction, continuation, subject, ...
    voice: str  # "quotation" (in quote marks) | "speech" (reproduced without them) | "reported" (inside another)
    reported_by: str | None  # for "reported": the voice that carries it
    inserted: list[tuple[int, int]]  # bracketed words inside it that are the publisher's ("[decree]"), offsets

    def to_json(self) -> dict:
        return asdict(self)


def quotations(corpus: Corpus, doc_id: str | None = None) -> list[Quotation]:
    """The quotations of one document, or of every document (in the collection's order), each by start."""
    docs = [corpus.documents[doc_id]] if doc_id else list(corpus.documents.values())
    rows = []
    for doc in docs:
        text = corpus.generation.text(doc.id)
        rows += [_row(doc, text, v) for v in corpus.voices.get(doc.id, ())]
    return rows


def _row(doc: Document, text: str, v: Voice) -> Quotation:
    return Quotation(document=doc.id, start=v.start, end=v.end, excerpt=text[v.start:v.end], speaker=v.speaker,
                     kind=speaker_kind(doc, v), role=v.role, cue=v.cue, found_by=v.how, voice=v.kind,
                     reported_by=v.reported_by, inserted=inserted(text[v.start:v.end], v.start, [v]))


def speaker_kind(doc: Document, v: Voice) -> str:
    """Whose words these are: a person the index knows, the document's author, an organisation, or unknown."""
    if v.speaker is None:
        return "unknown"
    if doc.author and v.speaker == doc.author:
        return "author"
    return "person" if v.speaker_id else "organisation"
