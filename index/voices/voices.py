"""Whose words every part of a document is: quotations, speeches reproduced at length, reported words.

Three kinds of voice, all as document offsets:
  - quotation: words in quote marks (index/voices/quotes.py finds them and their
    speaker); a quotation introduced by a news source ("Reuters reported:")
    gets that source as its speaker;
  - speech: a speech, statement, letter or remarks reproduced without quote
    marks after an introduction ending in a colon ("The following is the full
    text of X's speech:", "X told the Council:"). An introduction that says
    the text is given in full runs until the document's own voice resumes (a
    heading, a new attribution, the speaker named in the third person, a
    quotation, the footer); any other introduction covers one paragraph;
  - reported: words inside another voice: a quotation nested in a quotation
    (the Wall Street Journal quoting an official), or an order given after a
    colon ("he issued an order: Do whatever it takes ...").
A voice's speaker is None only when the text does not say who speaks.
"""

from __future__ import annotations

import bisect
import re

from ..models import Mention, Quote, Voice
from ..text.headings import is_heading
from ..text.split import sentences
from .cues import generic, role_word
from .people import SPEECH, fold
from .tenure import describe_as_of

SOURCE_INTRO = re.compile(
    r"(?:^|[.;]\s+)(?P<source>(?:The\s+)?[A-Z][\w’'&.-]*(?:\s+[A-Z][\w’'&.-]*){0,4}?)\d*\s+"
    r"(?:reported|said|wrote|stated|announced|published|quoted)\d*\b[^“”\"]*:\s*$"
)
GROUP_STATEMENT = re.compile(
    r"\b(?:statement|letter|declaration|appeal|communiqué)\s+(?:by|from|signed by)\s+"
    r"(?P<who>(?:\d[\d,]*|[A-Z])[^:,.;“”\"]{2,60}?)"
    r"(?:\s+(?:addresses|says|reads|states|declares|notes|adds|said|read|stated|declared|warns|urges)\b[^“”\"]*)?[:,]$"
)
GOES_ON = re.compile(r"(?:^|[.!?]\s+)The (?:statement|letter|declaration|appeal) (?:adds|added|says|goes on|continues|states)"
                     r"[^“”\"]*[:,]?$")
NOT_SOURCES = {"he", "she", "it", "they", "this", "that", "we", "i", "you", "there", "these", "those"}
SPEECH_NOUN = r"speech|remarks|address|statement|letter|message|testimony|transcript|keynote|words|text"
INTRODUCES = re.compile(rf"\b(?:{SPEECH}|{SPEECH_NOUN}|reads|read|follows)\b", re.I)
IN_FULL = re.compile(r"\b(?:full text|in full|the following|full transcript|verbatim)\b", re.I)
ORDER = re.compile(rf"\b(?:{SPEECH}|issued an order|ordered|decreed|commanded|declared)[ \t]*:[ \t]+(?=[A-Z])")
FOOTER = re.compile(r"^(?:Staff Writer|Tags:|Copyright|©|Reporting by|Share this|Related|Read more)", re.I)
QUOTE_OPEN = "“\"‘'"
TRANSCRIPT_LABEL = re.compile(r"(?m)^(?P<label>[A-Z][A-Z’'\-]+(?:\s[A-Z][A-Z’'\-]+)?):[ \t]+(?=\S)")


def find_voices(text: str, mentions: list[Mention], quotes: list[Quote], referents: list[Mention],
                names: dict[str, str]) -> list[Voice]:
    """Every voice of one document, sorted by start."""
    finder = _Finder(text, mentions, referents, names)
    voices = _continue_sources(text, [finder.quotation(q) for q in quotes])
    voices += finder.speeches([(q.start, q.end) for q in quotes])
    voices += finder.transcript()
    voices += finder.orders(voices)
    return _nest(sorted(voices, key=lambda v: (v.start, -v.end)))


class _Finder:
    def __init__(self, text: str, mentions: list[Mention], referents: list[Mention], names: dict[str, str]):
        self.text = text
        self.names = names
        self.subjects = sorted(mentions + referents, key=lambda m: m.start)  # names and resolved pronouns
        self.starts = [m.start for m in self.subjects]
        self.mentions = mentions
        self._described: dict[str, list[tuple[int, str]]] = {}
        self.by_person: dict[str, list[Mention]] = {}
        for m in mentions:
            self.by_person.setdefault(m.person, []).append(m)

    def voice(self, start: int, end: int, kind: str, speaker_id: str | None, cue: str | None = None,
              how: str | None = None) -> Voice:
        name = self.names.get(speaker_id) if speaker_id else None
        return Voice(start, end, name, kind, role=self._role(speaker_id, start) if speaker_id and name else None,
                     speaker_id=speaker_id if name else None, cue=cue, how=how)

    def quotation(self, q: Quote) -> Voice:
        if q.speaker:
            v = self.voice(q.start, q.end, "quotation", q.speaker)
        elif q.source:
            v = Voice(q.start, q.end, q.source, "quotation")
        else:
            v = Voice(q.start, q.end, self._source(q.start), "quotation")
            v.how = "source introduction" if v.speaker else None  # "Reuters reported: “…”"
            return v
        v.cue, v.how = q.cue, q.how
        return v

    def speeches(self, quoted: list[tuple[int, int]]) -> list[Voice]:
        out = []
        paragraphs = _paragraphs(self.text)
        for i, (p_start, p_end) in enumerate(paragraphs[:-1]):
            intro = self.text[p_start:p_end].rstrip()
            if not intro.endswith(":"):
                continue
            s_start = _last_sentence_start(intro) + p_start
            clause = self.text[s_start:p_start + len(intro)]
            if not INTRODUCES.search(clause) or _opens_quote(self.text, paragraphs[i + 1][0]):
                continue
            speaker = self._first_subject(s_start, p_start + len(intro), quoted)
            if not speaker:
                continue
            last = i + 1
            if IN_FULL.search(clause):
                while last + 1 < len(paragraphs) and not self._resumes(paragraphs[last + 1], speaker):
                    last += 1
            out.append(self.voice(paragraphs[i + 1][0], paragraphs[last][1], "speech", speaker,
                                  INTRODUCES.findall(clause)[-1], "introduction"))
        return out

    def transcript(self) -> list[Voice]:
        """'WALLACE: Do you accept the result?': a transcript's line is the labelled speaker's, when the label
        is the surname of one person the document names."""
        out = []
        for m in TRANSCRIPT_LABEL.finditer(self.text):
            who = {x.person for x in self.mentions if x.start == m.start("label") and x.end == m.end("label")}
            if len(who) == 1:
                out.append(self.voice(m.end(), _line_end(self.text, m.end()), "speech", who.pop(), ":", "transcript label"))
        return out

    def orders(self, voices: list[Voice]) -> list[Voice]:
        """'he issued an order: Do whatever it takes to stop them.': the words after the colon, to the sentence end."""
        out = []
        for m in ORDER.finditer(self.text):
            sentence_start = max(self.text.rfind(". ", 0, m.start()), self.text.rfind("\n", 0, m.start())) + 1
            subject = self._last_subject(sentence_start, m.start())
            if not subject:
                continue
            end = _sentence_end(self.text, m.end())
            end -= len(self.text[m.end():end]) - len(self.text[m.end():end].rstrip("”\"’'"))  # the carrier's closing mark
            out.append(self.voice(m.end(), end, "reported", subject, m.group().strip(), "order"))
        return out

    def _resumes(self, paragraph: tuple[int, int], speaker: str) -> bool:
        """Whether a paragraph is the document's own voice again, after a speech given in full."""
        body = self.text[paragraph[0]:paragraph[1]].strip()
        third_person = any(paragraph[0] <= m.start < paragraph[1] and
                           re.match(rf",?\s+(?:\w+\s+)?(?:{SPEECH})\b", self.text[m.end:m.end + 40])
                           for m in self.by_person.get(speaker, ()))
        attributed = re.search(rf"\b(?:{SPEECH})\b[^.]*:\s*$", body) is not None
        return is_heading(body) or third_person or attributed or bool(FOOTER.match(body)) or \
            _opens_quote(self.text, paragraph[0])

    def _first_subject(self, start: int, end: int, quoted: list[tuple[int, int]]) -> str | None:
        i = bisect.bisect_left(self.starts, start)
        for m in self.subjects[i:]:
            if m.start >= end:
                break
            if not any(s < m.start < e for s, e in quoted):
                return m.person
        return None

    def _last_subject(self, start: int, end: int) -> str | None:
        found = self.subjects[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]
        return found[-1].person if found and len({m.person for m in found}) == 1 else None

    def _source(self, start: int) -> str | None:
        """A named source that is not a person: 'Reuters reported on 23 December 2019: "...',
        'a statement by 31 American personalities addresses the 1988 massacre: “...'."""
        before = self.text[max(0, start - 300):start]
        clause = before.rsplit("\n\n", 1)[-1]
        if not clause.strip():  # the quotation opens its paragraph: the paragraph before introduces it
            clause = before.rstrip().rsplit("\n\n", 1)[-1]
        clause = clause.rstrip()
        if m := GROUP_STATEMENT.search(clause):
            return m["who"]
        m = SOURCE_INTRO.search(clause)
        if not m or fold(m["source"]).split()[0] in NOT_SOURCES or not _proper(m["source"]):
            return None
        offset = start - len(before) + before.rfind(clause) + m.start("source")
        if any(offset <= x.start < offset + len(m["source"]) for x in self.mentions):
            return None  # a person: quotes.py decides about people
        return m["source"]

    def _role(self, speaker_id: str, before: int) -> str | None:
        """How the document describes the speaker, at their last described mention before `before` (or first after)."""
        if speaker_id not in self._described:
            self._described[speaker_id] = [(m.start, d) for m in self.by_person.get(speaker_id, ())
                                           if (d := describe_as_of(self.text, m.start, m.end))]
        described = self._described[speaker_id]
        earlier = [d for s, d in described if s < before]
        return earlier[-1] if earlier else (described[0][1] if described else None)


def _proper(source: str) -> bool:
    """A source's name, not a role or a common noun opening the sentence ("Press Secretary", "Officials")."""
    words = [w for w in fold(source).split() if w != "the"]
    return not all(role_word(w) or generic(w) for w in words)


def _continue_sources(text: str, voices: list[Voice]) -> list[Voice]:
    """A source goes on being quoted: in the next paragraph's opening quotation, or after 'The statement adds,'."""
    previous = None
    for v in voices:
        if previous and previous.end <= v.start:
            between = text[previous.end:v.start]
            # the next paragraph, when it is only the quotation: "“…,” a guard shouted." names another speaker
            next_paragraph = not between.strip() and between.count("\n\n") == 1 and _alone(text, v.end)
            goes_on = "\n\n" not in between and len(between) < 200 and GOES_ON.search(between.strip())
            if v.speaker is None and previous.speaker and (next_paragraph or goes_on):
                v.speaker, v.speaker_id, v.role = previous.speaker, previous.speaker_id, previous.role
                v.how = "continuation"
        if previous is None or v.start >= previous.end:
            previous = v  # nested quotations do not interrupt the outer one
    return voices


def _alone(text: str, end: int) -> bool:
    """Whether nothing but punctuation follows text[:end] in its paragraph."""
    rest = text[end:text.find("\n\n", end) if "\n\n" in text[end:] else len(text)]
    return not rest.strip(" \t.,;:!?…،؛")


def _nest(voices: list[Voice]) -> list[Voice]:
    """A voice inside another one is reported by it: the inner speaker 'as reported by' the outer.

    `voices` come sorted by (start, -end); a stack holds the voices that
    contain the current one, so the pass is linear.
    """
    open_: list[Voice] = []
    for v in voices:
        while open_ and open_[-1].end < v.end:
            open_.pop()
        carrier = next((o for o in reversed(open_) if o.kind != "reported" and (o.start, o.end) != (v.start, v.end)),
                       None)
        if carrier:
            v.kind = "reported"
            v.reported_by = carrier.speaker
        open_.append(v)
    return voices


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n\n", text):
        if text[start:m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _last_sentence_start(paragraph: str) -> int:
    spans = sentences(paragraph)
    return spans[-1][0] if spans else 0


def _opens_quote(text: str, start: int) -> bool:
    return text[start:start + 3].lstrip()[:1] in QUOTE_OPEN


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _sentence_end(text: str, start: int) -> int:
    m = re.compile(r"[.!?…](?=\s|$)|\n\n").search(text, start)
    return (m.end() if m.group() != "\n\n" else m.start()) if m else len(text)
