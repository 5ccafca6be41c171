"""Telegram handlers: each turns an Update into a call on the answer layer and renders the result.

Whoosh work runs in a thread (`asyncio.to_thread`), never on the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
import re
import time
from collections import OrderedDict, deque

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop, ContextTypes

from citebot.index import HELP, Answer, Answerer, CitebotError, Settings
from citebot.index import reindex as reindex_corpus

from . import render

log = logging.getLogger(__name__)
EXAMPLES = ["/who Raisi", "/quote Montazeri", "/source 30,000", "mass graves"]
INLINE_PAGE = 10
QUERY_MEMORY = 10_000  # queries remembered for "More" buttons; older buttons politely expire
FLOOD_MEMORY = 10_000  # users tracked by the flood guard before quiet ones are forgotten


# -- shared helpers --------------------------------------------------------------------------


def settings_of(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.bot_data["settings"]


async def answer_line(context: ContextTypes.DEFAULT_TYPE, line: str) -> Answer:
    answerer: Answerer = context.bot_data["answerer"]
    answer = await asyncio.to_thread(answerer.ask, line)
    context.bot_data["served"] = context.bot_data.get("served", 0) + 1
    return answer


def remember(context: ContextTypes.DEFAULT_TYPE, line: str) -> str:
    """A short key for `line`, so callback data stays far below Telegram's 64 bytes."""
    queries: OrderedDict = context.bot_data.setdefault("queries", OrderedDict())
    key = hashlib.blake2b(line.encode(), digest_size=6).hexdigest()
    queries[key] = line
    queries.move_to_end(key)
    while len(queries) > QUERY_MEMORY:
        queries.popitem(last=False)
    return key


def number(text: str | None) -> int | None:
    """A page number or offset from untrusted callback data: ASCII digits only ("²".isdigit() is True)."""
    return int(text) if text and re.fullmatch(r"[0-9]{1,6}", text) else None


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows])


async def send(update: Update, reply: render.Reply) -> None:
    """Send a rendered reply; in groups, as a reply to the asking message."""
    message = update.effective_message
    quote = message.chat.type != ChatType.PRIVATE
    for n, text in enumerate(reply.messages):
        last = n == len(reply.messages) - 1
        await message.reply_html(text, do_quote=quote, disable_web_page_preview=True,
                                 reply_markup=keyboard(reply.buttons) if last else None)


async def send_answer(update: Update, context: ContextTypes.DEFAULT_TYPE, line: str) -> None:
    answer = await answer_line(context, line)
    await send(update, render.page(answer, 0, settings_of(context).page_size, remember(context, line)))


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """The sender's own user id is configured. Anonymous group admins and channels post as a chat, so never."""
    user, message = update.effective_user, update.effective_message
    if message and message.sender_chat:
        return False
    return bool(user) and user.id in settings_of(context).admins


async def admins_only(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str, refusal: str) -> bool:
    """True for an admin; anyone else gets `refusal`, and the refusal is logged."""
    if is_admin(update, context):
        return True
    user, chat = update.effective_user, update.effective_chat
    log.info("refused %s from user %s in chat %s", command, user.id if user else "-", chat.id if chat else "-")
    await update.effective_message.reply_text(refusal)
    return False


# -- commands --------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start, and deep links: t.me/<bot>?start=doc-<id> opens a document card."""
    if context.args and context.args[0].startswith("doc-"):
        await send_answer(update, context, f"/doc {context.args[0][4:]}")
        return
    corpus = await asyncio.to_thread(context.bot_data["answerer"].corpus)
    text = (
        "I answer with <b>exact quotes</b> from a collection of "
        f"{len(corpus.documents)} documents, each with its title, publisher and date. "
        "I never paraphrase.\n\n" + html.escape(HELP)
    )
    rows = [[(example, f"ex:{n}")] for n, example in enumerate(EXAMPLES)]
    await update.effective_message.reply_html(text, reply_markup=keyboard(rows))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: what the bot can do."""
    await update.effective_message.reply_html(html.escape(HELP))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/who, /quote, /source, /docs, /doc: the message text is the line to answer."""
    await send_answer(update, context, update.effective_message.text)


async def search_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text in a private chat is a search."""
    await send_answer(update, context, update.effective_message.text)


# -- buttons ---------------------------------------------------------------------------------


async def page_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"More" / "Back": show another page of the same answer, in place."""
    query = update.callback_query
    parts = (query.data or "").split(":")
    line = context.bot_data.get("queries", {}).get(parts[1]) if len(parts) == 3 else None
    if line is None or number(parts[2]) is None:
        await query.answer("This button has expired. Please send your question again.")
        return
    await query.answer()
    answer = await answer_line(context, line)
    reply = render.page(answer, number(parts[2]), settings_of(context).page_size, parts[1])
    try:
        await query.edit_message_text(reply.messages[0], parse_mode=ParseMode.HTML,
                                      reply_markup=keyboard(reply.buttons), disable_web_page_preview=True)
    except BadRequest as e:
        if "not modified" not in str(e).lower():
            raise


async def doc_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """"📄": the card of the document an excerpt comes from."""
    query = update.callback_query
    await query.answer()
    answer = await answer_line(context, f"/doc {query.data[4:]}")
    await send(update, render.page(answer, 0, settings_of(context).page_size, ""))


async def example_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The example buttons under /start."""
    query = update.callback_query
    n = number(query.data[3:])
    if n is None or n >= len(EXAMPLES):
        await query.answer("This button has expired.")
        return
    await query.answer()
    await send_answer(update, context, EXAMPLES[n])


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forged or foreign callback data: a polite answer, nothing else."""
    await update.callback_query.answer("This button is not mine or has expired.")


# -- inline mode -----------------------------------------------------------------------------


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@bot words, in any chat: excerpts with their citations, 10 at a time."""
    query = update.inline_query
    text = query.query.strip()
    if not text:
        await query.answer([], cache_time=settings_of(context).inline_cache_seconds,
                           button=InlineQueryResultsButton("Type words or /who NAME to search", start_parameter="inline"))
        return
    offset = number(query.offset) or 0
    answer = await answer_line(context, text)
    items = render.inline_items(answer)
    page = items[offset:offset + INLINE_PAGE]
    results = [
        InlineQueryResultArticle(
            id=f"{answer.generation[-12:]}-{offset + n}", title=item["title"], description=item["description"],
            input_message_content=InputTextMessageContent(item["html"], parse_mode=ParseMode.HTML,
                                                          link_preview_options=None),
        )
        for n, item in enumerate(page)
    ]
    more = offset + INLINE_PAGE < len(items)
    await query.answer(results, cache_time=settings_of(context).inline_cache_seconds,
                       next_offset=str(offset + INLINE_PAGE) if more else "")


# -- admin -----------------------------------------------------------------------------------


async def reindex_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reindex (admins): rebuild in a fresh generation while the old one keeps answering."""
    if not await admins_only(update, context, "/reindex", "Only the bot's admins can reindex."):
        return
    if context.bot_data.get("reindexing"):
        await update.effective_message.reply_text("A reindex is already running.")
        return
    context.bot_data["reindexing"] = True
    try:
        await _reindex(update, context)
    finally:
        context.bot_data["reindexing"] = False


async def _reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    status = await update.effective_message.reply_text("Reindexing…")
    loop = asyncio.get_running_loop()
    last = [0.0]

    def progress(done: int, total: int, what: str) -> None:
        if time.monotonic() - last[0] >= 1.0 and done < total:
            last[0] = time.monotonic()
            asyncio.run_coroutine_threadsafe(status.edit_text(f"Reindexing… {done}/{total} documents"), loop)

    try:
        report = await asyncio.to_thread(reindex_corpus, settings_of(context), progress)
    except CitebotError as e:
        await status.edit_text(f"Reindex failed: {e}. The previous index keeps answering.")
        return
    await status.edit_text(report.summary())


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats (admins): index size, documents, uptime, queries served."""
    if not await admins_only(update, context, "/stats", "Only the bot's admins can see stats."):
        return
    s = await asyncio.to_thread(context.bot_data["answerer"].stats)
    uptime = int(time.monotonic() - context.bot_data["started"])
    await update.effective_message.reply_text(
        f"Index {s.generation}: {s.bytes / 1e6:.1f} MB, {s.documents} documents, {s.passages} passages, "
        f"{s.quotes} quotes, {s.people} people.\n"
        f"Uptime {uptime // 3600}h {uptime % 3600 // 60}m; {context.bot_data.get('served', 0)} queries served."
    )


# -- guards ----------------------------------------------------------------------------------


async def flood_guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler: a user over the flood limit gets one notice, then silence."""
    user = update.effective_user
    if not user:
        return
    settings = settings_of(context)
    now = time.monotonic()
    flood: dict[int, deque] = context.bot_data.setdefault("flood", {})
    if len(flood) > FLOOD_MEMORY:  # forget users quiet for a whole window, so memory stays bounded
        for quiet in [uid for uid, times in flood.items() if now - times[-1] > settings.flood_seconds]:
            del flood[quiet]
            context.bot_data.get("warned", {}).pop(quiet, None)
    seen = flood.setdefault(user.id, deque())
    seen.append(now)
    while seen and now - seen[0] > settings.flood_seconds:
        seen.popleft()
    if len(seen) <= settings.flood_messages:
        return
    if update.callback_query:  # every button press must be answered, so the notice rides on that
        await update.callback_query.answer("Slow down a little, please.")
        raise ApplicationHandlerStop
    warned = context.bot_data.setdefault("warned", {})
    if now - warned.get(user.id, -1e9) > settings.flood_seconds and update.message:
        warned[user.id] = now
        await update.message.reply_text("Slow down a little, please: I'll answer again in a few seconds.")
    raise ApplicationHandlerStop


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with context; tell the user something short."""
    where = ""
    if isinstance(update, Update):
        chat, user = update.effective_chat, update.effective_user
        where = f" (update {update.update_id}, chat {chat.id if chat else '-'}, user {user.id if user else '-'})"
    log.error("error while handling an update%s", where, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await update.effective_message.reply_text("Sorry, something went wrong. Please try again.")
        except Exception:  # noqa: BLE001 - Telegram itself may be the problem
            log.warning("could not tell the user about the error")
