"""A reply to an earlier answer, read with that answer's person, document and topic.

Replying "what did he say?" to a /who answer means /quote of that person; "when?" to a search means the same
words, asked when; "more from this document" means the same words in that document only; "and Raisi?" means
the same command about Raisi. The same in Persian ("او چه گفت؟", "چه زمانی؟", "این سند"). Only these shapes are
read so: any other reply is a question of its own, as if it had been sent alone.

Whom "he" means is never guessed: it is the person the earlier answer is about (/who, /quote), or the one
speaker its excerpts quote. Where the earlier answer quotes several people, or comes from several documents,
the reply says which ones and asks, instead of picking one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..models import Answer, Phrase, Result
from .messages import phrase

END = r"\s*[?؟.!]*\s*$"
PERSON = (r"(?:he|she|him|her|they|them|this\s+(?:person|man|woman|one)|that\s+(?:person|man|woman|one)|"
          r"the\s+(?:same\s+)?(?:person|speaker|man|woman))")
DOCUMENT = r"(?:document|source|article|report|text|book|memoir|statement|paper|page|piece|transcript|speech)"
THIS = r"(?:this|that|the|the\s+same)"
QUESTION_WORDS = frozenset("who whom whose what which where when why how did does do is was are were".split())
PERSON_FA = r"(?:او|ایشان|وی|این\s*شخص|این\s*فرد|این\s*آقا|این\s*خانم)"
DOCUMENT_FA = r"(?:سند|متن|گزارش|مقاله|منبع|کتاب|خاطرات|بیانیه)"

# (what the reply asks, its shape). "quote": the earlier person's words (on a topic, group x); "who": who they
# are; "source": who said the earlier words; "when"/"where": the earlier words, asked when/where; "in": more of
# the earlier words from the earlier document; "doc": that document's card; "same": the earlier command about x.
WRITTEN = [
    ("quote", rf"^(?:and\s+)?what\s+(?:else\s+)?(?:did|does|do|has|have|had)\s+{PERSON}\s+(?:else\s+)?"
                rf"(?:say|said|write|wrote|state|think|tell)(?:\s+(?:about|on|of|regarding)\s+(?P<x>.+?))?{END}"),
    ("quote", rf"^(?:(?:any\s+)?(?:more|other)\s+)?(?:quotes?|quotations?|words)\s+(?:from|by|of)\s+{PERSON}{END}"),
    ("quote", rf"^(?:more|anything\s+else)\s+(?:from|by)\s+{PERSON}{END}"),
    ("quote", rf"^(?:his|her|their)\s+(?:own\s+)?(?:words|quotes|quotations){END}"),
    ("who", rf"^(?:who\s+(?:is|was|are|were)\s+{PERSON}|who'?s\s+{PERSON}|who\s+is\s+that|who\s+was\s+that|"
              rf"who'?s\s+that|tell\s+me\s+(?:more\s+)?about\s+{PERSON}){END}"),
    ("source", rf"^who\s+(?:said|says|wrote|writes)\s+(?:that|this|it|so){END}"),
    ("when", rf"^(?:when|what\s+(?:date|year|day))(?:\s+(?:was|is|did)\s+(?:that|this|it|{PERSON})"
               rf"(?:\s+(?:happen|say\s+(?:that|this|it)|said|written|write\s+(?:that|this|it)))?)?{END}"),
    ("where", rf"^where(?:\s+(?:was|is|did)\s+(?:that|this|it)(?:\s+happen)?)?{END}"),
    ("in", rf"^(?:(?:show\s+(?:me\s+)?)?(?:more|anything\s+else|what\s+else)\s+(?:from|in|of)|"
             rf"what\s+else\s+(?:does|is)\s+(?:in\s+)?)\s*{THIS}\s+{DOCUMENT}(?:\s+says?)?{END}"),
    ("doc", rf"^(?:(?:which|what)\s+{DOCUMENT}(?:\s+is\s+(?:that|this|it)|\s+says\s+(?:that|so|this))?|"
              rf"(?:show|open|send)\s+(?:me\s+)?{THIS}\s+{DOCUMENT}|{THIS}\s+{DOCUMENT}|{DOCUMENT}){END}"),
    ("same", rf"^(?:and|what\s+about|how\s+about)\s+(?P<x>.+?){END}"),
    # Persian
    ("quote", rf"^(?:{PERSON_FA}\s+)?(?:دیگر\s+)?(?:(?:درباره|دربارهٔ|درباره‌ی|در\s+مورد)\s+(?P<x>.+?)\s+)?"
                rf"(?:چه|چی)\s+(?:گفت|گفته|گفته\s+است|نوشت|نوشته|می‌گوید|میگوید){END}"),
    ("who", rf"^{PERSON_FA}\s+(?:کیست|کیه|کی\s+بود|که\s+بود|چه\s+کسی\s+است){END}"),
    ("source", rf"^(?:چه\s*کسی|کی)\s+(?:این\s+را\s+|اینو\s+)?(?:گفت|گفته|نوشت){END}"),
    ("when", rf"^(?:چه\s+زمانی|چه\s+وقت|کی\s+بود|چه\s+تاریخی|در\s+چه\s+تاریخی|چه\s+سالی){END}"),
    ("where", rf"^(?:کجا|کجا\s+بود|در\s+کجا){END}"),
    ("in", rf"^(?:بیشتر|باز\s+هم)\s+(?:از|در)\s+(?:این|همین)\s+{DOCUMENT_FA}{END}"),
    ("doc", rf"^(?:(?:کدام|چه)\s+{DOCUMENT_FA}|(?:این|همین)\s+{DOCUMENT_FA}|{DOCUMENT_FA}){END}"),
    ("same", rf"^(?:(?:و\s+)?(?P<x>.+?)\s+چطور|و\s+(?P<y>.+?)\s+(?:چی|چه)){END}"),
]


@cache
def shapes() -> list[tuple[str, re.Pattern[str]]]:
    """WRITTEN compiled, when a reply is first read: most lines are not replies, and compiled at import these
    patterns took ~10 ms of every launch."""
    return [(kind, re.compile(shape, re.I)) for kind, shape in WRITTEN]


@dataclass(frozen=True)
class Earlier:
    """What an earlier answer was about, as a reply to it needs: its command, people, documents and words."""

    command: str
    people: tuple[str, ...] = ()  # the person it is about first, then every speaker its excerpts quote, in order
    documents: tuple[str, ...] = ()  # the documents its excerpts (or its card) come from, in order
    titles: dict[str, str] = field(default_factory=dict)  # document id -> title, to name them when asking which
    words: str = ""  # what it searched for, in the documents' language (a /quote's topic)

    @classmethod
    def of(cls, answer: Answer) -> Earlier:
        # One rule for every command: the person the answer is about; else the people it lists (asked which,
        # when several); else a speaker only when every excerpt names the same one. An excerpt naming no one
        # counts as someone else, so "he" after a page of mixed excerpts is asked, never picked.
        if answer.person or answer.people:
            people = [answer.person.name] if answer.person else [p.name for p in answer.people]
        else:
            speakers = [_speaker(r) for r in answer.results]
            people = list(dict.fromkeys(filter(None, speakers)))
            people += [""] if people and None in speakers else []
        docs = [d for d in answer.documents] + [r.document for r in answer.results]
        ids = list(dict.fromkeys(d.id for d in docs))
        words = answer.question.get("topic", "") if answer.command == "quote" else answer.translated or answer.query
        if answer.command in ("who", "quote") and not words:
            words = answer.person.name if answer.person else answer.query
        if answer.command in ("docs", "doc", "help", "start"):
            words = ""
        return cls(answer.command, tuple(people), tuple(ids), {d.id: d.title for d in docs}, words)


@dataclass(frozen=True)
class FollowUp:
    """A reply read as a question of its own: the line to answer, or a question back when it is unclear."""

    line: str = ""  # the reply as the command that answers it ("/quote Hossein-Ali Montazeri")
    document: str = ""  # keep only excerpts from this document
    note: Phrase | None = None  # said before the answer: how the reply was read
    unclear: Phrase | None = None  # said instead of answering: whom or which document, when the earlier answer had several


def changed(line: str) -> FollowUp | None:
    """A reply to an answer from an index generation since replaced: what it refers to may have changed with the
    documents (another first page, other speakers), so a follow-up is not guessed; None: not a follow-up."""
    text = " ".join(line.split())
    if any(pattern.match(text) for _, pattern in shapes()):
        return FollowUp(unclear=phrase("answer.followup.changed", typed=text))
    return None


def read(line: str, earlier: Earlier) -> FollowUp | None:
    """How a reply to `earlier` is meant, or None when it is not a follow-up (answered as sent)."""
    text = " ".join(line.split())
    for kind, pattern in shapes():
        m = pattern.match(text)
        if m:
            groups = m.groupdict()
            return _meant(kind, (groups.get("x") or groups.get("y") or "").strip(), earlier, text)
    return None


def _speaker(result: Result) -> str | None:
    """Whose words the excerpt's matched words are, when the sources name them."""
    if result.speaker:
        return result.speaker
    spans = [(result.start + a, result.start + b) for a, b in result.highlights] or [(result.start, result.end)]
    named = {v.speaker for v in result.voices for a, b in spans if v.start <= a and b <= v.end and v.kind != "speech"}
    return named.pop() if len(named) == 1 else None


def _meant(kind: str, x: str, earlier: Earlier, typed: str) -> FollowUp | None:
    if kind in ("quote", "who") or (kind == "source" and earlier.command == "source"):  # /source shows who said it
        return _about_person("who" if kind == "source" else kind, x, earlier, typed)
    if kind == "same":
        return _same(x, earlier, typed)
    if not earlier.words and kind != "doc":
        return None  # a /docs list or help has no topic to ask "when?" about
    if kind == "source":
        return _read(f"/source {earlier.words}", typed, earlier.words)
    if kind in ("when", "where"):
        return _read(f"{kind} {earlier.words}", typed, earlier.words)
    return _in_document(kind, earlier, typed)


def _about_person(kind: str, topic: str, earlier: Earlier, typed: str) -> FollowUp:
    if len(earlier.people) != 1:
        return _unclear_person(earlier, typed)
    name = earlier.people[0]
    line = f"/{kind} {name}" if not topic else f"what did {name} say about {topic}"
    return _read(line, typed, name)


def _unclear_person(earlier: Earlier, typed: str) -> FollowUp:
    named = [p for p in earlier.people if p]
    if not named:
        return FollowUp(unclear=phrase("answer.followup.no_one", typed=typed))
    which = "answer.followup.which_person" if len(named) > 1 else "answer.followup.one_of_some"  # and unnamed ones
    return FollowUp(unclear=phrase(which, typed=typed, names=", ".join(named[:6])))


def _same(x: str, earlier: Earlier, typed: str) -> FollowUp | None:
    if not x or earlier.command not in ("who", "quote", "source", "search"):
        return None
    if earlier.command in ("who", "quote") and (len(x.split()) > 4 or x.split()[0].lower() in QUESTION_WORDS):
        return None  # "and who ordered it?" is a question of its own, not /who "who ordered it"
    line = x if earlier.command == "search" else f"/{earlier.command} {x}"
    return _read(line, typed, x)


def _in_document(kind: str, earlier: Earlier, typed: str) -> FollowUp:
    if len(earlier.documents) != 1:
        if not earlier.documents:
            return FollowUp(unclear=phrase("answer.followup.no_document", typed=typed))
        names = "; ".join(f"{earlier.titles.get(d, d)} (/doc {d})" for d in earlier.documents[:6])
        return FollowUp(unclear=phrase("answer.followup.which_document", typed=typed, names=names))
    doc = earlier.documents[0]
    if kind == "doc" or not earlier.words:
        return _read(f"/doc {doc}", typed, earlier.titles.get(doc, doc))
    return FollowUp(earlier.words, doc, phrase("answer.followup.in", "\n", typed=typed, query=earlier.words,
                                               title=earlier.titles.get(doc, doc)))


def _read(line: str, typed: str, about: str) -> FollowUp:
    return FollowUp(line, note=phrase("answer.followup", "\n", typed=typed, about=about))
