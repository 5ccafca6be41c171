"""Whose words an excerpt holds, as plain-text lines the terminal and Telegram renderings both show.

The notes sit outside the quoted text: the excerpt itself stays exactly the
source's words. bot/render.py escapes these lines for HTML.
"""

from __future__ import annotations

import re

from citebot.index import Result, Voice

from .catalogue import DEFAULT, quote, say, template
from .solar_hijri import date_label

QUOTE_MARKS = "\"'“”‘’«»„"
MAX_CITED = 3000  # characters of an excerpt a citation carries; longer ones end in […]
# "he"/"she" at an excerpt's start could be read as its (one) speaker; "they" could not
OPENING_PRONOUN = re.compile(r"^\W*\b(he|she|him|his|her)\b", re.I)
HOW = {"quotation": "voice.quotation", "speech": "voice.speech", "reported": "voice.quotation"}  # catalogue keys


def speaker(r: Result, lang: str = DEFAULT) -> tuple[str, str] | None:
    """The speaker's name and the rest of the line: ('Asma Jahangir', ' (UN Special Rapporteur), quoted in:')."""
    voice = r.voice()
    if voice and voice.speaker:
        how = "voice.unquoted" if voice.unquoted else HOW.get(voice.kind, "voice.quotation")
        return voice.speaker, _who(voice, lang)[len(voice.speaker):] + say(how, lang)
    return (r.speaker, "") if r.speaker else None


def speaker_line(r: Result, lang: str = DEFAULT) -> str | None:
    """'— Asma Jahangir (UN Special Rapporteur), quoted in:' for an excerpt wholly in one named voice."""
    found = speaker(r, lang)
    return f"— {found[0]}{found[1]}" if found else None


def other_voices(r: Result, lang: str = DEFAULT) -> str | None:
    """'Includes words of X (role); Y' for named voices the excerpt holds besides its own speaker's."""
    own = r.voice()
    carriers = {own.reported_by} if own else set()  # already named: "as reported by ..."
    named = [v for v in r.voices if v.speaker and v is not own and not _same(v, own)
             and not (v.start <= r.start and r.end <= v.end and v.speaker in carriers)]
    if own is None and r.speaker:
        named = [v for v in named if v.speaker != r.speaker]
    whos = list(dict.fromkeys(_who(v, lang) for v in named))
    return say("voice.includes", lang, whos="; ".join(whos)) if whos else None


def unresolved_note(r: Result, lang: str = DEFAULT) -> str | None:
    """'[he: someone named before this excerpt …]' for an excerpt in someone's voice that opens with a pronoun
    the text does not resolve: under "— Robertson" a reader would otherwise take "He said …" to be Robertson."""
    voice = r.voice()
    m = OPENING_PRONOUN.match(r.excerpt)
    if not (voice and voice.speaker and m) or any(ref.start - r.start == m.start(1) for ref in r.refers_to):
        return None
    return say("voice.unresolved", lang, word=m.group(1))


def referent_note(r: Result, lang: str = DEFAULT) -> str | None:
    """'[he: Ali Khamenei]': who a pronoun or bare title in the excerpt means."""
    notes = [say("voice.refers", lang, word=r.excerpt[ref.start - r.start:ref.end - r.start], person=ref.person)
             for ref in r.refers_to]
    return " ".join(dict.fromkeys(notes)) or None


def cut_marks(r: Result) -> tuple[str, str]:
    """'… ' before / ' …' after an excerpt that starts / ends inside a quotation."""
    opens, closes = r.cut()
    return ("… " if opens else "", " …" if closes else "")


def notes(r: Result, lang: str = DEFAULT) -> list[str]:
    """Every attribution line after the speaker's, in the order shown below the excerpt."""
    return [line for line in (heading_note(r, lang), other_voices(r, lang), inserted_note(r, lang),
                              unresolved_note(r, lang), referent_note(r, lang)) if line]


def inserted_note(r: Result, lang: str = DEFAULT) -> str | None:
    """'[decree], [regime founder X]: inserted by PMOI/MEK, not the speaker's words.' for brackets inside a voice."""
    if not r.inserted:
        return None
    words = ", ".join(dict.fromkeys(r.excerpt[s - r.start:e - r.start] for s, e in r.inserted))
    return say("voice.inserted", lang, words=words, by=r.document.publisher or say("voice.publisher", lang))


def language_note(r: Result, lang: str = DEFAULT) -> str | None:
    """In an answer with Persian and English excerpts, which language each is in: shown right under the excerpt."""
    if not r.language:
        return None
    return say("result.language_fa", lang) if r.language == "fa" else say("result.language_en", lang)


def heading_note(r: Result, lang: str = DEFAULT) -> str | None:
    """A heading shown because only a heading says the words: it is the document's heading, not its sentence."""
    return say("result.heading", lang) if r.heading else None


def _who(v: Voice, lang: str) -> str:
    name = f"{v.speaker} ({v.role})" if v.role else v.speaker or ""
    if v.kind == "reported" and v.reported_by:
        name += say("voice.reported_by", lang, name=v.reported_by)
    return name


def _same(v: Voice, own: Voice | None) -> bool:
    return own is not None and v.speaker == own.speaker and v.reported_by == own.reported_by


# -- the ready-to-paste citation -----------------------------------------------------------------


def citation_lines(r: Result, lang: str = DEFAULT) -> list[str]:
    """A citation to paste anywhere, as plain lines: the excerpt, then every line of whose words they are that
    the answer shows (speaker, "as reported by", "quoted in"), then title, publisher, date and link.

    Quote marks are added only around words the document itself quotes or says (a quotation, a speech it
    reproduces, its own text): words it only reports (an order "he issued an order: Do whatever ...") stay
    unmarked, and a line says so, so a pasted report never becomes a direct quotation.
    """
    lines = attributed_lines(r, lang)
    d = r.document
    source = template("marks.comma", lang).join([quote(d.title, lang), d.publisher or say("publisher.unknown", lang),
                                                 date_label(d, lang)])
    lines.append(source + (f". {d.url}" if d.url else "."))
    if d.original_sha256:
        lines.append(say("card.archived", lang, sha256=d.original_sha256, date=(d.archived or "")[:10]))
    return lines


def attributed_lines(r: Result, lang: str = DEFAULT) -> list[str]:
    """The excerpt (quote marks only around words the document quotes or says), then every line of whose
    words they are: the citation without its source lines (also the note of bot/references.py's files)."""
    before, after = cut_marks(r)
    excerpt = r.excerpt[:MAX_CITED] + (" […]" if len(r.excerpt) > MAX_CITED else "")
    text = before + excerpt + after
    lines = [text if excerpt[:1] in QUOTE_MARKS or not _quoted(r) else quote(text, lang)]
    lines += [line for line in (speaker_line(r, lang),) if line]
    lines += [say("cite.unquoted", lang)] if not _quoted(r) and excerpt[:1] not in QUOTE_MARKS else []
    return lines + notes(r, lang)


def _quoted(r: Result) -> bool:
    """Whether the document gives the excerpt's words as said (so quote marks around them are honest)."""
    voice = r.voice()
    return voice is None or voice.kind != "reported"
