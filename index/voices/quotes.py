"""Direct quotations and who said them.

A quotation is text between quote marks (“ ”, " ", or ‘ ’) of four words or
more, or a shorter one whose speaker is the named subject of a speech verb
right before it (Phillip Luther ... called the lack of investigation “an
abject failure”); short quoted names and titles are not quotations. It spans
sentences, or running to the end of its paragraph when the
closing mark only comes in a later paragraph. Its speaker is found, in this
order, from:
  1. what follows it: `,” Mrs. Rajavi said`, `,” said Audronius Ažubalis`, `,” he said`;
  2. the clause that introduces it: `Morgan Ortagus ... said: “`, `She said: “`,
     or the previous paragraph when that ends with a colon;
  3. the quotation just before it, when this one continues it.
Pronouns resolve to the person last named outside quotations. When none of
these is certain the speaker stays None: a wrong speaker is worse than none.
"""

from __future__ import annotations

import bisect
import re

from ..models import Mention, Quote
from ..text.split import sentences
from .marks import marked_spans as _marked_spans
from .people import SPEECH
from .referents import find_referents
from .sieves import attribute, named_speaker

MIN_WORDS = 4
TITLE_DOT = r"(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|(?<=\bDr)\."
VERB_FIRST = re.compile(rf"^[\s,’”'\"]*(?:{SPEECH})\s+(?!that\b)")
SUBJECT_FIRST = re.compile(rf"^[\s,’”'\"]*(?P<subject>(?:[^“”\"‘.;:!?]|{TITLE_DOT}){{1,160}}?)\s+(?:{SPEECH})\b")
INTRO_VERB = re.compile(rf"\b(?:{SPEECH})\b")
QUOTE_MARK = re.compile(r"[“”\"]")
SUBJECT_OF_VERB = re.compile(rf"(?:,[^“”\"‘,]{{1,160}},)?\s+(?:also\s+)?(?:{SPEECH})\b[^“”\"‘.;:!?]*$")
TOKEN_WORD = re.compile(r"[^\W\d_]+")
PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")


def find_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Every quotation of `text` with its speaker's person id (or None)."""
    spans = quote_spans(text)
    finder = _Attributor(text, spans, mentions)
    kept = []
    for start, end in _marked_spans(text):
        finder.current = (start, end)
        if (start, end) in spans or _short_quote_speaker(text, start, end, finder) \
                or named_speaker(text, start, end, mentions):
            kept.append((start, end))
    return attribute(text, kept, mentions, find_referents(text, mentions, kept))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations of four words or more (shorter ones need a named speaker: see find_quotes)."""
    return [s for s in _marked_spans(text) if len(text[s[0]:s[1]].split()) >= MIN_WORDS]


def _short_quote_speaker(text: str, start: int, end: int, finder: _Attributor) -> str | None:
    """A 1-3 word quotation counts only when a named person is the subject of the speech verb before it."""
    words = TOKEN_WORD.findall(text[start:end])
    if not words or all(w[0].isupper() for w in words):
        return None  # a name or a title ("Death Commission", "Movement for Justice")
    sentence_start = finder._sentence_start(start)
    for m in finder.mentions[bisect.bisect_left(finder.starts, sentence_start):]:
        if m.start >= start:
            break
        if SUBJECT_OF_VERB.match(text[m.end:start]) and not finder._quoted(m.start):
            return m.person
    return None


class _Attributor:
    def __init__(self, text: str, spans: list[tuple[int, int]], mentions: list[Mention]) -> None:
        self.text = text
        self.spans = spans
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.sentences = sentences(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.current = (0, 0)  # the quotation being attributed

    def after(self, end: int) -> str | None:
        """`,” he said` / `,” said X` / `,’ X, deputy commander, told reporters`."""
        stop = self._paragraph_end(end)
        tail = self.text[end:min(stop, end + 220)]
        if m := VERB_FIRST.match(tail):
            return self._first_mention(end + m.end(), end + m.end() + 80)
        if m := SUBJECT_FIRST.match(tail):
            s, e = end + m.start("subject"), end + m.end("subject")
            return self._first_mention(s, e) or self._pronoun(s, e, self.current[0])
        return None

    def before(self, start: int) -> str | None:
        """The clause introducing the quotation: `X ... said: “`, or the paragraph before ending in a colon."""
        s_start = self._sentence_start(start)
        clause = (s_start, start)
        if not self.text[s_start:start].strip():
            previous = self.text[:s_start].rstrip()
            if not previous.endswith(":"):
                return None
            clause = (self._sentence_start(len(previous) - 1), len(previous))
        s, e = clause
        if not INTRO_VERB.search(self.text, s, e):
            return None
        return self._first_mention(s, e) or self._pronoun(s, e, s)

    def _first_mention(self, start: int, end: int) -> str | None:
        i = bisect.bisect_left(self.starts, start)
        for m in self.mentions[i:]:
            if m.start >= end:
                break
            if not self._quoted(m.start):
                return m.person
        return None

    def _pronoun(self, start: int, end: int, before: int) -> str | None:
        """he/she as the subject: the person last named outside quotations before `before`."""
        if not PRONOUN.search(self.text, start, end):
            return None
        i = bisect.bisect_left(self.starts, before)
        for m in reversed(self.mentions[max(0, i - 40):i]):
            if not self._quoted(m.start) and before - m.start < 1500:
                return m.person
        return None

    def _quoted(self, pos: int) -> bool:
        """Inside another quotation (one that does not also hold the quotation being attributed)."""
        q_start, q_end = self.current
        return any(
            s < pos < e and ((s, e) == self.current or not (s <= q_start and q_end <= e)) for s, e in self.spans
        )

    def _sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[i][0] if i >= 0 else 0

    def _paragraph_end(self, pos: int) -> int:
        end = self.text.find("\n\n", pos)
        return len(self.text) if end < 0 else end


def _continued(text: str, quotes: list[Quote], start: int) -> str | None:
    """A quotation that goes on from the previous one keeps its speaker."""
    if not quotes or quotes[-1].speaker is None or quotes[-1].end > start:
        return None
    between = text[quotes[-1].end:start]
    same_paragraph = "\n\n" not in between and len(between) <= 120 and not QUOTE_MARK.search(between)
    next_paragraph = between.strip() == "" and between.count("\n\n") == 1
    return quotes[-1].speaker if same_paragraph or next_paragraph else None
