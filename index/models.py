"""Plain data objects shared by the index, the answer layer, the CLI and the bot.

Nothing here knows Whoosh or Telegram; every object turns into JSON with
`dataclasses.asdict`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass
class Document:
    """One corpus document and where it came from."""

    id: str
    title: str
    publisher: str | None
    date: str | None  # ISO 8601 at `date_precision`: "2020-07-24", "2020-07" or "2020"
    date_precision: str | None  # "day" | "month" | "year" | None
    url: str | None = None
    kind: str = "article"
    file: str = ""
    date_note: str | None = None
    publisher_note: str | None = None
    inferred: bool = False  # metadata guessed from the text, not given by the manifest

    def date_label(self) -> str:
        """The date at the precision it is known: "24 Jul 2020", "Dec 2018", "2020", "date unknown"."""
        if not self.date:
            return "date unknown"
        fmt = {"day": "%d %b %Y", "month": "%b %Y"}.get(self.date_precision or "", "%Y")
        parts = [int(p) for p in self.date.split("-")] + [1, 1]
        return _dt.date(*parts[:3]).strftime(fmt).lstrip("0")

    def card(self) -> dict:
        """The provenance users see next to every excerpt."""
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date,
            "date_precision": self.date_precision,
            "url": self.url,
        }


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Mention:
    """A person named at text[start:end] of a document."""

    person: str  # person id
    start: int
    end: int


@dataclass
class Quote:
    """A direct quotation: text[start:end] including its quote marks."""

    start: int
    end: int
    speaker: str | None  # person id, or None when no speaker is certain


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    documents: int = 0  # how many documents mention them

    def card(self) -> dict:
        return {"id": self.id, "name": self.name, "aliases": self.aliases, "documents": self.documents}


@dataclass
class Result:
    """One verbatim excerpt and its provenance."""

    excerpt: str
    start: int
    end: int
    document: Document
    score: float = 0.0
    speaker: str | None = None  # canonical name of the quote's speaker
    also_in: list[str] = field(default_factory=list)  # other documents with the same quote
    highlights: list[tuple[int, int]] = field(default_factory=list)  # spans within `excerpt`
    also_in_titles: list[str] = field(default_factory=list)  # titles of `also_in`, for display

    def to_json(self) -> dict:
        return {
            "excerpt": self.excerpt,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "score": round(self.score, 3),
            "document": self.document.card(),
            "also_in": self.also_in,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass
class Answer:
    """What citebot says to one line a user typed."""

    command: str  # "who" | "quote" | "source" | "search" | "docs" | "doc" | "help" | ...
    query: str
    message: str
    results: list[Result] = field(default_factory=list)
    person: Person | None = None
    people: list[Person] = field(default_factory=list)  # /who with no name, suggestions
    documents: list[Document] = field(default_factory=list)  # /docs, /doc
    generation: str = ""  # index generation that produced the answer
    unmatched: list[str] = field(default_factory=list)  # query words, as typed, that no document has
    matched_all: int | None = None  # search: the first N results have every query word, the rest only some
    total: int | None = None  # /source: how many documents match in all (results may show fewer)

    def to_json(self) -> dict:
        out = {
            "command": self.command,
            "query": self.query,
            "message": self.message,
            "results": [r.to_json() for r in self.results],
            "unmatched": self.unmatched,
        }
        if self.matched_all is not None:
            out["matched_all"] = self.matched_all
        if self.total is not None:
            out["total"] = self.total
        if self.person:
            out["person"] = self.person.card()
        if self.people:
            out["people"] = [p.card() for p in self.people]
        if self.documents:
            out["documents"] = [d.card() for d in self.documents]
        return out
