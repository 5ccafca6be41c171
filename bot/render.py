"""Answers as Telegram HTML: the only code that writes markup.

Every corpus and user string is escaped where it is put into HTML. Messages
stay within Telegram's 4096 characters (after entity parsing) and are split
only between excerpts, never inside a tag. Buttons are plain (label, data)
pairs; bot/handlers.py turns them into Telegram keyboards.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field, replace
from html import escape, unescape
from string import Formatter

from citebot.index import (
    EDITABLE,
    Answer,
    AuditEntry,
    Context,
    Document,
    Draft,
    Paragraph,
    Person,
    ReaderReport,
    Result,
    echo,
)

from .attribution import QUOTE_MARKS, citation_lines, cut_marks, language_note, notes, speaker
from .catalogue import (
    DEFAULT,
    FSI,
    PDI,
    RIGHT_TO_LEFT,
    Said,
    counted,
    damage_line,
    field_names,
    has,
    isolate,
    language_name,
    listed,
    quoted_lines,
    say,
    spoken,
    template,
)
from .references import FORMATS
from .solar_hijri import date_label

MAX_MESSAGE = 4096
MAX_EXCERPT = 3000  # longer quotations show their first 3000 characters, marked […]
ELLIPSIS = " […]"
SHORT_TITLE = 60  # characters of a title in compact citations, when the manifest gives no short_title
HEADER_QUERY = 60  # characters of the user's words echoed in a header
CONTEXT_BUDGET = 3600  # visible characters of document text in one "Context" message
PEOPLE_BUTTONS = 12
LIST_PAGE = 10  # documents or people a page of a list shows
LIST_MARGIN = 100  # room left on a list's page for the page range line
LIST_TITLE = 300  # characters of a title or name in a list: ten always fit in a message


@dataclass
class Reply:
    """One or more messages for one answer page, and the buttons under the last one."""

    messages: list[str]
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)  # rows of (label, callback data)


def markup(key: str, lang: str = DEFAULT, **html: str | float) -> str:
    """A catalogue message as HTML: its own text escaped, `html` parameters (already markup) put in as they are.

    A number is put in with the template's format ({share:.0%}).
    """
    out = []
    for literal, name, spec, _ in Formatter().parse(template(key, lang)):
        out.append(escape(literal))
        if name is not None:
            value = str(html[name]) if not spec else escape(format(html[name], spec))
            out.append(_isolated(value) if lang in RIGHT_TO_LEFT else value)
    return "".join(out)


def _isolated(html: str) -> str:
    """Markup isolated as its visible text would be (`isolate`): <b>Persian words</b> needs none, <code>a-b</code> does."""
    text = unescape(re.sub(r"<[^>]+>", "", html))
    return html if isolate(text) == text else f"{FSI}{html}{PDI}"


@dataclass(frozen=True)
class Collection:
    """What /start, /help and the group introduction say about the collection and the bot."""

    name: str | None
    description: str | None
    language: str | None
    bot: str  # the bot's username, for inline-mode examples and deep links
    translated: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # lang: (name, description)

    def label(self, lang: str = DEFAULT) -> str:
        return self.translated.get(lang, (None, None))[0] or self.name or say("default_collection", lang)

    def about(self, lang: str = DEFAULT) -> str | None:
        return self.translated.get(lang, (None, None))[1] or self.description


def start(c: Collection, documents: int, example: str, lang: str = DEFAULT) -> str:
    """/start: what the collection is, how to ask, and inline mode."""
    intro = markup("start.intro", lang, collection=f"<b>{escape(c.label(lang))}</b>")
    about = (say("start.collection", lang, description=c.about(lang), documents=documents,
                 language=Said(language_name(c.language, lang)))
             if c.about(lang) and c.language else say("start.collection_plain", lang, documents=documents))
    return "\n\n".join([intro, escape(about), escape(say("help.commands", lang)),
                         escape(say("help.inline", lang, bot=c.bot, example=example))])


def help_text(c: Collection, example: str, lang: str = DEFAULT) -> str:
    """/help: every command tappable (none needs an argument Telegram would cut off), inline mode, groups."""
    intro = markup("start.intro", lang, collection=f"<b>{escape(c.label(lang))}</b>")
    return "\n\n".join([intro, escape(say("help.commands", lang)),
                         escape(say("help.inline", lang, bot=c.bot, example=example)), escape(say("help.groups", lang, bot=c.bot))])


def admin_help(lang: str = DEFAULT) -> str:
    return escape(say("help.admin", lang))


def group_intro(c: Collection, lang: str = DEFAULT) -> str:
    return escape(say("group.intro", lang, collection=c.label(lang), bot=c.bot))


def page(answer: Answer, number: int, size: int, key: str, note: str | None = None, lang: str = DEFAULT,
         public: bool = False) -> Reply:
    """Page `number` (0-based) of an answer; `key` names the query in callback data; `note` goes under the header.

    Excerpts are numbered across pages, and each has a 📄 button with its number; people listed have buttons.
    A list without excerpts (/docs, people) pages too, each page one message within Telegram's limit.
    `public` (a group): the user's words the header repeats lose their @mentions and links (`defanged`).
    """
    if not answer.results and (items := _listing(answer, lang)):
        return _list_page(answer, items, number, key, note, lang, public)
    pages = max(1, -(-len(answer.results) // size))
    number = min(max(number, 0), pages - 1)
    first = number * size
    shown = answer.results[first:first + size]
    header = escape(header_text(answer, lang))
    header = defanged(header) if public else header
    if pages > 1:
        shown_range = say("page.range", lang, first=first + 1, last=first + len(shown), total=len(answer.results))
        header += f"\n<i>{escape(shown_range)}</i>"
    if note:
        header += f"\n<i>{escape(note)}</i>"
    blocks = [header] + [result(r, first + n, lang=lang) for n, r in enumerate(shown, 1)] + _extras(answer, lang)
    buttons = _buttons(len(shown), first, number, pages, key, lang) + _people_buttons(answer.people, key)
    return Reply(messages=_pack(blocks), buttons=with_report(buttons, key, number, len(shown), lang))


MENTION = re.compile(r"(?<![\w@＠])@(?=\w{3,})")
LINK = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>“”]+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b")


def defanged(text: str) -> str:
    """`text` with no @mention Telegram would notify and no link it would make: "@name" shows as "＠name" and
    "example.org" as "example․org" (a one-dot leader). In a group the bot repeats a user's words in its header,
    and must not ping people or post links on their behalf; the words still read the same."""
    text = MENTION.sub("＠", text)
    return LINK.sub(lambda m: m.group().replace("://", "∶//").replace(".", "\u2024"), text)


def header_text(answer: Answer, lang: str = DEFAULT) -> str:
    """The answer's message, with the user's words shown once quoted and cut to HEADER_QUERY characters.

    In another language, the message is said from its phrases when that language has every one of them.
    """
    query = answer.query
    said = spoken(answer, lang, lambda params: _clipped(params, query))
    if said is not answer.message:
        return said
    if not query:
        return answer.message
    unquoted = query[1:-1].strip() if len(query) > 1 and query[0] in QUOTE_MARKS and query[-1] in QUOTE_MARKS else query
    shown = clip(unquoted, HEADER_QUERY)
    message = answer.message.replace(f"“{query}”", f"“{shown}”").replace(f"“{echo(query)}”", f"“{shown}”")
    return message.replace(query, shown) if len(query) > HEADER_QUERY else message


def _clipped(params: dict, query: str) -> dict:
    return {k: clip(v, HEADER_QUERY) if v in (query, echo(query)) and isinstance(v, str) else v
            for k, v in params.items()}


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word boundary, marked "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


def result(r: Result, number: int | None = None, full: bool = False, lang: str = DEFAULT) -> str:
    """An excerpt as a quotation, then whose words they are and where it was published."""
    before, after = cut_marks(r)
    lines = [f"<b>{escape(say('result.figures', lang, figures='; '.join(r.figures)))}</b>"] if r.figures else []
    lines.append(f"<blockquote>{before}{highlighted(r.excerpt, r.highlights)}{after}</blockquote>")
    lines += [escape(line) for line in (language_note(r, lang),) if line]
    if who := speaker(r, lang):
        lines.append(f"— <i>{escape(who[0])}</i>{escape(who[1])}")
    lines += [escape(line) for line in notes(r, lang)]
    lines.append(citation(r.document, number, full, lang))
    for key, ids, titles in (("result.also_in", r.also_in, r.also_in_titles),
                             ("result.reworded_in", r.reworded_in, r.reworded_in_titles)):
        if ids:
            shown = "; ".join(clip(t, SHORT_TITLE) for t in (titles or ids))
            lines.append(escape(say(key, lang, titles=shown)))
    return "\n".join(lines)


def short_title(d: Document) -> str:
    """The compact citation's title: never one that reads as someone speaking (Document.compact_title)."""
    title = d.compact_title()
    return title if title == d.short_title else clip(title, SHORT_TITLE)


def citation(d: Document, number: int | None = None, full: bool = False, lang: str = DEFAULT) -> str:
    """[4] Short title (linked when the URL is known) · publisher · date; `full` gives the whole title.

    An unknown publisher is left out: the card says it is unknown, and why, once."""
    title = d.title if full else short_title(d)
    title = f'<a href="{escape(d.url, quote=True)}">{escape(title)}</a>' if d.url else f"<b>{escape(title)}</b>"
    parts = [title, *([escape(d.publisher)] if d.publisher else []), escape(date_label(d, lang))]
    text = " · ".join(parts + ([f"<i>{escape(say('result.inferred', lang, fields=field_names(d.inferred, lang)))}</i>"]
                               if d.inferred else []))
    return f"[{number}] {text}" if number else text


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


# -- the document card, its context and its citation ---------------------------------------------


def deep_link(bot: str, d: Document) -> str:
    return f"https://t.me/{bot}?start=doc-{d.id}"


def asking(query: str) -> str:
    """A /start parameter that asks `query` in the private chat: "q-" and the query in URL-safe base64 (Telegram
    allows 64 characters of A-Z a-z 0-9 _ -), cut at a character boundary so it always decodes."""
    data = query.strip().encode()[:45]
    while data:
        try:
            data.decode()
            break
        except UnicodeDecodeError:
            data = data[:-1]
    return "q-" + base64.urlsafe_b64encode(data).decode().rstrip("=")


def asked(parameter: str) -> str | None:
    """The query of an `asking` parameter, or None."""
    if not parameter.startswith("q-"):
        return None
    try:
        return base64.urlsafe_b64decode(parameter[2:] + "=" * (-len(parameter[2:]) % 4)).decode().strip() or None
    except (ValueError, UnicodeDecodeError):
        return None


def card(d: Document, bot: str, excerpts: int, shown: Result | None = None, cite: str | None = None,
         lang: str = DEFAULT) -> Reply:
    """Everything needed to check a source: full title, publisher, date and link with how each is known,
    the shareable deep link, and how much of it the collection holds. Buttons: the text around the excerpt
    `shown` (or the document from its start) and, with `cite` (callback data), a ready-to-paste citation."""
    title = f'<a href="{escape(d.url, quote=True)}">{escape(d.title)}</a>' if d.url else escape(d.title)
    rows = [f"<b>{title}</b>"]
    publisher = d.publisher or say("unknown", lang)
    rows.append(_noted("card.publisher", "card.publisher_note", d.note("publisher", lang), lang, publisher=publisher))
    rows.append(_noted("card.date", "card.date_note", d.note("date", lang), lang, date=date_label(d, lang)))
    if d.url:
        rows.append(_noted("card.link", "card.link_note", d.note("url", lang), lang, url=d.url))
    else:
        rows.append(escape(d.note("url", lang) or say("card.no_link", lang)))
    rows.append(escape(say("card.share", lang, link=deep_link(bot, d))))
    if d.original_sha256:
        rows.append(escape(say("card.archived", lang, sha256=d.original_sha256, date=(d.archived or "")[:10])))
    rows.append(escape(say("card.excerpts", lang, count=excerpts)))
    if d.inferred:
        rows.append(f"<i>{escape(say('card.inferred', lang, fields=field_names(d.inferred, lang)))}</i>")
    if shown is not None:
        buttons = [(say("button.context", lang), f"cx:{d.id}:{shown.start}:{shown.end}")]
        buttons += [(say("button.cite", lang), cite)] if cite else []
    else:
        buttons = [(say("button.read", lang), f"cx:{d.id}:0:0")]
    return Reply(messages=["\n".join(rows)], buttons=[buttons])


def _noted(plain: str, noted: str, note: str | None, lang: str, **params) -> str:
    return escape(say(noted, lang, note=note, **params) if note else say(plain, lang, **params))


def context(ctx: Context, mark: bool, lang: str = DEFAULT) -> Reply:
    """Paragraphs of a document around an excerpt (in bold when `mark`), exact; Earlier / Later page on."""
    d = ctx.document
    header = escape(say("context.title", lang, title=short_title(d), first=ctx.first + 1,
                        last=ctx.first + len(ctx.paragraphs), total=ctx.total))
    budget = CONTEXT_BUDGET // len(ctx.paragraphs)
    body = [_paragraph(p, ctx, mark, budget) for p in ctx.paragraphs]
    nav = []
    if ctx.earlier:
        nav.append((say("button.earlier", lang), f"cp:{d.id}:{ctx.earlier.start}:{ctx.earlier.end}"))
    if ctx.later:
        nav.append((say("button.later", lang), f"cp:{d.id}:{ctx.later.start}:{ctx.later.end}"))
    return Reply(messages=["\n\n".join([f"<b>{header}</b>", *body])], buttons=[nav] if nav else [])


def _paragraph(p: Paragraph, ctx: Context, mark: bool, budget: int) -> str:
    """One paragraph, cut to `budget` characters around what was asked about (marked […] where cut)."""
    start, end = p.start, p.end
    if end - start > budget:
        if ctx.start >= p.end:  # before the excerpt: its end leads into it
            start = end - budget
        elif ctx.end > p.start and ctx.start > p.start:  # holds the excerpt: from a little before it
            start = max(p.start, min(ctx.start - budget // 4, p.end - budget))
        end = start + budget
    a, b = max(ctx.start, start), min(ctx.end, end)
    piece = p.text[start - p.start:end - p.start]
    if mark and a < b:
        i, j = a - start, b - start
        html = f"{escape(piece[:i])}<b>{escape(piece[i:j])}</b>{escape(piece[j:])}"
    else:
        html = escape(piece)
    return ("[…] " if start > p.start else "") + html + (ELLIPSIS if end < p.end else "")


def cite(r: Result, bot: str, reference: str, style: str, files: str, lang: str = DEFAULT) -> Reply:
    """A citation to paste anywhere (bot/attribution.py citation_lines), then the deep link; the reference in
    the collection's citation style (bot/references.py); buttons for it as files (`files`: "KEY:N")."""
    lines = citation_lines(r, lang) + [say("cite.via", lang, link=deep_link(bot, r.document))]
    text = (f"{escape(say('cite.title', lang))}\n<pre>{escape(chr(10).join(lines))}</pre>\n"
            f"{escape(say('cite.reference', lang, style=style))}\n<pre>{escape(reference)}</pre>")
    return Reply(messages=[text], buttons=[[(f"📎 {name}", f"cf:{files}:{suffix}") for suffix, name in FORMATS.items()]])


# -- inline mode ---------------------------------------------------------------------------------


def inline_items(answer: Answer, bot: str = "citebot", lang: str = DEFAULT) -> list[dict]:
    """Inline-mode results as plain data: whose words (or which document) as the title; where from, when and the
    first words as the description; the message that is posted.

    Headings are not evidence (Result.heading): a post in another chat carries no label, so they are never results.
    /docs lists the documents, each posted as its full citation with a link to its card.
    """
    if answer.command == "docs":
        return [_inline_document(d, bot, lang) for d in answer.documents]
    return [_inline_item(r, bot, r.speaker or short_title(r.document), lang) for r in answer.results if not r.heading]


def featured_items(featured: list[tuple[Person, Result]], bot: str = "citebot", lang: str = DEFAULT) -> list[dict]:
    """For an empty inline query: the people most named, each with the excerpt that best says who they are."""
    return [_inline_item(r, bot, person.name, lang) for person, r in featured]


def _inline_item(r: Result, bot: str, title: str, lang: str = DEFAULT) -> dict:
    before, _ = cut_marks(r)  # the preview, like the message, says when the words start inside a sentence
    words = before + clip(r.excerpt, 120)
    return {"title": clip(title, 100), "description": f"{_where_from(r.document, lang)}\n{words}",
            "html": f"{result(r, full=True, lang=lang)}\n{_via(bot, r.document, lang)}"}


def _inline_document(d: Document, bot: str, lang: str) -> dict:
    return {"title": clip(d.title, 100), "description": _where_from(d, lang),
            "html": f"{citation(d, full=True, lang=lang)}\n{_via(bot, d, lang)}"}


def _where_from(d: Document, lang: str) -> str:
    """publisher · date (the document's title when the publisher is unknown), an inline result's first line."""
    return " · ".join([d.publisher or d.title, date_label(d, lang)])


def _via(bot: str, d: Document, lang: str) -> str:
    return f'<a href="{escape(deep_link(bot, d), quote=True)}">{escape(say("inline.via", lang, bot=bot))}</a>'


# -- helpers -------------------------------------------------------------------------------------


def _extras(answer: Answer, lang: str = DEFAULT) -> list[str]:
    items = _listing(answer, lang)
    return ["\n".join(items)] if items else []


def _listing(answer: Answer, lang: str = DEFAULT) -> list[str]:
    """The lines of the list an answer holds: its documents, else its people."""
    if answer.command == "docs":  # /doc_N: Telegram makes the whole command tappable, unlike "/doc ID"
        return [f"{n}. {citation(_listed(d), full=True, lang=lang)}\n    {escape(say('docs.open', lang, number=n))}"
                for n, d in enumerate(answer.documents, 1)]
    return [f"• {escape(clip(p.name, LIST_TITLE))} ({p.documents})" for p in answer.people]


def _listed(d: Document) -> Document:
    """A document as a list shows it: title and publisher cut to LIST_TITLE (the card has them whole)."""
    return replace(d, title=clip(d.title, LIST_TITLE), publisher=d.publisher and clip(d.publisher, LIST_TITLE))


def _list_page(answer: Answer, items: list[str], number: int, key: str, note: str | None, lang: str,
               public: bool) -> Reply:
    """Page `number` of a list: at most LIST_PAGE lines, and no more than one message holds."""
    header = escape(header_text(answer, lang))
    header = (defanged(header) if public else header) + (f"\n<i>{escape(note)}</i>" if note else "")
    bounds = list_pages(items, MAX_MESSAGE - visible_length(header) - LIST_MARGIN)
    number = min(max(number, 0), len(bounds) - 1)
    first, last = bounds[number]
    if len(bounds) > 1:
        header += f"\n<i>{escape(say('page.range', lang, first=first + 1, last=last, total=len(items)))}</i>"
    buttons = _buttons(0, first, number, len(bounds), key, lang)
    if answer.command != "docs":
        buttons = _people_buttons(answer.people, key, first, min(last, first + PEOPLE_BUTTONS)) + buttons
    return Reply(messages=[f"{header}\n\n" + "\n".join(items[first:last])], buttons=buttons)


def list_pages(items: list[str], room: int) -> list[tuple[int, int]]:
    """Where each page of a list starts and ends: LIST_PAGE lines at most, filling at most `room` characters
    (items are cut to LIST_TITLE, so one always fits). Pages are recomputed for every button, so the same list
    always pages the same way."""
    bounds, start, used = [], 0, 0
    for n, item in enumerate(items):
        size = visible_length(item) + 1
        if n > start and (n - start >= LIST_PAGE or used + size > room):
            bounds.append((start, n))
            start, used = n, 0
        used += size
    return bounds + [(start, len(items))] if items else [(0, 0)]


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
    text = unescape(re.sub(r"<[^>]+>", "", html))
    return len(text.encode("utf-16-le")) // 2


def _people_buttons(people: list[Person], key: str, first: int = 0,
                    last: int = PEOPLE_BUTTONS) -> list[list[tuple[str, str]]]:
    """A button per person listed (at most PEOPLE_BUTTONS), two a row: /who for them in one tap."""
    named = [(people[n].name[:40], f"wh:{key}:{n}") for n in range(first, min(last, len(people)))] if key else []
    return [named[i:i + 2] for i in range(0, len(named), 2)]


def _buttons(count: int, first: int, number: int, pages: int, key: str,
             lang: str = DEFAULT) -> list[list[tuple[str, str]]]:
    """📄 N for each excerpt shown (its card), then « Back / More »."""
    rows = []
    if count and key:
        rows.append([(say("button.doc", lang, number=n), f"dc:{key}:{n}") for n in range(first + 1, first + count + 1)])
    nav = []
    if number > 0:
        nav.append((say("button.back", lang), f"pg:{key}:{number - 1}"))
    if number < pages - 1:
        nav.append((say("button.more", lang), f"pg:{key}:{number + 1}"))
    if nav:
        rows.append(nav)
    return rows


# -- the collection: drafts, reports, the audit log (admins) and the reader's Report button ------------------------


def with_report(rows: list[list[tuple[str, str]]], key: str, number: int, shown: int,
                lang: str = DEFAULT) -> list[list[tuple[str, str]]]:
    """The answer keyboard plus a "Report" action for the excerpts on this page (none for cards)."""
    if not key or not shown:
        return rows
    return rows + [[(say("button.report", lang), f"rp:{key}:{number}")]]


def report_picker(results: list[Result], first: int, lang: str = "en") -> str:
    """Which excerpt of a page the reader wants to report."""
    lines = [escape(say("report.which", lang))]
    for n, r in enumerate(results, first):
        lines.append(f"{n}. “{escape(r.excerpt[:90])}{'…' if len(r.excerpt) > 90 else ''}” — {escape(r.document.title)}")
    return "\n".join(lines)


def report_reasons(r: Result, lang: str = "en") -> str:
    return (f"{escape(say('report.what', lang))}\n<blockquote>{escape(r.excerpt[:600])}</blockquote>\n"
            f"{citation(r.document, lang=lang)}")


STATUS_MARK = {"inferred": "draft.inferred", "unknown": "draft.unknown"}
PRECISION = {"day": "precision.day", "month": "precision.month", "year": "precision.year"}
AUDITED = ("add", "edit", "remove", "reindex", "resolve")  # the admin actions /stats names in the admin's language


def draft_card(draft: Draft, lang: str = DEFAULT) -> str:
    """The card an admin confirms before a document is added: each field marked inferred or unknown."""
    d = draft.document
    rows = [markup("draft.title", lang, new=f"<b>{escape(say('draft.new', lang))}</b>", id=f"<code>{escape(d.id)}</code>",
                   source=escape(draft.source[:200]))]
    for name in EDITABLE:
        value = date_label(d, lang) if name == "date" and d.date else getattr(d, name)
        shown = escape(str(value)) if value else "—"
        shown = isolate(shown) if lang in RIGHT_TO_LEFT else shown  # a Latin title keeps its own direction
        if name == "date" and d.date:
            shown += f" ({escape(say(PRECISION.get(d.date_precision or '', 'precision.year'), lang))})"
        rows.append(_draft_row(draft, name, shown, lang))
    if d.author:
        rows.append(_draft_row(draft, "author", escape(d.author), lang, "field.author"))
    rows += [escape(damage_line(sign, lang)) for sign in draft.damage]
    if draft.furniture:
        rows.append(escape(say("draft.furniture", lang, lines=quoted_lines(draft.furniture, lang))))
    rows.append(escape(say("draft.found", lang, passages=counted("count.passages", draft.passages, lang),
                           quotes=counted("count.quotes", draft.quotes, lang),
                           people=counted("count.people", draft.people, lang))))
    rows += [escape(line) for line in people_lines(draft, lang)]
    for doc_id, title, share in draft.near:
        rows.append(markup("draft.similar", lang, id=f"<code>{escape(doc_id)}</code>", title=escape(title), share=share))
    rows.append("<blockquote>" + escape("\n".join(draft.first_lines())) + "</blockquote>")
    rows.append(escape(say("draft.unsaved", lang)))
    return "\n".join(rows)


def people_lines(draft: Draft, lang: str) -> list[str]:
    """Whom the document names that the collection lacks, which spellings join someone, which look alike."""
    lines = [say("draft.people_new", lang, names=listed(draft.people_new, lang))] if draft.people_new else []
    if draft.people_joined:
        lines.append(say("draft.people_joined", lang,
                         pairs=listed([f"{a} → {b}" for a, b in draft.people_joined], lang, sep="; ")))
    if draft.people_near:
        lines.append(say("draft.people_near", lang,
                         pairs=listed([f"{a} / {b}" for a, b in draft.people_near], lang, sep="; ")))
    return lines


def _draft_row(
draft: Draft, name: str, shown: str, lang: str, label_key: str = "") -> str:
    """"Publisher: Example News (inferred from og:site_name)": a field, and whether and how it was inferred."""
    label = template(label_key or f"field.{name}", lang)  # "date" → "Date"; a script without case stays as it is
    how = draft.how(name)
    mark = say("draft.inferred_from", lang, how=how) if how else say(STATUS_MARK[status], lang) if (
        status := draft.status(name)) in STATUS_MARK else ""
    return f"{escape(label[:1].upper() + label[1:])}: {shown}" + (f" <i>{escape(mark)}</i>" if mark else "")


def draft_buttons(key: str, lang: str = DEFAULT) -> list[list[tuple[str, str]]]:
    edits = [(f"✏️ {template(f'field.{name}', lang)}", f"ad:ed:{key}:{name}") for name in EDITABLE]
    return [[(say("button.confirm", lang), f"ad:ok:{key}"), (say("button.cancel", lang), f"ad:no:{key}")],
            edits[:3], edits[3:]]


def report_reason(r: ReaderReport, lang: str = DEFAULT) -> str:
    """A report's reason in `lang` (one stored before its reason was listed: as stored)."""
    return say(f"report.reason.{r.reason}", lang) if has(f"report.reason.{r.reason}", DEFAULT) else r.reason_label()


def report_card(r: ReaderReport, lang: str = DEFAULT) -> str:
    title = f"<b>{escape(say('reports.title', lang, id=r.id))}</b>"
    lines = [" · ".join([title, escape(report_reason(r, lang)), escape(r.created[:16].replace("T", " "))])]
    if r.note:
        lines.append(escape(say("reports.note", lang, note=r.note)))
    lines.append(f"<blockquote>{escape(r.excerpt[:1500])}</blockquote>")
    lines.append(markup("reports.where", lang, doc=f"<code>{escape(r.doc)}</code>", start=str(r.start), end=str(r.end),
                        generation=escape(r.generation)))
    lines.append(escape(say("reports.asked", lang, question=r.question[:200])))
    return "\n".join(lines)


def report_notice(reports: list[ReaderReport], lang: str = DEFAULT) -> str:
    lines = [f"<b>{escape(counted('reports.notice', len(reports), lang))}</b>"]
    lines += [markup("reports.notice_item", lang, id=str(r.id), reason=escape(report_reason(r, lang)),
                     doc=f"<code>{escape(r.doc)}</code>") for r in reports[:20]]
    return "\n".join(lines + [escape(say("reports.notice_open", lang))])


def audit_lines(entries: list[AuditEntry], open_reports: int, lang: str = DEFAULT) -> str:
    lines = [escape(say("audit.open", lang, count=open_reports)),
             f"<b>{escape(say('audit.recent', lang))}</b>:" if entries else escape(say("audit.none", lang))]
    for e in entries:
        who = escape(e.who or str(e.user_id or "?"))
        action = say(f"audit.{e.action}", lang) if e.action in AUDITED else e.action
        lines.append(f"• {escape(e.at[:16].replace('T', ' '))} {who}: {escape(action)} {escape(e.detail[:120])}")
    return "\n".join(lines)
