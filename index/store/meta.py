"""A generation's metadata, typed: what the build knows besides the Whoosh index (meta.json).

One schema for its writer (index/store/build.py), the store that saves and opens
it (index/store/generations.py) and its readers (index/answers/answerer.py and the commands): `to_json` and
`from_json` are the only code that knows the file's shape, as lunr.py's
`Index.serialize` / `Index.load` are for its index.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field

from ..models import Document, Person, Referent, TitleRow, Voice, WhoRow
from ..voices.people import Registry
from ..voices.titles import citation_title

Span = tuple[int, int]


class Headings(Mapping[str, list[Span]]):
    """document id -> its headings, (start, end) in order. meta.json keeps each document's as one string of numbers
    ("0 31 120 146"), read when the document's are first asked for: as lists of pairs, the headings of 1,000
    documents were most of the time spent reading meta.json when a generation opens."""

    def __init__(self, saved: Mapping[str, str | list[list[int]]]) -> None:
        self._saved = saved  # a generation written before this form keeps lists of pairs
        self._read: dict[str, list[Span]] = {}

    def __getitem__(self, doc: str) -> list[Span]:
        spans = self._read.get(doc)
        if spans is None:
            saved = self._saved[doc]
            numbers = iter(map(int, saved.split())) if isinstance(saved, str) else (n for h in saved for n in h)
            spans = self._read[doc] = list(zip(numbers, numbers, strict=True))
        return spans

    def __iter__(self) -> Iterator[str]:
        return iter(self._saved)

    def __len__(self) -> int:
        return len(self._saved)


@dataclass
class Stats:
    documents: int = 0
    passages: int = 0
    quotes: int = 0
    people: int = 0
    skipped: list[dict] = field(default_factory=list)  # [{"file", "reason"}]


@dataclass
class Meta:
    built_at: str
    documents: list[Document]
    registry: Registry
    people: list[Person]
    who: dict[str, list[WhoRow]]  # person id -> their describing excerpts, best first
    voices: dict[str, list[Voice]]  # document id -> whose words each span is, by start
    refers_to: dict[str, list[Referent]]  # document id -> resolved pronouns and titles, by start
    stats: Stats
    headings: Mapping[str, list[Span]] = field(default_factory=dict)  # document id -> its headings (headings.py)
    generation: str = ""  # set by the store when the generation is written
    analyzer: str = ""  # analysis.ANALYZER_VERSION it was built with
    layout: int = 0  # store.LAYOUT it was built with
    titles: dict[str, list[TitleRow]] = field(default_factory=dict)  # person id -> titles the documents give them

    def to_json(self) -> dict:
        registry = self.registry.to_dict()
        # Each document's compact citation title, found with the registry exactly as a reader opens it: saved
        # here, it is not worked out for every document each time a generation is opened (a tenth of a second).
        opened = Registry.from_dict(registry)
        return {
            "built_at": self.built_at,
            "documents": [asdict(d) | {"citation_title": citation_title(d, opened)} for d in self.documents],
            "registry": registry,
            "people": [asdict(p) for p in self.people],
            "who": {pid: [asdict(r) for r in rows] for pid, rows in self.who.items()},
            "voices": {doc: [v.compact() for v in vs] for doc, vs in self.voices.items()},
            "refers_to": {doc: [[r.start, r.end, r.person] for r in rs] for doc, rs in self.refers_to.items()},
            "stats": asdict(self.stats),
            "headings": {doc: " ".join(str(n) for h in hs for n in h) for doc, hs in self.headings.items()},
            "generation": self.generation,
            "analyzer": self.analyzer,
            "layout": self.layout,
            "titles": {pid: [asdict(r) for r in rows] for pid, rows in self.titles.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> Meta:
        return cls(
            built_at=data.get("built_at", ""),
            documents=[Document(**d) for d in data["documents"]],
            registry=Registry.from_dict(data["registry"]),
            people=[Person(**p) for p in data["people"]],
            who={pid: [WhoRow(**{k: r[k] for k in ("doc", "start", "end", "excerpt", "score")}) for r in rows]
                 for pid, rows in data["who"].items()},
            voices={doc: [Voice(*v) for v in vs] for doc, vs in data.get("voices", {}).items()},
            refers_to={doc: [Referent(*r) for r in rs] for doc, rs in data.get("refers_to", {}).items()},
            stats=Stats(**data["stats"]),
            headings=Headings(data.get("headings", {})),
            generation=data.get("generation", ""),
            analyzer=data.get("analyzer", ""),
            layout=data.get("layout", 0),
            titles={pid: [TitleRow(**r) for r in rows] for pid, rows in data.get("titles", {}).items()},
        )
