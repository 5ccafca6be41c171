"""A Latin-script question also finds the Persian documents: the same name or place in Persian script.

"Khavaran" is searched as typed, then as the Persian the documents write for it (خاوران), found through
the people registry (a person's Persian spellings), the glossary (execution: اعدام) or by transliteration
against the words the Persian
documents use (index/text/translit.py: the same consonants, and the vowels Persian writes heard in the
Latin). Results with the words as typed come first, then the other script's, and the answer says what it
searched for in each ("Searched for: Khavaran, خاوران.").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..models import Answer, Person
from ..text import translit
from ..text.glossary import Glossary
from ..text.persian import is_persian
from ..voices.names import common_english_words
from ..voices.people import Registry, Resolution
from .messages import add, phrase

if TYPE_CHECKING:
    from .corpus import Corpus

BOTH = {"search", "source"}  # the commands that search words in both scripts
MIN_LETTERS = 4  # shorter Latin words are too many things in Persian
_SKELETONS: WeakKeyDictionary[Registry, dict[str, list[str]]] = WeakKeyDictionary()


def persian_forms(registry: Registry, glossary: Glossary, words: str) -> str | None:
    """The Persian-script words the documents use for a Latin-script question, or None when not certain:
    a person's Persian surname; else the glossary's Persian word for the whole English term; else each word
    by the glossary or transliterated to exactly one word of the documents."""
    if is_persian(words) or not words.strip() or not _skeletons(registry):
        return None  # a Persian question, or no Persian document: nothing to search in the other script
    if (entry := registry.lookup(words)) is not None:
        forms = [k for k in entry.keys if is_persian(" ".join(k))]
        used = [k for k in forms if all(w in registry.words for w in k)]
        return min(used, key=len)[-1] if used else None  # the surname alone: every spelling of the name has it
    if whole := _glossed(registry, glossary, words):
        return whole
    out = []
    for word in words.split():
        found = _glossed(registry, glossary, word) or _transliterated(registry, word)
        if found is None:
            return None
        out.append(found)
    return " ".join(out)


def _glossed(registry: Registry, glossary: Glossary, english: str) -> str | None:
    """The first Persian word the glossary lists for an English term that the documents use (اعدام for
    execution): a one-word form, so the search finds it as a word."""
    wanted = " ".join(english.lower().split())
    return next((k for k, en in glossary.entries.items() if en.lower() == wanted and k in registry.words), None)


def _transliterated(registry: Registry, word: str) -> str | None:
    if len(word) < MIN_LETTERS or not re.fullmatch(r"[A-Za-z’'-]+", word) or word.lower() in common_english_words():
        return None  # an English word ("court") is not a name to spell in Persian letters
    heard = Person(id="", name=word)
    found = [w for w in _skeletons(registry).get(translit.latin_skeleton(word), []) if translit.candidates(w, [heard])]
    return found[0] if len(found) == 1 else None


def has_persian_documents(registry: Registry) -> bool:
    """Whether some documents of the generation are written in Persian (their words are in its vocabulary)."""
    return bool(_skeletons(registry))


def _skeletons(registry: Registry) -> dict[str, list[str]]:
    """The Persian words of the documents by consonant skeleton, worked out once per generation."""
    skeletons = _SKELETONS.get(registry)
    if skeletons is None:
        skeletons = {}
        # One search over every word first: most generations have none in Persian script, and looking at their tens
        # of thousands one by one was half of the first answer's time.
        if is_persian("\n".join(registry.words)):
            for w in registry.words:
                if is_persian(w) and len(s := translit.persian_skeleton(w)) >= 3:
                    skeletons.setdefault(s, []).append(w)
        _SKELETONS[registry] = skeletons
    return skeletons


def in_both(corpus: Corpus, glossary: Glossary, handler: Callable[[Corpus, str, int], Answer], words: str,
            limit: int) -> Answer:
    """The answer to `words` as typed, then to the Persian the documents write for them, said as searched."""
    answer = handler(corpus, words, limit)
    forms = persian_forms(corpus.registry, glossary, words)
    if not forms:
        return answer
    return first_then(answer, handler(corpus, forms, limit), words, forms)


def first_then(typed: Answer, other: Answer, words: str, other_words: str) -> Answer:
    """The results of the words as typed, then those of the other script's words not already given (the other
    script's first when only they have every word); the answer says it searched for both. `typed` alone when
    the other script finds nothing."""
    if not other.results:
        return typed
    if typed.matched_all == 0 and other.matched_all:  # only the other script's passages have every word
        typed, other = other, typed
        typed.query = words
    if not typed.results:
        other.query, answer = words, other
    else:
        answer = typed
        seen = {(r.document.id, r.start) for r in answer.results}
        every = answer.matched_all == len(answer.results) and other.matched_all == len(other.results)
        answer.results += [r for r in other.results if (r.document.id, r.start) not in seen]
        if answer.command == "source" and other.phrases:  # "3 documents say …" and then how many say the other
            add(answer, phrase("answer.both.then", "\n"))
            add(answer, replace(other.phrases[0], sep=" "))
        answer.matched_all = len(answer.results) if every else answer.matched_all
        if answer.total is not None and other.total is not None:
            answer.total += other.total
    answer.translated = other_words
    add(answer, phrase("answer.persian.searched", "\n", terms=f"{words}, {other_words}"), before=True)
    return answer


def persian_person(registry: Registry, typed: str) -> Resolution | None:
    """The one person named only in Persian script whose name a Latin-script name transliterates ("Rastegar":
    مهدی رستگار), as a resolution by spelling (the answer says so); None when no one or several fit."""
    if is_persian(typed) or not re.fullmatch(r"[A-Za-z’' -]{4,}", typed.strip()):
        return None
    heard = Person(id="", name=typed.strip())
    fits = [e for e in registry.entries.values() if is_persian(e.name) and
            all(translit.candidates(w, [heard]) for w in _typed_parts(e.name, typed))]
    return Resolution(fits[0], how="closest") if len(fits) == 1 else None


def _typed_parts(persian_name: str, typed: str) -> list[str]:
    """The words of a Persian name a typed Latin name must sound like: as many, from the last (the surname)."""
    words = persian_name.split()
    return words[-len(typed.split()):] if len(typed.split()) <= len(words) else words + ["-"]
