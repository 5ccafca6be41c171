"""Roles as of when: a role the text dates or marks as past is shown with its dates or as former, never as current.

people.describe finds the phrase that describes a person ("UN Special Rapporteur on Contemporary Forms of
Slavery", "Justice Minister"); the words that date it often stand just outside that phrase: a past mark in
lower case before it ("the former Justice Minister Jo Bloggs", "ex-Justice Minister", "the then Supreme
Leader, X,") or years in brackets after it ("…, UN Special Rapporteur on … (2008-2014), said"). This module
puts them back, so an answer and its ❝ Cite say "former Justice Minister" or "…, 2008-2014". Years in
brackets right after a name are not read as a tenure: they are as often a life's years ("X (1902-1989)").
"""

from __future__ import annotations

import re

from .people import describe

# "then" only as "the then …" or ", then …": "and then Justice Minister Jo Bloggs spoke" is a sequence, not a past post.
PAST_MARK = re.compile(r"(?:(?:^|[\s(,])(?P<mark>former|previous|one-time|onetime|erstwhile|outgoing)|"
                       r"(?:\bthe|[(,])\s*(?P<then>then))[\s-]+$", re.I)
HYPHENED = re.compile(r"(?:^|[\s(,])(?P<mark>ex|then|former)-(?P<rest>(?:[A-Z][\w’'-]*\s+)*)$", re.I)
YEARS = r"(?:19|20)\d\d"
DATES_AFTER = re.compile(
    rf"\s*\((?P<dates>(?:(?:from|since|until|till|to|in)\s+)?{YEARS}(?:\s*(?:[-–—]|to|until)\s*(?:{YEARS}|\d\d|present|now))?)\)")
DATED = re.compile(rf"\b(?:former|previous|then|ex|at the time|until|till|one-time|erstwhile|outgoing)\b|{YEARS}", re.I)


def describe_as_of(text: str, start: int, end: int) -> str | None:
    """How the text presents the person named at text[start:end] (people.describe), with the time it gives."""
    role = describe(text, start, end)
    return as_of(text, start, end, role) if role else None


def as_of(text: str, start: int, end: int, role: str) -> str:
    """`role`, found next to the name at text[start:end], with the past mark or years the text gives it there."""
    if DATED.search(role):
        return role  # "then Justice Minister", "Special Rapporteur from 2016 until 2018": already as of when
    at = _where(text, start, end, role)
    if at is None:
        return role
    before = text[max(0, at[0] - 40):at[0]]
    if m := HYPHENED.search(before) or PAST_MARK.search(before):
        # "ex-Justice Minister", "then-Justice Minister": describe saw only "Minister"
        mark = m.groupdict().get("then") or m["mark"]
        mark = "former" if mark.lower() == "ex" else mark.lower()
        return f"{mark} {m.groupdict().get('rest') or ''}{role}"
    if at[0] >= end and (dates := DATES_AFTER.match(text, at[1])):
        return f"{role}, {' '.join(dates['dates'].split())}"
    return role


def _where(text: str, start: int, end: int, role: str) -> tuple[int, int] | None:
    """Where the role phrase stands: right after the name (an appositive) or before it."""
    after = text.find(role, end, end + 200)
    if after >= 0 and not text[end:after].strip(" ,").count(","):
        return after, after + len(role)
    before = text.rfind(role, max(0, start - 220), start)
    return (before, before + len(role)) if before >= 0 else None


CURRENT = re.compile(r"\b(?:current|currently|now|incumbent|present|sitting)\b", re.I)


def as_of_document(role: str | None, date: str | None) -> str | None:
    """A role the text calls current ("the regime's current Minister of Justice") is current as of the document,
    not as of the reader: it says so with the document's year ("…, as of 2020"). Undated documents say nothing
    more: the role's words are the document's own."""
    if not role or not date or not CURRENT.search(role) or re.search(rf"\bas of {YEARS}\b", role):
        return role
    return f"{role}, as of {date[:4]}"
