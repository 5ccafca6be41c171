"""Telegram handlers: each turns an Update into a call on the answer layer and renders the result.

Whoosh work runs in a thread (`asyncio.to_thread`), never on the event loop.
State lives in `context.state` (bot/state.py), never under string keys.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop

from citebot.index import Answer, CitebotError, Document, Result
from citebot.index import reindex as reindex_corpus

from . import render
from .catalogue import say
from .shared_state import LockBusy
from .state import BotContext

log = logging.getLogger(__name__)
EXAMPLES = ["/who Raisi", "/quote Montazeri", "/source 30,000", "mass graves"]
INLINE_EXAMPLE = "mass graves"
INLINE_PAGE = 10
FEATURED = 10  # people shown for an empty inline query
REINDEX_LOCK_SECONDS = 60  # the reindex lock's expiry, renewed while the build runs
ASKS_ABOUT = ("who", "quote", "source")  # commands that, sent bare as a reply, ask about the replied-to text


# -- shared helpers --------------------------------------------------------------------------


async def answer_line(context: BotContext, line: str) -> Answer:
    answer = await asyncio.to_thread(context.answerer.ask, line)
    context.state.served += 1
    return answer


def number(text: str | None) -> int | None:
    """A page number or offset from untrusted callback data: ASCII digits only ("²".isdigit() is True)."""
    return int(text) if text and re.fullmatch(r"[0-9]{1,6}", text) else None


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows])


def collection(context: BotContext) -> render.Collection:
    s = context.settings
    return render.Collection(s.collection_name, s.collection_description, s.collection_language, bot_name(context))


async def send(update: Update, reply: render.Reply, quote: bool | None = None) -> list[Message]:
    """Send a rendered reply; in groups (and for edits), as a reply to the asking message."""
    message = update.effective_message
    if quote is None:
        quote = message.chat.type != ChatType.PRIVATE
    sent = []
    for n, text in enumerate(reply.messages):
        last = n == len(reply.messages) - 1
        sent.append(await message.reply_html(text, do_quote=quote, disable_web_page_preview=True,
                                             reply_markup=keyboard(reply.buttons) if last else None))
    return sent


async def deliver(update: Update, context: BotContext, reply: render.Reply) -> None:
    """Answer a question; an edited question updates its earlier answer in place when it still can."""
    message = update.effective_message
    asked = (message.chat_id, message.message_id)
    if update.edited_message:
        earlier = await context.state.answers_to(asked)
        if earlier and await edit_in_place(context, message.chat_id, earlier, reply):
            return
        sent = await send(update, reply, quote=True)  # too old to map: answer under the edited message
    else:
        sent = await send(update, reply)
    await context.state.answered(asked, [m.message_id for m in sent])


async def edit_in_place(context: BotContext, chat_id: int, earlier: list[int], reply: render.Reply) -> bool:
    """Rewrite the messages of an earlier answer with `reply`; False when Telegram no longer lets us."""
    if len(reply.messages) != len(earlier):
        return False  # a different number of messages cannot be edited into place honestly
    for n, (message_id, text) in enumerate(zip(earlier, reply.messages, strict=True)):
        last = n == len(earlier) - 1
        try:
            await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                                parse_mode=ParseMode.HTML, disable_web_page_preview=True,
                                                reply_markup=keyboard(reply.buttons) if last else None)
        except BadRequest as e:
            if "not modified" not in str(e).lower():
                log.info("could not edit answer %s in chat %s: %s", message_id, chat_id, e)
                return False
    return True


async def send_answer(update: Update, context: BotContext, line: str) -> None:
    answer = await answer_line(context, line)
    await deliver(update, context, await reply_to(context, answer, await context.state.remember(line)))


async def reply_to(context: BotContext, answer: Answer, key: str) -> render.Reply:
    """The first page of an answer; a single document is its card."""
    if answer.command == "doc" and answer.documents:
        return await card(context, answer.documents[0])
    return render.page(answer, 0, context.settings.page_size, key)


async def card(context: BotContext, document: Document, shown: Result | None = None,
               cite: str | None = None) -> render.Reply:
    excerpts = await asyncio.to_thread(context.answerer.excerpt_count, document.id)
    return render.card(document, bot_name(context), excerpts, shown, cite)


def bot_name(context: BotContext) -> str:
    return context.bot.username or "citebot"


async def notice(update: Update, text: str) -> None:
    """One short plain-text line, as a reply in groups."""
    message = update.effective_message
    await message.reply_text(text, do_quote=message.chat.type != ChatType.PRIVATE)


def is_admin(update: Update, context: BotContext) -> bool:
    """The sender's own user id is configured. Anonymous group admins and channels post as a chat, so never."""
    user, message = update.effective_user, update.effective_message
    if message and message.sender_chat:
        return False
    return bool(user) and user.id in context.settings.admins


async def admins_only(update: Update, context: BotContext, command: str, refusal: str) -> bool:
    """True for an admin; anyone else gets `refusal`, and the refusal is logged."""
    if is_admin(update, context):
        return True
    user, chat = update.effective_user, update.effective_chat
    log.info("refused %s from user %s in chat %s", command, user.id if user else "-", chat.id if chat else "-")
    await update.effective_message.reply_text(refusal)
    return False


def addressed_to_me(message: Message, context: BotContext) -> bool:
    """A command in a private chat, or one naming this bot (/cmd@thisbot) in a group."""
    if message.chat.type == ChatType.PRIVATE:
        return True
    first = (message.text or "").split()[0] if (message.text or "").strip() else ""
    return "@" in first and first.split("@", 1)[1].lower() == (context.bot.username or "").lower()


# -- commands --------------------------------------------------------------------------------


async def start(update: Update, context: BotContext) -> None:
    """/start, and deep links: t.me/<bot>?start=doc-<id> opens a document card."""
    if context.args and context.args[0].startswith("doc-"):
        await send_answer(update, context, f"/doc {context.args[0][4:]}")
        return
    corpus = await asyncio.to_thread(context.answerer.corpus)
    text = render.start(collection(context), len(corpus.documents), INLINE_EXAMPLE)
    rows = [[(example, f"ex:{n}")] for n, example in enumerate(EXAMPLES)]
    await update.effective_message.reply_html(text, reply_markup=keyboard(rows))


async def help_command(update: Update, context: BotContext) -> None:
    """/help: what the bot can do, every command tappable, the documents one button away."""
    await update.effective_message.reply_html(render.help_text(collection(context), INLINE_EXAMPLE),
                                              reply_markup=keyboard([[(say("button.docs"), "docs")]]))


async def ask_command(update: Update, context: BotContext) -> None:
    """/who, /quote, /source, /docs, /doc: the message text is the line to answer.

    Sent bare as a reply, /who, /quote and /source ask about the replied-to message.
    """
    message = update.effective_message
    command = message.text.split()[0][1:].split("@")[0].lower()
    line = message.text
    replied = message.reply_to_message
    if not context.args and command in ASKS_ABOUT and replied and (replied.text or replied.caption):
        line = f"/{command} {replied.text or replied.caption}"
    elif not context.args and command == "doc":
        line = "/docs"  # a bare /doc would only say "no document with id ''"
    await send_answer(update, context, line)


async def doc_number(update: Update, context: BotContext) -> None:
    """/doc_3: the third document of /docs, one tap from the list."""
    n = int(context.matches[0].group(1))
    answer = await answer_line(context, "/docs")
    if not 1 <= n <= len(answer.documents):
        await notice(update, say("doc.no_number", number=n, count=len(answer.documents)))
        return
    await send_answer(update, context, f"/doc {answer.documents[n - 1].id}")


async def search_text(update: Update, context: BotContext) -> None:
    """Plain text in a private chat is a search; so is a photo's or file's caption."""
    message = update.effective_message
    await send_answer(update, context, message.text or message.caption)


async def follow_up(update: Update, context: BotContext) -> None:
    """In a group, a reply to one of this bot's messages is a question to it."""
    replied = update.effective_message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == context.bot.id:
        await send_answer(update, context, update.effective_message.text)


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command this bot does not have: one line on what it can do (in groups, only when named)."""
    message = update.effective_message
    if not addressed_to_me(message, context):
        return
    command = message.text.split()[0][1:].split("@")[0]
    await notice(update, say("unknown.command", command=command[:30], **_what_i_do(context)))


async def unsupported(update: Update, context: BotContext) -> None:
    """Stickers, voice notes, photos without a caption... in a private chat: one line, never silence."""
    await notice(update, say("unsupported", **_what_i_do(context)))


def _what_i_do(context: BotContext) -> dict:
    return {"collection": context.settings.collection_name or say("default_collection"), "name": "Raisi"}


async def joined(update: Update, context: BotContext) -> None:
    """Added to a group: introduce myself in two lines."""
    change = update.my_chat_member
    was_in = change.old_chat_member.status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR,
                                               ChatMemberStatus.OWNER)
    now_in = change.new_chat_member.status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR)
    if now_in and not was_in and change.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        await context.bot.send_message(change.chat.id, render.group_intro(collection(context)),
                                       parse_mode=ParseMode.HTML)


# -- buttons ---------------------------------------------------------------------------------


async def page_button(update: Update, context: BotContext) -> None:
    """"More" / "Back": show another page of the same answer, in place."""
    query = update.callback_query
    parts = (query.data or "").split(":")
    line = await context.state.recall(parts[1]) if len(parts) == 3 else None
    if line is None or number(parts[2]) is None:
        await query.answer(say("button.expired"))
        return
    await query.answer()
    answer = await answer_line(context, line)
    reply = render.page(answer, number(parts[2]), context.settings.page_size, parts[1])
    await edit(query, reply)


async def edit(query, reply: render.Reply) -> None:
    """Replace the pressed message with `reply` (a one-message page)."""
    try:
        await query.edit_message_text(reply.messages[0], parse_mode=ParseMode.HTML,
                                      reply_markup=keyboard(reply.buttons), disable_web_page_preview=True)
    except BadRequest as e:
        if "not modified" not in str(e).lower():
            raise


async def doc_button(update: Update, context: BotContext) -> None:
    """"doc:ID": the card of a document."""
    query = update.callback_query
    document = await asyncio.to_thread(context.answerer.document, query.data[4:])
    if document is None:
        await query.answer(say("button.expired_short"))
        return
    await query.answer()
    await send(update, await card(context, document))


async def excerpt_card_button(update: Update, context: BotContext) -> None:
    """"📄 N": the card of the document excerpt N comes from, with Context and Cite for that excerpt."""
    query = update.callback_query
    found = await excerpt(context, query.data)
    if found is None:
        await query.answer(say("button.expired"))
        return
    key, n, r = found
    await query.answer()
    await send(update, await card(context, r.document, shown=r, cite=f"ct:{key}:{n}"))


async def cite_button(update: Update, context: BotContext) -> None:
    """"❝ Cite": the excerpt with its full citation, ready to paste."""
    query = update.callback_query
    found = await excerpt(context, query.data)
    if found is None:
        await query.answer(say("button.expired"))
        return
    await query.answer()
    await send(update, render.cite(found[2], bot_name(context)))


async def excerpt(context: BotContext, data: str | None) -> tuple[str, int, Result] | None:
    """("key", n, result) for callback data "xx:KEY:N": excerpt N (1-based) of a remembered answer."""
    parts = (data or "").split(":")
    line = await context.state.recall(parts[1]) if len(parts) == 3 else None
    n = number(parts[2]) if len(parts) == 3 else None
    if line is None or not n:
        return None
    answer = await answer_line(context, line)
    return (parts[1], n, answer.results[n - 1]) if n <= len(answer.results) else None


async def context_button(update: Update, context: BotContext) -> None:
    """"📖 Context" (cx:DOC:START:END, the excerpt in bold, as a new message) and "« Earlier" / "Later »"
    (cp:..., paging that message in place): the document's own paragraphs around a place in it."""
    query = update.callback_query
    parts = (query.data or "").split(":")
    start, end = (number(parts[2]), number(parts[3])) if len(parts) == 4 else (None, None)
    found = None
    if start is not None and end is not None:
        found = await asyncio.to_thread(context.answerer.context, parts[1], start, end)
    if found is None:
        await query.answer(say("button.expired_short"))
        return
    await query.answer()
    if parts[0] == "cx":
        await send(update, render.context(found, mark=True))
    else:
        await edit(query, render.context(found, mark=False))


async def docs_button(update: Update, context: BotContext) -> None:
    """"📚 The documents" under /help."""
    await update.callback_query.answer()
    await send_answer(update, context, "/docs")


async def example_button(update: Update, context: BotContext) -> None:
    """The example buttons under /start."""
    query = update.callback_query
    n = number(query.data[3:])
    if n is None or n >= len(EXAMPLES):
        await query.answer(say("button.expired_short"))
        return
    await query.answer()
    await send_answer(update, context, EXAMPLES[n])


async def unknown_button(update: Update, context: BotContext) -> None:
    """Forged or foreign callback data: a polite answer, nothing else."""
    await update.callback_query.answer(say("button.foreign"))


# -- inline mode -----------------------------------------------------------------------------


async def inline_query(update: Update, context: BotContext) -> None:
    """@bot words, in any chat: excerpts with their citations, 10 at a time.

    An empty query shows the people the sources name most; no match offers a button into the bot.
    """
    query = update.inline_query
    text = query.query.strip()
    offset = number(query.offset) or 0
    if text:
        answer = await answer_line(context, text)
        items, generation = render.inline_items(answer, bot_name(context)), answer.generation
    else:
        items, generation = await featured(context)
    page = items[offset:offset + INLINE_PAGE]
    results = [
        InlineQueryResultArticle(
            id=f"{generation[-12:]}-{offset + n}", title=item["title"], description=item["description"],
            input_message_content=InputTextMessageContent(item["html"], parse_mode=ParseMode.HTML,
                                                          link_preview_options=None),
        )
        for n, item in enumerate(page)
    ]
    more = offset + INLINE_PAGE < len(items)
    button = None
    if not items:  # never a blank panel: say so, and open the bot
        button = InlineQueryResultsButton(say("inline.no_match", query=render.clip(text, 24)), start_parameter="inline")
    await query.answer(results, cache_time=context.settings.inline_cache_seconds, button=button,
                       next_offset=str(offset + INLINE_PAGE) if more else "")


async def featured(context: BotContext) -> tuple[list[dict], str]:
    """The people the sources name most, each with their best describing excerpt."""
    everyone = await answer_line(context, "/who")
    pairs = []
    for person in everyone.people[:FEATURED]:
        answer = await answer_line(context, f"/who {person.name}")
        if answer.results:
            pairs.append((person, answer.results[0]))
    return render.featured_items(pairs, bot_name(context)), everyone.generation


# -- admin -----------------------------------------------------------------------------------


async def reindex_command(update: Update, context: BotContext) -> None:
    """/reindex (admins): rebuild in a fresh generation while the old one keeps answering."""
    if not await admins_only(update, context, "/reindex", say("admin.refuse_reindex")):
        return
    try:
        # One builder among all workers; the lock expires if its worker dies (the build's flock dies with it).
        async with context.state.shared.lock("reindex", ttl=REINDEX_LOCK_SECONDS):
            await _reindex(update, context)
    except LockBusy:
        await update.effective_message.reply_text(say("reindex.busy"))


async def _reindex(update: Update, context: BotContext) -> None:
    status = await update.effective_message.reply_text(say("reindex.started"))
    loop = asyncio.get_running_loop()
    last = [0.0]

    def progress(done: int, total: int, what: str) -> None:
        if time.monotonic() - last[0] >= 1.0 and done < total:
            last[0] = time.monotonic()
            asyncio.run_coroutine_threadsafe(status.edit_text(say("reindex.progress", done=done, total=total)), loop)

    try:
        report = await asyncio.to_thread(reindex_corpus, context.settings, progress)
    except CitebotError as e:
        await status.edit_text(say("reindex.failed", error=e))
        return
    await status.edit_text(report.summary())


async def stats_command(update: Update, context: BotContext) -> None:
    """/stats (admins): index size, documents, uptime, queries served."""
    if not await admins_only(update, context, "/stats", say("admin.refuse_stats")):
        return
    s = await asyncio.to_thread(context.answerer.stats)
    uptime = int(time.monotonic() - context.state.started)
    await update.effective_message.reply_text(say(
        "stats", generation=s.generation, megabytes=s.bytes / 1e6, documents=s.documents, passages=s.passages,
        quotes=s.quotes, people=s.people, hours=uptime // 3600, minutes=uptime % 3600 // 60,
        served=context.state.served))


# -- guards ----------------------------------------------------------------------------------


async def flood_guard(update: Update, context: BotContext) -> None:
    """Runs before every handler: a user over the limit is told once, exactly, what is skipped."""
    user = update.effective_user
    if not user:
        return
    settings = context.settings
    verdict = await context.state.admit(user.id, update.update_id)
    if verdict.admitted:
        return
    if update.callback_query:  # every button press must be answered, so the notice rides on that
        await update.callback_query.answer(say("flood.button"))
    elif verdict.notify and update.effective_message:
        await notice(update, say("flood.notice", limit=settings.flood_messages, seconds=settings.flood_seconds,
                                 wait=verdict.wait))
    raise ApplicationHandlerStop


async def on_error(update: object, context: BotContext) -> None:
    """Log with context; tell the user something short."""
    where = ""
    if isinstance(update, Update):
        chat, user = update.effective_chat, update.effective_user
        where = f" (update {update.update_id}, chat {chat.id if chat else '-'}, user {user.id if user else '-'})"
    log.error("error while handling an update%s", where, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await update.effective_message.reply_text(say("error"))
        except Exception:  # noqa: BLE001 - Telegram itself may be the problem
            log.warning("could not tell the user about the error")
