"""People: who is named in the corpus, under which spellings, and where.

A registry starts from `config/people.yaml` (canonical names, aliases) and
grows with names found in the text when there is evidence that a capitalised
sequence is a person: a title before it ("Mrs.", "Ayatollah"), a role before
it ("spokesperson Morgan Ortagus"), an appositive after it ("Kumi Naidoo,
Secretary General of ..."), or a speech verb after it ("Bachelet said").

Matching folds case, diacritics, hyphens, spaces and apostrophes, and joins
spellings the corpus itself uses for one person (Avaei/Avaie) when the
first names agree, so Khomeini and Khamenei stay two people.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz.distance import OSA

from .models import Mention, Person
from .persian import fold as persian_fold

TOKEN = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "madam",
    "ayatollah", "hojatoleslam", "imam", "sheikh", "judge", "senator", "president", "minister",
    "general", "gen", "colonel", "rev", "mullah", "king", "queen", "prince", "princess",
}
ROLES = {
    "spokesperson", "spokeswoman", "spokesman", "head", "minister", "leader", "judge", "lawyer",
    "jurist", "president", "president-elect", "secretary", "secretary-general", "rapporteur",
    "commissioner", "professor", "director", "member", "prosecutor", "deputy-prosecutor", "deputy",
    "chief", "advisor", "adviser", "representative", "founder", "commander", "heir", "official",
    "officer", "ambassador", "chairman", "chairwoman", "chair", "senator", "envoy", "activist",
    "journalist", "writer", "author", "prisoner", "survivor", "witness", "successor", "cleric",
    "chancellor", "mayor", "governor", "diplomat", "researcher", "historian", "expert", "advocate",
    "editor", "reporter", "correspondent", "analyst", "whistle-blower", "qc", "mp", "economist",
    "scholar", "politician", "lecturer", "spokesperson’s", "candidate", "attorney", "campaigner",
}
SUFFIXES = {"qc", "kc", "jr", "sr", "mp", "mep", "obe", "cbe", "kbe", "phd", "ii", "iii"}
SPEECH = (
    r"said|says|told|tells|wrote|writes|added|adds|stated|states|stating|informed|urged|argued|"
    r"warned|noted|declared|reminded|explained|insisted|emphasized|stressed|reiterated|recalled|"
    r"asked|announced|tweeted|described|called|expressed|defended|reiterate|reiterates|urges|warns|insists"
)
# Capitalised words that are not parts of a person's name.
NOT_NAMES = set(
    """
    the a an in on at of and or but for to by with from as into after before during since when while
    this that these those his her their its our we they he she it i you there here also many most some
    all now then well if so not no yes one two three more other such what who whom which why how
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    united nations states state department council committee commission commissions court courts
    republic islamic revolution revolutionary guard corps organization organisation office mission
    international national human rights security general assembly union european global summit free
    amnesty resistance movement party foreign affairs supreme leader judiciary ministry government
    agency news press times journal street wall reuters digest policy special high chief advocacy
    middle east west north south africa world war death call mullahs regime iran iranian iraq tehran
    europe america american britain british canada australia sweden lithuania belgium france albania
    germany german israel russia china kingdom mojahedin mek pmoi ncri un god islam almighty internet
    twitter facebook telegram youtube program programme report reports statement conference event
    website university institute center centre foundation association society group magazine
    province city county district east-west massacre justice victims prisoners prison law
    """.split()
)


def fold(text: str) -> str:
    """Matching form of a name: lower case, no diacritics, one kind of apostrophe, no hyphens.

    Persian script folds as the index does (رئيسي = رئیسی), after NFKD has split hamza seats.
    """
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = persian_fold("".join(c for c in text if not unicodedata.combining(c)))
    return " ".join(re.sub(r"[-\s]+", " ", text.casefold()).split())


def key(name: str) -> tuple[str, ...]:
    return tuple(fold(name).split())


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


class Registry:
    """Every known person, and how to find them in text and in user queries."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self._by_key: dict[tuple[str, ...], str] = {}
        self._by_last: dict[str, set[str]] = {}
        self._by_first: dict[str, set[str]] = {}

    # -- building ------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path: Path | None) -> Registry:
        registry = cls()
        if path and path.exists():
            for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
                entry = registry.add(item["name"])
                for alias in item.get("aliases") or []:
                    entry.aliases.append(alias)
                    registry._index(entry, key(_strip_titles(alias)))
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
        found = self._by_key.get(k) or self._variant_of(k)
        if found:
            entry = self.entries[found]
        else:
            entry = Entry(id=_slug(name), name=name)
            while entry.id in self.entries:
                entry.id += "-2"
            self.entries[entry.id] = entry
        self._index(entry, k)
        return entry

    def _index(self, entry: Entry, k: tuple[str, ...]) -> None:
        if not k:
            return
        entry.keys.add(k)
        self._by_key.setdefault(k, entry.id)
        if len(k) > 1:
            self._by_last.setdefault(k[-1], set()).add(entry.id)
            self._by_first.setdefault(k[0], set()).add(entry.id)

    def _add_spelling(self, word: str) -> Entry | None:
        if word in self._by_last or len(word) < 5:
            return None
        close = {pid for last, pids in self._by_last.items() if _same_surname(last, word) for pid in pids}
        if len(close) != 1:
            return None
        entry = self.entries[close.pop()]
        self._by_last.setdefault(word, set()).add(entry.id)
        return entry

    def _variant_of(self, k: tuple[str, ...]) -> str | None:
        """A known person whose name differs only by middle names or a one-letter slip in the surname."""
        if len(k) < 2:
            return None
        for pid in sorted(self._by_first.get(k[0], ())):
            if any(len(known) > 1 and _same_surname(known[-1], k[-1]) for known in self.entries[pid].keys):
                return pid
        return None

    # -- finding -------------------------------------------------------------
    def mentions(self, text: str) -> list[Mention]:
        """Every mention of a known person in `text`, as offsets."""
        found: list[Mention] = []
        recent: dict[str, int] = {}
        for run in _capitalised_runs(text):
            i = 0
            while i < len(run):
                pid, n = self._match(run, i, recent)
                if pid:
                    found.append(Mention(pid, run[i][1], run[i + n - 1][2]))
                    recent[pid] = run[i][1]
                    i += n
                else:
                    i += 1
        return found

    def _match(self, run, i: int, recent: dict[str, int]) -> tuple[str | None, int]:
        for n in range(min(5, len(run) - i), 0, -1):
            k = tuple(t for word in run[i:i + n] for t in fold(word[0]).split())
            if pid := self._by_key.get(k):
                return pid, n
            if n > 1 and (pid := self._variant_of(k)):
                return pid, n
        return self._surname(fold(run[i][0]), recent), 1

    def _surname(self, word: str, recent: dict[str, int]) -> str | None:
        """A lone surname: the person it names, the latest one mentioned when two share it."""
        if word in NOT_NAMES or len(word) < 3:
            return None
        ids = set(self._by_last.get(word, ()))
        if len(ids) > 1:
            ids = {max(ids, key=lambda p: recent.get(p, -1))} if any(p in recent for p in ids) else set()
        return next(iter(ids)) if ids else None

    def lookup(self, query: str) -> Entry | None:
        """The person a user means by `query`: a full name, an alias, or a surname."""
        k = key(_strip_titles(query))
        if not k:
            return None
        if pid := self._by_key.get(k) or (len(k) > 1 and self._variant_of(k)):
            return self.entries[pid]
        if len(k) == 1 and (pid := self._surname(k[0], {})):
            return self.entries[pid]
        return None

    def to_dict(self) -> dict:
        return {
            "entries": [
                {"id": e.id, "name": e.name, "keys": [list(k) for k in e.keys], "aliases": self.aliases_of(e)}
                for e in self.entries.values()
            ],
            "surnames": {last: sorted(ids) for last, ids in self._by_last.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> Registry:
        registry = cls()
        for item in data["entries"]:
            entry = Entry(id=item["id"], name=item["name"], aliases=item["aliases"])
            registry.entries[entry.id] = entry
            for k in item["keys"]:
                registry._index(entry, tuple(k))
        for last, ids in data["surnames"].items():
            registry._by_last.setdefault(last, set()).update(ids)
        return registry

    def people(self, counts: dict[str, int]) -> list[Person]:
        return [
            Person(id=e.id, name=e.name, aliases=self.aliases_of(e), documents=counts.get(e.id, 0))
            for e in self.entries.values()
        ]

    def aliases_of(self, entry: Entry) -> list[str]:
        forms = [f for f, _ in entry.seen.most_common()] + entry.aliases
        return list(dict.fromkeys(f for f in forms if f != entry.name))


def discover(registry: Registry, texts: list[str]) -> None:
    """Add to `registry` every person the texts name with evidence, then record surface forms."""
    found = [name for text in texts for name in candidates(text)]
    for name in sorted(found, key=lambda n: -len(n.split())):  # full names before lone surnames
        registry.add(name)
    for text in texts:
        for m in registry.mentions(text):
            registry.entries[m.person].seen[text[m.start:m.end]] += 1


def candidates(text: str) -> list[str]:
    """Names of people in `text`: capitalised sequences with evidence of being a person."""
    names = []
    for run in _capitalised_runs(text):
        start = 0
        titled = _role_before(text, run[0][1])
        while start < len(run) and _word(run[start][0]) in TITLES | ROLES | NOT_NAMES:
            titled = titled or _word(run[start][0]) in TITLES | ROLES
            start += 1
        end = start
        while end < len(run) and _word(run[end][0]) not in NOT_NAMES | TITLES:
            end += 1
        while end > start and _word(run[end - 1][0]) in SUFFIXES:
            end -= 1
        words = run[start:end]
        if not 1 <= len(words) <= 4 or any(w[0][1:].isupper() for w in words):
            continue  # acronyms ("HANDS OFF CAIN") are organisations
        after = text[words[-1][2]:words[-1][2] + 90]
        evidence = SPEECH_AFTER.match(after) if len(words) == 1 else (titled or _described_after(after))
        if evidence:
            names.append(" ".join(w[0] for w in words))
    return names


def _word(word: str) -> str:
    return fold(word).replace(" ", "-")


def _capitalised_runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of capitalised words separated by single spaces (or a title's full stop)."""
    runs, run, last_end = [], [], -10
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
        joined = gap == " " or (gap == ". " and run and fold(run[-1][0]) in TITLES)
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


def _same_surname(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 5 and OSA.distance(a, b) <= 1)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "person"
