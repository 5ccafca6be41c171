"""Questions typed as sentences, read as the command that answers them.

"who said abject failure" is /source abject failure (the documents that say it,
with whose words they are); "what did Naidoo say (about X)" is /quote Naidoo
(on X); "who is Naidoo", "tell me about Naidoo" are /who Naidoo; "where does it
say X" is /source X. The same in Persian: "چه کسی گفت X", "نایدو چه گفت",
"نایدو درباره X چه گفت", "نایدو کیست". The answer says which command it was read as,
so the user learns the commands.

A shape about a person is read so only when the words name someone (a person,
a title the documents give, or a named source for /quote); "who was executed in
1988" is a search. Where no shape fits, plain search runs; a question (opening
with a question word, or ending with "?") runs without its scaffolding
(`content`): "who", "said", "did" would otherwise rank passages that merely
say "said" above those holding the words asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text.analysis import TOKEN, fold, terms
from ..text.persian import is_persian
from .persian_questions import person
from .roles import holders

if TYPE_CHECKING:
    from .corpus import Corpus

END = r"\s*[?؟.!]*\s*$"
QUOTES = "\"“”‘’'«»"
SAID = r"(?:said|says|say|wrote|writes|stated|states|declared|told|tells|called|described)"
ENGLISH = [
    ("source", re.compile(rf"^(?:who|which\s+\w+)\s+(?:has\s+|had\s+|first\s+)?{SAID}(?:\s+that|\s+the\s+words?)?\s+(?P<x>.+?){END}", re.I | re.S)),
    ("source", re.compile(rf"^(?:where|which\s+documents?)\s+(?:does\s+it|do\s+they|did\s+they|did\s+it|is\s+it|"
                          rf"does\s+anyone|do\s+the\s+(?:sources|documents))\s+(?:say|said|mention|write|written)"
                          rf"(?:\s+that)?\s+(?P<x>.+?){END}", re.I | re.S)),
    ("source", re.compile(rf"^which\s+documents?\s+(?:says?|mentions?)\s+(?P<x>.+?){END}", re.I | re.S)),
    ("quote", re.compile(rf"^what\s+(?:did|does|do|has|have|had)\s+(?P<p>.+?)\s+(?:say|said|write|wrote|state|declare|"
                         rf"think|(?:tell|told)(?:\s+(?:the\s+)?[\w-]+)?)"  # "tell the conference": whom, not what
                         rf"(?:\s+(?:about|on|of|regarding|concerning)\s+(?P<x>.+?))?{END}", re.I | re.S)),
    ("quote", re.compile(rf"^(?:quotes?|quotations?|words)\s+(?:of|by|from)\s+(?P<p>.+?){END}", re.I | re.S)),
    ("who", re.compile(rf"^(?:who\s+(?:is|was|are|were|'s)|who's|tell\s+me\s+about)\s+(?P<p>.+?){END}", re.I | re.S)),
]
# Persian: "چه کسی گفت X", "X را چه کسی گفت"; "PERSON (درباره X) چه گفت"; "PERSON کیست".
WHO_FA = r"(?:چه\s*کسی|چه\s*کسانی|کی|چه\s*کس)"
SAID_FA = r"(?:گفت|گفته|گفته\s+است|گفته\s+اند|گفته‌اند|نوشت|نوشته|نوشته\s+است)"
PERSIAN = [
    ("source", re.compile(rf"^{WHO_FA}\s+{SAID_FA}(?:\s+که)?\s+(?P<x>.+?){END}", re.S)),
    ("source", re.compile(rf"^(?P<x>.+?)\s+(?:را\s+)?{WHO_FA}\s+{SAID_FA}{END}", re.S)),
    ("quote", re.compile(rf"^(?P<p>.+?)\s+(?:(?:درباره|دربارهٔ|درباره‌ی|در\s+مورد|راجع\s+به)\s+(?P<x>.+?)\s+)?"
                         rf"(?:چه|چی)\s+(?:{SAID_FA}|می‌گوید|میگوید){END}", re.S)),
    ("who", re.compile(rf"^(?P<p>.+?)\s+(?:کیست|کیه|کی\s+است|چه\s+کسی\s+است|که\s+بود|کی\s+بود){END}", re.S)),
    ("who", re.compile(rf"^(?:{WHO_FA}\s+است|کیست)\s+(?P<p>.+?){END}", re.S)),
]
# Words that only shape a question: searched, they would match every "said" in the corpus.
SCAFFOLDING = frozenset("who whom whose what which where when why how did does do say says said tell tells told".split())


OPENS_QUESTION = frozenset("who whom whose what which where when why how did does do".split())


@dataclass
class Question:
    command: str  # "source" | "quote" | "who"
    args: str  # the command's argument: the words, or the person
    topic: str = ""  # /quote PERSON on a topic ("what did Naidoo say about witnesses")

    @property
    def shown(self) -> str:
        """The command as the user could type it: "/quote Naidoo", "/source abject failure"."""
        return f"/{self.command} {self.args}"


def read(corpus: Corpus, line: str) -> Question | None:
    """The command a question typed as a sentence means, or None to search it as typed."""
    for command, pattern in PERSIAN if is_persian(line) else ENGLISH:
        m = pattern.match(line.strip())
        if not m:
            continue
        groups = m.groupdict()
        person = _unquoted(groups.get("p") or "")
        words = _unquoted(groups.get("x") or "")
        if command == "source" and terms(words):
            return Question("source", words)
        if command in ("quote", "who") and person and _names_someone(corpus, person, command):
            return Question(command, person, words if words and terms(words) else "")
    return None


def content(text: str) -> tuple[str, list[str]]:
    """A question's search without its scaffolding, and the words left out. Only a question (opening with a
    question word, or ending with "?") has scaffolding: "the prisoners who were executed" keeps its "who".
    As typed when nothing else is left."""
    words = TOKEN.findall(text)
    if not words or not (fold(words[0]) in OPENS_QUESTION or text.rstrip().endswith(("?", "؟"))):
        return text, []
    dropped = [m.group() for m in TOKEN.finditer(text) if fold(m.group()) in SCAFFOLDING]
    kept = " ".join(m.group() for m in TOKEN.finditer(text) if fold(m.group()) not in SCAFFOLDING)
    return (kept, dropped) if dropped and terms(kept) else (text, [])


# Words that say what kind of answer a question wants ("who were the members of …": people; "how many people
# …": a number), not what it is about: a passage need not have them to answer, so they only shape the ranking
# (by_words.py), never make a coincidence ("the victims were members of …") a passage with "every word".
ANSWER_KINDS = {
    "who": "members member people person persons names name individuals officials",
    "how": "many much number numbers people",
    "when": "date dates year years time day",
    "where": "place places location",
    "what": "happened happen",
}


def optional_words(text: str) -> frozenset[str]:
    """The words (folded) of a question that say what kind of answer it wants (ANSWER_KINDS)."""
    words = [fold(w) for w in TOKEN.findall(text)]
    if not words or not (words[0] in OPENS_QUESTION or text.rstrip().endswith(("?", "؟"))):
        return frozenset()
    return frozenset(k for w in words if w in ANSWER_KINDS for k in ANSWER_KINDS[w].split())


def _names_someone(corpus: Corpus, typed: str, command: str) -> bool:
    """Whether the words name a person the sources know (or might mean), a title they give, or a quoted source."""
    if is_persian(typed):
        return person(typed, corpus.registry) is not None
    resolved = corpus.registry.resolve(typed)
    if resolved.person or resolved.how == "ambiguous" or holders(corpus, typed):
        return True
    key = fold(typed).removeprefix("the ")
    return command == "quote" and any(v.speaker and not v.speaker_id and fold(v.speaker).removeprefix("the ") == key
                                      for voices in corpus.voices.values() for v in voices)


def _unquoted(text: str) -> str:
    return text.strip().strip(QUOTES).strip()
