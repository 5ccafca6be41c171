"""Whose words an excerpt holds, as plain-text lines the terminal and Telegram renderings both show.

The notes sit outside the quoted text: the excerpt itself stays exactly the
source's words. bot/render.py escapes these lines for HTML.
"""

from __future__ import annotations

from citebot.index import Result, Voice

from .catalogue import DEFAULT, say

HOW = {"quotation": "voice.quotation", "speech": "voice.speech", "reported": "voice.quotation"}  # catalogue keys


def speaker(r: Result, lang: str = DEFAULT) -> tuple[str, str] | None:
    """The speaker's name and the rest of the line: ('Asma Jahangir', ' (UN Special Rapporteur), quoted in:')."""
    voice = r.voice()
    if voice and voice.speaker:
        return voice.speaker, _who(voice, lang)[len(voice.speaker):] + say(HOW.get(voice.kind, "voice.quotation"), lang)
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


def referent_note(r: Result) -> str | None:
    """'[he: Ali Khamenei]': who a pronoun or bare title in the excerpt means."""
    notes = [f"[{r.excerpt[ref.start - r.start:ref.end - r.start]}: {ref.person}]" for ref in r.refers_to]
    return " ".join(dict.fromkeys(notes)) or None


def cut_marks(r: Result) -> tuple[str, str]:
    """'… ' before / ' …' after an excerpt that starts / ends inside a quotation."""
    opens, closes = r.cut()
    return ("… " if opens else "", " …" if closes else "")


def notes(r: Result, lang: str = DEFAULT) -> list[str]:
    """Every attribution line after the speaker's, in the order shown below the excerpt."""
    return [line for line in (heading_note(r, lang), other_voices(r, lang), referent_note(r)) if line]


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
