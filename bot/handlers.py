"""Telegram handlers for commands, messages, group events, admin commands and guards.

Each turns an Update into a call on the answer layer and hands the result to
bot/replies.py; buttons are in bot/buttons.py, inline mode in bot/inline.py.
Whoosh work runs in a thread (answers in bot/fairness.py's, one per asker at a time), never on the event loop.
State lives in `context.state` (bot/state.py), never under string keys.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time

from telegram import (
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from citebot.index import CitebotError, ReindexReport, is_chatter
from citebot.index import reindex as reindex_corpus

from . import render
from .catalogue import counted, listed, quoted_lines, reason, say
from .replies import answer_line, collection, examples, inline_example, keyboard, lang_of, notice, send_answer
from .shared_state import LockBusy
from .state import BotContext

log = logging.getLogger(__name__)
SHOWN = 15  # files or people a reindex summary names; the rest are counted
MAX_MESSAGE = 4096
ASKS_ABOUT = ("who", "quote", "source")
MENTION_LEAD = re.compile(r"^(?:(?:hey|hi|hello|ok|okay|so|please|dear)\b[\s,:;!.-]*)+|^[\s,:;!.-]+", re.I)  # commands that, sent bare as a reply, ask about the replied-to text
REINDEX_LOCK_SECONDS = 60  # the reindex lock's expiry, renewed while the build runs


def is_admin(update: Update, context: BotContext) -> bool:
    """The sender's own user id is configured. Anonymous group admins and channels post as a chat, so never."""
    user, message = update.effective_user, update.effective_message
    if message and message.sender_chat:
        return False
    return bool(user) and user.id in context.bot_settings.admins


async def admins_only(update: Update, context: BotContext, command: str, refusal: str) -> bool:
    """True for an admin; anyone else gets `refusal`, and the refusal is logged."""
    if is_admin(update, context):
        return True
    user, chat = update.effective_user, update.effective_chat
    log.info("refused %s from user %s in chat %s", command, user.id if user else "-", chat.id if chat else "-")
    await update.effective_message.reply_text(refusal)
    return False


def named_bot(message: Message) -> str | None:
    """The bot a command names (/cmd@name), lower-cased, or None."""
    first = (message.text or "").split(maxsplit=1)[0] if (message.text or "").strip() else ""
    return first.split("@", 1)[1].lower() if "@" in first else None


def addressed_to_me(message: Message, context: BotContext) -> bool:
    """A command in a private chat, or one naming this bot (/cmd@thisbot) in a group."""
    return message.chat.type == ChatType.PRIVATE or named_bot(message) == (context.bot.username or "").lower()


# -- commands --------------------------------------------------------------------------------


async def start(update: Update, context: BotContext) -> None:
    """/start, and deep links: t.me/<bot>?start=doc-<id> opens a document card; start=q-… asks the question an
    inline query carried into the private chat (render.asking)."""
    if context.args and context.args[0].startswith("doc-"):
        await send_answer(update, context, f"/doc {context.args[0][4:]}")
        return
    if context.args and (question := render.asked(context.args[0])):
        await send_answer(update, context, question)
        return
    corpus = await asyncio.to_thread(context.answerer.corpus)
    lang = lang_of(update)
    text = render.start(collection(context), len(corpus.documents), inline_example(lang), lang)
    rows = [[(example, f"ex:{n}")] for n, example in enumerate(examples(lang))]
    await update.effective_message.reply_html(text, reply_markup=keyboard(rows))


async def help_command(update: Update, context: BotContext) -> None:
    """/help: what the bot can do, every command tappable, the documents one button away; an admin in a private
    chat also gets the admin commands."""
    lang = lang_of(update)
    text = render.help_text(collection(context), inline_example(lang), lang)
    if is_admin(update, context) and update.effective_chat and update.effective_chat.type == ChatType.PRIVATE:
        text += "\n\n" + render.admin_help(lang)
    await update.effective_message.reply_html(text, reply_markup=keyboard([[(say("button.docs", lang), "docs")]]))


async def ask_command(update: Update, context: BotContext) -> None:
    """/who, /quote, /source, /docs, /doc: the message text is the line to answer.

    Sent bare as a reply, /who, /quote and /source ask about the replied-to message.
    """
    message = update.effective_message
    assert message and message.text  # a CommandHandler is only called with a command's text
    command = message.text.split()[0][1:].split("@")[0].lower()
    line = message.text
    replied = message.reply_to_message
    if not context.args and command in ASKS_ABOUT and replied and (quoted := replied.text or replied.caption):
        line = f"/{command} {await about(context, command, quoted)}"
    elif not context.args and command == "doc":
        line = "/docs"  # a bare /doc would only say "no document with id ''"
    await send_answer(update, context, line)


async def about(context: BotContext, command: str, text: str) -> str:
    """What a bare /who or /quote asks about a replied-to message: the first person it names, else its words."""
    if command in ("who", "quote"):
        named = await asyncio.to_thread(context.answerer.people_in, text)
        if named:
            return named[0].name
    return text


async def doc_number(update: Update, context: BotContext) -> None:
    """/doc_3: the third document of /docs, one tap from the list."""
    assert update.effective_message and context.matches  # set by the handler's Regex filter
    if named_bot(update.effective_message) not in (None, (context.bot.username or "").lower()):
        return  # /doc_3@otherbot in a group is for another bot
    n = int(context.matches[0].group(1))
    answer = await answer_line(context, "/docs")
    if not 1 <= n <= len(answer.documents):
        await notice(update, say("doc.no_number", lang_of(update), number=n, count=len(answer.documents)))
        return
    await send_answer(update, context, f"/doc {answer.documents[n - 1].id}")


async def search_text(update: Update, context: BotContext) -> None:
    """Plain text in a private chat is a search; so is a photo's or file's caption."""
    message = update.effective_message
    await send_answer(update, context, message.text or message.caption or "")  # filters.TEXT or CAPTION: one is there


async def group_text(update: Update, context: BotContext) -> None:
    """In a group, a message naming @thisbot anywhere, or a reply to one of this bot's messages, is a question.

    Everything else people say to each other is none of the bot's business, and so is "thanks!": a greeting or
    a pleasantry gets no reply in a group (in a private chat it gets a short help).
    """
    message = update.effective_message
    assert message  # filters.TEXT: a message is there
    line = without_mention(message, context.bot.username or "")
    replied = message.reply_to_message
    if line is None and not (replied and replied.from_user and replied.from_user.id == context.bot.id):
        return
    line = (message.text or "") if line is None else line
    if not line.strip():  # "@bot" alone: what can I ask?
        await notice(update, say("group.mentioned", lang_of(update), bot=context.bot.username or "citebot"))
    elif not is_chatter(line):
        await send_answer(update, context, line)


def without_mention(message: Message, username: str) -> str | None:
    """The text of a message that @mentions `username`, with the mentions (and a leading "hey") taken out; None
    when it does not mention this bot."""
    text, wanted = message.text or "", "@" + username.lower()
    mine = [e for e, value in message.parse_entities(["mention"]).items() if value.lower() == wanted]
    if not username or not mine:
        return None
    for entity in sorted(mine, key=lambda e: e.offset, reverse=True):
        at = _index(text, entity.offset)  # entity offsets count UTF-16 code units, Python counts code points
        text = text[:at] + " " + text[_index(text, entity.offset + entity.length):]
    return MENTION_LEAD.sub("", " ".join(text.split()))


def _index(text: str, utf16_offset: int) -> int:
    return len(text.encode("utf-16-le")[: utf16_offset * 2].decode("utf-16-le"))


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command this bot does not have: one line on what it can do (in groups, only when named)."""
    message = update.effective_message
    assert message  # a command always comes in a message
    if not addressed_to_me(message, context):
        return
    command = message.text.split()[0][1:].split("@")[0]
    lang = lang_of(update)
    await notice(update, say("unknown.command", lang, command=command[:30], **await _what_i_do(context, lang)))


async def unsupported(update: Update, context: BotContext) -> None:
    """Stickers, voice notes, photos without a caption... in a private chat: one line, never silence."""
    lang = lang_of(update)
    await notice(update, say("unsupported", lang, **await _what_i_do(context, lang)))


async def _what_i_do(context: BotContext, lang: str) -> dict:
    """The collection's name, and the person its sources name most as the /who example."""
    people = (await answer_line(context, "/who")).people
    return {"collection": context.bot_settings.collection_name or say("default_collection", lang),
            "name": people[0].name if people else "NAME"}


async def joined(update: Update, context: BotContext) -> None:
    """Added to a group: introduce myself in two lines."""
    change = update.my_chat_member
    assert change  # a ChatMemberHandler is only called with one
    was_in = change.old_chat_member.status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR,
                                               ChatMemberStatus.OWNER)
    now_in = change.new_chat_member.status in (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR)
    if now_in and not was_in and change.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        await context.bot.send_message(change.chat.id, render.group_intro(collection(context), lang_of(update)),
                                       parse_mode=ParseMode.HTML)


# -- admin -----------------------------------------------------------------------------------


async def reindex_command(update: Update, context: BotContext, wait: bool = False) -> None:
    """/reindex (admins): rebuild in a fresh generation while the old one keeps answering.

    One builder among all workers: the lock is shared, and expires if its worker dies.
    `wait`: when one is running (maybe without a change just stored), run another after it.
    """
    if not await admins_only(update, context, "/reindex", say("admin.refuse_reindex", lang_of(update))):
        return
    while True:
        try:
            async with context.state.shared.lock("reindex", ttl=REINDEX_LOCK_SECONDS):
                await _reindex(update, context)
            return
        except LockBusy:
            if not wait:
                await update.effective_message.reply_text(say("reindex.busy", lang_of(update)))
                return
            await asyncio.sleep(0.5)


async def _reindex(update: Update, context: BotContext) -> None:
    lang = lang_of(update)
    status = await update.effective_message.reply_text(say("reindex.started", lang))
    loop = asyncio.get_running_loop()
    last = [0.0]

    def progress(done: int, total: int, what: str) -> None:
        if time.monotonic() - last[0] >= 1.0 and done < total:
            last[0] = time.monotonic()
            asyncio.run_coroutine_threadsafe(status.edit_text(say("reindex.progress", lang, done=done, total=total)), loop)

    try:  # settles the reindex requests waiting when it began (ReindexRequests)
        report = await asyncio.to_thread(reindex_corpus, context.settings, progress)
    except CitebotError as e:
        await status.edit_text(say("reindex.failed", lang, error=reason(e, lang)))
        return
    await status.edit_text(summary(report, lang))


def summary(report: ReindexReport, lang: str) -> str:
    """What a reindex did, for the admin who ran it: counts, then each file skipped or to check, and why."""
    lines = [say("reindex.done", lang, documents=report.documents, passages=report.passages, quotes=report.quotes,
                 people=report.people, seconds=report.seconds, generation=report.generation)]
    if report.skipped:
        lines.append(say("reindex.skipped", lang, count=len(report.skipped)))
        lines += [listed([f"  - {s.file}: {s.reason}" for s in report.skipped], lang, SHOWN, "\n")]
    if report.problems:
        lines.append(counted("reindex.check", len(report.problems), lang))
        lines += [listed([f"  - {p.file}: {p.reason}" for p in report.problems], lang, SHOWN, "\n")]
    return "\n".join(lines + people_lines(report, lang))[:MAX_MESSAGE]  # a first reindex names everyone


def people_lines(report: ReindexReport, lang: str) -> list[str]:
    """Who is new, which spellings were joined to someone, which look-alikes were kept apart (issue 19.4)."""
    lines = []
    if report.people_new:
        lines.append(say("reindex.people_new", lang, count=len(report.people_new), names=listed(report.people_new, lang)))
    if report.people_joined:
        lines.append(say("reindex.people_joined", lang, count=len(report.people_joined),
                         pairs=listed([f"{a} → {b}" for a, b in report.people_joined], lang, sep="; ")))
    if report.people_near:
        a, b = report.people_near[0]
        lines.append(say("reindex.people_near", lang, count=len(report.people_near),
                         pairs=listed([f"{x} / {y}" for x, y in report.people_near], lang, sep="; "), first=f"{b} | {a}"))
    return lines



async def stats_command(update: Update, context: BotContext) -> None:
    """/stats (admins): index size, documents, uptime, queries served."""
    if not await admins_only(update, context, "/stats", say("admin.refuse_stats", lang_of(update))):
        return
    s = await asyncio.to_thread(context.answerer.stats)
    uptime = int(time.monotonic() - context.state.started)
    await update.effective_message.reply_text(say(
        "stats", lang_of(update), generation=s.generation, megabytes=s.bytes / 1e6, documents=s.documents, passages=s.passages,
        quotes=s.quotes, people=s.people, hours=uptime // 3600, minutes=uptime % 3600 // 60,
        served=context.state.served) + "\n" + await worker_line(context, s.unopened, lang_of(update)))


async def worker_line(context: BotContext, unopened: str | None, lang: str) -> str:
    """Which worker answered, how its shared state is, and a newer generation it could not open."""
    shared = context.state.shared
    line = say("stats.worker", lang, worker=shared.worker, health=await shared.health(lang))
    return line + ("\n" + say("stats.unopened", lang, problem=unopened) if unopened else "")


# -- guards ----------------------------------------------------------------------------------


async def flood_guard(update: Update, context: BotContext) -> None:
    """Runs before every handler: a user over the limit is told once, exactly, what is skipped."""
    user = update.effective_user
    if not user:
        return
    settings = context.bot_settings
    verdict = await context.state.admit(user.id, update.update_id, inline=update.inline_query is not None)
    if verdict.admitted:
        return
    message, lang = update.effective_message, lang_of(update)
    if update.callback_query:  # every button press must be answered, so the notice rides on that
        await update.callback_query.answer(say("flood.button", lang))
        raise ApplicationHandlerStop
    if message and verdict.notify:
        told = (say("flood.cost", lang, wait=verdict.wait) if verdict.costly else
                say("flood.notice", lang, limit=settings.flood_messages, seconds=settings.flood_seconds, wait=verdict.wait))
        await notice(update, told, urgent=True)
    text = (message.text or message.caption) if message else None
    if message and text and context.state.skipped.add(user.id, message.chat_id, text):
        context.state.keep(name_skipped(context, user.id, message.chat_id, verdict.wait, lang))
    raise ApplicationHandlerStop


async def name_skipped(context: BotContext, user: int, chat: int, wait: int, lang: str) -> None:
    """When the refusal ends, name the messages it skipped (once), so none is lost without a word."""
    await asyncio.sleep(wait)
    skipped = context.state.skipped.take(user, chat)
    if not skipped:
        return
    questions = quoted_lines(skipped, lang, 5)
    text = (say("flood.skipped_one", lang, count=1, questions=questions) if len(skipped) == 1 else
            say("flood.skipped", lang, count=len(skipped), questions=questions))
    try:
        await context.bot.send_message(chat, text)
    except TelegramError as e:  # the user blocked the bot, the chat is gone: nothing to tell
        log.info("could not name the skipped messages in chat %s: %s", chat, e)


async def on_error(update: object, context: BotContext) -> None:
    """Log with context; tell the user something short."""
    where = ""
    if isinstance(update, Update):
        chat, user = update.effective_chat, update.effective_user
        where = f" (update {update.update_id}, chat {chat.id if chat else '-'}, user {user.id if user else '-'})"
    log.error("error while handling an update%s", where, exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await update.effective_message.reply_text(say("error", lang_of(update)))
        except Exception:  # noqa: BLE001 - Telegram itself may be the problem
            log.warning("could not tell the user about the error")
