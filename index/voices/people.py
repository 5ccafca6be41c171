"""People: who is named in the corpus, under which spellings, and where.

A registry starts from `config/people.yaml` (canonical names, aliases) and
grows with names found in the text when there is evidence that a capitalised
sequence is a person: a title before it ("Mrs.", "Ayatollah"), a role before
it ("spokesperson Morgan Ortagus"), an appositive after it ("Kumi Naidoo,
Secretary General of ..."), or a speech verb after it ("Bachelet said").

Matching folds case, diacritics, hyphens, spaces and apostrophes, and joins
spellings the corpus itself uses for one person (Avaei/Avaie) when the
first names agree, so Khomeini and Khamenei stay two people.

`Registry.resolve` is the one place a name a user types becomes a person:
exact names first, then a transliteration variant only when one person is
clearly closest, else candidates to choose from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import OSA

from ..errors import ConfigError
from ..models import Mention, Person
from ..settings import read_yaml
from .marks import marked_spans
from .names import NOT_NAMES, ROLES, SPEECH, SUFFIXES, TITLES, TOKEN, WORD, common_english_words, fold
from .persian_people import WORD as PERSIAN_WORD
from .persian_people import PersianNames, describe_persian, described_names, romanised, same_person, titled_names
from .variants import near_name, same_name, sound_keys


def key(name: str) -> tuple[str, ...]:
    """A name's matching words; an initial's full stop is not part of it ("Jo B. Bloggs")."""
    return tuple(w.rstrip(".") for w in fold(name).split() if w.rstrip("."))


@dataclass
class Resolution:
    """Whom a name typed by a user means: one person, or the candidates to offer instead."""

    person: Entry | None
    candidates: list[Entry] = field(default_factory=list)  # when no one is certain: who they might mean
    how: str = "unknown"  # "name" | "surname" | "first name" | "middle name" | "closest" | "ambiguous" | "unknown"

    @property
    def approximate(self) -> bool:
        """Resolved by spelling, not by a name the sources use: the answer must say so."""
        return self.how == "closest"


@dataclass
class Entry:
    id: str
    name: str
    keys: set[tuple[str, ...]] = field(default_factory=set)
    seen: Counter = field(default_factory=Counter)  # surface forms found in the text
    aliases: list[str] = field(default_factory=list)  # forms from people.yaml

    @property
    def first(self) -> str:
        return min(self.keys, key=len)[0] if self.keys else ""

    @property
    def last(self) -> str:
        return fold(self.name).split()[-1]


def _people_listed(path: Path) -> list[dict]:
    """people.yaml's entries, each a mapping with a `name` and lists of `aliases` and `fa` spellings; a file of
    another shape is a ConfigError that says where, not a traceback."""
    items = read_yaml(path) or []
    example = "a list of entries like “- name: Jo Bloggs” (see config/people.yaml)"
    if not isinstance(items, list):
        raise ConfigError(f"{path}: should be {example}")
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or \
                any(not isinstance(item.get(k) or [], list) or not all(isinstance(v, str) for v in item.get(k) or [])
                    for k in ("aliases", "fa")):
            raise ConfigError(f"{path}: entry {n} should have a name and lists of aliases and fa spellings: "
                              f"{example}")
    return items


class Registry:
    """Every known person, and how to find them in text and in user queries."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self._by_key: dict[tuple[str, ...], str] = {}
        self._by_last: dict[str, set[str]] = {}
        self._by_first: dict[str, set[str]] = {}
        self._by_form: dict[tuple[str, ...], str] = {}  # full aliases with their titles ("mrs rajavi")
        self.words: set[str] = set()  # every word of the corpus, folded: a word the sources use is no misspelling
        self._parts: list[tuple[str, str, str]] | None = None  # (matching form, person id, part), built on demand
        self._part_words: dict[str, list[int]] = {}  # word -> places in _parts of the forms having it
        # Names resolved, by their words as read: only for a registry read back from a generation, which never
        # changes (one being built does, with every name added).
        self._resolved: dict[tuple[str, ...], Resolution] | None = None
        self._persian: PersianNames | None = None  # the Persian-script spellings, built on demand
        self._by_sound: dict[str, set[str]] = {}  # a full name's variants.sound_keys -> person ids
        self.apart: set[frozenset[tuple[str, ...]]] = set()  # names an admin split: never joined (overrides.py)
        self.joined: dict[str, str] = {}  # a spelling joined to someone by variants.py -> the person's id
        self.near: set[tuple[str, str]] = set()  # (new person id, look-alike person id) kept apart
        self._tokens: dict[str, list[str]] | None = None  # _name_tokens(), kept once the registry is read back

    # -- building ------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path: Path | None) -> Registry:
        registry = cls()
        if path and path.exists():
            for item in _people_listed(path):
                entry = registry.add(item["name"])
                if entry is None:  # a lone surname matching no one (or several) names no one to attach aliases to
                    raise ConfigError(f"{path}: {item['name']!r} is not a full name (first and last)")
                for alias in item.get("aliases") or []:
                    entry.aliases.append(alias)
                    registry._index(entry, key(_strip_titles(alias)))
                    registry._index_form(entry, alias)
                for spelling in item.get("fa") or []:  # Persian script: found in queries, not shown as aliases
                    registry._index(entry, key(spelling))
        return registry

    def add(self, name: str) -> Entry | None:
        """The person called `name`, created if no known person has that name or a close variant.

        A lone surname creates no one; it becomes a spelling of the one known
        person whose surname it nearly matches ("Shaifee wrote" -> Reza Shafiee).
        """
        k = key(name)
        if len(k) == 1:
            return self._add_spelling(k[0])
        if len(name.split()) == 1:
            return self._hyphened_surname(k)
        found = self._by_key.get(k)
        if not found and (found := self._variant_of(k)):
            self.joined.setdefault(name, found)  # for the reindex summary: which spellings joined whom
        entry = self.entries[found] if found else self._new(name)
        self._index(entry, k)
        return entry

    def _new(self, name: str) -> Entry:
        """A new entry for `name`, its id made unique; look-alikes kept apart are noted for the admin."""
        entry = Entry(id=_slug(name), name=name)
        while entry.id in self.entries:
            entry.id += "-2"
        k = key(name)
        # Look-alikes, and spellings of two people at once (no one joined): not names an admin split.
        self.near.update((entry.id, pid) for pid in self._sounding(k) if self._joinable(k, pid)
                         and any(near_name(k, known) or same_name(k, known) for known in self.entries[pid].keys))
        self.entries[entry.id] = entry
        return entry

    def add_single(self, name: str) -> Entry | None:
        """A person the text names by one name only, at a speech cue ("“…,” Bloggs said"), if no one has it."""
        k = key(name)
        if len(k) != 1 or k in self._by_key or k[0] in self._by_last or k[0] in NOT_NAMES | TITLES | ROLES:
            return None
        entry = self._new(name)
        self._index(entry, k)
        return entry

    def add_spelling(self, person: str, name: str) -> None:
        """Another spelling of a known person's whole name: one found in Persian script (persian_people.py)."""
        self._index(self.entries[person], key(name))

    def adopt(self, entry: Entry, k: tuple[str, ...]) -> None:
        """Make k a name of `entry`, even if it named someone else (an admin's merge, overrides.py)."""
        self._by_key.pop(k, None)
        self._index(entry, k)

    def _index(self, entry: Entry, k: tuple[str, ...]) -> None:
        if not k:
            return
        self._parts = self._persian = None
        entry.keys.add(k)
        self._by_key.setdefault(k, entry.id)
        if len(k) > 1:
            self._by_last.setdefault(k[-1], set()).add(entry.id)
            self._by_first.setdefault(k[0], set()).add(entry.id)
            for sk in sound_keys(k):
                self._by_sound.setdefault(sk, set()).add(entry.id)

    def _index_form(self, entry: Entry, alias: str) -> None:
        """A titled alias names one person even when a bare surname would not ("Mrs. Rajavi")."""
        form = _query_words(alias)
        if len(form) > 1 and form != _strip_title_words(form):
            self._by_form.setdefault(form, entry.id)

    def _hyphened_surname(self, k: tuple[str, ...]) -> Entry | None:
        """A name written as one word in parts ("Holtz-Eakin", "Ki-moon") is a surname, not a first and last name:
        like a lone surname it creates no one, and names the one known person whose name ends with it."""
        ends = {pid for pid in self._by_last.get(k[-1], ())
                if any(len(known) > len(k) and known[-len(k):] == k for known in self.entries[pid].keys)}
        if len(ends) != 1:
            return None
        entry = self.entries[ends.pop()]
        self._index(entry, k)
        return entry

    def _add_spelling(self, word: str) -> Entry | None:
        if word in self._by_last or len(word) < 5:
            return None
        close = {pid for last, pids in self._by_last.items() if _same_surname(last, word) for pid in pids}
        if len(close) != 1:
            return None
        entry = self.entries[close.pop()]
        self._by_last.setdefault(word, set()).add(entry.id)
        self._parts = None
        return entry

    def _variant_of(self, k: tuple[str, ...]) -> str | None:
        """A known person whose name differs only by middle names or a one-letter slip in the surname."""
        if len(k) < 2:
            return None
        for pid in sorted(self._by_first.get(k[0], ())):
            if self._joinable(k, pid) and any(len(known) > 1 and _same_surname(known[-1], k[-1])
                                              for known in self.entries[pid].keys):
                return pid
        # Transliterations (Hussein-Ali Montazari for Hossein-Ali Montazeri): only one person may match.
        found = {pid for pid in self._sounding(k)
                 if self._joinable(k, pid) and any(same_name(k, known) for known in self.entries[pid].keys)}
        return found.pop() if len(found) == 1 else None

    def _sounding(self, k: tuple[str, ...]) -> list[str]:
        """The people whose names may be variants of k's (see variants.sound_keys), in a stable order."""
        return sorted({pid for sk in sound_keys(k) for pid in self._by_sound.get(sk, ())})

    def _joinable(self, k: tuple[str, ...], pid: str) -> bool:
        """Whether k may join the person pid: no admin has split it from any of their names."""
        return not self.apart or all(frozenset((k, known)) not in self.apart for known in self.entries[pid].keys)

    # -- finding -------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        """Every mention of a known person in `text`, as offsets."""
        found: list[Mention] = []
        recent: dict[str, int] = {}
        full: Counter = Counter()  # how often the text has named each person in full so far
        for run in capitalised_runs(text):
            i = 0
            while i < len(run):
                pid, n = self._match(run, i, recent, full)
                if pid:
                    found.append(Mention(pid, run[i][1], run[i + n - 1][2]))
                    recent[pid] = run[i][1]
                    full[pid] += n > 1
                    i += n
                else:
                    i += 1
        if PERSIAN_WORD.search(text):  # Persian script has no capitals: its names are matched as the registry spells them
            if self._persian is None:
                self._persian = PersianNames(((e.id, k) for e in self.entries.values() for k in e.keys),
                                             {e.id for e in self.entries.values() if PERSIAN_WORD.search(e.name)})
            found = sorted(found + self._persian.mentions(text), key=lambda m: m.start)
        return found

    def _match(self, run, i: int, recent: dict[str, int], full: Counter) -> tuple[str | None, int]:
        for n in range(min(5, len(run) - i), 0, -1):
            k = tuple(t for word in run[i:i + n] for t in fold(word[0]).split())
            if pid := self._by_key.get(k):
                return pid, n
            if n > 1 and (pid := self._variant_of(k)):
                return pid, n
        if any(may_be_name(run[j][0]) for j in (i - 1, i + 1) if 0 <= j < len(run)):
            return None, 1  # "Warren E. Buffett", "Ann Warren": a surname inside someone else's name
        return self._surname(fold(run[i][0]), recent, full), 1

    def _surname(self, word: str, recent: dict[str, int], full: Counter) -> str | None:
        """A lone surname: the person it names. When several people share it, the one the text has named in
        full clearly more often so far (twice as often as any other), else the one the whole collection
        names clearly more often (three times), else no one: "Clinton" is not whoever was named last."""
        if word in NOT_NAMES or len(word) < 3:
            return None
        ids = set(self._by_last.get(word, ()))
        if len(ids) > 1:
            ids = _clearly_most(ids, lambda p: full[p], 2) or \
                _clearly_most(ids, lambda p: sum(self.entries[p].seen.values()) if p in self.entries else 0, 3)
        return next(iter(ids)) if ids else None

    def lookup(self, query: str) -> Entry | None:
        """The person a user means by `query` when that is certain (no approximation); see `resolve`.

        Only the exact steps: a spelling comparison with every known name can only give an approximate
        person or none, and a long Persian question looks up dozens of word windows."""
        found = self._exactly(_query_words(query))
        return found.person if found is not None and not found.approximate else None

    def resolve(self, query: str) -> Resolution:
        """Whom a name typed by a user means, or whom they might mean.

        In order: a full name or alias ("Mrs. Rajavi", "Hossein Ali Montazeri");
        every word of it in one person's name ("Zeid Hussein"); one word that
        is a surname, first name or other part of exactly one person's name
        ("Zeid", "President Raisi"); then the one person clearly closest in
        spelling or transliteration ("Rajavy", "Pourmohammadi"). A word shared
        by several people, or a near miss with no clear winner, gives
        candidates, never a guess. Titles are ignored; words the corpus itself
        uses are never taken for misspelt names ("Razavi" is a province).
        Names in other scripts plug in as keys and aliases like any other.
        """
        form = _query_words(query)
        if self._resolved is not None and (known := self._resolved.get(form)) is not None:
            return known
        found = self._exactly(form) or self._closest(_strip_title_words(form))
        if self._resolved is not None:
            if len(self._resolved) >= RESOLVED_KEPT:
                self._resolved.clear()
            self._resolved[form] = found
        return found

    def _exactly(self, form: tuple[str, ...]) -> Resolution | None:
        """The steps of `resolve` that match names exactly; None when only spelling could tell."""
        if pid := self._by_form.get(form):
            return Resolution(self.entries[pid], how="name")
        words = _strip_title_words(form)
        if not words:
            return Resolution(None)
        # A lone word goes by parts even when people.yaml lists it as an alias ("Khomeini"):
        # if the sources name two Khomeinis, the user must choose.
        if pid := self._by_key.get(words) if len(words) > 1 else None:
            return Resolution(self.entries[pid], how="name")
        return self._by_parts(words)

    def _by_parts(self, words: tuple[str, ...]) -> Resolution | None:
        """The people whose names hold every word exactly (a surname, a first name, "pourmohammadi")."""
        if len(words) == 1 and (words[0] in NOT_NAMES or len(words[0]) < 3):
            return None
        found: dict[str, str] = {}  # person id -> the part matched, for the answer's wording
        parts = self._name_parts()
        for form, pid, part in (parts[i] for i in self._parts_holding(words)):
            if len(words) > 1 or form == words[0]:
                found.setdefault(pid, part)
        if not found:
            return None
        if len(found) == 1:
            pid, part = found.popitem()
            return Resolution(self.entries[pid], how="name" if len(words) > 1 else part)
        return Resolution(None, [self.entries[pid] for pid in found], how="ambiguous")

    def _closest(self, words: tuple[str, ...]) -> Resolution:
        """The one person whose surname or full name is clearly nearest in spelling, else the near ones."""
        if any(w in NOT_NAMES | TITLES | ROLES for w in words) or all(self._is_word(w) for w in words):
            return Resolution(None, self._suggestions(words))
        forms: dict[str, list[str]] = {}
        for form, pid, part in self._name_parts():
            # A first name alone only when spelt for the same sound (Zeyd, Zeid): Michael is not Michelle.
            same_sound = part == "first name" and len(words) == 1 and sound(form) == sound(words[0])
            if part == "surname" or (len(words) > 1 and part == "name") or same_sound:
                forms.setdefault(pid, []).append(form)
        near = sorted((cost, pid) for pid, f in forms.items() if (cost := _name_distance(words, f)) is not None)
        if near and (len(near) == 1 or near[1][0] - near[0][0] >= MARGIN):
            return Resolution(self.entries[near[0][1]], how="closest")
        if near:
            return Resolution(None, [self.entries[pid] for _, pid in near[:5]], how="ambiguous")
        return Resolution(None, self._suggestions(words))

    def _suggestions(self, words: tuple[str, ...]) -> list[Entry]:
        """People a misspelt name may mean: "Did you mean ...?", never an answer.

        Only a plausible spelling of the same name: its last word (the surname, as typed) is a word of the
        person's name or alias spelt nearly alike, or the start of one. A few shared letters are no reason
        ("elect" is not Bachelet; Nayyeri is not Nouri).
        """
        typed = [w for w in words if w not in NOT_NAMES | TITLES | ROLES]
        if not typed or len("".join(typed)) < 3:
            return []
        best: dict[str, float] = {}  # person id -> their nearest word's cost
        for token, pids in self._name_tokens().items():  # each word once, however many people share it
            if (cost := _plausible(typed[-1], token)) is not None:
                for pid in pids:
                    best[pid] = min(cost, best.get(pid, cost))
        near = [(best[pid], e.name, e) for pid, e in self.entries.items() if pid in best]  # equal: registry order
        return [e for _, _, e in sorted(near, key=lambda n: (n[0], n[1]))[:3]]

    def _name_tokens(self) -> dict[str, list[str]]:
        """Every folded word of every name and alias, with the people it belongs to. Kept for a registry read
        back from a generation, which never changes: built once, not on every misspelt name typed."""
        if self._tokens is not None:
            return self._tokens
        tokens: dict[str, list[str]] = {}
        for e in self.entries.values():
            for t in {t for form in [e.name, *self.aliases_of(e)] for t in fold(_strip_titles(form)).split()}:
                tokens.setdefault(t, []).append(e.id)
        if self._resolved is not None:
            self._tokens = tokens
        return tokens

    def _is_word(self, word: str) -> bool:
        """A word the sources use, or a common English word: never taken for a misspelt name."""
        return word in self.words or word.lower() in common_english_words()

    def _name_parts(self) -> list[tuple[str, str, str]]:
        """Every way to name someone with part of their name: (matching form, person id, which part)."""
        if self._parts is None:
            parts: dict[tuple[str, str], str] = {}
            for entry in self.entries.values():
                for k in entry.keys:
                    parts.setdefault((" ".join(k), entry.id), "surname" if len(k) == 1 else "name")
                    if len(k) == 1:
                        continue
                    parts[(k[-1], entry.id)] = "surname"
                    parts.setdefault(("".join(k[1:]), entry.id), "surname")  # Pour-Mohammadi typed as one word
                    parts.setdefault((k[0], entry.id), "first name")
                    for middle in k[1:-1]:
                        parts.setdefault((middle, entry.id), "middle name")
            for last, pids in self._by_last.items():
                for pid in pids:
                    parts.setdefault((last, pid), "surname")
            self._parts = [(form, pid, part) for (form, pid), part in parts.items()]
            self._part_words = {}
            for i, (form, _, _) in enumerate(self._parts):
                for w in dict.fromkeys(form.split()):
                    self._part_words.setdefault(w, []).append(i)
        return self._parts

    def _parts_holding(self, words: tuple[str, ...]) -> list[int]:
        """The places in `_name_parts()` of the forms that have every word, in order: looked up by word, as
        every word window of a long question is looked up."""
        self._name_parts()
        places = [set(self._part_words.get(w, ())) for w in words]
        return sorted(set.intersection(*places)) if places else []

    def to_dict(self) -> dict:
        return {
            "entries": [
                {"id": e.id, "name": e.name, "keys": [list(k) for k in e.keys], "aliases": self.aliases_of(e)}
                for e in self.entries.values()
            ],
            "surnames": {last: sorted(ids) for last, ids in self._by_last.items()},
            "words": sorted(self.words),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Registry:
        registry = cls()
        for item in data["entries"]:
            entry = Entry(id=item["id"], name=item["name"], aliases=item["aliases"])
            registry.entries[entry.id] = entry
            for k in item["keys"]:
                registry._index(entry, tuple(k))
            for alias in item["aliases"]:
                registry._index_form(entry, alias)
        for last, ids in data["surnames"].items():
            registry._by_last.setdefault(last, set()).update(ids)
        registry.words = set(data.get("words", ()))
        registry._resolved = {}
        return registry

    def people(self, counts: dict[str, int]) -> list[Person]:
        return [
            Person(id=e.id, name=e.name, aliases=self.aliases_of(e), documents=counts.get(e.id, 0))
            for e in self.entries.values()
        ]

    def aliases_of(self, entry: Entry) -> list[str]:
        forms = [f for f, _ in entry.seen.most_common()] + entry.aliases
        return list(dict.fromkeys(f for f in forms if f != entry.name))


def _clearly_most(ids: set[str], count, factor: int) -> set[str]:
    """The one id whose count is at least `factor` times every other's (and not zero), as a set; else empty."""
    ranked = sorted(ids, key=count, reverse=True)
    best, second = count(ranked[0]), count(ranked[1])
    return {ranked[0]} if best > 0 and best >= factor * second else set()


def discover(registry: Registry, texts: list[str], named: Iterable[Named] | None = None) -> None:
    """Add to `registry` every person the texts name with evidence, then record surface forms.

    A speaker named at a speech cue next to a quotation is a person even when
    named once; a lone surname there becomes the full name the same text uses
    for it, or, when the text never gives one, a person of that one name.
    `named`: `named_in` of each text, in order, when the caller found them already (in several processes).
    """
    found, lone, words = [], [], []
    for names, spoken, surnames, text_words in (map(named_in, texts) if named is None else named):
        found += names + spoken
        lone += surnames
        words.append(text_words)
    for name in sorted(found, key=lambda n: -len(n.split())):  # full names before lone surnames
        registry.add(name)
    for name in lone:
        if registry.add(name) is None:
            registry.add_single(name)
    _discover_persian(registry, texts)
    for text in texts:
        for m in registry.mentions(text):
            registry.entries[m.person].seen[text[m.start:m.end]] += 1
    for text_words in words:
        registry.words.update(text_words)


Named = tuple[list[str], list[str], list[str], set[str]]  # names, speakers, lone surnames, words: named_in


def named_in(text: str) -> Named:
    """What `discover` learns from one text alone: the names it gives with evidence (`candidates`), the speakers
    and lone surnames at its speech cues (`speakers_named`), and its words, folded."""
    spoken, surnames = speakers_named(text)
    return candidates(text), spoken, surnames, set(WORD.findall(fold(text)))


def _discover_persian(registry: Registry, texts: list[str]) -> None:
    """People Persian texts name after a title or present with a role (persian_people.py): a Latin-script
    person's when every word transliterates theirs and no one else fits, else a person of their own."""
    latin = [Person(e.id, e.name, e.aliases) for e in registry.entries.values() if not PERSIAN_WORD.search(e.name)]
    known = PersianNames((e.id, k) for e in registry.entries.values() for k in e.keys)
    for text in texts:
        for name in titled_names(text) + described_names(text):
            if known.knows(name):
                continue
            if person := same_person(name, latin):
                registry.add_spelling(person.id, name)
            else:
                registry.add(name)
            known = PersianNames((e.id, k) for e in registry.entries.values() for k in e.keys)


def speakers_named(text: str) -> tuple[list[str], list[str]]:
    """Names speech cues give next to quotations: (full names, lone names the text never gives in full)."""
    # cues.py is imported where people are found (a reindex, a draft), not with the registry a bot serves from: its
    # patterns took ~6 ms of every launch.
    from .cues import common_words, cue

    lower = common_words(text)
    fuller = _FullNames(text, lower)
    full, lone = [], []
    for start, end in marked_spans(text):
        found = cue(text, start, end, lower)
        if found is None or found.kind != "person":
            continue
        if len(key(found.name)) > 1:
            full.append(found.name)
        elif names := fuller(found.name):
            full += names
        else:
            lone.append(found.name)
    labels = Counter(m["label"] for m in TRANSCRIPT_LABEL.finditer(text))
    for label, turns in labels.items():  # "WALLACE: …" in a transcript naming Chris Wallace, who speaks twice
        if turns > 1:
            full += fuller(label.title())
    return full, lone


TRANSCRIPT_LABEL = re.compile(r"(?m)^(?P<label>[A-Z][A-Z’'\-]{2,})(?=:[ \t]+\S)")
CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]*\b(?![’'\-])")
BEFORE_SURNAME = re.compile(r"(?:\b[A-Z][\w’'\-]*\.?[ \t]){1,5}$")  # a name never runs over a line


class _FullNames:
    """The full names a text gives for a surname ("Jo Bloggs" for "Bloggs"), without their descriptions.

    The text's capitalised words are indexed once, so each surname costs only its own occurrences.
    """

    def __init__(self, text: str, lower: set[str]) -> None:
        self.text = text
        self.lower = lower
        self.at: dict[str, list[int]] = {}
        for m in CAPITALISED.finditer(text):
            self.at.setdefault(m.group(), []).append(m.start())
        self.found: dict[str, list[str]] = {}

    def __call__(self, surname: str) -> list[str]:
        from .cues import name_in  # see speakers_named

        if surname not in self.found:
            names = set()
            for pos in self.at.get(surname, ()):
                m = BEFORE_SURNAME.search(self.text, max(0, pos - 120), pos)
                named = name_in(self.text, m.start(), pos + len(surname), self.lower) if m else None
                if named and len(key(named)) > 1 and key(named)[-1] == fold(surname):
                    names.add(named)
            # "Using Ted Cruz" where the text also says "Ted Cruz": the extra word is not part of the name
            self.found[surname] = sorted(n for n in names if not any(n != o and n.endswith(" " + o) for o in names))
        return self.found[surname]


def candidates(text: str) -> list[str]:
    """Names of people in `text`: capitalised sequences with evidence of being a person."""
    from .cues import common_words, opens_no_name  # see speakers_named

    names = []
    common = common_words(text)  # "Yet", "Using": words the text mostly writes in lower case open no name
    headlines = _title_cased(text, common)
    for run in capitalised_runs(text):
        if headlines and any(a <= run[0][1] < b for a, b in headlines):
            continue
        start = 0
        titled = _role_before(text, run[0][1])
        while start < len(run) and (_word(run[start][0]) in TITLES | ROLES | NOT_NAMES or
                                    (start == 0 and opens_no_name([w for w, _, _ in run], common))) and not _acronym(run[start][0]):
            titled = titled or _word(run[start][0]) in TITLES | ROLES
            start += 1
        if not titled and (_word(run[0][0]) == "the" or text[max(0, run[0][1] - 4):run[0][1]].lower() == "the "):
            continue  # "the Clean Power Plan", "The Daily Beast": a name after a bare "the" is a thing's
        end = start
        while end < len(run) and _word(run[end][0]) not in NOT_NAMES | TITLES:
            end += 1
        suffixed = run[end - 1][2] if end > start else 0  # "Jo Bloggs QC, a lawyer": the appositive follows the suffix
        while end > start and _word(run[end - 1][0]) in SUFFIXES:
            end -= 1
        words = run[start:end]
        if not 1 <= len(words) <= 4 or any(w[0][1:].isupper() for w in words):
            continue  # acronyms ("HANDS OFF CAIN") are organisations
        after = text[suffixed:suffixed + 90]
        evidence = SPEECH_AFTER.match(after) if len(words) == 1 else (titled or _described_after(after))
        if evidence:
            names.append(text[words[0][1]:words[-1][2]])  # as written: "Jo B. Bloggs"
    return names


def _title_cased(text: str, common: set[str]) -> list[tuple[int, int]]:
    """Lines set in title case, where a capital says nothing of a name ("President Obama Speech at Black Caucus
    Foundation", a headline): at least three of their words that the text otherwise writes in lower case, and
    half of them, are capitalised."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        words = [w for w in TOKEN.findall(line.group()) if len(w) > 3 and w.lower() in common]
        capitalised = sum(1 for w in words if w[0].isupper())
        if capitalised >= 3 and 2 * capitalised >= len(words):
            spans.append(line.span())
    return spans


def _word(word: str) -> str:
    return fold(word).replace(" ", "-")


def may_be_name(word: str) -> bool:
    """A capitalised word that may be part of a name: not a title, role or word that is never one ("Sen.", "The")."""
    return fold(word).rstrip(".") not in NOT_NAMES | TITLES | ROLES


def _acronym(word: str) -> bool:
    """A word in capitals is an acronym, not a title, in a run of ordinary words: "MS Word Documents",
    "DR Congo" (a run all in capitals, a headline's "MR JO BLOGGS", is no name here anyway)."""
    return len(word) > 1 and word.isupper()


def capitalised_runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of capitalised words separated by single spaces (or a title's full stop)."""
    runs: list[list[tuple[str, int, int]]] = []
    run: list[tuple[str, int, int]] = []
    last_end = -10
    for m in TOKEN.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if word.endswith(("’s", "'s")):
            word, end = word[:-2], end - 2
        if not word[0].isupper():
            if run:
                runs.append(run)
            run = []
            continue
        gap = text[last_end:start]
        after_stop = run and (fold(run[-1][0]) in TITLES or len(run[-1][0]) == 1)  # "Sen. Ann Roe", "Jo B. Bloggs"
        joined = gap == " " or (gap == ". " and after_stop)
        if run and not joined:
            runs.append(run)
            run = []
        run.append((word, start, end))
        last_end = m.end()
    if run:
        runs.append(run)
    return runs


ROLE_BEFORE = re.compile(r"(?:^|\s)([\w’'-]+),?\s$")
APPOSITIVE = re.compile(
    r"^,\s+(?:(?:a|an|the|his|her|then|now|current|former|deputy|acting|distinguished|renowned|"
    r"prominent|who|was|is)\s+)*(?P<rest>[^.;]{0,70})"
)
SPEECH_AFTER = re.compile(rf"^,?\s+(?:{SPEECH})\b")
IDENTITY_AFTER = re.compile(r"^\s+(?:was|is|has been|became)\s+(?:also\s+)?(?:a|an|the|part|one)\b")


def _role_before(text: str, start: int) -> bool:
    m = ROLE_BEFORE.search(text, max(0, start - 40), start)
    return bool(m and fold(m.group(1)) in ROLES | TITLES)


def _described_after(after: str) -> bool:
    if SPEECH_AFTER.match(after) or IDENTITY_AFTER.match(after):
        return True
    m = APPOSITIVE.match(after)
    return bool(m and any(fold(w) in ROLES for w in TOKEN.findall(m["rest"])))


def _strip_titles(name: str) -> str:
    words = [w for w in name.replace(".", " ").split() if fold(w) not in TITLES]
    while words and fold(words[-1]) in SUFFIXES:
        words.pop()
    return " ".join(words)


def _query_words(text: str) -> tuple[str, ...]:
    """A name as typed, as matching words: folded, without quotes, full stops or a possessive 's."""
    words = (w.strip(".,;:!?\"'()[]“”‘’«»") for w in fold(text.replace(".", " ")).split())
    return tuple(re.sub(r"'s$", "", w) for w in words if w.strip("'"))


def _strip_title_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The name without titles, a role before it ("UN High Commissioner Bachelet") or a suffix ("QC")."""
    kept = [w for w in words if w not in TITLES]
    start = 0
    while start < len(kept) - 1 and kept[start] in ROLES | NOT_NAMES:
        start += 1
    kept = kept[start:]
    while kept and kept[-1] in SUFFIXES:
        kept.pop()
    return tuple(kept)


# Transliteration variants of one Persian or Arabic name: Khomeyni/Khomeini, Rouhani/Rohani, Fadawi/Fadavi.
SOUNDS = (("ph", "f"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("w", "v"), ("y", "i"), ("gh", "q"), ("ck", "k"))
VOWELS = set("aeiou")
MARGIN = 1.0  # how much closer the best name must be than the next person's
RESOLVED_KEPT = 4096  # names a generation's registry keeps resolved (a few hundred bytes each)
@lru_cache(maxsize=65536)
def sound(name: str) -> str:
    """The spelling-neutral form of a name: no separators, one transliteration of each sound, no doubled letters."""
    text = re.sub(r"[\s'\-]+", "", fold(name))
    for written, said in SOUNDS:
        text = text.replace(written, said)
    return re.sub(r"(.)\1+", r"\1", text)


def spelling_distance(a: str, b: str) -> float:
    """Edit distance where a vowel for a vowel, or a dropped vowel or h, costs half (Montazari, Raeisi)."""
    def indel(c: str) -> float:
        return 0.5 if c in VOWELS or c == "h" else 1.0

    row = [0.0]
    for c in b:
        row.append(row[-1] + indel(c))
    prev2: list[float] = []
    for i, x in enumerate(a, 1):
        cur = [row[0] + indel(x)]
        for j, y in enumerate(b, 1):
            sub = 0.0 if x == y else 0.5 if x in VOWELS and y in VOWELS else 1.0
            best = min(row[j] + indel(x), cur[j - 1] + indel(y), row[j - 1] + sub)
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                best = min(best, prev2[j - 2] + 1.0)
            cur.append(best)
        prev2, row = row, cur
    return row[-1]


def _least_distance(a: str, b: str) -> float:
    """A lower bound of `spelling_distance(a, b)` in linear time: a name typed is compared with every known
    name, and most pairs (other letters, another script) are far apart.

    Every step costs at least 0.5 and touches at most one letter of each side, a transposition only letters
    both sides have: a letter one side lacks needs a step of its own, and so does each added letter.
    """
    in_b, in_a = set(b), set(a)
    missing = max(sum(c not in in_b for c in a), sum(c not in in_a for c in b))
    return 0.5 * max(missing, abs(len(a) - len(b)))


def allowed_distance(form: str) -> float:
    """How far a typed name may be from a known one: nothing for short words, more for long names."""
    n = len(form)
    return 0.0 if n <= 3 else 0.5 if n <= 5 else 1.0 if n <= 8 else 1.5


def _near(typed: str, known: str) -> float | None:
    """The spelling distance of two sound forms, or None when it is beyond what the shorter one allows."""
    allowed = allowed_distance(min(typed, known, key=len))
    if _least_distance(typed, known) > allowed:  # most pairs are told apart without the full comparison
        return None
    cost = spelling_distance(typed, known)
    return cost if cost <= allowed else None


def _name_distance(words: tuple[str, ...], forms: list[str]) -> float | None:
    """How far the typed words are from one person's name forms, as one string or word by word; None if too far."""
    typed = sound("".join(words))
    costs = [c for f in forms if (c := _near(typed, sound(f))) is not None]
    if len(words) > 1:
        tokens = {sound(t) for f in forms for t in f.split()}
        found = []
        for w in words:  # every word must be near a word of the name: the first that is not ends the comparison
            if (cost := min((c for t in tokens if (c := _near(sound(w), t)) is not None), default=None)) is None:
                break
            found.append(cost)
        else:
            costs.append(sum(found))
    return min(costs, default=None)


def _plausible(typed: str, known: str) -> float | None:
    """How far a typed word is from a word of a known name when it could be a spelling of it, else None: the
    word itself, its start (four letters or more), or a spelling half a letter looser than `_near` allows."""
    if len(typed) >= 4 and known.startswith(typed):
        return 0.0
    a, b = sound(typed), sound(known)
    if abs(len(a) - len(b)) > 4:  # _least_distance is then over 2.0, more than any allowance below
        return None
    allowed = max(1.0, allowed_distance(min(a, b, key=len)) + 0.5)
    if _least_distance(a, b) > allowed:
        return None
    cost = spelling_distance(a, b)
    return cost if cost <= allowed else None


def _same_surname(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and OSA.distance(a, b) <= 1)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(romanised(name))).strip("-") or "person"  # Persian names: Latin ids


# -- descriptions ----------------------------------------------------------------

ROLE_AFTER = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?P<role>(?:[^,.;:()“”\"]|\.(?=\w)|(?<=\b[A-Z])\.(?=\s)){3,110}?)\s*(?:,|(?<!\b[A-Z])\.(?:\s|$)|;|\(|$)")
ROLE_WORDS_BEFORE = re.compile(r"(?:^|[\s(])((?:(?:[A-Z][\w’'-]*|of|for|on|the|to)\s+){0,12})$")
CONNECTORS = {"of", "for", "on", "the", "to"}
CLAUSE_OPENING = re.compile(r"^(?:(?:the|a|an|former|previous|then|current)\s|[A-Z])")
VERBS = re.compile(r"\b(?:is|are|was|were|has|have|had|that|which|who)\b")


# "Ana Silva, responding to a question from Deputy Mayor Paul Grant, said": what the person is doing, not who
# they are (and it names someone else).
PARTICIPLE = re.compile(r"[a-z]+ing\b|(?:speaking|asked|pressed|interviewed|quoted|writing)\b")


def describe(text: str, start: int, end: int) -> str | None:
    """How the text presents the person named at text[start:end], if it does so right there.

    An appositive after the name ("Kumi Naidoo, Secretary General of Amnesty
    International,"), a title before it ("UN High Commissioner for Human Rights
    Michelle Bachelet"), or an appositive before it ("the previous Special
    Rapporteur ..., Asma Jahangir,"). Only phrases holding a role word count. A Persian name: persian_people.
    """
    if PERSIAN_WORD.match(text, start):
        return describe_persian(text, end)
    after = ROLE_AFTER.match(text, end, min(len(text), end + 130))
    if after and not after["role"].lower().startswith(("who ", "which ", "was ", "is ", "and ", "or ")) and \
            not PARTICIPLE.match(after["role"]) and _has_role(after["role"]):
        return _tidy(after["role"])
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 160) + 1
    before = text[sentence_start:start]
    if before.rstrip().endswith(","):  # "..., the previous Special Rapporteur on ..., Asma Jahangir"
        clause = before.rstrip()[:-1]
        clause = (clause[clause.rfind(",") + 1:] if "," in clause else clause).strip()
        if verbs := list(VERBS.finditer(clause)):  # "One of the speakers was former judge ..., X"
            clause = clause[verbs[-1].end():].strip()
        if CLAUSE_OPENING.match(clause) and _has_role(clause):
            return _tidy(re.sub(r"^(?:the|a|an)\s+", "", clause))
        return None
    words = ROLE_WORDS_BEFORE.search(before)
    phrase = " ".join(w for w in (words.group(1).split() if words else []))
    while phrase and phrase.split()[0].lower() in CONNECTORS:
        phrase = phrase.split(" ", 1)[1] if " " in phrase else ""
    cut = phrase.split()
    while cut and fold(cut[-1]) in TITLES - ROLES:  # "Ayatollah", "Mrs.": titles, not roles
        cut = cut[:-1]
    phrase = " ".join(cut)
    return _tidy(phrase) if _has_role(phrase) else None


def _has_role(phrase: str) -> bool:
    return any(is_role(w) for w in TOKEN.findall(phrase))


def is_role(word: str) -> bool:
    """Whether a word names a role ("Minister", "Secretary-General"); plain lower case first, it is most words."""
    low = word.lower()
    return low in ROLES or (not low.isascii() and fold(word).replace(" ", "-") in ROLES)


def _tidy(role: str) -> str | None:
    role = " ".join(role.split()).strip(" ,")
    return role if 2 < len(role) <= 110 else None
