"""Quotations in Persian text and who said them: «…» (and “…”), with Persian speech verbs.

The same ordered passes as sieves.py, most certain first, each leaving what it cannot decide to the next:
  1. the speaker before, in the quotation's own sentence: a name at the start of a clause that ends in a
     speech verb (حسین‌علی منتظری در خاطرات خود نوشت: «…»), or right after به گفته / طبق اظهارات /
     به نقل از (به گفته احمدی، «…»), or a name alone before a colon (رجوی: «…», a headline's label);
     a paragraph ending "X گفت:" introduces the quotation opening the next;
  2. the speaker after: «…»، رستگار افزود.;
  3. an organisation opening the clause (کانون مدافعان حقوق بشر … اعلام کرد: «…») is the quotation's source;
  4. a pronoun or a verb with no subject («…»، او افزود / «…»، افزود): the person the sentence before names,
     when it names exactly one and names them as its subject; otherwise no one;
  5. continuation: a paragraph that is only a quotation, right after one whose last quotation has a speaker.
A name anywhere else (به منتظری گفت, مادر منتظری گفت) is no speaker: Persian drops subjects, so an
unnamed speaker stays "not identified" rather than the nearest name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import Mention, Quote
from ..text.split import sentences
from .marks import marked_spans
from .persian_people import TITLE_WORDS, fold, words

MIN_WORDS = 4  # shorter «…» are titles or terms («هیئت مرگ»), unless a cue names their speaker
# Verbs of saying, folded (no ZWNJ): simple, with می, in the perfect, plural; and compound verbs.
_SIMPLE = (r"(?:می)?(?:گفت|گوید|گویند|گفته|افزود|افزاید|افزایند|افزوده|نوشت|نویسد|نویسند|نوشته|پرسید|پرسد)"
           r"(?:ند|ه)?(?:اند|است)?")  # گفتند، می‌گویند، گفته‌اند، نوشته‌است
_COMPOUND = (r"(?:اظهار|تصریح|تاکید|اعلام|خاطرنشان|اضافه|عنوان|بیان|ابراز|اذعان|اعتراف)\s+(?:می)?(?:کرد|داشت|کند|دارد|"
             r"کرده|داشته|نمود|نموده)(?:ند)?|(?:ادامه|پاسخ|توضیح|هشدار|شهادت)\s+(?:می)?(?:داد|دهد|داده)(?:ند)?|"
             r"یاداور\s+شد(?:ند)?|فریاد\s+(?:زد|میزد)(?:ند)?|نقل\s+کرد(?:ند)?")
VERB = rf"(?:{_SIMPLE}|{_COMPOUND})(?:\s+(?:است|اند|بود|بودند))?"
VERB_AT = re.compile(rf"(?<![^\s،,:])(?:{VERB})(?![^\s،,:.])")
ENDS_IN_VERB = re.compile(rf"(?:^|\s)(?:{VERB})\s*(?:[:،,]|\sکه)?\s*$")
# After a quotation, to its sentence's end (folded): "، رستگار افزود." / "، او افزود." / "، افزود."
AFTER = re.compile(rf"^\s*[،,]?\s*(?P<clause>[^«»“”]*?)\s*(?<![^\s،,])(?:{VERB})\s*[.!؟]?\s*$")
ACCORDING = r"(?:به\s+گفته|طبق\s+اظهارات|بنا\s+به\s+اظهارات|به\s+نقل\s+از|از\s+قول)"
ACCORDING_TO = re.compile(rf"(?:^|\s){ACCORDING}\s*$")
ACCORDING_AFTER = re.compile(rf"^\s*[،,]?\s*{ACCORDING}\s+[^«»“”]*?[.!؟]?\s*$")
SENTENCE_END = re.compile(r"[.!؟?\n«“]")
PRONOUN = {"او", "وی", "ایشان"}
# A clause before a quotation whose subject is a pronoun or dropped: "او در پاسخ گفت:", "افزود:", "که گفت:"
DROPPED_BEFORE = re.compile(rf"\s*(?:(?:که|و|اما|سپس)\s+)?(?:(?:او|وی|ایشان)(?:\s+[^\s«»:،,]+){{0,3}}\s+)?"
                            rf"(?:{VERB})\s*[:،,]?\s*")
# Before a sentence's subject, set off by a comma: who reports it, or when (no name in it is the speaker).
LEAD = re.compile(r"\s*(?:به\s+گزارش|به\s+نوشته|(?:روز|امروز|دیروز|صبح|عصر|شب)\s)[^،,«»:.]{0,60}[،,]\s*")
OPENERS = {"که", "و", "اما", "ولی", "همچنین", "سپس", "بعدها", "پیشتر", "نیز", "آنگاه"}
ORGANISATION = {"کانون", "سازمان", "انجمن", "نهاد", "دفتر", "وزارت", "خبرگزاری", "کمیسیون", "کمیته", "شورای", "مجمع",
                "جمعیت", "دیدبان", "عفو", "دادستانی", "دادگاه", "قوه", "روزنامه", "کمپین", "مرکز", "اتحادیه", "حزب"}
ORGANISATION_ENDS = {"روز", "در", "با", "به", "طی", "امروز", "دیروز", "هفته", "نیز", "هم", "که", "از"}


@dataclass
class _Quotation:
    start: int
    end: int
    speaker: str | None = None
    source: str | None = None
    how: str | None = None  # the pass that found the speaker or source, as sieves.py names them (Quote.how)


def persian_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Every quotation of a Persian `text` with its speaker's person id (or None) or source."""
    finder = _Finder(text, mentions)
    found = [_Quotation(s, e) for s, e in quote_spans(text)]
    for q in found:
        q.speaker = finder.before(q) or finder.after(q)
        if not q.speaker:
            q.source = finder.organisation(q)
        q.how = "cue" if q.speaker or q.source else None
    for q in found:
        if not q.speaker and not q.source:
            q.speaker = finder.dropped_subject(q)
            q.how = "pronoun" if q.speaker else None  # "او گفت:" or a verb with no subject: the one person before
    _continued(text, found)
    return [Quote(q.start, q.end, q.speaker, q.source, how=q.how) for q in found
            if q.speaker or q.source or len(text[q.start:q.end].split()) >= MIN_WORDS]


def quote_spans(text: str) -> list[tuple[int, int]]:
    """«…» spans (outermost, within a paragraph; one never closed runs to its paragraph's end), then “…” ones
    outside them, sorted."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        depth, opened = 0, p_start
        for i in range(p_start, p_end):
            if text[i] == "«":
                opened = i if depth == 0 else opened
                depth += 1
            elif text[i] == "»" and depth:
                depth -= 1
                if depth == 0:
                    spans.append((opened, i + 1))
        if depth:
            spans.append((opened, p_end))
    spans += [s for s in marked_spans(text) if not any(a <= s[0] < b for a, b in spans)]
    return sorted(spans)


class _Finder:
    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.sentences = sentences(text)
        self.sentence_starts = [s for s, _ in self.sentences]

    def _within(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in text[start:end], in order."""
        return self.mentions[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]

    def _sentence(self, pos: int) -> int | None:
        """The index of the sentence holding text[pos], if any."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return i if i >= 0 and pos < self.sentences[i][1] else None

    def before(self, q: _Quotation) -> str | None:
        """The speaker a clause before the quotation names: X … گفت: «…», به گفته X، «…», or a paragraph's
        closing 'X گفت:' for a quotation that opens the next paragraph."""
        start = self._clause_start(q.start)
        clause = self.text[start:q.start]
        if not clause.strip() and self.text[max(0, start - 3):start].rstrip().endswith(":"):
            start = self._clause_start(self.text.rfind(":", 0, start))  # the paragraph before introduces it
            clause = self.text[start:self.text.rfind(":", 0, q.start) + 1]
        if ENDS_IN_VERB.search(fold(clause)):
            return self._subject(self._last_clause(start, clause), start + len(clause))
        if re.search(r":\s*$", clause) and (label := self._subject(start, start + len(clause))):
            # "رجوی: «…»" (a headline, an interview): the name alone, then a colon, labels the words
            named = self._within(start, q.start)
            if re.fullmatch(r"\s*:\s*", self.text[named[0].end:q.start]):
                return label
        for m in self._within(start, q.start):
            if ACCORDING_TO.search(fold(self._untitled(start, m.start))) and \
                    re.fullmatch(r"\s*[،,:]?\s*", self.text[m.end:q.start]):
                return m.person
        return None

    def _last_clause(self, start: int, clause: str) -> int:
        """Where the clause governing the quotation begins: after an earlier speech verb ('X گفت که Y به او گفته
        بود: «…»' is Y's words; 'X نوشت که … نگهبان فریاد زد: «…»' the guard's), else at `start`."""
        folded, where = _folded(clause)
        verbs = list(VERB_AT.finditer(folded))[:-1]  # the last is the quotation's own verb
        # an earlier verb of saying then که or و opens another clause; one in a relative clause does not
        # ("X، که در دادگاه شهادت داده بود، نوشت: «…»" is X's)
        opening = [v for v in verbs if re.match(r"\s+(?:که|و)\s", folded[v.end():])]
        return start + where[opening[-1].end()] if opening else start

    def after(self, q: _Quotation) -> str | None:
        """«…»، رستگار افزود. / «…»، به گفته احمدی.: the name opening the rest of the sentence, when that rest
        ends in a speech verb or opens with به گفته."""
        end = self._sentence_end(q.end)
        rest = fold(self.text[q.end:end])
        if not AFTER.match(rest) and not ACCORDING_AFTER.match(rest):
            return None
        start = q.end + len(self.text[q.end:end]) - len(self.text[q.end:end].lstrip(" ،,"))
        if ACCORDING_AFTER.match(rest):
            first = next(iter(self._within(start, end)), None)
            return first.person if first and ACCORDING_TO.search(fold(self._untitled(start, first.start))) else None
        return self._subject(start, end)

    def _sentence_end(self, pos: int) -> int:
        m = SENTENCE_END.search(self.text, pos)
        return m.start() if m else len(self.text)

    def organisation(self, q: _Quotation) -> str | None:
        """An organisation opening the clause before the quotation: 'کانون مدافعان حقوق بشر … اعلام کرد: «…»'."""
        start = self._clause_start(q.start)
        clause = self.text[start:q.start]
        if not ENDS_IN_VERB.search(fold(clause)):
            return None
        tokens = words(clause)
        if not tokens or tokens[0][0] not in ORGANISATION:
            return None
        name: list[tuple[str, int, int]] = []
        for t in tokens[:7]:
            if t[0] in ORGANISATION_ENDS or (name and clause[name[-1][2]:t[1]] != " "):
                break
            name.append(t)
        return clause[name[0][1]:name[-1][2]] if len(name) >= 2 else None

    def dropped_subject(self, q: _Quotation) -> str | None:
        """«…»، او افزود / «…»، افزود / او گفت: «…»: the one person the sentence before names as its subject."""
        start = self._clause_start(q.start)
        governing = self.text[self._last_clause(start, self.text[start:q.start]):q.start]
        pronoun_before = bool(DROPPED_BEFORE.fullmatch(fold(governing)))
        after = AFTER.match(fold(self.text[q.end:self._sentence_end(q.end)]))
        subject = [w for w, _, _ in words(after["clause"])] if after else []
        pronoun_after = after is not None and (not subject or (subject[0] in PRONOUN and len(subject) <= 3))
        if not (pronoun_before or pronoun_after):
            return None
        return self._previous_subject(start)

    def _previous_subject(self, pos: int) -> str | None:
        """The person the sentence before `pos` names, if it names exactly one, at its start."""
        here = self._sentence(pos)
        if not here:
            return None
        s, e = self.sentences[here - 1]
        named = {m.person for m in self._within(s, e)}
        if len(named) != 1:
            return None
        return self._subject(s, e)

    def _subject(self, start: int, end: int) -> str | None:
        """The person named first in text[start:end], when the name opens it (after openers and titles, and a
        news agency's or a day's lead: 'به گزارش ایسنا، X گفت', 'روز دوشنبه، X گفت')."""
        if opening := LEAD.match(self.text, start, end):
            start = opening.end()
        first = next(iter(self._within(start, end)), None)
        if first is None:
            return None
        if re.search(r"[^\s،,:«»“”]", self._untitled(start, first.start).replace("\u200c", "")):
            return None  # words before the name: it is no subject (به منتظری گفت، پسر منتظری گفت)
        return first.person

    def _untitled(self, start: int, end: int) -> str:
        """text[start:end] without its opening openers and the titles right before `end`."""
        tokens = words(self.text[start:end])
        i = 0
        while i < len(tokens) and tokens[i][0] in OPENERS:
            i += 1
        j = len(tokens)
        while j > i and _ends_with_title([w for w, _, _ in tokens[i:j]]):
            j -= max(len(t) for t in TITLE_WORDS if tuple(w for w, _, _ in tokens[i:j][-len(t):]) == t)
        if j == i:
            return ""
        cut_start = start + (tokens[i][1] if i < len(tokens) else 0)
        cut_end = start + tokens[j - 1][2]
        return self.text[cut_start:cut_end]

    def _clause_start(self, pos: int) -> int:
        """Where the sentence holding text[pos] begins, a quotation closed before it ending it too."""
        i = self._sentence(pos)
        start = self.sentences[i][0] if i is not None else pos
        closed = max(self.text.rfind("»", start, pos), self.text.rfind("”", start, pos))
        return closed + 1 if closed >= 0 else start


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` folded as `fold` folds it, and for each folded offset (and its end) the offset in `text`."""
    out, where = [], []
    for i, c in enumerate(text):
        for f in fold(c):
            out.append(f)
            where.append(i)
    where.append(len(text))
    return "".join(out), where


def _ends_with_title(tokens: list[str]) -> bool:
    return any(len(tokens) >= len(t) and tuple(tokens[-len(t):]) == t for t in TITLE_WORDS)


def _continued(text: str, quotes: list[_Quotation]) -> None:
    """A paragraph that is only a quotation goes on from the paragraph before, when that one's last quotation
    has a speaker and nothing after it names anyone else."""
    for previous, q in zip(quotes, quotes[1:]):
        if q.speaker or q.source or not (previous.speaker or previous.source):
            continue
        between = text[previous.end:q.start]
        alone = text[q.end:text.find("\n\n", q.end) if "\n\n" in text[q.end:] else len(text)].strip(" .")
        if between.strip() == "" and between.count("\n\n") == 1 and not alone:
            q.speaker, q.source, q.how = previous.speaker, previous.source, "continuation"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out
