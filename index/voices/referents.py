"""Who "he", "she" or "the High Commissioner" is, when the text itself makes it certain.

A subject pronoun resolves to the person named last before it, in the same
voice (outside quotations, or inside the same quotation), in the same or the
previous sentence, when nobody else could be meant: no other person named
in between, no other singular role ("the Chief Justice", "a regime official")
after the name, and no title saying the person is of the other gender. A
bare title ("the High Commissioner said") resolves to the person last
introduced with that title, when no one else holds it in between. Anything
less certain stays unresolved: saying nothing is better than naming the
wrong person.
"""

from __future__ import annotations

import bisect
import re

from ..models import Mention
from ..text.split import sentences
from .cues import common_words
from .names import common_english_words
from .people import TOKEN, capitalised_runs, describe, fold, is_role, may_be_name

PLACE_BEFORE = re.compile(r"\b(?:in|at|near|across|throughout|outside|inside)\s+(?:the\s+)?$")  # "in Tucson"
APPOSITIVE = re.compile(r",[^,.;]*[,.;]")  # "X, UN Special Rapporteur on …, said": words about X
PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
BARE_TITLE = re.compile(r"(?<![Oo]f )(?<!, )\b[Tt]he\s+(?P<title>(?:UN\s+)?(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)"
                        r"(?![\w’'-])(?!\s+(?:of|for|on|to|in)\b|,?\s+[A-Z])")
OTHER_ROLE = re.compile(r"(?<!\bwas )(?<!\bis )(?<!\bbecame )(?<!\bas )"  # "X was the deputy-prosecutor": X's role
                        r"\b(?:the|a|an|another|this|that)\s+(?:[\w’'-]+\s+){0,3}?(?P<role>[\w’'-]+)\b")
MALE = {"mr", "sir", "lord", "ayatollah", "king", "prince", "hojatoleslam", "sheikh", "imam"}
FEMALE = {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess"}
WINDOW = 2000  # characters a bare title may reach back to its introduction
REACH = 1500  # characters a pronoun may reach back (it must also be in the same or the previous sentence)


def find_referents(text: str, mentions: list[Mention], quoted: list[tuple[int, int]]) -> list[Mention]:
    """Pronouns and bare titles of `text` resolved to person ids, as Mention-like spans."""
    resolver = _Resolver(text, mentions, quoted)
    found = [r for m in BARE_TITLE.finditer(text) if (r := resolver.title(m.start(), m.end(), m["title"]))]
    resolver.add(found)
    for m in PRONOUN.finditer(text):
        if r := resolver.pronoun(m.start(), m.end()):
            found.append(r)
            resolver.add([r])  # "She called on ... “...,” she said": a resolved pronoun names its person
    return sorted(found, key=lambda r: r.start)


class _Resolver:
    def __init__(self, text: str, mentions: list[Mention], quoted: list[tuple[int, int]]) -> None:
        self.text = text
        self.quoted = sorted(quoted)
        self.sentences = sentences(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.gender = _genders(text, mentions)
        self.lower = common_words(text)
        self.named = mentions
        self._roles: list[tuple[Mention, str]] | None = None  # (mention, folded description), by start
        self._role_starts: list[int] = []
        self.outer: list[tuple[int, int]] = []  # quotations not inside another, with those nested in them
        self.nested: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for q in self.quoted:
            if self.outer and q[1] <= self.outer[-1][1]:
                self.nested[self.outer[-1]].append(q)
            else:
                self.outer.append(q)
                self.nested[q] = [q]
        self.outer_starts = [s for s, _ in self.outer]
        self.add(mentions)

    def add(self, mentions: list[Mention]) -> None:
        if not hasattr(self, "mentions"):
            self.mentions: list[Mention] = []
            self.starts: list[int] = []
        for m in mentions:
            i = bisect.bisect_left(self.starts, m.start)
            self.mentions.insert(i, m)
            self.starts.insert(i, m.start)

    def roles(self) -> list[tuple[Mention, str]]:
        """Mentions the text describes right there, with the folded description; worked out when a title needs them."""
        if self._roles is None:
            self._roles = [(m, fold(d)) for m in self.named if (d := describe(self.text, m.start, m.end))]
            self._role_starts = [m.start for m, _ in self._roles]
        return self._roles

    def pronoun(self, start: int, end: int) -> Mention | None:
        context = self._context(start)
        near = self.mentions[bisect.bisect_left(self.starts, start - REACH):bisect.bisect_left(self.starts, start)]
        before = [m for m in near if self._context(m.start) == context]
        if not before:
            return None
        last = before[-1]
        opening = self._sentence(last.start)[0]
        if self._sentence_index(start) - self._sentence_index(last.start) > 1 + self._quoted_sentences(last.end, start):
            return None
        if any(m.person != last.person for m in before if m.start >= opening):
            return None
        if self._other_role(last, start, context) or not self._gender_fits(last.person, self.text[start:end]):
            return None
        in_sentence = [m for m in before if m.start >= opening]
        first = next(m.start for m in in_sentence if m.person == last.person)  # "Warren told Stumpf, … Warren’s …"
        if self._someone_unknown(first, start, context, in_sentence):
            return None
        self.gender.setdefault(last.person, "f" if self.text[start:end].lower() == "she" else "m")
        return Mention(last.person, start, end)

    def _someone_unknown(self, start: int, end: int, context: tuple[int, int] | None, named: list[Mention]) -> bool:
        """Whether someone no one is registered under is named between `start` and `end` ("Warren told Stumpf,
        after he admitted … under Warren’s grilling he hadn’t"), in the pronoun's voice: a run of capitalised
        words, none a title, role, acronym, English word, word never in a name or word the text otherwise writes in
        lower case, not a place ("in Tucson"), not opening a sentence unless it is two words or more, and not in
        a description of the `named` ("X, UN Rapporteur on Contemporary Forms of Slavery, said"). The pronoun may
        be that person."""
        described = [(m.end, a.end()) for m in named if (a := APPOSITIVE.match(self.text, m.end, end))]
        for run in capitalised_runs(self.text[start:end]):
            at = start + run[0][1]
            if self._may_be_someone([w for w, _, _ in run], at) and self._context(at) == context and \
                    not self._mentioned_at(at) and not any(a <= at < b for a, b in described):
                return True
        return False

    def _may_be_someone(self, words: list[str], at: int) -> bool:
        english = common_english_words()  # "Democratic", "French", "Church": rarely someone's only name here
        return all(len(w) > 1 and not w.isupper() and may_be_name(w) and w.lower() not in self.lower and
                   w.lower() not in english for w in words) and \
            not PLACE_BEFORE.search(self.text, max(0, at - 12), at) and (len(words) > 1 or not self._opens_sentence(at))

    def _mentioned_at(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return any(self.mentions[j].start <= pos < self.mentions[j].end for j in range(max(0, i - 3), i + 1))

    def _opens_sentence(self, pos: int) -> bool:
        return not re.search(r"[\w,;:)”’'\"-]\s*$", self.text[max(0, pos - 3):pos])

    def title(self, start: int, end: int, title: str) -> Mention | None:
        """'the High Commissioner': the person last introduced with that title, if no one else holds it since."""
        key = fold(title).removeprefix("un ")
        if not any(is_role(w) for w in TOKEN.findall(title)):
            return None
        roles, starts = self.roles(), self._role_starts
        near = roles[bisect.bisect_left(starts, start - WINDOW):bisect.bisect_left(starts, start)]
        holders = [(m, d) for m, d in near if m.end <= start
                   and d.removeprefix("un ").startswith(key) and not self._inside_any(m.start)]
        if not holders:
            return None
        if any(m.start >= holders[-1][0].end and m.person != holders[-1][0].person and key in d for m, d in near):
            return None
        return Mention(holders[-1][0].person, start, end)

    def _other_role(self, last: Mention, start: int, context: tuple[int, int] | None) -> bool:
        """A singular role noun after the name ('the Chief Justice') that the pronoun could mean instead."""
        tail = self.text[last.end:start]
        appositive = APPOSITIVE.match(tail)
        offset = last.end + (appositive.end() if appositive else 0)
        for m in OTHER_ROLE.finditer(self.text, offset, start):
            if self._context(m.start()) == context and is_role(m["role"]):
                window = self.mentions[bisect.bisect_left(self.starts, last.start):bisect.bisect_left(self.starts, start)]
                if not any(r.start <= m.start("role") < r.end + 1 for r in window if r.person == last.person):
                    return True
        return False

    def _gender_fits(self, person: str, pronoun: str) -> bool:
        known = self.gender.get(person)
        return known is None or known == ("f" if pronoun.lower() == "she" else "m")

    def _context(self, pos: int) -> tuple[int, int] | None:
        """The innermost quotation holding `pos`, or None outside quotations."""
        i = bisect.bisect_left(self.outer_starts, pos) - 1
        if i < 0 or not self.outer[i][0] < pos < self.outer[i][1]:
            return None
        holding = [(s, e) for s, e in self.nested[self.outer[i]] if s < pos < e]
        return min(holding, key=lambda q: q[1] - q[0]) if holding else None

    def _inside_any(self, pos: int) -> bool:
        return self._context(pos) is not None

    def _quoted_sentences(self, start: int, end: int) -> int:
        """Sentences between two offsets that lie wholly in quotations (they do not break the thread)."""
        first, last = self._sentence_index(start), self._sentence_index(end)
        return sum(1 for s, e in self.sentences[first + 1:last] if self._inside_any((s + e) // 2) and
                   self._inside_any(s + 1))

    def _sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def _sentence(self, pos: int) -> tuple[int, int]:
        return self.sentences[self._sentence_index(pos)] if self.sentences else (0, len(self.text))


def _genders(text: str, mentions: list[Mention]) -> dict[str, str]:
    """'m' or 'f' for people a title marks (Mr., Mrs., Madam, Sir), when every title agrees."""
    seen: dict[str, set[str]] = {}
    for m in mentions:
        words = TOKEN.findall(text[max(0, m.start - 12):m.start])
        inside = TOKEN.findall(text[m.start:m.end])[:1]
        for w in (words[-1:] + inside):
            f = fold(w)
            if f in MALE or f in FEMALE:
                seen.setdefault(m.person, set()).add("m" if f in MALE else "f")
    return {p: g.pop() for p, g in seen.items() if len(g) == 1}
