"""Answering in Telegram: a line through the answer layer, rendered, then sent (or edited into an earlier answer)."""

from __future__ import annotations

import asyncio
import logging
import unicodedata
from typing import cast

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ExtBot

from citebot.index import Answer, Document, Result

from . import render
from .catalogue import language, language_name, say
from .state import Asked, BotContext
from .telegram_errors import Refusal, refusal

log = logging.getLogger(__name__)
# /start's buttons and the inline-mode example, in the reader's language (a Persian question is read in English)
EXAMPLES = {"en": ["/who Raisi", "/quote Montazeri", "/source 30,000", "mass graves"],
            "fa": ["/who رئیسی", "/quote منتظری", "/source 30,000", "گورهای جمعی"]}
INLINE_EXAMPLE = {"en": "mass graves", "fa": "گورهای جمعی"}


def examples(lang: str) -> list[str]:
    return EXAMPLES.get(lang, EXAMPLES["en"])


def inline_example(lang: str) -> str:
    return INLINE_EXAMPLE.get(lang, INLINE_EXAMPLE["en"])


async def answer_line(context: BotContext, line: str, after: tuple[str, ...] = (), since: str = "") -> Answer:
    """The answer to `line`; `after`: the thread it replies to (a follow-up such as "what did he say?"), answered
    by index generation `since`."""
    answerer = context.answerer
    answer = await context.state.answers.run(context.asker, lambda: answerer.ask(line, after, since))
    context.state.served += 1
    return answer


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows])


def collection(context: BotContext) -> render.Collection:
    s = context.bot_settings
    return render.Collection(s.collection_name, s.collection_description, s.collection_language, bot_name(context),
                             {"fa": (s.collection_name_fa, s.collection_description_fa)})


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


async def deliver(update: Update, context: BotContext, reply: render.Reply, key: str) -> None:
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
    await context.state.answered(asked, [m.message_id for m in sent], key)


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
            if refusal(e) is not Refusal.NOT_MODIFIED:  # the same answer: that message stays as it is
                log.info("could not edit answer %s in chat %s: %s", message_id, chat_id, e)
                return False
    return True


def lang_of(update: Update) -> str:
    """The catalogue for the person who sent this update: their Telegram language when it is translated."""
    user = update.effective_user
    return language(user.language_code if user else None)


async def send_answer(update: Update, context: BotContext, line: str) -> None:
    """Answer `line`; a reply to one of our answers is read with that answer's question (a follow-up)."""
    earlier = await replied(update, context)
    asked = Asked(line, earlier.thread() if earlier else ())
    answer = await answer_line(context, line, asked.after, earlier.generation if earlier else "")
    asked = asked._replace(generation=answer.generation)  # its next page, and replies to it, say what answered it
    key = await context.state.remember(asked, update.effective_user.id if update.effective_user else None)
    public = update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE
    await deliver(update, context, await reply_to(context, answer, key, lang_of(update), public), key)


async def replied(update: Update, context: BotContext) -> Asked | None:
    """The question of the answer of ours a message replies to, if any (a follow-up continues its thread)."""
    message = update.effective_message
    to = message.reply_to_message if message else None
    if not to or not to.from_user or to.from_user.id != context.bot.id:
        return None
    return await context.state.replied_to(message.chat_id, to.message_id)


async def reply_to(context: BotContext, answer: Answer, key: str, lang: str, public: bool = False) -> render.Reply:
    """The first page of an answer; a single document is its card. `public`: in a group (render.defanged)."""
    if answer.command == "doc" and answer.documents:
        return await card(context, answer.documents[0], lang=lang)
    return render.page(answer, 0, context.bot_settings.page_size, key, language_hint(context, answer, lang), lang,
                       public)


def language_hint(context: BotContext, answer: Answer, lang: str) -> str | None:
    """Words in another script found nothing: say which language the documents are in."""
    language = context.bot_settings.collection_language
    letters = [ch for ch in answer.query if ch.isalpha()]
    if answer.results or answer.people or not language or not letters:
        return None
    if any(p.key.startswith("answer.persian.english") for p in answer.phrases):
        return None  # the answer already says so, with English words to try
    if any("LATIN" in unicodedata.name(ch, "") for ch in letters):
        return None
    return say("hint.language", lang, language=language_name(language, lang))


async def card(context: BotContext, document: Document, shown: Result | None = None,
               cite: str | None = None, lang: str = "en") -> render.Reply:
    excerpts = await asyncio.to_thread(context.answerer.excerpt_count, document.id)
    return render.card(document, bot_name(context), excerpts, shown, cite, lang)


def bot_name(context: BotContext) -> str:
    return context.bot.username or "citebot"


async def notice(update: Update, text: str, urgent: bool = False) -> None:
    """One short plain-text line, as a reply in groups; `urgent`: before the chat's queued answers
    (bot/ratelimit.py), for a notice that is only true now."""
    message = update.effective_message
    if not urgent:
        await message.reply_text(text, do_quote=message.chat.type != ChatType.PRIVATE)
        return
    quoted = ReplyParameters(message.message_id) if message.chat.type != ChatType.PRIVATE else None
    bot = cast(ExtBot, message.get_bot())  # the Application's bot: an ExtBot, which takes rate_limit_args
    await bot.send_message(message.chat_id, text, reply_parameters=quoted, rate_limit_args={"urgent": True})
