"""The bilingual glossary (`config/glossary.yaml`): Persian words → the English the documents use, and groups of
English words related in meaning (bodies, corpses; executed, hanged, gallows), which a search also looks for.

Keys are folded as the index folds Persian (letter variants, vowel marks, ZWNJ) and
written without spaces, so قتل عام, قتل‌عام and قتلعام are one key. A word not
listed is tried again without a plural or ezafe ending (زندان‌های → زندان).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from ..errors import ConfigError
from ..settings import SAFE_LOADER
from .analysis import TOKEN
from .persian import fold

# Longest first: plural (ها، های، هایی، ان، ات) and ezafe/indefinite (ی، ای، یی) endings.
ENDINGS = ("هایی", "های", "ها", "یان", "ان", "ات", "ای", "یی", "ی")


def key(words: list[str] | str) -> str:
    """The matching form of a Persian word or phrase: folded, lower case, no spaces."""
    if isinstance(words, str):
        words = TOKEN.findall(words)
    return "".join(fold(w).lower() for w in words)


@dataclass(frozen=True)
class Related:
    """English words a search for one of `words` also looks for; `negations` say their opposite ("unpunished")."""

    words: tuple[str, ...]
    negations: tuple[str, ...] = ()


@dataclass
class Glossary:
    entries: dict[str, str] = field(default_factory=dict)  # key -> English
    english: list[str] = field(default_factory=list)  # every English term, in file order
    related: list[Related] = field(default_factory=list)  # groups of related English words, in file order
    senses: dict[str, list[str]] = field(default_factory=dict)  # key -> its English senses, in order (حکم)
    _by_terms: dict[frozenset[str], list[Related]] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, path: Path | None) -> Glossary:
        glossary = cls()
        if not path or not path.exists():
            return glossary
        try:
            items = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or []
            for item in items:
                glossary._add(item)
        except (yaml.YAMLError, TypeError, KeyError, AttributeError) as e:
            raise ConfigError(f"{path}: a list of {{en: English, fa: [Persian, ...], related: [English, ...], "
                              f"negations: [English, ...]}} entries expected ({e})") from None
        return glossary

    def _add(self, item: dict) -> None:
        """One entry: an English term with its Persian words, related English words, or both."""
        en = str(item["en"]) if "en" in item or "related" not in item else None
        if en is not None:
            self.english.append(en)
            for persian in item.get("fa") or []:
                self.entries.setdefault(key(str(persian)), en)
                if item.get("senses"):
                    self.senses.setdefault(key(str(persian)), [str(w) for w in item["senses"]])
        related = [str(w) for w in item.get("related") or []]
        if related:
            self.related.append(Related(tuple(dict.fromkeys(([en] if en else []) + related)),
                                        tuple(str(w) for w in item.get("negations") or [])))

    def related_to(self, word_terms: set[str], analyse: Callable[[str], list[str]]) -> list[Related]:
        """The related groups holding a word whose terms are `word_terms` (`analyse` gives a word's terms)."""
        if self._by_terms is None:  # every search asks: the groups are indexed by their words' terms once
            self._by_terms = {}
            for g in self.related:
                for w in g.words:
                    self._by_terms.setdefault(frozenset(analyse(w)), []).append(g)
        return list(dict.fromkeys(self._by_terms.get(frozenset(word_terms), [])))

    def lookup(self, words: list[str]) -> str | None:
        """The English for a Persian word or phrase (a single word also without one or two endings)."""
        k = key(words)
        if k in self.entries:
            return self.entries[k]
        if len(words) == 1:
            for stem in _stems(k):
                if stem in self.entries:
                    return self.entries[stem]
        return None

    def senses_of(self, words: list[str]) -> list[str]:
        """The English senses of a Persian word of several senses (حکم: verdict, sentence, ruling, fatwa), in
        order; [] for a word of one sense."""
        k = key(words)
        if k in self.senses:
            return list(self.senses[k])
        if len(words) == 1 and k not in self.entries:
            return next((list(self.senses[s]) for s in _stems(k) if s in self.senses), [])
        return []

    def hints(self, words: list[str], limit: int = 5) -> list[str]:
        """English terms to suggest for Persian words nothing matched: the closest entries, else the first ones."""
        close = []
        for w in words:
            close += [self.entries[m[0]] for m in process.extract(key([w]), list(self.entries), scorer=fuzz.ratio,
                                                                   limit=2, score_cutoff=70)]
        return list(dict.fromkeys(close + self.english))[:limit]


def _stems(word: str) -> list[str]:
    """`word` without an ending, then without two (اعدامی‌ها → اعدامی → اعدام), never under three letters."""
    once = [word[:-len(e)] for e in ENDINGS if word.endswith(e) and len(word) - len(e) >= 3]
    twice = [w[:-len(e)] for w in once for e in ENDINGS if w.endswith(e) and len(w) - len(e) >= 3]
    return once + twice
