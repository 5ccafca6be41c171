"""A question in Persian script → the English search it means, and the answer to it.

The documents are English; a Persian question is read word by word, longest
phrase first: glossary terms become their English words, people (people.yaml's
`fa` spellings) their Latin names (a surname alone its Latin surname), Solar Hijri years their Gregorian
year (۱۳۶۷ → 1988), Latin words and numbers stay, and question words, particles
and titles are dropped. What is left is `unknown`: the caller suggests rather
than guesses.

The question is read once (question.py calls `read`); `in_english` then runs the
command's own handler on the English and says what it searched for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..models import Answer, Phrase, QuotedEach
from ..text import hijri, translit
from ..text.analysis import MAX_TERMS, TOKEN
from ..text.glossary import Glossary, key
from ..text.persian import fold, is_persian
from ..voices.people import Entry, Registry
from .both_scripts import has_persian_documents
from .messages import MESSAGES, add, phrase, requote, said

if TYPE_CHECKING:
    from .corpus import Corpus

LONGEST = 4  # words in the longest glossary phrase or name tried
# Question words, particles, pronouns and light verbs: they carry no search term.
STOPWORDS = {key(w) for w in """
    و یا در از به با بر برای تا که را هم نیز این آن اینها آنها همین همان چه چی چرا کی کجا چطور چگونه
    چند چندین آیا است هست نیست بود بودند باشد شد شدند شده شدن کرد کردند کرده کردن کند کنند میکند
    میکنند داشت داشتند دارد دارند گفت گفته درباره مورد راجع چیست کیست کیه چیه بگو بگویید لطفا لطفاً
    من ما تو شما او وی ایشان اند ای یک همه هر روی پس اما ولی اگر دیگر کسی کسانی چیزی سال سالهای
    مربوط خصوص درمورد باره توسط طی بین چه‌کسی چه‌کسانی می‌خواهم میخواهم بدانم اطلاعات خبر
    کجاست چقدر کدام کدامند هستند داد دادند ببرید بدهید شدگان
    نفر تن تعداد شمار
""".split()}
TITLES = {key(w) for w in "آیت‌الله آیت الله العظمی امام حجت‌الاسلام حجت الاسلام آقای آقا خانم دکتر سید شیخ".split()}
TRANSLATED = {"who", "quote", "source", "search"}  # the commands a Persian question is read for
SHOWN = 60  # characters of English terms listed in "Searched for: ..." (a message stays short)


@dataclass
class PersianReading:
    english: list[str] = field(default_factory=list)  # what to search, in the order asked
    people: list[Entry] = field(default_factory=list)  # people named
    unknown: list[str] = field(default_factory=list)  # Persian words neither the glossary nor the names know
    persian: list[str] = field(default_factory=list)  # every Persian word that is not a particle or title
    senses: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # English read -> (Persian, its senses)


def in_english(corpus: Corpus, glossary: Glossary, name: str, args: str, reading: PersianReading,
               handler: Callable[[Corpus, str, int], Answer], limit: int) -> Answer:
    """A Persian-script question (`args`, read as `reading`), answered as the English question it means (the
    answer says which).

    Where the English finds nothing, the Persian words are searched as typed (a Persian document
    may say them).
    """
    entry = person(args, corpus.registry) if name in ("who", "quote") else None
    if not entry and name in ("who", "quote") and _partly_named(corpus, args):
        return handler(corpus, args, limit)  # a surname several people share, a middle name: said as in English
    if not entry and name == "who":
        return _persian_unknown(corpus, glossary, name, args, reading)
    english = [entry.name] if entry else reading.english[:MAX_TERMS]  # the search keeps no more
    # The English, and the Persian words it could not say in English, as typed: those are still words of the
    # question, so a document that lacks them (an English one does) is not said to have "every word", and
    # "No document mentions “اوین”" is said exactly as for an English word no document has.
    unknown = [] if entry else [w for w in dict.fromkeys(reading.unknown) if w not in english]
    sense = None if entry else _sense(corpus, english, unknown, reading, handler, limit)
    if sense:
        english = [sense.params["sense"] if w == sense.params["first"] else w for w in english]
    searched = " ".join(english + unknown)
    answer = handler(corpus, searched, limit) if english else None
    if reading.persian and not entry and (answer is None or not answer.results):
        as_typed = handler(corpus, typed_words(name, args, reading), limit)
        if answer is None or as_typed.results:
            searched, english, answer = typed_words(name, args, reading), [], as_typed
    if answer is None or not (answer.results or answer.person):
        if answer is not None:
            answer.query = args
            requote(answer, searched, args)
        return _persian_unknown(corpus, glossary, name, args, reading, answer)
    answer.query, answer.translated = args, " ".join(english)
    if not (name == "source" and english and answer.results):  # documents "say" the English, not the Persian
        requote(answer, searched, args)
    if english:
        shown = ", ".join(english)
        more = len(shown) > SHOWN
        shown = shown[:SHOWN].rsplit(", ", 1)[0] if more else shown
        add(answer, phrase("answer.persian.searched_more" if more else "answer.persian.searched", "\n", terms=shown),
            before=True)
        if sense:
            _after_first(answer, sense)
    return answer


def _partly_named(corpus: Corpus, args: str) -> bool:
    """Whether Persian words name someone the registry knows only in part (a surname two people share, a
    middle name): the answer is the registry's, never "no one called X" about a name it has."""
    resolved = corpus.registry.resolve(args)
    return resolved.person is not None or resolved.how == "ambiguous"


def typed_words(name: str, args: str, reading: PersianReading) -> str:
    """The Persian words searched as typed: /source says the whole phrase (به, ما and all), a search its words."""
    return args if name == "source" else " ".join(reading.persian)


def _sense(corpus: Corpus, english: list[str], unknown: list[str], reading: PersianReading,
           handler: Callable[[Corpus, str, int], Answer], limit: int) -> Phrase | None:
    """A word of several senses (حکم: verdict, sentence, ruling, fatwa) read in the sense the documents use most
    with the question's other words (most passages with every word; in the glossary's order when as many)."""
    first = next((w for w in english if w in reading.senses), None)
    if first is None:
        return None
    persian, senses = reading.senses[first]
    fits = []
    for sense in senses:
        words = [sense if w == first else w for w in english] + unknown
        answer = handler(corpus, " ".join(words), limit)
        fits.append((answer.matched_all or answer.total or 0, sense))
    fit, best = max(fits, key=lambda f: f[0])  # max keeps the first of equals: the glossary's order
    if not fit:  # no sense fits: the first is searched, and the answer says that none does
        return phrase("answer.persian.sense_none", word=persian, sense=best, first=first, senses=", ".join(senses))
    return phrase("answer.persian.sense", word=persian, sense=best, first=first,
                  others=", ".join(s for s in senses if s != best))


def _after_first(answer: Answer, note: Phrase) -> None:
    """Put `note` on its own line after the answer's first line ("Searched for: …")."""
    english = MESSAGES[note.key].format(**note.params)
    first, _, rest = answer.message.partition("\n")
    answer.message = f"{first}\n{english}" + (f"\n{rest}" if rest else "")
    if answer.phrases:
        rest_phrases = answer.phrases[1:]
        if rest_phrases:
            rest_phrases[0] = replace(rest_phrases[0], sep="\n")
        answer.phrases = [answer.phrases[0], replace(note, sep="\n"), *rest_phrases]


def _persian_unknown(corpus: Corpus, glossary: Glossary, name: str, args: str, reading: PersianReading,
                     answer: Answer | None = None) -> Answer:
    """Nothing answers a Persian question: suggest people it may name, or English words to try. An `answer`
    naming words no document has ("No document mentions “اوین”") is kept, as an English question's would be."""
    close = translit.candidates(" ".join(reading.unknown) or args, corpus.people)
    if close:
        nothing = "answer.persian.no_one" if name in ("who", "quote") else "answer.persian.nothing"
        return said(name, args, phrase(nothing, query=args),
                    phrase("answer.did_you_mean", names=", ".join(p.name for p in close)), people=close)
    if answer is not None and answer.unmatched:
        if hints := glossary.hints(reading.unknown):
            add(answer, phrase(_try_english(corpus), words=QuotedEach(hints)))
        return answer
    if name == "who":
        return said(name, args, phrase("answer.persian.no_one", query=args), phrase("answer.see_who"))
    return said(name, args, phrase("answer.search.none", query=args),
                phrase(_try_english(corpus), words=QuotedEach(glossary.hints(reading.unknown))))


def _try_english(corpus: Corpus) -> str:
    """"The documents are in English", unless some are in Persian: then "… in English and Persian"."""
    return "answer.persian.english_too" if has_persian_documents(corpus.registry) else "answer.persian.english"


def read_persian(text: str, registry: Registry, glossary: Glossary) -> PersianReading:
    """What a Persian-script question asks, in the documents' English."""
    words = TOKEN.findall(text)
    reading, i = PersianReading(), 0
    while i < len(words):
        n, english, person = _longest(words, i, registry, glossary)
        if person:
            reading.people.append(person)
        if english:
            reading.english.append(english)
            if len(senses := glossary.senses_of(words[i:i + n])) > 1:
                reading.senses[english] = (" ".join(words[i:i + n]), senses)
        elif not person and key(words[i]) not in STOPWORDS | TITLES:
            reading.unknown.append(words[i])
        reading.persian += [w for w in words[i:i + n] if is_persian(w) and key(w) not in STOPWORDS | TITLES]
        i += n
    reading.english = list(dict.fromkeys(reading.english))
    return reading


def person(text: str, registry: Registry) -> Entry | None:
    """The one person a Persian-script name means (titles such as آیت‌الله left out)."""
    words = [w for w in TOKEN.findall(text) if key(w) not in TITLES]
    return registry.lookup(" ".join(words)) if words else None


def _may_name(window: list[str], glossary: Glossary) -> bool:
    """Whether Persian words may be a name: none is a particle, a question word or a glossary term (a name has
    no "در" or "زندان" in it). Looking a name up costs a spelling comparison with every person: a long question
    has dozens of windows, most of them plain words."""
    return is_persian(" ".join(window)) and all(key(w) not in STOPWORDS and (len(window) == 1 or not glossary.lookup([w]))
                                                for w in window)


def _longest(words: list[str], i: int, registry: Registry, glossary: Glossary) -> tuple[int, str | None, Entry | None]:
    """How many words from `i` make one term, its English, and the person it names if any."""
    for n in range(min(LONGEST, len(words) - i), 0, -1):
        window = words[i:i + n]
        if english := glossary.lookup(window):
            return n, english, None
        if _may_name(window, glossary) and (found := registry.lookup(" ".join(window))):
            return n, found.name if n > 1 else found.name.split()[-1], found  # منتظری: Montazeri, not "Ali" too
    word = fold(words[i])
    if word.isdecimal():
        year = int(word)
        return 1, str(hijri.gregorian_year(year)) if year in hijri.YEARS else word, None
    if not is_persian(word):
        return 1, word, None  # Latin words and ASCII numbers are already English
    return 1, None, None
