"""One line a user typed, read once into a `Question`: what every command answers.

Reading a line decides, in this order and only here:

1. the command: "/who Raisi" names it; anything else is a search;
2. the words, cut to `limits.max_query_chars` (the answer says so);
3. a sentence that means a command ("what did Naidoo say about X" is /quote Naidoo on X: intent.py);
4. the language of the words (Persian script or not);
5. how the words are read as the documents write them: number words as digits and Solar Hijri years as
   Gregorian ones (readings.py, for search and /source); a Persian question's English (persian_questions.py).

The Answerer (answerer.py) hands the Question to the command and reports it with the answer (JSON
`question`, `read_as`, `translated`; the "Read as …" and "Searched for …" sentences), so no command
re-reads the line and nothing after the command changes what was asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import Phrase
from ..text.glossary import Glossary
from ..text.persian import is_persian
from . import intent, readings
from .chatter import is_chatter
from .messages import phrase
from .persian_questions import TRANSLATED, PersianReading, read_persian

if TYPE_CHECKING:
    from .corpus import Corpus

COMMAND = re.compile(r"^/(?P<name>[A-Za-z_]+)(?:@\w+)?(?:\s+(?P<args>.*))?$", re.S)
# Keeps ZWNJ/ZWJ (U+200C/D), part of Persian words; analysis folds them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
READ = {"search", "source"}  # the commands whose number words and Solar Hijri years are read (readings.py)


@dataclass
class Question:
    line: str  # the line as typed, control characters removed
    command: str  # the command that answers it: "search", "source", "who", "quote", "docs", "doc", "help", ...
    typed: str  # the command's words as typed (cut to the limit)
    words: str  # what the command is asked: `typed`, or the person / words a sentence names (intent.py)
    language: str  # "fa" when the words are in Persian script, else "en"
    topic: str = ""  # /quote PERSON on a topic, in the documents' English
    read_as: str = ""  # the command a sentence was read as: "/quote Naidoo"
    cut_to: int = 0  # the limit the words were cut to (0: not cut)
    numbers: readings.Reading | None = None  # number words and Hijri years read as the documents write them
    persian: PersianReading | None = None  # a Persian question in the documents' English (of the words read)
    persian_typed: PersianReading | None = None  # the same of the words as typed, where numbers were read
    notes: list[Phrase] = field(default_factory=list)  # said before the answer: how the question was read
    follows: str = ""  # the line whose answer this one replies to (followup.py), if it was read as a follow-up
    document: str = ""  # a follow-up asking for more from one document: only its excerpts

    @property
    def searched(self) -> str:
        """The words searched first: with numbers and Hijri years read, if any were (else `words`)."""
        return self.numbers.text if self.numbers and self.numbers.notes else self.words

    def to_json(self) -> dict:
        out: dict = {"command": self.command, "typed": self.typed, "words": self.words, "language": self.language}
        out |= {"topic": self.topic} if self.topic else {}
        out |= {"read_as": self.read_as} if self.read_as else {}
        out |= {"numbers_read_as": self.numbers.text} if self.numbers and self.numbers.notes else {}
        out |= {"english": self.persian.english} if self.persian else {}
        out |= {"follows": self.follows} if self.follows else {}
        out |= {"document": self.document} if self.document else {}
        return out


def parse(corpus: Corpus, glossary: Glossary, line: str, max_chars: int) -> Question:
    """Read one line once: its command, words, language and how its words are read (see the module's docstring)."""
    line = CONTROL.sub("", line or "").strip()
    m = COMMAND.match(line)
    command, typed = (m["name"].lower(), (m["args"] or "").strip()) if m else ("search", line)
    cut_to = max_chars if len(typed) > max_chars else 0
    if cut_to:  # at a word's end: a word cut in two would be searched as a word no document has
        head = typed[:max_chars]
        mid_word = not typed[max_chars].isspace() and len(head.split()) > 1
        typed = head.rsplit(None, 1)[0] if mid_word else head.rstrip()
    q = Question(line, command, typed, typed, "fa" if is_persian(typed) else "en", cut_to=cut_to)
    sentence = intent.read(corpus, typed) if not m else None
    if sentence:  # "what did Naidoo say": answered as /quote Naidoo, and the answer says so
        q.command, q.words, q.read_as = sentence.command, sentence.args, sentence.shown
        q.topic = _english(corpus, glossary, sentence.topic)
        q.notes.append(phrase("answer.read_as_about" if q.topic else "answer.read_as", "\n", command=q.read_as,
                              **({"topic": sentence.topic} if q.topic else {})))
    if q.command in READ:
        q.numbers = readings.read(corpus.generation, q.words)
    if q.command in TRANSLATED:
        q.persian = _persian(corpus, glossary, q.searched)
        q.persian_typed = _persian(corpus, glossary, q.words) if q.searched != q.words else q.persian
    return q


def _persian(corpus: Corpus, glossary: Glossary, words: str) -> PersianReading | None:
    return read_persian(words, corpus.registry, glossary) if is_persian(words) and not is_chatter(words) else None


def _english(corpus: Corpus, glossary: Glossary, topic: str) -> str:
    """A topic in the documents' English: a Persian topic is read as any Persian question is."""
    if not topic or not is_persian(topic):
        return topic
    return " ".join(read_persian(topic, corpus.registry, glossary).english)
