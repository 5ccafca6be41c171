"""The words that attribute a quotation, as written: "said", "told reporters", "according to", "―", ":".

cues.py finds the speaker's name at a cue; this says which words of the text made it a cue, for the
researchers' export (`citebot quotes`) to show beside the speaker: the verb of saying nearest the name
within the quotation's sentence, the "according to", the sign-off dash or the label's colon.
"""

from __future__ import annotations

import re

from .cues import NOT_A_NOUN, VERBS, Cue

# Verbs of saying, and the verbs that quote a phrase as someone's words ("called the inquiry “a failure”").
SAYING = re.compile(rf"{NOT_A_NOUN}\b(?:{VERBS}|called|calls|calling|described|describes|describing|labeled|labelled|"
                    r"dubbed|termed|saying|stating|adding|writing|asking|urging|declaring|noting|tweeting|telling)\b")
SHAPED = {"― NAME": "―", "NAME:": ":", "according to NAME": "according to"}
OBJECT = re.compile(r"\s+(?:reporters|the (?:court|council|audience|crowd|committee|press|paper)|"
                    r"[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})(?=[\s,.:;]|$)")


def cue_words(text: str, start: int, end: int, cue: Cue) -> str | None:
    """The words that make `cue` attribute the quotation text[start:end] to its speaker."""
    if cue.how in SHAPED:
        return SHAPED[cue.how]
    if cue.start >= end:  # after the quotation: "…,” Jo Bloggs said", "…,” said Jo Bloggs"
        window = (end, _sentence_end(text, cue.end))
    else:  # before it: "Jo Bloggs told the court: “…"
        window = (_sentence_start(text, cue.start), start)
    return nearest_verb(text, window[0], window[1], cue.start, cue.end)


def nearest_verb(text: str, lo: int, hi: int, name_start: int, name_end: int) -> str | None:
    """The verb of saying in text[lo:hi] nearest the name at text[name_start:name_end], with the one it told
    ("told reporters", "told CNN")."""
    verbs = [m for m in SAYING.finditer(text, lo, hi) if not (name_start <= m.start() < name_end)]
    if not verbs:
        return None
    m = min(verbs, key=lambda v: min(abs(v.start() - name_end), abs(name_start - v.end())))
    words = m.group()
    if words in ("told", "tells") and (told := OBJECT.match(text, m.end(), hi)) and told.end() <= hi:
        words += told.group()
    return words


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"[.!?](?=\s|$)|\n").search(text, pos)
    return m.end() if m else len(text)


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1, 0)
