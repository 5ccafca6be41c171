"""Text analysis: the terms of a text, as the index has them. One definition for build and query.

A text is cut into tokens by TOKEN; each token becomes its index term through
`term()` alone. The Whoosh analyzer the index is built with (ANALYZER) is
TOKEN plus a filter calling `term()`, so build and query cannot drift apart.
ANALYZER_VERSION is written into every generation's meta.json; a generation
built with another version is refused (store.Generation), because its terms
would not be the ones queries look for. Change the version with any change
to TOKEN, `fold()`, `term()` or STOPS.

Other scripts: `fold()` also gives Persian one spelling per letter and digit
(index/text/persian.py: Arabic letter forms, Persian and Arabic-Indic digits), one
character for one; `term()` then drops what a Persian word may carry or not
(vowel marks, tatweel, ZWNJ), which TOKEN keeps inside a word.

`literal()` is what /source matches on: the words as typed, folding only
case, diacritics, apostrophes, hyphenation and whitespace, and a number's
grouping and digits (`word()`, index/text/numbers.py); no stop words dropped, no
stemming.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import STOP_WORDS, Filter, RegexTokenizer
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from .numbers import SPACES, canonical
from .persian import DROPPED, JOINERS, SAME_LENGTH

ANALYZER_VERSION = "5"  # bump with any change below that changes a term (3: Persian folding, 4: numbers, 5: markers)

# A number written with spaces between groups of three is one token ("30 000", "30\u00a0000"), except after
# a month, where the first number is a day ("July 19 200 prisoners"); numbers.py says what is one number.
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_NOT_A_DAY = "".join(rf"(?<!(?i:{m})\s)" for m in MONTHS)
# (The month look-behinds run only where digits, a space and three digits follow: a cheap look-ahead first.)
_SPACED = rf"(?=\d{{1,3}}[{SPACES}]\d{{3}})(?<![\d.,٫٬]){_NOT_A_DAY}\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?!\d)(?:[.,٫]\d+)?"
# Numbers stay whole ("30,000", "1.5", "۳۰٬۰۰۰"); "Iran’s" gives "iran" + "s", and "s" is a stop word.
# Vowel marks and ZWNJ stay inside a word (اِعدام, می‌خواهم): `term()` removes them.
# A reference marker ("[13]", "[a]", "[citation needed]") is one token and no term: excerpts keep it, as the
# document has it, but a search for "13" or "citation" does not find it, and the words either side stay neighbours.
MARKER = (r"\[(?:\d{1,3}(?:[–,-]\d{1,3})*|[a-z]|note \d{1,3}|nb \d{1,3}|citation needed|clarification needed"
          r"|better source needed|failed verification|page needed|dubious(?: – discuss)?|who\?|when\?|by whom\?)\]")
TOKEN = re.compile(rf"{MARKER}|{_SPACED}|\d+(?:[.,٫٬]\d+)*|[^\W_]+(?:[{JOINERS}]+[^\W_]*)*")
STOPS = frozenset(STOP_WORDS | {"s", "t", "d", "ll", "re", "ve"})
MAX_TERMS = 24  # a cap on query cost: longer queries keep their first 24 terms


# Folding keeps every character one character, so a match in folded text has the original's offsets.
# ("İ".lower() is two characters; accent_map turns "æ" into "ae": those become one-character forms or stay.)
_UNDOTTED = {0x130: "i"}
_ACCENTS = {k: v.translate(SAME_LENGTH) for k, v in accent_map.items() if len(v) == 1} | SAME_LENGTH


def fold(text: str) -> str:
    """Case and diacritics folded, length kept: the one per-character normalisation of index terms,
    query terms and literal /source matching."""
    if "\u0130" in text:
        text = text.translate(_UNDOTTED)
    low = text.lower()
    # str.translate looks up every character in Python: only the few non-ASCII ones are folded here
    return low if low.isascii() else _NON_ASCII.sub(_fold_char, low)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(m: re.Match) -> str:
    return _ACCENTS.get(ord(m.group()), m.group())


def word(token: str) -> str:
    """A token as /source compares it: folded, a number as its digits (30,000 = 30 000 = ۳۰٬۰۰۰ = 30000)."""
    folded = fold(token)
    return canonical(folded) if folded[:1].isdigit() else folded


@lru_cache(maxsize=200_000)
def term(token: str) -> str | None:
    """The index term of one token (None for a stop word or a reference marker): the one per-token analysis."""
    if token.startswith("["):
        return None
    folded = word(token)
    if not folded.isascii():
        folded = folded.translate(DROPPED)
    return None if not folded or folded in STOPS else stem(folded)  # a lone tatweel or vowel mark is no word


class TermFilter(Filter):
    """Whoosh filter applying `term()`: stop words dropped and positions renumbered, as StopFilter(renumber=True)."""

    def __call__(self, tokens):
        pos = 0
        for t in tokens:
            found = term(t.text)
            if found is None:
                continue
            t.text = found
            if t.positions:
                t.pos = pos
            pos += 1
            yield t


ANALYZER = RegexTokenizer(TOKEN.pattern) | TermFilter()


def analysed(text: str) -> list[str]:
    """Every index term of `text`, in order."""
    found = (term(m.group()) for m in TOKEN.finditer(text))
    return [t for t in found if t]


def literal(text: str) -> list[str]:
    """The words of `text` as /source matches them: folded, nothing dropped, nothing stemmed."""
    return [word(m.group()) for m in TOKEN.finditer(text) if not m.group().startswith("[")]


def pairs(words: list[str]) -> list[str]:
    # "_" never occurs inside a term, so "a_b" is unambiguous
    return [f"{a}_{b}" for a, b in zip(words, words[1:])]


def in_a_row(words: list[str], sequence: list[str]) -> bool:
    n = len(words)
    return any(sequence[i:i + n] == words for i in range(len(sequence) - n + 1))


def terms(text: str) -> list[str]:
    """The index terms of user text: the same analysis as the index, no query syntax at all."""
    return analysed(text)[:MAX_TERMS]


def term_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where in `text` the analysed `words` occur: for highlighting and focusing excerpts."""
    if not words:
        return []
    wanted = set(words)
    return [m.span() for m in TOKEN.finditer(text) if term(m.group()) in wanted]
