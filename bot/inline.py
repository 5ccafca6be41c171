"""Inline mode: @bot words in any chat, answered with excerpts people can post."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode

from . import render
from .buttons import number
from .catalogue import say
from .replies import answer_line, bot_name, lang_of
from .state import BotContext

INLINE_PAGE = 10
FEATURED = 10  # people shown for an empty inline query


async def inline_query(update: Update, context: BotContext) -> None:
    """@bot words, in any chat: excerpts with their citations, 10 at a time.

    An empty query shows the people the sources name most; no match offers a button into the bot.
    """
    query = update.inline_query
    text = query.query.strip()
    offset = number(query.offset) or 0
    lang = lang_of(update)
    if text:
        answer = await answer_line(context, text)
        items, generation = render.inline_items(answer, bot_name(context), lang), answer.generation
    else:
        items, generation = await featured(context, lang)
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
        hint = say("inline.no_match", lang, query=render.clip(text, 24)) if text else say("inline.hint", lang)
        button = InlineQueryResultsButton(hint, start_parameter=render.asking(text) if text else "inline")
    # Results are in the asker's language (labels, dates), so Telegram must not serve them to someone else.
    await query.answer(results, cache_time=context.bot_settings.inline_cache_seconds, button=button, is_personal=True,
                       next_offset=str(offset + INLINE_PAGE) if more else "")


async def featured(context: BotContext, lang: str) -> tuple[list[dict], str]:
    """The people the sources name most, each with their best describing excerpt."""
    everyone = await answer_line(context, "/who")
    pairs, used = [], set()
    for person in everyone.people[:FEATURED]:
        answer = await answer_line(context, f"/who {person.name}")
        fresh = [r for r in answer.results if not r.heading and (r.document.id, r.start) not in used]  # one each
        if fresh:
            pairs.append((person, fresh[0]))
            used.add((fresh[0].document.id, fresh[0].start))
    return render.featured_items(pairs, bot_name(context), lang), everyone.generation
