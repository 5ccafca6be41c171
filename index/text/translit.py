"""Names across scripts: which Latin-script people a Persian-script name could be.

Persian writes few vowels and Latin transliterations disagree on them
(Khomeini/Khomeyni, Rouhani/Ruhani), so both sides are reduced to a consonant
skeleton: sounds that Persian spells with several letters become one class
(ث س ص = s, ذ ز ض ظ = z, ت ط = t, ح ه = h, غ ق = q), vowels and the letters that
usually write them (ا ع و ی; a e i o u w y v) are dropped, doubled letters are
written once. رئیسی and "Raisi" are both "rs"; منتظری and "Montazeri" "mntzr".

A skeleton match is a guess, never an answer: callers offer the candidates
("Did you mean …?") and let the user choose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from ..models import Person
from .persian import fold

PERSIAN = {
    "ب": "b", "پ": "p", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ج": "j", "چ": "c",
    "ح": "h", "ه": "h", "خ": "x", "د": "d", "ذ": "z", "ز": "z", "ض": "z", "ظ": "z", "ر": "r",
    "ژ": "Z", "ش": "S", "غ": "q", "ق": "q", "ف": "f", "ک": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
}
# One pass, digraphs first: kh, gh, ch, sh, zh, ph, th, ck are one Persian letter each.
LATIN = {"kh": "x", "gh": "q", "ch": "c", "sh": "S", "zh": "Z", "ph": "f", "th": "t", "ck": "k", "c": "k", "x": "ks"}
LATIN_SOUNDS = re.compile("|".join(sorted(LATIN, key=len, reverse=True)))
LATIN_DROPPED = set("aeiouwyv'’-")
# With the vowel letters, to order candidates that share a skeleton: خامنه‌ای is nearer Khamenei than Khomeini.
ROUGH = {**{k: v.lower().replace("x", "kh").replace("q", "gh").replace("c", "ch") for k, v in PERSIAN.items()},
         "ش": "sh", "ژ": "zh", "ا": "a", "و": "o", "ی": "i", "ع": ""}
MIN_SKELETON = 2  # "rs" (Raisi) is the shortest skeleton worth proposing


def persian_skeleton(word: str) -> str:
    """The consonant skeleton of one Persian-script word (a final silent ه is a vowel: خامنه‌ای = khamenei)."""
    parts = [fold(p) for p in word.split("\u200c")]  # each part of a ZWNJ compound ends a written word
    parts = [p[:-1] if len(p) > 2 and p.endswith("ه") else p for p in parts]
    return _once("".join(PERSIAN.get(c, "") for p in parts for c in p))


def latin_skeleton(word: str) -> str:
    """The consonant skeleton of one Latin-script word."""
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = LATIN_SOUNDS.sub(lambda m: LATIN[m.group()], text)
    return _once("".join(c for c in text if c not in LATIN_DROPPED and not c.isspace()))


def candidates(name: str, people: Iterable[Person], limit: int = 3) -> list[Person]:
    """People whose Latin name or alias sounds like the Persian-script `name`, nearest first.

    The last word of `name` (the surname) and most of its words must match a word of the
    person's name or of one alias, or two of its words written as one: the same
    skeleton, or one slip in a skeleton of four consonants or more.
    """
    typed = [(w, s) for w in name.split() if len(s := persian_skeleton(w)) >= MIN_SKELETON]
    if not typed:
        return []
    found: dict[str, tuple[float, Person]] = {}
    surname = _rough(name.split()[-1])
    for person in people:
        for form in (person.name, *person.aliases):
            latin = [w for w in re.split(r"[\s\-]+", form) if w]
            known = [(w, latin_skeleton(w)) for w in latin]
            known += [(a + b, latin_skeleton(a + b)) for a, b in zip(latin, latin[1:])]  # پورمحمدی = Pour-Mohammadi
            hits = [any(_alike(p, w, k, latin_word) for latin_word, k in known) for p, w in typed]
            if hits[-1] and 2 * sum(hits) >= len(hits):  # the surname, and most of the name
                near = max(fuzz.ratio(surname, w.lower()) for w in latin)
                found[person.id] = max(found.get(person.id, (0.0, person)), (near, person), key=lambda f: f[0])
    ranked = sorted(found.values(), key=lambda f: (-f[0], -f[1].documents))
    return [p for _, p in ranked[:limit]]


def _alike(persian: str, skeleton: str, known: str, latin: str) -> bool:
    """A Persian word and a Latin one that may spell one name: skeletons alike, and where the skeletons are
    the same, the vowels Persian writes (ی, و) heard in the Latin between the same consonants:
    نیری (Nayyeri) and Nouri are both "nr", but ی is no "ou"."""
    if not _close(skeleton, known):
        return False
    if skeleton != known:
        return True  # one slip in four consonants or more: the consonants are evidence enough
    written, heard = _vowels(_persian_letters(persian)), _vowels(_latin_letters(latin))
    # ا is left out: Persian writes it for the a, o or u of a foreign name (اورتاگاس Ortagus)
    if len(written) != len(heard) or not all(w - {"a"} <= h for w, h in zip(written, heard, strict=True)):
        return False
    # And the other way: a long vowel the Latin spells is one Persian writes, so محمد (Mohammad) is not Mahmoud
    # (محمود): short vowels go unwritten, long ones never do. An i (or ee) is written ی; an ou, oo or u is
    # written و, or ا in a foreign name (اورتاگاس Ortagus).
    heard_long = _long_vowels(latin)
    return all(("i" not in long or "i" in w) and ("u" not in long or w & {"u", "a"})
               for long, w in zip(heard_long, written, strict=True))


def _long_vowels(latin: str) -> list[set[str]]:
    """The long vowels a Latin word spells before its first consonant and after each one: "u" for ou, oo or
    u, "i" for i or ee (e, o and a alone are short, or written either way)."""
    text = unicodedata.normalize("NFKD", latin.lower())
    text = LATIN_SOUNDS.sub(lambda m: LATIN[m.group()], "".join(c for c in text if not unicodedata.combining(c)))
    gaps, last = [""], ""
    for c in text:
        if c in LATIN_DROPPED:
            gaps[-1] += c
        elif c != last:
            gaps.append("")
        last = c if c not in LATIN_DROPPED else last
    return [{v for v, spelt in (("u", ("ou", "oo", "u")), ("i", ("i", "ee"))) if any(x in g for x in spelt)}
            for g in gaps]


# و is also v, ی also y: the Latin v and y hear them too.
VOWEL_CLASS = {"ی": "i", "و": "u", "ا": "a", "آ": "a", "i": "i", "e": "i", "y": "i", "o": "u", "u": "u", "w": "u",
               "v": "u", "a": "a"}


def _persian_letters(word: str) -> list[str]:
    """Consonant classes and written vowels; a part's first ا only carries a vowel, its last ه is one (خامنه‌ای)."""
    out: list[str] = []
    for part in word.split("\u200c"):
        part = fold(part)
        for n, c in enumerate(part):
            if (n == 0 and c in "اآ" and len(part) > 1) or (n == len(part) - 1 and c == "ه" and n > 1):
                out.append("i" if c == "ه" else "")
            else:
                out.append(PERSIAN.get(c) or VOWEL_CLASS.get(c, ""))
    return out


def _latin_letters(word: str) -> list[str]:
    text = unicodedata.normalize("NFKD", word.lower())
    text = LATIN_SOUNDS.sub(lambda m: LATIN[m.group()], "".join(c for c in text if not unicodedata.combining(c)))
    return [c if c not in LATIN_DROPPED else VOWEL_CLASS.get(c, "") for c in text]


def _vowels(letters: list[str]) -> list[set[str]]:
    """The vowel classes heard before the first consonant and after each one (a repeated consonant is one)."""
    gaps: list[set[str]] = [set()]
    last = ""
    for c in letters:
        if c in ("i", "u", "a"):
            gaps[-1].add(c)
        elif c and c != last:
            gaps.append(set())
        last = c if c and c not in ("i", "u", "a") else last
    return gaps


def _close(a: str, b: str) -> bool:
    if len(a) < MIN_SKELETON or len(b) < MIN_SKELETON:
        return False
    return a == b or (min(len(a), len(b)) >= 4 and OSA.distance(a, b) <= 1)


def _rough(word: str) -> str:
    parts = [fold(p) for p in word.split("\u200c")]
    parts = [p[:-1] + "e" if len(p) > 2 and p.endswith("ه") else p for p in parts]
    return "".join(ROUGH.get(c, "") for p in parts for c in p)


def _once(skeleton: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton)
