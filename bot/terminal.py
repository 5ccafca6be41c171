"""Render answers for a terminal: the same excerpts and citations the bot sends."""

from __future__ import annotations

import textwrap

from citebot.index import Answer, Document, Result

from .attribution import cut_marks, notes, speaker_line

WIDTH = 88


def render(answer: Answer) -> str:
    lines = [answer.message]
    for n, r in enumerate(answer.results, 1):
        lines += ["", *_result(n, r)]
    for p in answer.people:
        lines.append(f"  • {p.name} ({p.documents} document{'s' if p.documents != 1 else ''})")
    if answer.command == "docs":
        lines += [f"  • {d.id}: {citation(d)}" for d in answer.documents]
    elif answer.command == "doc" and answer.documents:
        lines += ["", *card(answer.documents[0])]
    return "\n".join(lines)


def _result(n: int, r: Result) -> list[str]:
    before, after = cut_marks(r)
    quote = textwrap.wrap(before + r.excerpt + after, WIDTH - 4) or [""]
    out = [f"{n}. " + ("│ " + quote[0])] + ["   │ " + q for q in quote[1:]]
    out += [f"   {line}" for line in [speaker_line(r), *notes(r)] if line]
    out.append(f"   {citation(r.document)}")
    if r.also_in:
        out.append(f"   Also in: {', '.join(r.also_in)}")
    return out


def citation(d: Document) -> str:
    """Title, publisher, date and link, each only when known."""
    parts = [f"“{d.title}”", d.publisher or "publisher unknown", d.date_label()]
    if d.url:
        parts.append(d.url)
    return " · ".join(parts)


def card(d: Document) -> list[str]:
    rows = [("id", d.id), ("title", d.title), ("publisher", d.publisher or "unknown"),
            ("date", d.date_label()), ("date note", d.date_note), ("publisher note", d.publisher_note),
            ("url", d.url or "unknown"), ("kind", d.kind), ("file", d.file)]
    if d.inferred:
        rows.append(("metadata", "inferred from the text (no manifest entry)"))
    return [f"{k:>15}: {v}" for k, v in rows if v]
