"""Words as meant: each word of a search with the forms the documents may say it in.

A typed word is looked for as typed (its index term: inflections are one term), and also

- as the documents write a numbered name ("World War II" = "Second World War" = "WW2"): the same word;
- as a near-misspelling the documents have ("mourn": "morn", one edit, words of five letters or more,
  the first letter kept; a capitalised name only as a capitalised form) or a longer word it begins
  ("Mojahed": "Mojahedin"), when the documents never use it as typed;
- as the related words of the glossary (config/glossary.yaml `related:`): "bodies" also "corpses";
- as its negation ("punished": "unpunished", "impunity"): searched and labelled, never the same word.

"No document mentions X" is said only of a word with none of these forms. The answer says what else was
searched, and passages with the words as typed come first (by_words.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein
from whoosh import query

from ..models import Phrase, Quoted
from ..store.search import doc_frequency, longer_terms, near_terms, said_in_a_row, written_as
from ..text.analysis import MAX_TERMS, TOKEN, analysed, fold, term
from ..text.persian import is_persian
from .chatter import FUNCTION_WORDS
from .messages import phrase

if TYPE_CHECKING:
    from ..store.generations import Generation
    from ..text.glossary import Glossary

SAME = ("typed", "written")  # forms that are the word itself
MEANT = (*SAME, "near", "related")  # forms that say what the word means (a negation says the opposite)
BOOST = {"typed": 1.0, "written": 1.0, "near": 0.8, "related": 0.6, "negation": 0.3}
NEAR_WRITTEN = 2  # a near form as the documents write it differs by at most this ("Montazary": "Montazeri")
WRITINGS = 10  # passages read for how the documents write a near form (the closest writing is shown)
NEAR_WORDS = 4  # absent words of one question whose near forms are sought
NEAR_LONGEST = 20  # longer "words" are no misspelt English words
NEAR_LENGTH = 5  # shorter words have too many neighbours one edit away ("war": "was", "way", "far")
# Only these prefixes: "in", "im", "dis" make other words too often ("formed": "informed"); the glossary
# lists the rest ("impunity").
NEGATING = ("un", "non")
SHOWN = 6  # other forms a message lists, of each kind
SHOWN_NEAR = 2  # words a message says the documents have near forms of

# Numbered names: "World War II", "World War 2", "Second World War", "WW2", "WWII" are one name.
ORDINALS = {1: ("first", "i", "one"), 2: ("second", "ii", "two")}
_NUMBERED = re.compile(r"\b(?:world\s+war\s*(?P<n1>[12])|world\s+war\s+(?P<n4>i{1,2}|one|two)|"
                       r"(?P<n2>first|second)\s+world\s+war|ww\s?(?P<n3>i{1,2}|[12]))\b")


@dataclass(frozen=True)
class Form:
    terms: tuple[str, ...]  # index terms, in a row in one passage
    shown: str  # how the documents (or the glossary) write it: "corpses", "Second World War", "morn"
    how: str  # "typed" | "written" | "near" | "related" | "negation"

    def query(self) -> query.Query:
        if len(self.terms) == 1:
            return query.Term("text", self.terms[0], boost=BOOST[self.how])
        return query.Phrase("text", list(self.terms), boost=BOOST[self.how])


@dataclass
class Word:
    typed: str  # as typed: "bodies", "World War II"
    forms: list[Form] = field(default_factory=list)  # the forms the documents have, the typed one first
    required: bool = True  # a function word only shapes the ranking: a passage need not have it

    def has(self, hows: tuple[str, ...]) -> bool:
        return any(f.how in hows for f in self.forms)

    def shown(self, how: str) -> list[str]:
        return [f.shown for f in self.forms if f.how == how]

    def query(self, hows: tuple[str, ...]) -> query.Query | None:
        parts = [f.query() for f in self.forms if f.how in hows]
        return None if not parts else parts[0] if len(parts) == 1 else query.Or(parts)

    def in_terms(self, terms: set[str], hows: tuple[str, ...]) -> bool:
        """Whether text with these terms has the word in one of these forms (a phrase's terms, not in a row)."""
        return any(f.how in hows and set(f.terms) <= terms for f in self.forms)


def read(gen: Generation, glossary: Glossary, text: str, optional: frozenset[str] = frozenset()) -> list[Word]:
    """The words of `text` with the forms the index has for each (stop words aside). Function words are left out
    (unless the text has nothing else); the words in `optional` (folded) are not required of a passage, they only
    raise the passages that have them."""
    folded = fold(text)
    words: list[Word] = []
    spans = [(m.start(), m.end()) for m in _NUMBERED.finditer(folded)]
    for a, b in spans:
        words.append(_numbered(gen, text[a:b], _NUMBERED.match(folded, a)))
    seen: set[str] = set()
    only_function = all(fold(m.group()) in FUNCTION_WORDS for m in TOKEN.finditer(text) if term(m.group()))
    near = [NEAR_WORDS]  # near forms sought for this many absent words at most: each costs index look-ups
    for n, m in enumerate(TOKEN.finditer(text)):
        t = term(m.group())
        if t is None or t in seen or any(a <= m.start() < b for a, b in spans):
            continue
        if len(seen) >= MAX_TERMS:  # the search keeps no more (analysis.terms): neither are their forms sought
            break
        seen.add(t)
        key = fold(m.group())
        function = key in FUNCTION_WORDS and not _in_name(text, m, n)
        if function and not only_function:  # "were", "their": said of everything, searched for nothing
            continue
        required = key not in optional and (only_function or not function)
        words.append(_word(gen, glossary, m.group(), t, required, n > 0 and m.group()[:1].isupper(), near))
    return words


def _in_name(text: str, m: re.Match, n: int) -> bool:
    """Whether a token is part of a name, not a function word: "Pour" of "Pour-Mohammadi", "De" of "De Gaulle"."""
    hyphen = "-‐‑"
    return (n > 0 and m.group()[:1].isupper()) or text[m.end():m.end() + 1] in tuple(hyphen) \
        or (m.start() > 0 and text[m.start() - 1] in hyphen)


def _numbered(gen: Generation, typed: str, m: re.Match | None) -> Word:
    """A numbered name in every writing the documents have, each the same word."""
    digits = m and (m["n1"] or m["n2"] or m["n3"] or m["n4"])
    n = next((k for k, names in ORDINALS.items() if digits in (*names, str(k))), 0) if digits else 0
    word = Word(typed)
    if not n:
        return word
    first, roman, spelt = ORDINALS[n]
    writings = [typed, f"World War {roman.upper()}", f"World War {n}", f"World War{n}", f"{first.title()} World War",
                f"WW{n}", f"WW{roman.upper()}", f"World War {spelt}"]
    for w in dict.fromkeys(writings):
        terms = tuple(analysed(w))
        if terms and not any(f.terms == terms for f in word.forms) and said_in_a_row(gen, terms):
            word.forms.append(Form(terms, w, "typed" if w == typed else "written"))
    return word


def _word(gen: Generation, glossary: Glossary, typed: str, t: str, required: bool, capital: bool,
          near: list[int]) -> Word:
    """One word with its forms; `near` counts down the absent words whose near forms may still be sought."""
    word = Word(typed, required=required)
    if said_in_a_row(gen, (t,)):
        word.forms.append(Form((t,), typed, "typed"))
    elif is_persian(typed):
        word.forms += _suffixed(gen, t)
    elif NEAR_LENGTH <= len(typed) <= NEAR_LONGEST and typed.isascii() and typed.isalpha() and near[0] > 0:
        near[0] -= 1
        word.forms += _near(gen, typed, t, capital)
    if not required:
        return word
    for group in glossary.related_to({t}, analysed):
        word.forms += _forms(gen, word, [w for w in group.words if analysed(w) != [t]], "related")
        word.forms += _forms(gen, word, list(group.negations), "negation")
    if typed.isascii() and typed.isalpha() and len(typed) >= NEAR_LENGTH and not any(fold(typed).startswith(p)
                                                                                      for p in NEGATING):
        word.forms += _forms(gen, word, [p + fold(typed) for p in NEGATING], "negation")
    return word


# What Persian joins to a word, often across a ZWNJ the index folds away: گرسنه‌اند, دستمزدها, حقوقی.
PERSIAN_SUFFIXES = ("ها", "های", "هایی", "ی", "ای", "یی", "ان", "اند", "ات", "تر", "ترین", "ش", "شان", "مان", "تان")


def _suffixed(gen: Generation, t: str) -> list[Form]:
    """A Persian word as the documents write it with a suffix: the same word ("written"), never absent."""
    found = [other for other in longer_terms(gen, t, 6) if other[len(t):] in PERSIAN_SUFFIXES]
    return [Form((other,), next(iter(written_as(gen, other, 1)), other), "written") for other in found]


def _near(gen: Generation, typed: str, t: str, capital: bool) -> list[Form]:
    """Near-misspellings the documents have, as they write them, the closest writings only ("familes": "families",
    not "failed" too); else longer words the typed one begins ("Mojahed": "Mojahedin")."""
    near: list[tuple[int, Form]] = []
    for other in _one_edit(gen, typed, t)[:5]:
        writings = [(Levenshtein.distance(fold(w), fold(typed)), w) for w in written_as(gen, other, WRITINGS)
                    if not capital or w[:1].isupper()]
        if writings and (closest := min(writings))[0] <= NEAR_WRITTEN:
            near.append((closest[0], Form((other,), closest[1], "near")))
    if near:
        least = min(d for d, _ in near)
        return [f for d, f in near if d == least][:3]
    longer = [(other, [w for w in written_as(gen, other) if not capital or w[:1].isupper()])
              for other in longer_terms(gen, t)]
    return [Form((other,), written[0], "near") for other, written in longer if written]


def _one_edit(gen: Generation, typed: str, t: str) -> list[str]:
    """Terms of the index one edit from the word as typed (a letter left out, added, changed or two swapped, the
    first letter kept) or from its term ("mourn": "morn"), commonest first."""
    w = fold(typed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(w[:i], w[i:]) for i in range(1, len(w) + 1)]
    edits = {a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1} \
        | {a + c + b[1:] for a, b in splits if b for c in letters} | {a + c + b for a, b in splits for c in letters}
    found = {x for e in edits if (x := term(e)) and x != t} | set(near_terms(gen, t))
    frequency = {x: doc_frequency(gen, x) for x in found}
    return sorted((x for x in found if frequency[x]), key=lambda x: (-frequency[x], x))


def _forms(gen: Generation, word: Word, writings: list[str], how: str) -> list[Form]:
    """The writings the documents have, as forms of `word` (not those holding a form it has: "mass graves"
    adds nothing to "graves")."""
    out: list[Form] = []
    for w in writings:
        terms = tuple(analysed(w))
        if terms and not any(set(f.terms) <= set(terms) for f in word.forms + out) and said_in_a_row(gen, terms):
            out.append(Form(terms, w, how))
    return out


# -- queries ----------------------------------------------------------------------


def every(words: list[Word], hows: tuple[str, ...]) -> query.Query | None:
    """Passages with every required word in one of these forms; None when a required word has none."""
    required = [w for w in words if w.required] or words
    parts = [q for w in required if (q := w.query(hows)) is not None]
    if not parts or len(parts) < len(required):
        return None
    return _shaped(query.And(parts) if len(parts) > 1 else parts[0], words)


def some(words: list[Word]) -> query.Query | None:
    """Passages with any form of any word, those as typed weighing most."""
    parts = [f.query() for w in words for f in w.forms]
    return query.Or(parts) if parts else None


def _shaped(q: query.Query, words: list[Word]) -> query.Query:
    """The words a passage need not have (function and question words) still raise the passages that have them."""
    optional = [f.query() for w in words if not w.required for f in w.forms]
    return query.AndMaybe(q, query.Or(optional)) if optional else q


def terms(words: list[Word]) -> list[str]:
    """Every term searched: for highlighting and cutting excerpts to the sentences that hold them."""
    return list(dict.fromkeys(t for w in words for f in w.forms for t in f.terms))


def absent(words: list[Word]) -> list[str]:
    """The words, as typed, that no document has in any form: "No document mentions" them."""
    return [w.typed for w in words if not w.forms and w.required]


# -- what the answer says it searched -------------------------------------------------


def notes(words: list[Word]) -> list[Phrase]:
    """"No document uses “mourn”; the documents have “morn”.", "Also searched, as related words: corpses." ..."""
    out = []
    for w in [w for w in words if w.forms and not w.has(SAME)][:SHOWN_NEAR]:
        near = w.shown("near")
        out.append(phrase("answer.words.near", typed=w.typed, near=Quoted(near))
                   if near else phrase("answer.words.not_used", typed=w.typed))
    typed = {f.terms for w in words for f in w.forms if f.how == "typed"}  # "graves" asked is not "also" searched
    for how in ("written", "related", "negation"):
        shown = list(dict.fromkeys(f.shown for w in words for f in w.forms if f.how == how and f.terms not in typed))
        if shown:  # a message stays short: the first few, and "…"
            out.append(phrase(f"answer.words.{how}", words=", ".join(shown[:SHOWN]) + (", …" if shown[SHOWN:] else "")))
    return out


def to_json(words: list[Word]) -> list[dict]:
    """JSON `searched_as`: each word's other forms searched, and how each is related to it."""
    return [{"word": w.typed, "form": f.shown, "how": f.how} for w in words for f in w.forms if f.how != "typed"]
