"""Render answers for a terminal: the same excerpts and citations the bot sends."""

from __future__ import annotations

import textwrap

from citebot.index import EDITABLE, Answer, Document, Draft, ReaderReport, Result

from .attribution import cut_marks, language_note, notes, speaker_line
from .catalogue import DEFAULT, damage_line, field_names, has, quote, quoted_lines, say, spoken, template
from .render import people_lines
from .solar_hijri import date_label

WIDTH = 88


def render(answer: Answer, lang: str = DEFAULT, first: int = 0, size: int | None = None) -> str:
    """The answer as terminal text; `lang` says the interface (never the excerpts) in another catalogue.

    With `size`, one page: results `first` to `first + size` (numbered as in the whole answer), and a last line
    saying how to see the next page; the header and the people listed come with the first page only.
    """
    if first:
        return _page(answer, lang, first, size)
    lines = [spoken(answer, lang)] + ([page] if (page := _page(answer, lang, first, size)) else [])
    for p in answer.people:
        count = f"{p.documents} document{'s' if p.documents != 1 else ''}" if lang == DEFAULT else p.documents
        lines.append(f"  • {p.name} ({count})")
    if answer.command == "docs":
        lines += [f"  • {d.id}: {citation(d, lang)}" for d in answer.documents]
    elif answer.command == "doc" and answer.documents:
        lines += ["", *card(answer.documents[0], lang)]
    return "\n".join(lines)


def _page(answer: Answer, lang: str, first: int, size: int | None) -> str:
    shown = answer.results[first:first + size] if size else answer.results[first:]
    lines: list[str] = []
    for n, r in enumerate(shown, first + 1):
        lines += ["", *_result(n, r, lang)]
    if size and first + size < len(answer.results):
        lines += ["", say("chat.more", lang, last=first + len(shown), total=len(answer.results))]
    return "\n".join(lines)


def _result(n: int, r: Result, lang: str = DEFAULT) -> list[str]:
    before, after = cut_marks(r)
    quote = textwrap.wrap(before + r.excerpt + after, WIDTH - 4) or [""]
    out = [f"{n}. " + ("│ " + quote[0])] + ["   │ " + q for q in quote[1:]]
    if r.figures:  # a "how many" answer: the figures this excerpt gives, above it
        out = [f"{n}. {say('result.figures', lang, figures='; '.join(r.figures))}", *("   " + line[3:] for line in out)]
    out += [f"   {line}" for line in [language_note(r, lang), speaker_line(r, lang), *notes(r, lang)] if line]
    out.append(f"   {citation(r.document, lang)}")
    if r.also_in:
        out.append(f"   {say('result.also_in', lang, titles=', '.join(r.also_in))}")
    if r.reworded_in:
        out.append(f"   {say('result.reworded_in', lang, titles=', '.join(r.reworded_in))}")
    return out


def citation(d: Document, lang: str = DEFAULT) -> str:
    """Title, publisher, date and link, each only when known (`citebot ask /doc ID` says why one is not)."""
    parts = [quote(d.title, lang), *([d.publisher] if d.publisher else []), date_label(d, lang)]
    if d.url:
        parts.append(d.url)
    if d.inferred:
        parts.append(say("result.inferred", lang, fields=field_names(d.inferred, lang)))
    return " · ".join(parts)


def card(d: Document, lang: str = DEFAULT) -> list[str]:
    rows = [("field.id", d.id), ("field.title", d.title), ("field.publisher", d.publisher or say("unknown", lang)),
            ("field.date", date_label(d, lang)), ("field.date_note", d.note("date", lang)),
            ("field.publisher_note", d.note("publisher", lang)), ("field.url", d.url or say("unknown", lang)),
            ("field.url_note", d.note("url", lang)), ("field.short_title", d.short_title),
            ("field.kind", template(f"kind.{d.kind}", lang) if has(f"kind.{d.kind}", DEFAULT) else d.kind),
            ("field.file", d.file)]
    if d.original_sha256:
        rows.append(("field.original", say("card.archived", lang, sha256=d.original_sha256, date=(d.archived or "")[:10])))
    if d.inferred:
        rows.append(("field.metadata", say("card.inferred", lang, fields=field_names(d.inferred, lang))))
    return [f"{template(k, lang):>15}: {v}" for k, v in rows if v]


# -- the collection: a draft's card and the reports list, for `citebot add` / `citebot reports` ------------------------


def draft_card(draft: Draft) -> list[str]:
    """What `citebot add` shows before asking to confirm: each field given, inferred or unknown."""
    d = draft.document
    rows = [f"{'id':>10}: {d.id}"]
    for name in EDITABLE:
        value = d.date_label() if name == "date" and d.date else getattr(d, name)
        rows.append(f"{name:>10}: {value if value else '—'}  [{_status(draft, name)}]")
    if d.author:
        rows.append(f"{'author':>10}: {d.author}  [{_status(draft, 'author')}]")
    rows.append(f"{'found':>10}: {draft.passages} passages, {draft.quotes} quotations, {draft.people} people")
    rows += people_lines(draft, "en")
    rows += [f"{'similar':>10}: {doc_id} ({title}), {share:.0%} of this text" for doc_id, title, share in draft.near]
    rows += [damage_line(sign) for sign in draft.damage]
    if draft.furniture:
        rows.append(say("draft.furniture", "en", lines=quoted_lines(draft.furniture)))
    rows += ["", *(f"    {line}" for line in draft.first_lines())]
    return rows


def _status(draft: Draft, name: str) -> str:
    """"given", "unknown", "inferred", or "inferred from og:site_name"."""
    how = draft.how(name)
    return f"inferred from {how}" if how else draft.status(name)


def report_lines(r: ReaderReport) -> list[str]:
    note = f" — “{r.note}”" if r.note else ""
    return [f"#{r.id} [{r.status}] {r.created} {r.reason_label()}{note}",
            f"    {r.doc} [{r.start}:{r.end}] (generation {r.generation}), asked: {r.question}",
            f"    │ {textwrap.shorten(r.excerpt, WIDTH - 6)}"]
