"""Build a new index generation from the corpus and collection folders: the one write path.

corpus files -> clean -> people -> quotes, referents, voices -> passages -> Whoosh generation,
then an atomic switch. Runs under the reindex lock; the old generation keeps
answering until the switch, and stays on disk as PREVIOUS.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz

from ..documents.sources import Skipped, Source, load_all
from ..errors import ConfigError
from ..models import Person, Quote, Referent, TitleRow, Voice
from ..settings import Settings
from ..text.analysis import literal
from ..text.headings import heading_spans
from ..text.split import passages
from ..voices.overrides import registry_for
from ..voices.people import Named, Registry, discover, fold, named_in
from ..voices.roles import titled
from ..voices.tenure import as_of_document
from ..voices.who import describing_excerpts, rank
from .generations import GenerationWriter, Shelf
from .meta import Meta, Stats
from .workers import each

Progress = Callable[[int, int, str], None]  # (done, total, what)


@dataclass
class Report:
    generation: str = ""
    documents: int = 0
    passages: int = 0
    quotes: int = 0
    people: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    removed: list[str] = field(default_factory=list)  # leftovers of earlier runs
    problems: list[Skipped] = field(default_factory=list)  # manifest errors in documents that were indexed
    people_new: list[str] = field(default_factory=list)  # people not in the generation before (all, for a first one)
    people_joined: list[tuple[str, str]] = field(default_factory=list)  # (a spelling found, the person it joined)
    people_near: list[tuple[str, str]] = field(default_factory=list)  # look-alike names kept as two people

    def summary(self) -> str:
        """What a reindex did, for the admin who ran it (terminal or Telegram)."""
        lines = [
            f"Indexed {self.documents} documents: {self.passages} passages, {self.quotes} quotes, "
            f"{self.people} people in {self.seconds:.1f} s (generation {self.generation})."
        ]
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)}:")
            lines += [f"  - {s.file}: {s.reason}" for s in self.skipped]
        if self.problems:
            lines.append(f"Indexed, but check {len(self.problems)} manifest entr{'y' if len(self.problems) == 1 else 'ies'}:")
            lines += [f"  - {p.file}: {p.reason}" for p in self.problems]
        return "\n".join(lines + self.people_lines())

    def people_lines(self) -> list[str]:
        """Which people are new, which spellings were joined to someone, and which look-alikes were not."""
        lines = []
        if self.people_new:
            lines.append(f"New people ({len(self.people_new)}): {_listed(self.people_new)}")
        if self.people_joined:
            lines.append(f"Spellings joined to one person ({len(self.people_joined)}): "
                         + _listed([f"{a} → {b}" for a, b in self.people_joined], "; "))
        if self.people_near:
            lines.append(f"Nearly joined, kept as two people ({len(self.people_near)}): "
                         + _listed([f"{a} / {b}" for a, b in self.people_near], "; "))
            a, b = self.people_near[0]
            lines.append(f'  If they are one person: citebot people merge "{b}" "{a}" (in Telegram: /people merge {b} | {a})')
        return lines


PARALLEL_CHARS = 2_000_000  # a corpus this large is analysed in several processes (workers.py); a small one in this one
LISTED = 15  # names a summary line shows before "and N more"


def _listed(items: list[str], sep: str = ", ") -> str:
    more = f"{sep}and {len(items) - LISTED} more" if len(items) > LISTED else ""
    return sep.join(items[:LISTED]) + more


def reindex(settings: Settings, progress: Progress | None = None) -> Report:
    """Build the corpus into a fresh generation and switch to it. Raises ReindexBusy, ManifestError."""
    started = time.perf_counter()
    if missing := no_corpus(settings):  # before the index folder is made: a wrong folder leaves nothing behind
        raise missing
    shelf = Shelf(settings.index_dir)
    with shelf.reindex_lock():
        report = Report(removed=shelf.clean_up())
        sources, report.skipped = load_all(settings)
        report.problems = [Skipped(s.document.file, p) for s in sources for p in s.problems]
        registry = registry_for(settings.people_file)
        texts = [s.cleaned.text for s in sources]
        large = sum(map(len, texts)) >= PARALLEL_CHARS
        discover(registry, texts, each(_named, texts, None, large))
        before = _people_before(shelf)
        writer = shelf.writer()
        try:
            meta = _write(writer, sources, registry, report, progress or (lambda *a: None), large)
            _tell_people(report, registry, meta.people, before)
            writer.finish(meta)
        except BaseException:
            writer.abort()
            raise
        shelf.publish(writer.name)
        report.removed += shelf.clean_up()  # the generation before the previous one
        report.generation = writer.name
        report.seconds = time.perf_counter() - started
        return report


def no_corpus(settings: Settings) -> ConfigError | None:
    """The error to give when the corpus folder is not there (citebot run outside its project folder), else None."""
    if settings.corpus_dir.is_dir():
        return None
    return ConfigError(f"There is no corpus folder at {settings.corpus_dir}: run citebot in the project folder "
                       "(the one holding corpus/ and config/), or set CITEBOT_CORPUS_DIR.")


def _write(writer: GenerationWriter, sources: list[Source], registry: Registry, report: Report,
           progress: Progress, large: bool) -> Meta:
    """Each document's passages, people and voices into the generation; `large`: analysed in worker processes."""
    who: dict[str, list[dict]] = {}
    quotes: list[tuple[Source, Quote]] = []
    mentioned_in: dict[str, set[str]] = {}
    voices: dict[str, list[Voice]] = {}
    refers_to: dict[str, list[Referent]] = {}
    headings: dict[str, list[tuple[int, int]]] = {}
    titles: dict[str, list[TitleRow]] = {}
    split = [passages(s.cleaned.text) for s in sources]
    writer.count_hot_words(s.cleaned.text[a:b] for s, spans in zip(sources, split) for (a, b), _ in spans)
    jobs = [(s.document.id, s.cleaned.text, s.document.title, s.document.date, spans) for s, spans in zip(sources, split)]
    names = {e.id: e.name for e in registry.entries.values()}
    analysed = each(_analyse, jobs, _Registry(registry, names), large)
    for n, (source, spans, found) in enumerate(zip(sources, split, analysed), 1):
        doc, text = source.document, source.cleaned.text
        voices[doc.id], refers_to[doc.id], headings[doc.id] = found.voices, found.referents, found.headings
        writer.add_text(doc.id, text)
        for (start, end), sentences in spans:
            writer.add(kind="passage", doc=doc.id, text=text[start:end], start=start, end=end,
                       sentences=[list(s) for s in sentences])
            report.passages += 1
        for pid, excerpts in found.describing.items():
            who.setdefault(pid, []).extend(excerpts)
        for pid, rows in found.titles.items():
            titles.setdefault(pid, []).extend(rows)
        for pid in found.mentioned:
            mentioned_in.setdefault(pid, set()).add(doc.id)
        quotes += [(source, q) for q in found.quotes]
        progress(n, len(sources), doc.id)
    _write_quotes(writer, quotes, registry, report)
    counts = {pid: len(docs) for pid, docs in mentioned_in.items()}
    people = sorted((p for p in registry.people(counts) if p.documents), key=lambda p: (-p.documents, p.name))
    report.documents, report.people = len(sources), len(people)
    return Meta(
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        documents=[s.document for s in sources],
        registry=registry,
        people=people,
        who={pid: rank(c) for pid, c in who.items()},
        voices=voices,
        refers_to=refers_to,
        stats=Stats(report.documents, report.passages, report.quotes, report.people,
                    [asdict(s) for s in report.skipped]),
        headings=headings,
        titles=titles,
    )


def _named(_: None, text: str) -> Named:
    return named_in(text)


@dataclass
class _Analysis:
    """What one document says of people, found apart from every other document (so in any process)."""

    voices: list[Voice]
    referents: list[Referent]
    headings: list[tuple[int, int]]
    describing: dict[str, list[dict]]
    titles: dict[str, list[TitleRow]]
    mentioned: list[str]  # ids of the people it names
    quotes: list[Quote]  # quotations, and a person's words without quote marks


@dataclass
class _Registry:
    """The people the analysis looks for: the registry after `discover` (read, never changed) and their names."""

    registry: Registry
    names: dict[str, str]


def _analyse(people: _Registry, job: tuple) -> _Analysis:
    # Imported here: only a reindex finds quotations and voices, and at the top their ~50 patterns were compiled at
    # every launch of `citebot serve` (~20 ms).
    from ..voices.quotes import find_quotes
    from ..voices.referents import find_referents
    from ..voices.voices import find_voices

    doc_id, text, title, date, spans = job
    names = people.names
    mentions = people.registry.mentions(text)
    found = find_quotes(text, mentions)
    referents = find_referents(text, mentions, [(q.start, q.end) for q in found])
    doc_voices = find_voices(text, mentions, found, referents, names)
    for v in doc_voices:  # "current" as of the document, not as of the reader
        v.role = as_of_document(v.role, date)
    units = [u for _, sentences in spans for u in sentences]
    subjects = sorted(mentions + referents, key=lambda m: m.start)  # "He went on to hold ..." describes too
    headings = heading_spans(text, title)
    spoken = [(q.start, q.end) for q in found] + [(v.start, v.end) for v in doc_voices if v.kind == "speech"]
    return _Analysis(
        voices=doc_voices,
        referents=[Referent(r.start, r.end, names[r.person]) for r in referents],
        headings=headings,
        describing=describing_excerpts(doc_id, text, units, subjects, spoken, headings),
        titles=titled(doc_id, text, mentions, units),
        mentioned=list(dict.fromkeys(m.person for m in mentions)),
        quotes=found + _unquoted_words(doc_voices, found, [span for span, _ in spans]),
    )


def _people_before(shelf: Shelf) -> set[str] | None:
    """The ids of the people the current generation lists, or None when there is none to compare with."""
    name = shelf.current_name()
    if name is None:
        return None
    try:  # meta.json alone: the generation's index need not be opened (it may be of an older layout)
        data = json.loads((shelf.root / "generations" / name / "meta.json").read_text(encoding="utf-8"))
        return {p["id"] for p in data["people"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _tell_people(report: Report, registry: Registry, people: list[Person], before: set[str] | None) -> None:
    """The summary's people lines, of people the documents name (a people.yaml name no text has is no news)."""
    named = {p.id: p.name for p in people}
    report.people_new = sorted(n for pid, n in named.items() if before is None or pid not in before)
    report.people_joined = sorted((spelling, named[pid]) for spelling, pid in registry.joined.items()
                                  if pid in named and spelling != named[pid])
    report.people_near = sorted((named[a], named[b]) for a, b in registry.near if a in named and b in named)


def _unquoted_words(voices: list[Voice], quoted: list[Quote], spans: list[tuple[int, int]]) -> list[Quote]:
    """A person's words without quote marks, searchable by /quote: each passage of a speech, reported orders."""
    marked = {(q.start, q.end) for q in quoted}
    out = []
    for v in voices:
        if v.speaker_id is None or (v.start, v.end) in marked:
            continue
        if v.kind == "speech":
            out += [Quote(s, e, v.speaker_id) for s, e in spans if v.start <= s and e <= v.end]
        else:
            out.append(Quote(v.start, v.end, v.speaker_id))
    return out


def _write_quotes(writer: GenerationWriter, quotes: list[tuple[Source, Quote]], registry: Registry,
                  report: Report) -> None:
    texts = [_words(s.cleaned.text[q.start:q.end]) for s, q in quotes]
    groups = _same_quotation(texts, [q.speaker for _, q in quotes])
    members: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    said = _LiteralTexts({s.document.id: s.cleaned.text for s, _ in quotes})
    for i, (source, q) in enumerate(quotes):
        doc = source.document
        others = sorted({quotes[j][0].document.id for j in members[groups[i]]} - {doc.id})
        speaker = q.speaker or next((quotes[j][1].speaker for j in members[groups[i]] if quotes[j][1].speaker), None)
        text = source.cleaned.text[q.start:q.end]
        same = [d for d in others if said.has(d, text)]
        writer.add(kind="quote", doc=doc.id, text=text, start=q.start, end=q.end, speaker=speaker,
                   also_in=same, reworded_in=[d for d in others if d not in same], group=groups[i])
        report.quotes += 1


class _LiteralTexts:
    """Whether a document says a quotation's words, as literal /source matches them (folded, in a row): "Also
    in" names only such documents; the rest of a quotation's group quote it in other words."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.folded: dict[str, str] = {}

    def has(self, doc: str, quotation: str) -> bool:
        if doc not in self.folded:
            self.folded[doc] = f" {' '.join(literal(self.texts[doc]))} "
        return f" {' '.join(literal(quotation))} " in self.folded[doc]


def _words(quote: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in fold(quote)).split())


def _same_quotation(texts: list[str], speakers: list[str | None]) -> list[int]:
    """Group index of each quotation; one quotation reported by several documents shares a group.

    Candidates are found through shared word trigrams, so the cost grows
    with the corpus, not with its square.
    """
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles: dict[tuple[str, ...], list[int]] = {}
    for i, t in enumerate(texts):
        words = t.split()
        for k in range(max(1, len(words) - 2)):
            shingles.setdefault(tuple(words[k:k + 3]), []).append(i)
    for i, t in enumerate(texts):
        shared: dict[int, int] = {}
        words = t.split()
        for k in range(max(1, len(words) - 2)):
            for j in shingles.get(tuple(words[k:k + 3]), ()):
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        for j, n in shared.items():
            if n >= 3 and _compatible(speakers[i], speakers[j]) and _alike(t, texts[j]):
                parent[root(j)] = root(i)
    return [root(i) for i in range(len(texts))]


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _alike(a: str, b: str) -> bool:
    shorter, longer = sorted((len(a), len(b)))
    return shorter >= 0.6 * longer and fuzz.ratio(a, b) >= 85
