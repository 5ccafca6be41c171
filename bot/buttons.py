"""Button presses: callback data is parsed here, in one place, and every press is answered.

Data formats (all far below Telegram's 64 bytes):
    pg:KEY:PAGE     another page of a remembered answer, in place
    dc:KEY:N        the card of excerpt N's document (N counts across pages)
    ct:KEY:N        a ready-to-paste citation of excerpt N
    wh:KEY:I        /who for the I-th person listed
    cx:DOC:START:END  the paragraphs around text[START:END] of DOC, as a new message
    cp:DOC:START:END  the same, paging the pressed message in place
    doc:DOC         a document's card;  docs  the list;  ex:N  an example of /start
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from telegram import CallbackQuery, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from citebot.index import Answer, Result

from . import references, render
from .catalogue import say
from .replies import answer_line, bot_name, card, examples, keyboard, lang_of, language_hint, send, send_answer
from .state import BotContext
from .telegram_errors import Refusal, refusal


def number(text: str | None) -> int | None:
    """A page number or offset from untrusted callback data: ASCII digits only ("²".isdigit() is True)."""
    return int(text) if text and re.fullmatch(r"[0-9]{1,6}", text) else None


@dataclass
class Pressed:
    """What a "xx:KEY:N" button points at: a remembered answer and a number in it."""

    key: str
    answer: Answer
    n: int


async def remembered(context: BotContext, data: str | None) -> Pressed | None:
    """The answer and number of "xx:KEY:N" callback data; None when forged or forgotten."""
    parts = (data or "").split(":")
    if len(parts) != 3:
        return None
    asked, n = await context.state.recall(parts[1]), number(parts[2])
    if asked is None or n is None:
        return None
    return Pressed(parts[1], await answer_line(context, *asked), n)


async def page_button(update: Update, context: BotContext) -> None:
    """"More" / "Back": show another page of the same answer, in place."""
    query = update.callback_query
    assert query is not None  # a CallbackQueryHandler is only called with one
    pressed = await remembered(context, query.data)
    if pressed is None:
        await query.answer(say("button.expired", lang_of(update)))
        return
    await query.answer()
    answer, lang = pressed.answer, lang_of(update)
    public = update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE
    await edit(query, render.page(answer, pressed.n, context.bot_settings.page_size, pressed.key,
                                  language_hint(context, answer, lang), lang, public))


async def person_button(update: Update, context: BotContext) -> None:
    """A person's button under a list of people: /who for them."""
    query = update.callback_query
    pressed = await remembered(context, query.data)
    if pressed is None or pressed.n >= len(pressed.answer.people):
        await query.answer(say("button.expired", lang_of(update)))
        return
    await query.answer()
    await send_answer(update, context, f"/who {pressed.answer.people[pressed.n].name}")


async def edit(query: CallbackQuery, reply: render.Reply) -> None:
    """Replace the pressed message with `reply` (a one-message page)."""
    try:
        await query.edit_message_text(reply.messages[0], parse_mode=ParseMode.HTML,
                                      reply_markup=keyboard(reply.buttons), disable_web_page_preview=True)
    except BadRequest as e:
        if refusal(e) is not Refusal.NOT_MODIFIED:  # pressed again: the page already shows it
            raise


async def doc_button(update: Update, context: BotContext) -> None:
    """"doc:ID": the card of a document."""
    query = update.callback_query
    document = await asyncio.to_thread(context.answerer.document, (query.data or "")[4:])
    if document is None:
        await query.answer(say("button.expired_short", lang_of(update)))
        return
    await query.answer()
    await send(update, await card(context, document, lang=lang_of(update)))


async def excerpt_button(update: Update, context: BotContext) -> None:
    """"📄 N" (dc:KEY:N): the card of excerpt N's document, with Context and Cite for it;
    "❝ Cite" (ct:KEY:N): the excerpt with its full citation, ready to paste."""
    query = update.callback_query
    pressed, r = await excerpt(context, query.data)
    if r is None:
        await query.answer(say("button.expired", lang_of(update)))
        return
    await query.answer()
    if query.data.startswith("dc:"):
        await send(update, await card(context, r.document, shown=r, cite=f"ct:{pressed.key}:{pressed.n}",
                                      lang=lang_of(update)))
    else:
        style = context.bot_settings.citation_style
        reference = await asyncio.to_thread(references.formatted, r, style)
        await send(update, render.cite(r, bot_name(context), reference, style, f"{pressed.key}:{pressed.n}",
                                       lang_of(update)))


async def file_button(update: Update, context: BotContext) -> None:
    """"📎 BibTeX / RIS / CSL-JSON" (cf:KEY:N:SUFFIX) under a citation: the reference as a file to import."""
    query = update.callback_query
    key, _, suffix = (query.data or "").rpartition(":")
    pressed, r = await excerpt(context, key)
    if r is None or suffix not in references.FORMATS:
        await query.answer(say("button.expired", lang_of(update)))
        return
    await query.answer()
    name, content = references.file(r, suffix)
    await query.message.reply_document(content, filename=name, caption=say("cite.file", lang_of(update),
                                       format=references.FORMATS[suffix]), do_quote=query.message.chat.type != ChatType.PRIVATE)


async def excerpt(context: BotContext, data: str | None) -> tuple[Pressed | None, Result | None]:
    """Excerpt N (1-based, counted across pages) of a remembered answer, for "xx:KEY:N"."""
    pressed = await remembered(context, data)
    if pressed is None or not 1 <= pressed.n <= len(pressed.answer.results):
        return pressed, None
    return pressed, pressed.answer.results[pressed.n - 1]


async def context_button(update: Update, context: BotContext) -> None:
    """"📖 Context" (cx:DOC:START:END, the excerpt in bold, as a new message) and "« Earlier" / "Later »"
    (cp:..., paging that message in place): the document's own paragraphs around a place in it."""
    query = update.callback_query
    assert query is not None  # a CallbackQueryHandler is only called with one
    parts = (query.data or "").split(":")
    start, end = (number(parts[2]), number(parts[3])) if len(parts) == 4 else (None, None)
    found = None
    if start is not None and end is not None:
        found = await asyncio.to_thread(context.answerer.context, parts[1], start, end)
    if found is None:
        await query.answer(say("button.expired_short", lang_of(update)))
        return
    await query.answer()
    if parts[0] == "cx":
        await send(update, render.context(found, mark=True, lang=lang_of(update)))
    else:
        await edit(query, render.context(found, mark=False, lang=lang_of(update)))


async def docs_button(update: Update, context: BotContext) -> None:
    """"📚 The documents" under /help."""
    await update.callback_query.answer()
    await send_answer(update, context, "/docs")


async def example_button(update: Update, context: BotContext) -> None:
    """The example buttons under /start."""
    query = update.callback_query
    n = number((query.data or "")[3:])
    shown = examples(lang_of(update))
    if n is None or n >= len(shown):
        await query.answer(say("button.expired_short", lang_of(update)))
        return
    await query.answer()
    await send_answer(update, context, shown[n])


async def unknown_button(update: Update, context: BotContext) -> None:
    """Forged or foreign callback data: a polite answer, nothing else."""
    await update.callback_query.answer(say("button.foreign", lang_of(update)))
