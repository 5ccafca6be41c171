"""Whether two spellings of a name are one name: transliteration variants of Persian-origin names in Latin letters.

Latin spellings of one Persian name differ in how they write its vowels (Hossein, Hussein, Hosein; Raisi,
Raeisi, Raeesi) and in doubled letters, hyphens and spaces (Hossein-Ali, Hosseinali), but keep its
consonants. So a name is read as a skeleton: its consonants, each sound written one way (kh, gh/q, w/v),
doubled letters once, and between them the vowels, each run read as the one Persian vowel it writes
(o/u/ou/oo are one, ee/ei/ey/i are one, ai/aei/aee are one).

Two spellings are one name when their consonants are the same in the same places and so are their vowels,
except that one short a/e may differ in a name of three consonants or more (Ahmad/Ahmed, Montazeri/
Montazari): Persian does not write that vowel, and transliterations disagree on it; so may a given name's
opening e/i (Ebrahim/Ibrahim). Every other vowel counts, so Hassan is not Hossein, Mohammad is not Mahmoud,
Hamid is not Hamed and Khomeini is not Khamenei.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import fold

SOUNDS = (("kh", "x"), ("gh", "q"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("ch", "c"), ("zh", "j"), ("sh", "$"))
VOWEL_RUN = re.compile(r"[aeiouy]+")
SOFT = {frozenset("ae")}  # vowels transliterations swap for one unwritten Persian vowel
MIN_CONSONANTS_FOR_SOFT = 3


@dataclass(frozen=True)
class Skeleton:
    """A word as consonants and vowel sounds, in order: ("m", "u", "n", "t", "a", "z", "e", "r", "i")."""

    parts: tuple[str, ...]
    consonants: str  # the parts that are not vowels, written together: "mntzr"


def _is_vowel(part: str) -> bool:
    return part[0] in "aeiu"


@lru_cache(maxsize=65536)
def skeleton(word: str) -> Skeleton:
    """The skeleton of a name or word: separators gone, each sound one letter, each vowel run one sound."""
    text = re.sub(r"[^a-z]", "", fold(word))
    for written, said in SOUNDS:
        text = text.replace(written, said)
    text = re.sub(r"(?<=[aeiou])y(?=[aeiou]|$)|^y(?![aeiou])", "i", text)  # Husayn, Rey: a vowel; Yazdi: not
    text = re.sub(r"([^aeiouy])\1+", r"\1", text)  # Hossein, Mohammad: a doubled consonant is one
    parts: list[str] = []
    pos = 0
    for m in VOWEL_RUN.finditer(text):
        parts += list(text[pos:m.start()])
        parts.append(_vowel(m.group()))
        pos = m.end()
    parts += list(text[pos:])
    return Skeleton(tuple(parts), "".join(p for p in parts if not _is_vowel(p)))


def _vowel(run: str) -> str:
    """The one vowel sound a run of vowel letters writes: 'ou' and 'oo' are u, 'ee' and 'ei' are i, 'aei' is ai."""
    run = run.replace("y", "i").replace("o", "u").replace("ee", "i")
    if "i" in run:
        run = run.replace("e", "")
    return re.sub(r"(.)\1+", r"\1", run) or "i"


@lru_cache(maxsize=262144)  # a collection's names meet the same few spellings again and again
def same_word(a: str, b: str, surname: bool = False) -> bool:
    """Whether two words are spellings of one name (see the module's docstring).

    In a surname the first vowel must agree: Werner is not Warner (English surnames differ there), while
    Montazari is Montazeri; a given name may differ there too (Mehdi, Mahdi)."""
    if fold(a) == fold(b):
        return True
    x, y = skeleton(a), skeleton(b)
    if len(x.parts) != len(y.parts) or x.consonants != y.consonants or not x.consonants:
        return False
    soft = 0
    first_vowel = next((i for i, p in enumerate(x.parts) if _is_vowel(p)), -1)
    for i, (p, q) in enumerate(zip(x.parts, y.parts, strict=True)):
        if p == q:
            continue
        opening = i == 0 and not surname and {p, q} == {"e", "i"}  # Ebrahim/Ibrahim, Esmail/Ismail
        if not (opening or (_is_vowel(p) and _is_vowel(q) and frozenset((p, q)) in SOFT)) or (surname and i == first_vowel):
            return False
        soft += 1
    return soft == 0 or (soft == 1 and len(x.consonants) >= MIN_CONSONANTS_FOR_SOFT)


def same_given(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two given names (every word of a name but the surname) are one: word by word, or written
    together ("Hossein Ali" and "Hosseinali", "Ali Reza" and "Alireza")."""
    if len(a) == len(b) and all(same_word(x, y) for x, y in zip(a, b, strict=True)):
        return True
    return bool(a and b) and same_word("".join(a), "".join(b))


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full names (folded words, surname last) are one person's, written differently.

    A hyphen folds to a space, so a surname may be two words in one spelling ("Pour Mohammadi") and one in
    another ("Pourmohammadi"): after the same first name, the rest is compared written together too."""
    if len(a) < 2 or len(b) < 2:
        return False
    if same_word(a[-1], b[-1], surname=True) and same_given(a[:-1], b[:-1]):
        return True
    return same_word(a[0], b[0]) and same_word("".join(a[1:]), "".join(b[1:]), surname=True)


def near_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names that look alike but are not joined: one surname, given names with the same consonants
    (Hassan and Hossein Rouhani; Mohammad and Mahmoud X): worth telling an admin, who may merge them."""
    if len(a) < 2 or len(b) < 2 or same_name(a, b) or not same_word(a[-1], b[-1], surname=True):
        return False
    return skeleton("".join(a[:-1])).consonants == skeleton("".join(b[:-1])).consonants


@lru_cache(maxsize=65536)
def sound_keys(k: tuple[str, ...]) -> frozenset[str]:
    """Where to look a full name up among its possible variants: the consonants of its surname, and of all
    its words after the first written together (for a surname a hyphen split: "Pour Mohammadi")."""
    if len(k) < 2:
        return frozenset()
    return frozenset((skeleton(k[-1]).consonants, skeleton("".join(k[1:])).consonants))
