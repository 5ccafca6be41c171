"""What the answer layer says, as keyed English templates: `Answer.message` is built from them.

An answer keeps its message's phrases (key and parameters, plain data) beside the English text, so a
front end can say the same in another language (bot/locales/<lang>.py has the same "answer.*" keys)
and fall back to the English `message` for any answer not built from phrases.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Answer, Phrase, Quoted

MESSAGES = {
    "answer.help": "Ask about the documents and get exact quotes with their source.\n"
                   "/who NAME: who a person is, in the sources' words\n"
                   "/quote NAME or TOPIC: direct quotations\n"
                   "/source TEXT: every document that says this\n"
                   "/docs: the documents; /doc ID: one document\n"
                   "Or just type words to search.",
    "answer.unknown_command": "I don't know /{command}. Send /help for what I can do.",
    "answer.limit": "(Only the first {limit} characters of your message were used.)",
    "answer.closest": "Showing {name} (closest to “{typed}”).",
    "answer.who.everyone": "People named in the sources, by the number of documents that mention them:",
    "answer.who.found": "{name}, in the words of the sources.",
    "answer.who.documents_one": "Named in 1 document.",
    "answer.who.documents": "Named in {count} documents.",
    "answer.who.aliases": "Also written: {aliases}.",
    "answer.who.none": "No one called “{name}” is named in the sources.",
    "answer.who.several": "“{name}” could be several people: {names}. Which one? Send the full name.",
    "answer.did_you_mean": "Did you mean {names}?",
    # a title or role typed for a name (index/voices/roles.py)
    "answer.title.one": "Read “{title}” as {name}: the sources give {name} that title.",
    "answer.title.several": "The sources give the title “{title}” to several people: {names}.",
    "answer.title.choose": "Each excerpt below shows where. Which one? Send /{command} with the full name.",
    "answer.see_who": "Send /who for everyone they name.",
    "answer.quote.ask": "Whose words, or about what? Try /quote Montazeri or /quote mass graves.",
    "answer.quote.of": "Direct quotations of {name}:",
    "answer.quote.unquoted": "Some words below are reported, not quoted: a document gives them without quotation "
                             "marks, and each such excerpt says so.",
    "answer.quote.none_of": "No direct quotation of {name} in the sources. Try /who {name} for what they say about them.",
    "answer.quote.of_about": "Direct quotations of {name} about “{topic}”:",
    "answer.quote.none_of_about": "No direct quotation of {name} about “{topic}” in the sources. "
                                  "Try /quote {name} for all their words.",
    "answer.read_as": "Read as {command}.",
    "answer.read_as_about": "Read as {command}, keeping the quotations about “{topic}”.",
    "answer.search.scaffolding": "Left out of the search as question words: {words}.",
    "answer.quote.about": "Direct quotations about “{topic}”:",
    "answer.quote.none_about": "No direct quotation about “{topic}” in the sources.",
    "answer.docs": "{count} documents in the collection, earliest first:",
    "answer.doc": "{title}",
    "answer.doc.none": "No document with id “{id}”.",
    "answer.see_docs": "Send /docs for the list.",
    # search and /source: keyed here for answer_words.search() and answer_words.source() to use
    "answer.chatter": "Hello! Send me a few words and I answer with exact quotes from the documents, with their "
                      "source. For example: mass graves. Send /help for more.",
    "answer.no_mention": "No document mentions {words}.",
    "answer.search.ask": "Send some words to search for, or /help.",
    "answer.search.common": "“{query}” has only words too common to search for, such as “the” or “of”. "
                            "Add a rarer word, or send /help.",
    "answer.search.found": "Excerpts for “{query}”:",
    "answer.search.found_first_one": "Excerpts for “{query}”: the first has every word, the others only some of them.",
    "answer.search.found_first": "Excerpts for “{query}”: the first {count} have every word, "
                                 "the others only some of them.",
    "answer.search.no_full": "No excerpt has every word of “{query}”.",
    "answer.search.some": "Excerpts with some of them:",
    "answer.search.none": "Nothing in the sources matches “{query}”.",
    # a plain question no passage answers with its words together (by_words.py: honest absence)
    "answer.search.absent": "The documents don't say “{query}” in these words.",
    "answer.search.closest_one": "The closest excerpt, with only some of the words, is below. "
                                 "Send {command} for every excerpt.",
    "answer.search.closest": "The {count} closest excerpts, with only some of the words, are below. "
                             "Send {command} for every excerpt.",
    "answer.search.closest_one_long": "The closest excerpt, with only some of the words, is below. "
                                      "Send /search and your words for every excerpt.",
    "answer.search.closest_long": "The {count} closest excerpts, with only some of the words, are below. "
                                  "Send /search and your words for every excerpt.",
    # a "how many" question (figures.py): every figure beside its source, none added up or picked
    "answer.figures.found": "Figures the documents give for “{query}”, each below with its source, date and "
                            "speaker, side by side (not added up; none is picked): {figures}.",
    # words as meant: other forms searched (meant.py)
    "answer.words.near": "No document uses “{typed}”; the documents have {near}.",
    "answer.words.not_used": "No document uses “{typed}”.",
    "answer.words.written": "Also searched, as the documents write it: {words}.",
    "answer.words.related": "Also searched, as related words: {words}.",
    "answer.words.negation": "Also searched, as negations (the opposite, not the same word): {words}.",
    "answer.source.ask": "Which words? Try /source refrigerated trucks.",
    "answer.source.common": "“{text}” has only words too common to look up, such as “the” or “of”. Add a rarer word.",
    "answer.source.none": "No document says “{text}”.",
    # /source found, word for word (says), in other forms (forms), all words not in a row (all); "_some": capped
    "answer.source.says_one": "1 document says “{text}”, earliest first:",
    "answer.source.says": "{total} documents say “{text}”, earliest first:",
    "answer.source.says_some": "{shown} of {total} documents say “{text}”, earliest first:",
    "answer.source.forms_one": "1 document says “{text}” only in other word forms (not word for word), earliest first:",
    "answer.source.forms": "{total} documents say “{text}” only in other word forms (not word for word), earliest first:",
    "answer.source.forms_some": "{shown} of {total} documents say “{text}” only in other word forms (not word for word), "
                                "earliest first:",
    "answer.source.all_one": "1 document uses all these words “{text}”, not in a row, earliest first:",
    "answer.source.all": "{total} documents use all these words “{text}”, not in a row, earliest first:",
    "answer.source.all_some": "{shown} of {total} documents use all these words “{text}”, not in a row, earliest first:",
    # a number written otherwise than typed (index/store/search.py Literal.written)
    "answer.source.written": "The documents write {numbers} as {forms}.",
    "answer.source.written_some": "Some of the documents write {numbers} as {forms}.",
    # number words and Solar Hijri dates read as the documents write them (index/answers/readings.py)
    "answer.read.searched": "Searched for: {terms}.",
    "answer.read.number": "“{words}” read as {number}.",
    "answer.read.hijri": "{year} read as a Solar Hijri year (March {start} to March {end}).",
    "answer.read.hijri_month": "{date} read as a Solar Hijri date: {months} {years}.",
    # a Persian question read as English (index/answers/persian_questions.py)
    "answer.persian.searched": "Searched for: {terms}.",
    "answer.both.then": "In the other script:",
    "answer.persian.searched_more": "Searched for: {terms} and more.",
    "answer.persian.sense": "Read “{word}” as “{sense}”, the sense the documents use most with the other words "
                            "(it can also mean {others}).",
    "answer.persian.sense_none": "“{word}” can mean {senses}: no passage has any of them with the other words "
                                 "(searched as “{sense}”).",
    "answer.persian.no_one": "No one called “{query}” is named in the sources, which spell names in Latin letters.",
    "answer.persian.nothing": "Nothing matches “{query}” in the sources, which spell names in Latin letters.",
    "answer.persian.english": "The documents are in English: try English words, e.g. {words}.",
    # a reply to an earlier answer (followup.py)
    "answer.followup": "Read “{typed}” as about {about}, from the answer you replied to.",
    "answer.followup.in": "Read “{typed}” as “{query}” in {title} only, from the answer you replied to.",
    "answer.followup.none_in": "Nothing more about “{query}” in {title}.",
    "answer.followup.changed": "The documents were reindexed after the answer you replied to, so I can't be sure what "
                               "“{typed}” refers to now. Ask again with the name or the words.",
    "answer.followup.no_one": "The answer you replied to quotes no one by name, so I can't tell whom “{typed}” means. "
                              "Send /who or /quote with a name.",
    "answer.followup.which_person": "The answer you replied to names several people: {names}. Which one? "
                                    "Send /quote or /who with the name.",
    "answer.followup.one_of_some": "Some excerpts of the answer you replied to quote {names}, others name no speaker, "
                                   "so I can't tell whom “{typed}” means. Send /quote or /who with the name.",
    "answer.followup.no_document": "The answer you replied to comes from no document. Send /docs for the list.",
    "answer.followup.which_document": "The answer you replied to quotes several documents: {names}. Which one? "
                                      "Send /doc and its id.",
    "answer.persian.english_too": "The documents are in English and Persian: try English words too, e.g. {words}.",
}


SEE_ALL = 80  # characters of a question an honest-absence answer repeats as a /search to send
ECHO = 150  # characters of the user's own words a message repeats; a longer question is shown cut, with "…"
TYPED = ("query", "text", "topic", "typed", "title", "command")  # the parameters that repeat what the user typed


def echo(typed: str) -> str:
    """The user's words as a message repeats them: whole, or their first ECHO characters and "…"."""
    return typed if len(typed) <= ECHO else typed[:ECHO].rstrip() + "…"


def phrase(key: str, sep: str = " ", **params) -> Phrase:
    """One keyed sentence; `sep` joins it to the one before. A huge question is not repeated whole."""
    return Phrase(key, {k: echo(v) if k in TYPED and isinstance(v, str) else v for k, v in params.items()}, sep)


def text(phrases: list[Phrase]) -> str:
    """The English message the phrases make."""
    return "".join((p.sep if n else "") + english(p) for n, p in enumerate(phrases))


def english(p: Phrase) -> str:
    """One phrase in English: quoted words (`Quoted`) in English quotation marks."""
    return MESSAGES[p.key].format(**{k: v.said() if isinstance(v, Quoted) else v for k, v in p.params.items()})


def said(command: str, query: str, *phrases: Phrase, **fields) -> Answer:
    """An Answer whose message is `phrases`, in English and as keys."""
    return Answer(command=command, query=query, message=text(list(phrases)), phrases=list(phrases), **fields)


def add(answer: Answer, extra: Phrase, before: bool = False) -> None:
    """Add a sentence to an answer's message (before it, or after it), in English and as keys.

    An answer whose message was not built from phrases keeps only the English, so no translation says less.
    """
    keyed = bool(answer.phrases) or not answer.message
    said = english(extra)
    answer.message = (f"{said}{extra.sep}{answer.message}" if before else f"{answer.message}{extra.sep}{said}").strip()
    if not keyed:
        return
    if before:
        rest = [replace(answer.phrases[0], sep=extra.sep), *answer.phrases[1:]] if answer.phrases else []
        answer.phrases = [replace(extra, sep=""), *rest]
    else:
        answer.phrases = [*answer.phrases, extra]


def requote(answer: Answer, old: str, new: str) -> None:
    """The answer quotes `new` where it quoted `old` (a Persian question, not the English searched)."""
    keyed = answer.phrases and answer.message == text(answer.phrases)
    old, new = echo(old), echo(new)
    answer.message = answer.message.replace(f"“{old}”", f"“{new}”")
    answer.phrases = [see_all(new, p.params["count"]) if p.key.startswith("answer.search.closest") else
                      replace(p, params={k: new if v == old and f"“{{{k}}}”" in MESSAGES[p.key] else v
                                         for k, v in p.params.items()})
                      for p in answer.phrases]
    if keyed:  # the "/search …" to send is the question as typed, or, when too long to repeat, how to make it
        answer.message = text(answer.phrases)


def see_all(asked: str, shown: int) -> Phrase:
    """How to see every excerpt of an honest-absence answer: the /search to send, or how to make it."""
    key = "answer.search.closest_one" if shown == 1 else "answer.search.closest"
    if len(asked) > SEE_ALL:
        return phrase(f"{key}_long", "\n", count=shown)
    return phrase(key, "\n", count=shown, command=f"/search {asked}")
