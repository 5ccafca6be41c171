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
    inferred: list[str] = field(default_factory=list)  # fields guessed from the file, not given or confirmed
    retrieved: str | None = None  # ISO date a web page was fetched (documents added from a URL)
    author: str | None = None  # who wrote it, where a byline or the file names them
    # How each inferred field was found ("publisher": "og:site_name"), for the admin who confirms it.
    how: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.inferred, bool):  # a generation built before the field became a list
            self.inferred = ["metadata"] if self.inferred else []

    def inferred_note(self) -> str:
        """"inferred: publisher, date", shown beside the citation until an admin confirms them; "" if none."""
        return f"inferred: {', '.join(self.inferred)}" if self.inferred else ""
    short_title: str | None = None  # for compact citations; the full title is on the card
    url_note: str | None = None  # how the URL is known (or why there is none), like date_note
    # Evidence in the text narrows when it was written (ISO days; `date_note` says why).
    date_not_before: str | None = None
    date_not_after: str | None = None
    # What compact citations show: short_title, unless it reads as someone else speaking (index/voices/titles.py).
    citation_title: str | None = None
    original_sha256: str | None = None  # the preserved original (the file as uploaded, a URL's WARC): its SHA-256
    archived: str | None = None  # when that original was received or fetched, ISO 8601 UTC
    # The notes in other languages, for readers in them: {"fa": {"publisher": ..., "date": ..., "url": ...}}
    # (the manifest's notes_fa); a note not translated is shown as written.
    notes: dict[str, dict[str, str]] = field(default_factory=dict)

    def note(self, name: str, lang: str) -> str | None:
        """The `name` note ("publisher", "date", "url") for a reader in `lang`: translated if it is."""
        return self.notes.get(lang, {}).get(name) or getattr(self, f"{name}_note")

    def compact_title(self) -> str:
        """The title for compact citations ("[1] title · publisher · date", "Also in:"); the card has the full one."""
        return self.citation_title or self.short_title or self.title

    def date_label(self) -> str:
        """The date at the precision it is known: "24 Jul 2020", "Dec 2018", "2020", "date unknown"."""
        if not self.date:
            return "date unknown"
        fmt = {"day": "%d %b %Y", "month": "%b %Y"}.get(self.date_precision or "", "%Y")
        parts = [int(p) for p in self.date.split("-")] + [1, 1]
        return _dt.date(*parts[:3]).strftime(fmt).lstrip("0")

    def date_interval(self) -> tuple[str | None, str | None]:
        """(earliest, latest) ISO day it can date from: the date at its precision, narrowed by evidence.

        "2020" is 2020-01-01..2020-12-31; with `date_not_before` 2020-08-01 it
        is 2020-08-01..2020-12-31. None where nothing bounds that side.
        """
        earliest, latest = period(self.date, self.date_precision) if self.date else (None, None)
        if self.date_not_before and (earliest is None or self.date_not_before > earliest):
            earliest = self.date_not_before
        if self.date_not_after and (latest is None or self.date_not_after < latest):
            latest = self.date_not_after
        return earliest, latest

    def chronology(self) -> tuple:
        """Sort key for "earliest first": earliest possible day, then latest; undated last.

        A document that may be later never comes before one that is certainly
        earlier: if A ends before B starts, A's earliest day is before B's.
        """
        earliest, latest = self.date_interval()
        return (earliest is None, earliest or "", latest is None, latest or "", self.id)

    def card(self) -> dict:
        """The provenance users see next to every excerpt."""
        earliest, latest = self.date_interval()
        archived = {"original_sha256": self.original_sha256, "archived": self.archived} if self.original_sha256 else {}
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date,
            "date_precision": self.date_precision,
            "url": self.url,
            "url_note": self.url_note,
            "short_title": self.short_title,
            "citation_title": self.compact_title(),
            "date_earliest": earliest,
            "date_latest": latest,
            "inferred": list(self.inferred),
            **archived,  # only for a document whose original is preserved (index/collection/custody.py)
        } | ({"author": self.author} if self.author else {}) | ({"how": dict(self.how)} if self.how else {})


PRECISION_CHARS = {"year": 4, "month": 7, "day": 10}


def period(iso: str, precision: str | None) -> tuple[str, str]:
    """First and last day of an ISO date at a precision: ("2018-12", "month") -> 2018-12-01..2018-12-31."""
    iso = iso[:PRECISION_CHARS.get(precision or "", len(iso))]
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return iso, iso
    if len(parts) == 2:
        first = _dt.date(parts[0], parts[1], 1)
        last = (first.replace(day=28) + _dt.timedelta(days=4)).replace(day=1) - _dt.timedelta(days=1)
        return first.isoformat(), last.isoformat()
    return f"{parts[0]:04d}-01-01", f"{parts[0]:04d}-12-31"


@dataclass
class Paragraph:
    """text[start:end] of a document: one paragraph, exactly."""

    start: int
    end: int
    text: str


@dataclass
class Context:
    """The paragraphs around an excerpt: the one(s) holding it, and one before and after where they exist."""

    document: Document
    paragraphs: list[Paragraph]
    first: int  # 0-based number of paragraphs[0] in the document
    total: int  # paragraphs in the document
    start: int  # the excerpt (or paragraph) asked about: text[start:end]
    end: int
    earlier: Paragraph | None = None  # the paragraph just before those shown: where "Earlier" goes
    later: Paragraph | None = None  # the paragraph just after them


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
    source: str | None = None  # an organisation named as the speaker ("CNN"), when no person is
    cue: str | None = None  # the words that attribute it, as written ("said", "according to", "told the court")
    how: str | None = None  # the pass that found its speaker (sieves.py): "cue", "pronoun", "introduction", ...


@dataclass
class Voice:
    """Whose words text[start:end] of a document are: a quotation, a speech, or words reported within one."""

    start: int
    end: int
    speaker: str | None  # display name ("Asma Jahangir", "Reuters"), None where the text does not say
    kind: str  # "quotation" | "speech" | "reported" (a quotation or order reported inside another voice)
    reported_by: str | None = None  # for "reported": the voice that carries these words
    role: str | None = None  # how the document describes the speaker ("UN Special Rapporteur")
    speaker_id: str | None = None  # the person's registry id; None for sources that are not people
    cue: str | None = None  # the words that attribute it, as written ("said", "according to"): see Quote
    how: str | None = None  # how its speaker was found: Quote.how, or "introduction" for a speech

    def compact(self) -> list:
        """The form stored in a generation's metadata."""
        return [self.start, self.end, self.speaker, self.kind, self.reported_by, self.role, self.speaker_id,
                self.cue, self.how]


    @property
    def unquoted(self) -> bool:
        """Words the document reports without quotation marks (an order: "he issued an order: Do …"):
        never shown as a direct quotation without saying so."""
        return self.kind == "reported" and self.how == "order"

    def to_json(self) -> dict:
        out = {"start": self.start, "end": self.end, "speaker": self.speaker, "kind": self.kind}
        if self.unquoted:
            out["unquoted"] = True
        if self.reported_by:
            out["reported_by"] = self.reported_by
        if self.role:
            out["role"] = self.role
        return out


@dataclass
class Referent:
    """A pronoun or bare title at text[start:end] that the text itself resolves to a named person."""

    start: int
    end: int
    person: str  # display name

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "person": self.person}


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
    also_in_titles: list[str] = field(default_factory=list)  # (short) titles of `also_in`, for display
    voices: list[Voice] = field(default_factory=list)  # every voice overlapping the excerpt, document offsets
    refers_to: list[Referent] = field(default_factory=list)  # pronouns/bare titles in the excerpt, resolved
    heading: bool = False  # the excerpt is a heading or title line (index/text/headings.py), not a sentence of the text
    # documents quoting the same quotation in other words (also_in: only those whose text has these words)
    reworded_in: list[str] = field(default_factory=list)
    reworded_in_titles: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)  # a "how many" answer: the figures the excerpt gives, as written
    mid_sentence: bool = False  # the excerpt starts inside a sentence (after a clause cut): shown with "…" before it
    language: str | None = None  # "fa" | "en": the excerpt's language, given where an answer holds both
    # bracketed words the publisher put inside a voice ("[decree]"), document offsets (index/voices/insertions.py)
    inserted: list[tuple[int, int]] = field(default_factory=list)


    def voice(self) -> Voice | None:
        """The voice the whole excerpt is in (the innermost when nested), if any."""
        holding = [v for v in self.voices if v.start <= self.start and self.end <= v.end]
        return min(holding, key=lambda v: v.end - v.start) if holding else None

    def cut(self) -> tuple[bool, bool]:
        """Whether the excerpt starts (inside a quotation or a sentence) / ends inside a quotation: shown with "…"."""
        quoted = [v for v in self.voices if v.kind != "speech"]
        return (self.mid_sentence or any(v.start < self.start < v.end for v in quoted),
                any(v.start < self.end < v.end for v in quoted))

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
            "voices": [v.to_json() for v in self.voices],
            "refers_to": [r.to_json() for r in self.refers_to],
            "heading": self.heading,
            "also_in_other_words": self.reworded_in,
        } | ({"figures": self.figures} if self.figures else {}) | ({"starts_mid_sentence": True} if self.mid_sentence else {}) \
          | ({"language": self.language} if self.language else {}) \
          | ({"inserted": [{"start": s, "end": e, "by": "publisher"} for s, e in self.inserted]} if self.inserted else {})


class Quoted(tuple):
    """Words a message quotes ("“30000” or “30,000”"): a phrase parameter each language says with its own
    quotation marks and its own "or" (JSON: a list). `QuotedEach` lists them all ("“a”, “b”") instead."""

    alternatives = True

    def said(self, marks: tuple[str, str] = ("“", "”"), either: str = " or ", comma: str = ", ") -> str:
        return (either if self.alternatives else comma).join(f"{marks[0]}{w}{marks[1]}" for w in self)


class QuotedEach(Quoted):
    alternatives = False


@dataclass(frozen=True)
class Phrase:
    """One sentence of an answer's message: a key of index/answers/messages.py and its parameters (plain data)."""

    key: str
    params: dict = field(default_factory=dict)
    sep: str = " "  # joins it to the sentence before

    def to_json(self) -> dict:
        return {"key": self.key, "params": {k: list(v) if isinstance(v, Quoted) else v for k, v in self.params.items()}}


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
    translated: str = ""  # what was searched instead of the words typed: a Persian question's English, numbers in digits
    unmatched: list[str] = field(default_factory=list)  # query words, as typed, that no document has
    matched_all: int | None = None  # search: the first N results have every query word, the rest only some
    total: int | None = None  # /source: how many documents match in all (results may show fewer)
    phrases: list[Phrase] = field(default_factory=list)  # `message` as keyed sentences, when built from them
    read_as: str = ""  # a question typed as a sentence: the command it was answered as ("/quote Naidoo")
    question: dict = field(default_factory=dict)  # how the line was read (answers/question.py Question.to_json)
    searched_as: list[dict] = field(default_factory=list)  # search: other forms of the words searched (answers/meant.py)

    def to_json(self) -> dict:
        out: dict = {
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
        if self.translated:
            out["translated"] = self.translated
        if self.read_as:
            out["read_as"] = self.read_as
        if self.searched_as:
            out["searched_as"] = self.searched_as
        if any(r.figures for r in self.results):  # a "how many" answer: each figure beside its source, none picked
            out["figures"] = [{"figures": r.figures, "excerpt": r.excerpt, "document": r.document.id,
                               "title": r.document.title, "date": r.document.date, "speaker": r.speaker}
                              for r in self.results if r.figures]
        if self.question:
            out["question"] = self.question
        if self.phrases:
            out["message_parts"] = [p.to_json() for p in self.phrases]
        return out


@dataclass
class WhoRow:
    """One excerpt describing a person, ranked at build time (index/voices/who.py)."""

    doc: str
    start: int
    end: int
    excerpt: str
    score: float


@dataclass
class TitleRow:
    """A title or role one document gives a person at a mention, and the sentence that gives it (index/voices/roles.py)."""

    doc: str
    start: int
    end: int
    role: str
