"""Answers as Telegram HTML: the only code that writes markup.

Every corpus and user string is escaped where it is put into HTML. Messages
stay within Telegram's 4096 characters (after entity parsing) and are split
only between excerpts, never inside a tag. Buttons are plain (label, data)
pairs; bot/handlers.py turns them into Telegram keyboards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from citebot.index import Answer, Document, Result

MAX_MESSAGE = 4096
MAX_EXCERPT = 3000  # longer quotations show their first 3000 characters, marked […]
ELLIPSIS = " […]"


@dataclass
class Reply:
    """One or more messages for one answer page, and the buttons under the last one."""

    messages: list[str]
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)  # rows of (label, callback data)


def page(answer: Answer, number: int, size: int, key: str) -> Reply:
    """Page `number` (0-based) of an answer; `key` names the query in callback data."""
    pages = max(1, -(-len(answer.results) // size))
    number = min(max(number, 0), pages - 1)
    shown = answer.results[number * size:(number + 1) * size]
    header = escape(answer.message)
    if pages > 1:
        header += f"\n<i>{number * size + 1}–{number * size + len(shown)} of {len(answer.results)}</i>"
    blocks = [header] + [result(r) for r in shown] + _extras(answer)
    return Reply(messages=_pack(blocks), buttons=_buttons(shown, number, pages, key))


def result(r: Result) -> str:
    """An excerpt as a quotation, then who said it and where it was published."""
    lines = [f"<blockquote>{highlighted(r.excerpt, r.highlights)}</blockquote>"]
    if r.speaker:
        lines.append(f"— <i>{escape(r.speaker)}</i>")
    lines.append(citation(r.document))
    if r.also_in:
        lines.append("Also in: " + "; ".join(escape(t) for t in (r.also_in_titles or r.also_in)))
    return "\n".join(lines)


def citation(d: Document) -> str:
    title = f'<a href="{escape(d.url, quote=True)}">{escape(d.title)}</a>' if d.url else f"<b>{escape(d.title)}</b>"
    parts = [title, escape(d.publisher or "publisher unknown"), escape(d.date_label())]
    return " · ".join(parts + ([f"<i>{escape(d.inferred_note())}</i>"] if d.inferred else []))


def highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    """Escaped text with <b> around query words; cut at MAX_EXCERPT characters."""
    cut = text[:MAX_EXCERPT]
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos or end > len(cut):
            continue
        out += [escape(cut[pos:start]), "<b>", escape(cut[start:end]), "</b>"]
        pos = end
    out.append(escape(cut[pos:]))
    return "".join(out) + (ELLIPSIS if len(text) > MAX_EXCERPT else "")


def card(d: Document, bot_username: str | None = None) -> str:
    rows = [citation(d), f"Kind: {escape(d.kind)} · id <code>{escape(d.id)}</code>"]
    if d.date_note:
        rows.append(f"Date: {escape(d.date_note)}")
    if d.publisher_note:
        rows.append(f"Publisher: {escape(d.publisher_note)}")
    if d.inferred:
        rows.append(f"<i>Not confirmed by an admin ({escape(d.inferred_note())}).</i>")
    if bot_username:
        rows.append(f"Link: https://t.me/{escape(bot_username)}?start=doc-{escape(d.id)}")
    return "\n".join(rows)


def inline_items(answer: Answer) -> list[dict]:
    """Inline-mode results as plain data: title, description, and the message a chat receives."""
    items = []
    for r in answer.results:
        title = f"{r.speaker}: {r.document.title}" if r.speaker else r.document.title
        items.append({
            "title": title[:100],
            "description": f"{r.document.date_label()} · {r.excerpt[:120]}",
            "html": result(r),
        })
    return items


def _extras(answer: Answer) -> list[str]:
    if answer.command == "docs":
        return ["\n".join(f"• {citation(d)}\n  /doc {escape(d.id)}" for d in answer.documents)]
    if answer.command == "doc" and answer.documents:
        return [card(answer.documents[0])]
    if answer.people:
        return ["\n".join(f"• {escape(p.name)} ({p.documents})" for p in answer.people)]
    return []


def _pack(blocks: list[str]) -> list[str]:
    """Join blocks into messages of at most MAX_MESSAGE visible characters."""
    messages, current = [], ""
    for block in blocks:
        candidate = f"{current}\n\n{block}" if current else block
        if current and visible_length(candidate) > MAX_MESSAGE:
            messages.append(current)
            candidate = block
        current = candidate
    return messages + ([current] if current else [])


def visible_length(html: str) -> int:
    """Length after entity parsing, in UTF-16 code units as Telegram counts."""
    import re
    from html import unescape

    text = unescape(re.sub(r"<[^>]+>", "", html))
    return len(text.encode("utf-16-le")) // 2


def _buttons(shown: list[Result], number: int, pages: int, key: str) -> list[list[tuple[str, str]]]:
    rows = []
    docs = list(dict.fromkeys(r.document.id for r in shown))
    if docs:
        rows.append([(f"📄 {n}", f"doc:{d}") for n, d in enumerate(docs, 1)])
    nav = []
    if number > 0:
        nav.append(("« Back", f"pg:{key}:{number - 1}"))
    if number < pages - 1:
        nav.append(("More »", f"pg:{key}:{number + 1}"))
    if nav:
        rows.append(nav)
    return rows
