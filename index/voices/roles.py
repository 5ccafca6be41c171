"""Titles and roles as names: whom the documents call "Justice Minister", "Supreme Leader" or "High Commissioner".

At build time every mention the text describes right there ("Justice Minister
Alireza Avaei", "Kumi Naidoo, Secretary General of Amnesty International")
becomes a `TitleRow`: the person, the description, and the sentence that gives
it. A user who types a title after /who or /quote means the people whose
description holds it: all the words typed, the role word among the
description's head ("Advisor to the Judiciary Chief" is no Judiciary Chief),
the others there too or in the phrase after it ("Minister of Justice" is a
Justice Minister, "UN High Commissioner for Human Rights" a High Commissioner
for Human Rights). Several people may hold one title (Khomeini in 1988,
Khamenei later): the answer lists them all with the sentence that gives each
the title, and never picks one.
"""

from __future__ import annotations

import bisect
import re

from ..models import Mention, TitleRow
from .people import ROLES, TITLES, TOKEN, fold
from .tenure import describe_as_of

Span = tuple[int, int]
FILLER = {"the", "a", "an"}  # typed before a title, never part of it
OF = {"of", "for", "on"}  # "Minister of Justice", "High Commissioner for Human Rights": part of the title
HEAD_END = {"of", "for", "to", "on", "in", "from", "at", "and", "with", "who", "since", "between"}


def titled(doc_id: str, text: str, mentions: list[Mention], units: list[Span]) -> dict[str, list[TitleRow]]:
    """For each person one document describes at a mention: each description once, with its sentence."""
    starts = [s for s, _ in units]
    out: dict[str, dict[str, TitleRow]] = {}
    for m in mentions:
        role = describe_as_of(text, m.start, m.end)
        i = bisect.bisect_right(starts, m.start) - 1
        if not role or i < 0 or units[i][1] < m.end:
            continue
        start, end = units[i]
        out.setdefault(m.person, {}).setdefault(fold(role), TitleRow(doc_id, start, end, role))
    return {pid: list(rows.values()) for pid, rows in out.items()}


def holding(titles: dict[str, list[TitleRow]], typed: str) -> dict[str, list[TitleRow]]:
    """The people a generation's `titles` give the title `typed`, each with the rows that give it."""
    wanted = [w for w in words(typed) if w not in FILLER | HEAD_END]  # "Minister of Justice": minister, justice
    if not wanted or not any(_is_role(w) for w in wanted):
        return {}
    return {pid: held for pid, rows in titles.items() if (held := [r for r in rows if holds(r.role, wanted)])}


def holds(description: str, wanted: list[str]) -> bool:
    """Whether a description gives the title whose words are `wanted` (see the module's docstring)."""
    described = words(description)
    cut = next((n for n, w in enumerate(described) if w in HEAD_END), len(described))
    head = set(described[:cut])
    of = []
    if cut < len(described) and described[cut] in OF:
        rest = [w for w in described[cut + 1:] if w not in FILLER]
        of = rest[:next((n for n, w in enumerate(rest) if w in HEAD_END), len(rest))]
    roles = [w for w in wanted if _is_role(w)]
    return all(w in head for w in roles) and all(w in head or w in of for w in wanted)


def words(text: str) -> list[str]:
    """A title's words, folded: a hyphenated role stays one word ("president-elect" is no "president"), one
    typed in two is joined ("Secretary General" = "Secretary-General"), any other hyphen splits ("then-supreme")."""
    out: list[str] = []
    for token in TOKEN.findall(text):
        word = fold(token.replace("-", "\x00")).replace("\x00", "-").replace("’", "'")
        out += [word] if word in ROLES else [w for w in word.split("-") if w]
    joined: list[str] = []
    for w in out:
        if joined and f"{joined[-1]}-{w}" in ROLES:
            joined[-1] = f"{joined[-1]}-{w}"
        else:
            joined.append(w)
    return [re.sub(r"'s$", "", w) for w in joined]


def _is_role(word: str) -> bool:
    return word in ROLES or word in TITLES
