"""Who said each quotation: ordered passes, most certain first, each filling only quotations still without a speaker.

In the manner of Stanford CoreNLP's quote attribution sieves (Muzny et al.
2017), deterministic and in this order:
  1. a name at a speech cue in the quotation's own sentence (cues.py): the
     person registered under that name, or the organisation it names;
  2. a pronoun at such a cue ("“…,” he told AFP"): the last speaker of the
     paragraph, or the subject of the sentence before, when the two agree;
  3. the introduction of a paragraph ending with a colon ("Jo Bloggs told
     the court:"), for the quotation that opens the next paragraph;
  4. continuation: a quotation after another in the same paragraph with no
     one else named between; a paragraph that is only quotation right after
     one whose last quotation has a speaker; a quotation running over
     paragraphs;
  5. the subject of a speech verb earlier in the quotation's own sentence
     ("Jo Bloggs, head of X, called the plan “a failure”"), then
     continuation again for the quotations that follow it.
Nothing here guesses: when a pass is unsure it leaves the quotation to the
next, and the last leaves it unidentified.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import Mention, Quote
from ..text.split import sentences
from .cue_words import cue_words, nearest_verb
from .cues import ADVERB, VERB, VERBS, Cue, before, common_words, cue, role_word

PRONOUN = re.compile(r"[Hh]e|[Ss]he")
PARTICIPLE = re.compile(r",\s+(?:saying|adding|writing|telling \w+)[,:]?\s*$")
GOVERNS = re.compile(r"[a-z]+(?:ing|ed)|by|with|to|for|about|against|from|on|at|in|of")
DETERMINERS = {"the", "a", "an", "former", "then", "later", "now", "also", "and", "but"}
AUXILIARY = {"will", "would", "could", "can", "also", "then", "later", "had", "has", "was", "is", "did", "does",
             "once", "again", "first", "never", "recently", "previously", "went", "took", "made", "gave", "told",
             "wrote", "said", "spoke", "sent", "put", "set", "let", "cut", "hit"}
ADJACENT_VERB = re.compile(rf"\s+(?:{ADVERB}\s+)?(?:{VERBS})\b[^“”\"‘;!?.]{{0,80}}$")
# After a sentence's subject: an optional appositive, an auxiliary or adverb, then a verb of saying or calling.
SUBJECT_VERB = re.compile(rf"(?:,[^“”\"‘,;.]{{1,160}},)?\s+(?:\w+\s+){{0,2}}?(?:{VERBS}|called|calls|described|"
                          rf"describes|stating|saying|boasted|reiterate|labeled|labelled|dubbed|termed)\b"
                          r"[^“”\"‘;!?]*$"
                          # "X lobbied to suspend the rule, saying, “…": a participle of saying ends the clause
                          r"|\s+[^“”\"‘;!?]{0,160},\s+(?:saying|adding|writing|asking|declaring|noting|tweeting|"
                          r"telling \w+)[,:]?\s*$")
PRONOUNS = {"he", "she"}


@dataclass
class _Quotation:
    start: int
    end: int
    cue: Cue | None
    speaker: str | None = None  # person id
    source: str | None = None  # an organisation's name
    how: str | None = None  # the pass that named the speaker: "cue", "pronoun", "introduction", "continuation", "subject"
    words: str | None = None  # the words that attribute it (cue_words.py)

    def found(self, how: str, words: str | None) -> None:
        """Note how the speaker or source just set was found, for the export (`citebot quotes`)."""
        if _done(self):
            self.how, self.words = how, words


def attribute(text: str, spans: list[tuple[int, int]], mentions: list[Mention],
              referents: list[Mention] = ()) -> list[Quote]:  # type: ignore[assignment]
    """Quotes for `spans` (sorted quotation spans of `text`) with their speakers, by the passes above.

    `referents`: bare titles ("the High Commissioner") and pronouns referents.py resolved with certainty.
    """
    lower = common_words(text)
    sieves = _Sieves(text, mentions, [_Quotation(s, e, cue(text, s, e, lower)) for s, e in spans])
    sieves.titles = sorted((r for r in referents if not PRONOUN.fullmatch(text[r.start:r.end])), key=lambda r: r.start)
    sieves.named()
    sieves.pronouns()
    sieves.introduced()
    sieves.continued()
    sieves.subjects()
    sieves.continued()
    return [Quote(q.start, q.end, q.speaker, q.source, q.words, q.how) for q in sieves.quotes]


def named_speaker(text: str, start: int, end: int, mentions: list[Mention], lower: set[str]) -> str | None:
    """The person a speech cue names right at the quotation text[start:end] (sieve 1 alone), or None.

    `lower`: cues.common_words(text), worked out once per document."""
    found = cue(text, start, end, lower)
    return _person_at(found, mentions) if found and found.kind == "person" else None


def _person_at(found: Cue, mentions: list[Mention]) -> str | None:
    """The person mentioned at the cue's name (mentions sorted by start): the mention ending last within it."""
    i = bisect.bisect_left(mentions, found.end, key=lambda m: m.start)
    within = [m for m in mentions[max(0, i - 8):i] if m.start < found.end and found.start < m.end]
    return within[-1].person if within else None


class _Sieves:
    def __init__(self, text: str, mentions: list[Mention], quotes: list[_Quotation]) -> None:
        self.text = text
        self.quotes = quotes
        self.spans = [(q.start, q.end) for q in quotes]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.sentences = sentences(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.titles: list[Mention] = []

    def named(self) -> None:
        for q in self.quotes:
            if q.cue and q.cue.kind == "person":
                q.speaker = _person_at(q.cue, self.mentions)
            elif q.cue and q.cue.kind == "organisation":
                q.source = q.cue.name
            if q.cue:
                q.found("cue", cue_words(self.text, q.start, q.end, q.cue))

    def pronouns(self) -> None:
        """`“…,” he said`: the paragraph's last speaker, or the subject of the sentence before, if they agree."""
        for i, q in enumerate(self.quotes):
            if _done(q) or not q.cue or q.cue.kind != "pronoun" or q.cue.name.lower() not in PRONOUNS:
                continue
            last = self._last_speaker(i)
            subject = self._previous_subject(min(q.start, q.cue.start), q.cue.name.lower())
            if last and subject and last != subject:
                continue
            q.speaker = last or subject
            q.found("pronoun", cue_words(self.text, q.start, q.end, q.cue))

    def introduced(self) -> None:
        """A paragraph ending with 'Jo Bloggs told the court:' introduces the quotation opening the next one."""
        for q in self.quotes:
            if _done(q) or self.text[self._paragraph_start(q.start):q.start].strip():
                continue
            previous = self.text[:self._paragraph_start(q.start)].rstrip()
            if not previous.endswith(":"):
                continue
            found = before(self.text, len(previous))  # the introduction, as if it opened the quotation
            if found and found.kind == "person":
                q.speaker = _person_at(found, self.mentions)
            elif found and found.kind == "organisation":
                q.source = found.name
            if found:
                q.found("introduction", cue_words(self.text, len(previous), len(previous), found))

    def continued(self) -> None:
        """A quotation going on from the one before keeps its speaker."""
        for i, q in enumerate(self.quotes):
            if _done(q) or i == 0 or (q.cue and q.cue.kind != "pronoun"):
                continue
            prev = self._previous_outer(i)
            if prev is None or not _done(prev):
                continue
            between = self.text[prev.end:q.start]
            if "\n\n" not in between:
                same = len(between) <= 400 and not self._someone_else(prev, q)
            else:
                same = between.count("\n\n") == 1 and self._only_quotation(q) and self._ends_paragraph(prev)
            if same:
                q.speaker, q.source = prev.speaker, prev.source
                q.found("continuation", None)

    def subjects(self) -> None:
        """`Jo Bloggs, head of X, called the plan “a failure”`: the subject of a speech verb earlier in the
        quotation's sentence, when no one else is named between them ("He" as the subject: the one before)."""
        for q in self.quotes:
            if _done(q) or (q.cue and q.cue.kind != "pronoun"):
                continue
            s_start = self._sentence_start(q.start)
            clause = self.text[s_start:q.start]
            named = [m for m in self.mentions[bisect.bisect_left(self.starts, s_start):
                                              bisect.bisect_left(self.starts, q.start)] if not self._quoted(m.start)]
            titled = [r for r in self.titles if s_start <= r.start < q.start]
            adjacent = max(named + titled, key=lambda m: m.end, default=None)
            if adjacent and ADJACENT_VERB.match(self.text, adjacent.end, q.start) and \
                    not _governed(self.text[s_start:adjacent.start]):
                q.speaker = adjacent.person  # "… and the High Commissioner said she is “…": right at the verb
                q.found("subject", nearest_verb(self.text, adjacent.end, q.start, adjacent.start, adjacent.end))
                continue
            pronoun = re.match(r"(?:[A-Z]\w*(?:\s\w+){0,4},\s)?(?P<p>[Hh]e|[Ss]he)\b", clause)
            if pronoun and not named:
                subject, end = self._previous_subject(s_start, pronoun["p"].lower()), s_start + pronoun.end()
            elif named and (len({m.person for m in named}) == 1 or PARTICIPLE.search(clause)):
                # Others named later are objects only when a participle of saying ends the clause:
                # "Jo Bloggs urged voters to back Ann Roe, saying, “…"
                subject, end = named[0].person, named[0].end
                if not self._opens_subject(self.text[s_start:named[0].start], named[0]) or \
                        (len({m.person for m in named}) > 1 and not re.match(r"(?:,[^,“”\"]{1,120},)?\s+(?:\w+ly\s+)?[a-z]+(?:ed|s)\b",
                                                                              self.text[end:q.start])):
                    continue
            else:
                continue
            verb = SUBJECT_VERB.match(self.text, end, q.start)
            if subject and verb:
                q.speaker = subject
                q.found("subject", nearest_verb(self.text, end, q.start, end, end))

    # -- helpers ---------------------------------------------------------------------------------------
    def _opens_subject(self, opening: str, m: Mention) -> bool:
        """Whether the mention m, after `opening` in its sentence, is the sentence's subject: few words before
        it, ending with a comma or a description ("Vermont Sen.", "press secretary"), not a verb or a
        preposition ("embracing Obama", "by Obama"), not a place's last word ("a South Carolina native"),
        and a lone surname not used as a modifier ("Band member Flea", "the Clinton campaign")."""
        words = opening.split()
        if len(words) > (8 if opening.rstrip().endswith(",") else 6):
            return False
        if words and not opening.rstrip().endswith(","):
            if not role_word(words[-1]):
                return False  # "embracing Obama", "by Obama", "South Carolina"
            while words and role_word(words[-1]):
                words.pop()  # the description: "Vermont Sen.", "White House press secretary"
            if words and not (words[-1].endswith(",") or words[-1][:1].isupper() or words[-1] in DETERMINERS):
                return False  # "embracing Senator X"
        following = re.match(r"\s+([a-z]+)\b", self.text[m.end:])
        lone = len(self.text[m.start:m.end].split()) == 1
        return not (lone and following and not following[1].endswith(("ed", "s", "ly")) and following[1] not in AUXILIARY)


    def _last_speaker(self, i: int) -> str | None:
        """The speaker of the last quotation before quotes[i] in its paragraph."""
        p_start = self._paragraph_start(self.quotes[i].start)
        for q in reversed(self.quotes[:i]):
            if q.end <= p_start:
                break
            if q.speaker:
                return q.speaker
        return None

    def _previous_subject(self, pos: int, pronoun: str) -> str | None:
        """The subject of the sentence before pos: the one person named in it, right before its verb.

        That sentence may be in the paragraph before only when pos opens its paragraph; a sentence whose
        subject is the same pronoun hands on to the sentence before it ("She called on … . “…,” she said").
        """
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        paragraph = self._paragraph_start(pos)
        if i >= 1 and self.sentences[i - 1][0] < paragraph and self.text[paragraph:pos].strip():
            return None
        for s, e in reversed(self.sentences[max(0, i - 3):max(0, i)]):
            within = [m for m in self.mentions[bisect.bisect_left(self.starts, s):bisect.bisect_left(self.starts, e)]
                      if not self._quoted(m.start)]
            if within:
                opening = self.text[s:within[0].start]
                subject = len(opening.split()) <= 12 and re.match(r"(?:,[^,]{3,120},)?\s+[a-z]", self.text[within[0].end:])
                return within[0].person if len({m.person for m in within}) == 1 and subject else None
            if not re.match(rf"(?:[\w,]+\s+){{0,5}}{pronoun}\b", self.text[s:e], re.I):
                return None  # a sentence naming no one and not about the same "he"/"she": the thread is lost
        return None

    def _someone_else(self, prev: _Quotation, q: _Quotation) -> bool:
        """Whether someone other than prev's speaker is named between the two quotations."""
        after = prev.end
        if prev.cue and prev.cue.start >= prev.end:  # the cue's own sentence ("X, a spokesman for Y, said") names X
            after = max(after, min(q.start, self._sentence_end(prev.cue.end)))
        inside = self.mentions[bisect.bisect_left(self.starts, after):bisect.bisect_left(self.starts, q.start)]
        return any(m.person != prev.speaker and (VERB.search(self.text, m.end, q.start) or q.start - prev.end > 250
                                                 or self._sentence_start(m.start) == m.start)  # "Kasich resisted:"
                   for m in inside)

    def _only_quotation(self, q: _Quotation) -> bool:
        """Whether q's paragraph holds quotations and punctuation only."""
        p_start = self._paragraph_start(q.start)
        p_end = self.text.find("\n\n", q.start)
        p_end = len(self.text) if p_end < 0 else p_end
        rest = self.text[p_start:p_end]
        for s, e in self.spans:
            if p_start <= s and e <= p_end:
                rest = rest.replace(self.text[s:e], "")
        return not re.search(r"\w", rest)

    def _ends_paragraph(self, q: _Quotation) -> bool:
        """Whether the paragraph of q ends with q or with its cue (nothing new after it)."""
        p_end = self.text.find("\n\n", q.end)
        p_end = len(self.text) if p_end < 0 else p_end
        return not self.text[q.end:p_end].strip() or (q.cue is not None and q.cue.start >= q.end and
                                                       not re.search(r"[.!?]\s+\S", self.text[q.cue.end:p_end].strip()))

    def _previous_outer(self, i: int) -> _Quotation | None:
        """The quotation before quotes[i], the outer one when quotations nest."""
        q = self.quotes[i]
        before = [p for p in self.quotes[:i] if p.end <= q.start]
        return max(before, key=lambda p: (p.end, -p.start)) if before else None

    def _quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self.spans, (pos, len(self.text))) - 1
        return any(s < pos < e for s, e in self.spans[max(0, i - 3):i + 1])

    def _paragraph_start(self, pos: int) -> int:
        return self.text.rfind("\n\n", 0, pos) + 2 if self.text.rfind("\n\n", 0, pos) >= 0 else 0

    def _sentence_end(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[i][1] if i >= 0 else len(self.text)

    def _sentence_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[i][0] if i >= 0 else 0


def _governed(opening: str) -> bool:
    """Whether the name after `opening` is the object of a verb or a preposition ("embracing Senator X", "by X")."""
    words = opening.split()
    while words and role_word(words[-1]):
        words.pop()
    return bool(words) and GOVERNS.fullmatch(words[-1]) is not None


def _done(q: _Quotation) -> bool:
    return q.speaker is not None or q.source is not None
