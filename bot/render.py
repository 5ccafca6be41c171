"""Answers as Telegram HTML: the only code that writes markup.

Every corpus and user string is escaped where it is put into HTML. Messages
stay within Telegram's 4096 characters (after entity parsing) and are split
only between excerpts, never inside a tag. Buttons are plain (label, data)
pairs; bot/handlers.py turns them into Telegram keyboards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from citebot.index import EDITABLE, Answer, AuditEntry, Document, Draft, ReaderReport, Result

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
    return Reply(messages=_pack(blocks), buttons=with_report(_buttons(shown, number, pages, key), key, number, len(shown)))


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


# -- the collection: drafts, reports, the audit log (admins) and the reader's Report button ------------------------


def with_report(rows: list[list[tuple[str, str]]], key: str, number: int, shown: int) -> list[list[tuple[str, str]]]:
    """The answer keyboard plus a "Report" action for the excerpts on this page (none for cards)."""
    if not key or not shown:
        return rows
    return rows + [[("⚑ Report a problem", f"rp:{key}:{number}")]]


def report_picker(results: list[Result], first: int) -> str:
    """Which excerpt of a page the reader wants to report."""
    lines = ["Which excerpt is wrong?"]
    for n, r in enumerate(results, first):
        lines.append(f"{n}. “{escape(r.excerpt[:90])}{'…' if len(r.excerpt) > 90 else ''}” — {escape(r.document.title)}")
    return "\n".join(lines)


def report_reasons(r: Result) -> str:
    return f"What is wrong with this excerpt?\n<blockquote>{escape(r.excerpt[:600])}</blockquote>\n{citation(r.document)}"


STATUS_MARK = {"inferred": " <i>(inferred)</i>", "unknown": " <i>(unknown)</i>", "given": ""}


def draft_card(draft: Draft) -> str:
    """The card an admin confirms before a document is added: each field marked inferred or unknown."""
    d = draft.document
    rows = [f"<b>New document</b> <code>{escape(d.id)}</code> from {escape(draft.source[:200])}"]
    for name in EDITABLE:
        value = d.date_label() if name == "date" and d.date else getattr(d, name)
        shown = escape(str(value)) if value else "—"
        if name == "date" and d.date:
            shown += f" ({escape(d.date_precision or 'year')})"
        rows.append(f"{name.capitalize()}: {shown}{STATUS_MARK[draft.status(name)]}")
    rows.append(f"Found {_count(draft.passages, 'passage')}, {_count(draft.quotes, 'quotation')}, "
                f"{_count(draft.people, 'person', 'people')}.")
    for doc_id, title, share in draft.near:
        rows.append(f"⚠️ Similar to <code>{escape(doc_id)}</code> ({escape(title)}): {share:.0%} of this text is there.")
    rows.append("<blockquote>" + escape("\n".join(draft.first_lines())) + "</blockquote>")
    rows.append("Nothing is stored until you confirm.")
    return "\n".join(rows)


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def draft_buttons(key: str) -> list[list[tuple[str, str]]]:
    edits = [(f"✏️ {name}", f"ad:ed:{key}:{name}") for name in EDITABLE]
    return [[("✅ Confirm", f"ad:ok:{key}"), ("✖️ Cancel", f"ad:no:{key}")], edits[:3], edits[3:]]


def report_card(r: ReaderReport) -> str:
    note = f"\nNote: “{escape(r.note)}”" if r.note else ""
    return (f"<b>Report #{r.id}</b> · {escape(r.reason_label())} · {escape(r.created[:16].replace('T', ' '))}{note}\n"
            f"<blockquote>{escape(r.excerpt[:1500])}</blockquote>\n"
            f"Document <code>{escape(r.doc)}</code> [{r.start}:{r.end}], generation {escape(r.generation)}\n"
            f"Asked: {escape(r.question[:200])}")


def report_notice(reports: list[ReaderReport]) -> str:
    lines = [f"<b>{len(reports)} new report{'s' if len(reports) != 1 else ''}</b> from readers:"]
    lines += [f"• #{r.id} {escape(r.reason_label())} in <code>{escape(r.doc)}</code>" for r in reports[:20]]
    return "\n".join(lines + ["Open them with /reports."])


def audit_lines(entries: list[AuditEntry], open_reports: int) -> str:
    lines = [f"Open readers' reports: {open_reports}.", "<b>Recent admin actions</b>:" if entries else "No admin actions yet."]
    for e in entries:
        who = escape(e.who or str(e.user_id or "?"))
        lines.append(f"• {escape(e.at[:16].replace('T', ' '))} {who}: {escape(e.action)} {escape(e.detail[:120])}")
    return "\n".join(lines)
