"""Telegram side of growing the collection: admins add, correct and remove documents; readers report.

An admin sends a file or a URL; the bot answers with a draft card (each field
marked inferred or unknown) and buttons to confirm, edit a field or cancel.
Nothing is stored until confirmed; then the document and its manifest entry
are written atomically (citebot.index) and the ordinary /reindex runs, with
its progress message. Every admin action goes to the audit log, shown by
/stats. Readers press "Report" under an answer, pick the excerpt and a reason;
admins hear of new reports at most once an hour, batched, and work through
them with /reports.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import secrets
import time
from pathlib import Path

from telegram import ForceReply, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler, filters

from citebot.index import (
    EDITABLE,
    KINDS,
    REASONS,
    CitebotError,
    DatabaseError,
    Draft,
    Drafts,
    Journal,
    ReindexRequests,
    change_people,
    collection_entry,
    commit_draft,
    edit_document,
    prepare_file,
    prepare_url,
    remove_document,
)
from citebot.index import reindex as reindex_corpus

from . import handlers as h
from . import render
from .buttons import number
from .catalogue import DEFAULT, counted, field_names, reason, say, template
from .downloads import TooLarge, download
from .replies import answer_line, keyboard, lang_of
from .shared_state import LockBusy
from .solar_hijri import date_label
from .state import BotContext

log = logging.getLogger(__name__)
TELEGRAM_DOWNLOAD_LIMIT = 20_000_000  # what a bot may download through the Bot API
REPORTS_PAGE = 10  # reports /reports sends at a time, each a message
NOTICE_EVERY = 3600  # seconds: admins hear of new reports at most this often
REPLAY_EVERY = 2.0  # seconds between looks at the spool, for what waits there for the database
LEFT_OVER = 30.0  # seconds a reindex request may wait before it counts as left over (its reindex died)
LEFT_OVER_EVERY = 60.0  # seconds between looks for requests left over (a failing reindex is not hammered)
URL = re.compile(r"^\s*(https?://\S+)\s*$")


class Awaiting(filters.MessageFilter):
    """Messages from a user this worker has just asked for a value (a field, a report's note).

    A reply to the prompt may reach another worker: each prompt is also remembered in the shared
    state by its message (`_ask`), and `typed_value` looks a reply up there.
    """

    def __init__(self) -> None:
        super().__init__(name="Awaiting")
        self.waiting: dict[int, tuple] = {}

    def filter(self, message: Message) -> bool:
        waiting = self.waiting.get(message.from_user.id) if message.from_user else None
        if waiting and waiting[0] == "note":  # a reader's note must answer the bot's prompt, else it is a search
            return bool(message.reply_to_message) and message.reply_to_message.message_id == waiting[2]
        return waiting is not None


def register(app: Application) -> None:
    """Add the admin and report handlers; call before the plain-text search handler."""
    awaiting = Awaiting()
    app.bot_data.awaiting = awaiting
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & private & (awaiting | filters.REPLY),
                                   typed_value))
    app.add_handler(MessageHandler(filters.Document.ALL & private, document_sent))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & private & filters.Regex(URL), url_sent))
    app.add_handler(CommandHandler("add", add_command))
    app.add_handler(CommandHandler("edit", edit_command))
    app.add_handler(CommandHandler("remove", remove_command))
    app.add_handler(CommandHandler("people", people_command))
    app.add_handler(CommandHandler("reports", reports_command))
    app.add_handler(CommandHandler("report", report_command))
    app.add_handler(CommandHandler("cancel", cancel_command))
    app.add_handler(CallbackQueryHandler(draft_button, pattern=r"^ad:"))
    app.add_handler(CallbackQueryHandler(remove_button, pattern=r"^rm:"))
    app.add_handler(CallbackQueryHandler(resolve_button, pattern=r"^rs:"))
    app.add_handler(CallbackQueryHandler(more_reports_button, pattern=r"^rq:"))
    app.add_handler(CallbackQueryHandler(report_button, pattern=r"^rp:"))
    app.add_handler(TypeHandler(Update, seen), group=-2)


async def seen(update: Update, context: BotContext) -> None:
    """Remember each admin's language, so the reports notice (sent unasked, maybe by another worker) reads in it."""
    if h.is_admin(update, context):
        admin, lang = update.effective_user.id, lang_of(update)
        context.state.admin_langs[admin] = lang  # if the shared state cannot be reached
        await context.state.shared.remember(f"lang:{admin}", lang)  # admins write seldom: one call is cheap


async def refuse(update: Update, context: BotContext, command: str) -> bool:
    """True for an admin; anyone else is told, in their language, that only admins change the collection."""
    return await h.admins_only(update, context, command, say("admin.refuse_change", lang_of(update)))


async def reply(update: Update, key: str, **params) -> Message:
    """A plain-text catalogue message, in the sender's language, as a reply."""
    return await update.effective_message.reply_text(say(key, lang_of(update), **params))


def journal(context: BotContext) -> Journal:
    return Journal.of(context.settings)


def _awaiting(context: BotContext) -> Awaiting:
    return context.state.awaiting


def _who(update: Update) -> str:
    user = update.effective_user
    return (user.username and f"@{user.username}") or user.full_name if user else "?"


async def audit(update: Update, context: BotContext, action: str, detail: str) -> None:
    user = update.effective_user
    await asyncio.to_thread(journal(context).record, user.id if user else None, _who(update), action, detail)


async def changed(update: Update, context: BotContext, action: str, detail: str) -> None:
    """After a stored change: audit it, then the same reindex as /reindex, with its progress message."""
    await audit(update, context, action, detail)
    await reindex_command(update, context, wait=True)  # one running may not hold this change: another after it


# -- adding ------------------------------------------------------------------------------------


async def document_sent(update: Update, context: BotContext) -> None:
    """A file in a private chat: an admin's new document."""
    if not await refuse(update, context, "a document upload"):
        return
    sent = update.effective_message.document
    name = sent.file_name or "document"
    if Path(name).suffix.lower() not in {".pdf", ".html", ".htm", ".txt", ".md", ".markdown"}:
        await reply(update, "add.wrong_type", name=name)
        return
    limit = min(TELEGRAM_DOWNLOAD_LIMIT, context.settings.max_file_bytes)
    try:
        if (sent.file_size or 0) > limit:
            raise TooLarge(sent.file_size)
        data = await download(await context.bot.get_file(sent.file_id), limit)
    except TooLarge as e:  # a size no one declared is found while reading, which stops past the limit
        if e.size is None:
            await reply(update, "add.too_large_unknown", name=name, limit=limit / 1e6)
        else:
            await reply(update, "add.too_large", name=name, size=e.size / 1e6, limit=limit / 1e6)
        return
    await _draft(update, context, lambda settings: prepare_file(settings, data, name))


async def url_sent(update: Update, context: BotContext) -> None:
    """A bare URL in a private chat: an admin's new document from the web."""
    if not await refuse(update, context, "a URL"):
        return
    assert context.matches  # set by the handler's Regex(URL) filter
    url = context.matches[0][1]
    await _draft(update, context, lambda settings: prepare_url(settings, url))


async def add_command(update: Update, context: BotContext) -> None:
    """/add URL (admins); a file can simply be sent."""
    if not await refuse(update, context, "/add"):
        return
    if not context.args or not URL.match(context.args[0]):
        await reply(update, "add.usage")
        return
    url = context.args[0]
    await _draft(update, context, lambda settings: prepare_url(settings, url))


async def _draft(update: Update, context: BotContext, make) -> None:
    lang = lang_of(update)
    status = await reply(update, "add.reading")
    try:
        draft: Draft = await asyncio.to_thread(make, context.settings)
    except CitebotError as e:
        await status.edit_text(say("add.failed", lang, error=reason(e, lang)))
        return
    key = secrets.token_hex(4)
    await asyncio.to_thread(drafts(context).put, key, draft)
    await _show_draft(status, key, draft, lang)


async def _show_draft(message: Message, key: str, draft: Draft, lang: str, edit: bool = True) -> None:
    markup = keyboard(render.draft_buttons(key, lang))
    card = render.draft_card(draft, lang)
    if edit:
        await message.edit_text(card, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True)
    else:
        await message.reply_html(card, reply_markup=markup, disable_web_page_preview=True)


async def draft_button(update: Update, context: BotContext) -> None:
    """Confirm, cancel, or edit a field of a draft."""
    query = update.callback_query
    lang = lang_of(update)
    if not h.is_admin(update, context):
        await query.answer(say("admin.refuse_change", lang))
        return
    parts = (query.data or "").split(":")
    draft = await asyncio.to_thread(drafts(context).get, parts[2]) if len(parts) >= 3 else None
    if draft is None:
        await query.answer(say("draft.expired", lang))
        return
    await query.answer()
    if parts[1] == "no":
        if await asyncio.to_thread(drafts(context).take, parts[2]):
            await query.edit_message_text(say("draft.cancelled", lang, title=draft.document.title[:200]))
    elif parts[1] == "ed" and len(parts) == 4 and parts[3] in EDITABLE:
        prompt = await query.message.reply_text(say(f"ask.{parts[3]}", lang, kinds=", ".join(KINDS)),
                                                reply_markup=ForceReply(selective=True))
        await _ask(context, update.effective_user.id, prompt, ("field", parts[2], parts[3]))
    elif parts[1] == "ok":
        await _confirm(update, context, parts[2])


async def _confirm(update: Update, context: BotContext, key: str) -> None:
    draft = await asyncio.to_thread(drafts(context).take, key)
    if draft is None:  # a double press (on this worker or another): the first one is adding it
        return
    lang = lang_of(update)
    try:
        doc = await asyncio.to_thread(commit_draft, context.settings, draft)
    except CitebotError as e:
        await update.callback_query.edit_message_text(say("add.failed", lang, error=reason(e, lang)))
        return
    await update.callback_query.edit_message_text(say(
        "add.done", lang, id=doc.id, title=doc.title[:200], publisher=doc.publisher or say("publisher.unknown", lang),
        date=date_label(doc, lang)))
    await changed(update, context, "add", f"{doc.id} ({draft.source[:100]})")


async def typed_value(update: Update, context: BotContext) -> None:
    """The value the bot asked for: a draft's field, or a reader's note on their report."""
    user = update.effective_user.id
    message = update.effective_message
    assert message  # filters.TEXT: a message
    asked = _awaiting(context).waiting.pop(user, None) or await _asked_in(context, message, user)
    if asked is None:  # a reply to something else: what the message would be without the handler
        await (url_sent(update, context) if URL.match(message.text or "") else h.search_text(update, context))
        return
    kind, *what = asked
    text, lang = message.text, lang_of(update)
    assert text is not None  # filters.TEXT
    if kind == "note":
        kept = await asyncio.to_thread(journal(context).add_note, what[0], user, text)
        await reply(update, _note_said(what[0], kept), id=what[0])
        return
    key, name = what
    draft = await asyncio.to_thread(drafts(context).get, key)
    if draft is None:
        await reply(update, "draft.expired")
        return
    try:
        draft.set(name, text)
    except CitebotError as e:
        prompt = await message.reply_text(say("draft.invalid", lang, error=reason(e, lang)),
                                          reply_markup=ForceReply(selective=True))
        await _ask(context, user, prompt, (kind, key, name))
        return
    await asyncio.to_thread(drafts(context).put, key, draft)
    await _show_draft(message, key, draft, lang, edit=False)


async def _ask(context: BotContext, user: int, prompt: Message, asked: tuple) -> None:
    """Remember what the bot asked `user` for with `prompt`: here, and for a reply reaching another worker."""
    _awaiting(context).waiting[user] = (*asked, prompt.message_id) if asked[0] == "note" else asked
    key = _asked_key(prompt.chat_id, prompt.message_id)
    await context.state.shared.remember(key, json.dumps([user, *asked]))
    await context.state.shared.remember(f"asking:{user}", key)  # so /cancel on any worker finds it


async def cancel_command(update: Update, context: BotContext) -> None:
    """/cancel: stop waiting for the value last asked for; the draft or report stays as it was."""
    user = update.effective_user.id
    asked = _awaiting(context).waiting.pop(user, None)
    shared = context.state.shared
    if (key := await shared.recall(f"asking:{user}")) and (stored := await shared.recall(key)):
        asked = asked or tuple(json.loads(stored)[1:])
        await shared.remember(key, "")  # a late reply to that prompt is a search again
    await shared.remember(f"asking:{user}", "")
    if not asked:
        await reply(update, "cancel.nothing")
    elif asked[0] == "note":
        await reply(update, "cancel.note_spooled" if isinstance(asked[1], str) else "cancel.note", id=asked[1])
    else:
        await reply(update, "cancel.field", field=field_names([asked[2]], lang_of(update)))


async def _asked_in(context: BotContext, message: Message, user: int) -> tuple | None:
    """What the bot asked for with the message `message` replies to, if it asked this user (once)."""
    prompt = message.reply_to_message
    if prompt is None:
        return None
    key = _asked_key(prompt.chat_id, prompt.message_id)
    stored = await context.state.shared.recall(key)
    if not stored or json.loads(stored)[0] != user:
        return None
    await context.state.shared.remember(key, "")  # answered: a second reply to the same prompt is a search
    return tuple(json.loads(stored)[1:])


def _note_said(report_id: int | str, kept: bool | str) -> str:
    """What the reader is told of their note: added, or waiting in the spool (a str) for the database."""
    if isinstance(kept, str):
        return "report.note_spooled"
    return "report.note_added_yours" if isinstance(report_id, str) else "report.note_added"


def _asked_key(chat_id: int, message_id: int) -> str:
    return f"ask:{chat_id}:{message_id}"


def drafts(context: BotContext) -> Drafts:
    """Documents admins are adding, on disk in the collection folder every worker mounts."""
    return Drafts(context.settings.collection / ".drafts")


# -- correcting and removing -------------------------------------------------------------------------


async def edit_command(update: Update, context: BotContext) -> None:
    """/edit ID FIELD VALUE (admins): correct one field of a document in the collection."""
    if not await refuse(update, context, "/edit"):
        return
    args = context.args or []
    if len(args) < 3 or args[1].lower() not in EDITABLE:
        await reply(update, "edit.usage", fields=", ".join(EDITABLE))
        return
    doc_id, name, value, lang = args[0], args[1].lower(), " ".join(args[2:]), lang_of(update)
    try:
        entry = await asyncio.to_thread(edit_document, context.settings, doc_id, name, value)
    except CitebotError as e:
        await reply(update, "edit.failed", error=reason(e, lang))
        return
    await reply(update, "edit.done", id=doc_id, field=template(f"field.{name}", lang),
                value=str(entry.get(name) or say("unknown", lang)))
    await changed(update, context, "edit", f"{doc_id} {name}={entry.get(name)!r}")


async def people_command(update: Update, context: BotContext) -> None:
    """/people merge NAME | OTHER, /people split NAME | OTHER (admins): one person under two spellings, or two
    people the reindex would join; kept in the collection's config, then the ordinary reindex."""
    if not await refuse(update, context, "/people"):
        return
    args = context.args or []
    names = [n.strip() for n in " ".join(args[1:]).split("|")]
    what = args[0].lower() if args else ""
    if what not in ("merge", "split") or len(names) != 2 or not all(names):
        await reply(update, "people.usage")
        return
    try:
        await asyncio.to_thread(change_people, context.settings.people_file, what, names[0], names[1])
    except CitebotError as e:
        await reply(update, "people.failed", error=reason(e, lang_of(update)))
        return
    if what == "merge":
        await reply(update, "people.merge_done", name=names[0], other=names[1])
    else:
        await reply(update, "people.split_done", name=names[0], other=names[1])
    await changed(update, context, f"people {what}", f"{names[0]} | {names[1]}")


async def remove_command(update: Update, context: BotContext) -> None:
    """/remove ID (admins): asks for confirmation first."""
    if not await refuse(update, context, "/remove"):
        return
    if not context.args:
        await reply(update, "remove.usage")
        return
    lang = lang_of(update)
    try:
        entry = await asyncio.to_thread(collection_entry, context.settings, context.args[0])
    except CitebotError as e:
        await reply(update, "remove.failed", error=reason(e, lang))
        return
    doc_id = entry["id"]
    await update.effective_message.reply_text(
        say("remove.ask", lang, id=doc_id, title=str(entry.get("title"))[:200]),
        reply_markup=keyboard([[(say("button.remove", lang), f"rm:ok:{doc_id}"),
                                (say("button.keep", lang), f"rm:no:{doc_id}")]]))


async def remove_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    lang = lang_of(update)
    if not h.is_admin(update, context):
        await query.answer(say("admin.refuse_change", lang))
        return
    await query.answer()
    _, choice, doc_id = (query.data or "::").split(":", 2)
    if choice != "ok":
        await query.edit_message_text(say("remove.kept", lang, id=doc_id))
        return
    try:
        await asyncio.to_thread(remove_document, context.settings, doc_id)
    except CitebotError as e:
        await query.edit_message_text(say("remove.failed", lang, error=reason(e, lang)))
        return
    await query.edit_message_text(say("remove.done", lang, id=doc_id))
    await changed(update, context, "remove", doc_id)


# -- reindex and stats, audited ------------------------------------------------------------------


async def reindex_command(update: Update, context: BotContext, wait: bool = False) -> None:
    """/reindex, recorded in the audit log and asked for on disk (ReindexRequests) when an admin runs it."""
    if h.is_admin(update, context):
        await asyncio.to_thread(ReindexRequests(context.settings).ask, f"/reindex by {_who(update)}")
        await audit(update, context, "reindex", "")
    await h.reindex_command(update, context, wait)


async def stats_command(update: Update, context: BotContext) -> None:
    """/stats, then (in a private chat, not to a group) the open reports and the latest admin actions."""
    await h.stats_command(update, context)
    if h.is_admin(update, context) and update.effective_chat.type == ChatType.PRIVATE:
        j = journal(context)
        try:
            entries, open_reports = await asyncio.to_thread(lambda: (j.audit(10), j.open_count()))
        except DatabaseError as e:
            await _database_down(update, j, e)
            return
        await update.effective_message.reply_html(render.audit_lines(entries, open_reports, lang_of(update)))


async def _database_down(update: Update, j: Journal, error: DatabaseError) -> None:
    """An admin asked to read the database while it is down: say so, and what waits in this worker's spool."""
    waiting = await asyncio.to_thread(j.spooled)
    await reply(update, "database.down", error=reason(error, lang_of(update)), count=waiting)


# -- readers' reports ----------------------------------------------------------------------------


def _tag(result) -> str:
    """A short fingerprint of an excerpt, so a button never reports a different one after a reindex."""
    return hashlib.blake2b(f"{result.document.id}:{result.start}:{result.end}".encode(), digest_size=3).hexdigest()


async def report_button(update: Update, context: BotContext) -> None:
    """rp:KEY:PAGE → pick the excerpt; rp:KEY:PAGE:N.TAG → pick the reason; rp:KEY:PAGE:N.TAG:REASON → stored."""
    query = update.callback_query
    lang = lang_of(update)
    parts = (query.data or "").split(":")
    message = query.message if isinstance(query.message, Message) else None  # None: too old to reply under
    problem = await _report_step(update, context, message, parts, lang)
    if problem:
        await query.answer(say(problem, lang))


async def report_command(update: Update, context: BotContext) -> None:
    """/report, sent as a reply to one of my answers: the same steps as its ⚑ button."""
    message, lang = update.effective_message, lang_of(update)
    replied = message.reply_to_message
    mine = replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id
    data = next((b.callback_data for row in (replied.reply_markup.inline_keyboard if mine and replied.reply_markup
                                             else ()) for b in row
                 if isinstance(b.callback_data, str) and b.callback_data.startswith("rp:")), None)
    if data is None:
        await reply(update, "report.how")
        return
    if problem := await _report_step(update, context, message, data.split(":"), lang):
        await reply(update, problem)


async def _report_step(update: Update, context: BotContext, where: Message | None, parts: list[str],
                       lang: str) -> str | None:
    """Take the report as far as `parts` says, replying under `where`; a catalogue key when it cannot."""
    asked = await context.state.recall(parts[1]) if len(parts) >= 3 else None
    page = number(parts[2]) if len(parts) >= 3 else None
    if asked is None or page is None or where is None:
        return "report.expired"
    answer = await answer_line(context, *asked)
    size = context.bot_settings.page_size
    shown = answer.results[page * size:(page + 1) * size]
    picked, tag = (parts[3].split(".") + [""])[:2] if len(parts) >= 4 else ("0" if len(shown) == 1 else "", "")
    pick = number(picked)
    if not shown or (pick is not None and (pick >= len(shown) or (tag and tag != _tag(shown[pick])))):
        return "report.changed"
    if update.callback_query:
        await update.callback_query.answer()
    base = f"rp:{parts[1]}:{page}"
    if pick is None:
        rows = [[(str(page * size + n + 1), f"{base}:{n}.{_tag(r)}") for n, r in enumerate(shown)]]
        await where.reply_html(render.report_picker(shown, page * size + 1, lang), reply_markup=keyboard(rows))
    elif len(parts) < 5:
        rows = [[(say(f"report.reason.{reason}", lang), f"{base}:{pick}.{_tag(shown[pick])}:{reason}")]
                for reason in REASONS]
        await where.reply_html(render.report_reasons(shown[pick], lang), reply_markup=keyboard(rows),
                               disable_web_page_preview=True)
    elif parts[4] in REASONS:
        # a follow-up's question is its thread: "what did he say?" alone would not tell an admin whom it meant
        await _store_report(update, context, answer, shown[pick], " → ".join(asked.thread()), parts[4], lang)
    return None


async def _store_report(update, context, answer, result, line: str, reason: str, lang: str) -> None:
    user = update.effective_user
    report_id = await asyncio.to_thread(
        journal(context).report, user_id=user.id, doc=result.document.id, start=result.start, end=result.end,
        generation=answer.generation, question=line, reason=reason, excerpt=result.excerpt)
    said = "report.spooled" if isinstance(report_id, str) else "report.recorded"  # str: waits in the spool
    await update.callback_query.edit_message_text(say(said, lang, id=report_id,
                                                      reason=say(f"report.reason.{reason}", lang)))
    prompt = await update.callback_query.message.reply_text(say("report.note_prompt", lang),
                                                            reply_markup=ForceReply(selective=True))
    await _ask(context, user.id, prompt, ("note", report_id))
    await notify_admins(context)


async def notify_admins(context: BotContext) -> None:
    """Tell admins of new reports now if the last notice is an hour old, else once the hour is up."""
    j = journal(context)
    try:
        wait = await asyncio.to_thread(j.seconds_until_notice, NOTICE_EVERY)
    except DatabaseError as e:  # the report waits in the spool; replay_spool tells the admins once it is filed
        log.warning("admins not told of new reports yet: %s", e)
        return
    if wait > 0:
        task = context.state.notice_task
        if task is None or task.done():
            context.state.notice_task = asyncio.create_task(_notice_later(context, wait))
        return
    await _send_notice(context)


async def _notice_later(context: BotContext, wait: float) -> None:
    await asyncio.sleep(wait + 1)
    await _send_notice(context)


async def _send_notice(context: BotContext) -> None:
    try:
        fresh = await asyncio.to_thread(journal(context).take_unnotified, NOTICE_EVERY)
    except DatabaseError as e:
        log.warning("admins not told of new reports yet: %s", e)
        return
    if not fresh:
        return
    for admin in context.bot_settings.admins:
        lang = await context.state.shared.recall(f"lang:{admin}") or context.state.admin_langs.get(admin, DEFAULT)
        try:
            await context.bot.send_message(admin, render.report_notice(fresh, lang), parse_mode=ParseMode.HTML)
        except Exception:  # noqa: BLE001 - an admin who never opened the bot cannot be messaged
            log.warning("could not tell admin %s about new reports", admin)


async def reports_command(update: Update, context: BotContext) -> None:
    """/reports (admins): open reports, newest first, each with resolve and open buttons, REPORTS_PAGE at a time.

    Readers' notes are for admins only: asked in a group, the reports go to the admin's private chat."""
    lang = lang_of(update)
    if not await h.admins_only(update, context, "/reports", say("admin.refuse_reports", lang)):
        return
    private = update.effective_chat.type == ChatType.PRIVATE
    try:
        await send_reports(context, update.effective_chat.id if private else update.effective_user.id, 0, lang)
    except DatabaseError as e:
        await _database_down(update, journal(context), e)
        return
    except (Forbidden, BadRequest):  # an admin who never opened a private chat with the bot
        await reply(update, "reports.open_private", bot=context.bot.username or "citebot")
        return
    if not private:
        await reply(update, "reports.in_private")


async def send_reports(context: BotContext, chat_id: int, first: int, lang: str) -> None:
    """The open reports from the `first`-th (newest first) to `chat_id`; the last card has "More" if more are open."""
    j = journal(context)
    found, total = await asyncio.to_thread(lambda: (j.reports("open", first + REPORTS_PAGE + 1), j.open_count()))
    shown = found[first:first + REPORTS_PAGE]
    if not shown:
        await context.bot.send_message(chat_id, say("reports.none", lang))
        return
    heading: str = counted("reports.count", total, lang)
    if total > len(shown):
        heading += "\n" + say("page.range", lang, first=first + 1, last=first + len(shown), total=total)
    await context.bot.send_message(chat_id, heading)
    for n, r in enumerate(shown, 1):
        rows = [[(say("button.resolve", lang), f"rs:{r.id}"), (say("button.open_doc", lang), f"doc:{r.doc}")]]
        if n == len(shown) and len(found) > first + REPORTS_PAGE:
            rows.append([(say("button.more", lang), f"rq:{first + REPORTS_PAGE}")])
        await context.bot.send_message(chat_id, render.report_card(r, lang), parse_mode=ParseMode.HTML,
                                       reply_markup=keyboard(rows))


async def more_reports_button(update: Update, context: BotContext) -> None:
    """"rq:N": the next page of open reports, in the admin's private chat."""
    query = update.callback_query
    lang = lang_of(update)
    first = number((query.data or "")[3:])
    if not h.is_admin(update, context) or first is None or update.effective_chat.type != ChatType.PRIVATE:
        await query.answer(say("admin.refuse_reports", lang))
        return
    await query.answer()
    try:
        await send_reports(context, update.effective_chat.id, first, lang)
    except DatabaseError as e:
        await _database_down(update, journal(context), e)


async def resolve_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    lang = lang_of(update)
    if not h.is_admin(update, context):
        await query.answer(say("admin.refuse_resolve", lang))
        return
    report_id = number((query.data or "")[3:])
    try:
        done = report_id is not None and await asyncio.to_thread(journal(context).resolve, report_id,
                                                                 update.effective_user.id)
    except DatabaseError:  # a resolve must see the report open: it cannot wait in the spool
        await query.answer(say("reports.database_down", lang), show_alert=True)
        return
    if not done:
        await query.answer(say("reports.gone", lang))
        return
    await query.answer(say("reports.resolved", lang, id=report_id))
    await query.edit_message_text(say("reports.resolved_by", lang, id=report_id, who=_who(update)))
    await audit(update, context, "resolve", f"report #{report_id}")


# -- the spool -----------------------------------------------------------------------------------


async def replay_spool(app: Application) -> None:
    """For the worker's whole life (a task): write what waits in this host's spool once the database is back,
    then tell the admins of the reports among it (the usual hourly batching applies)."""
    context = BotContext(app)
    next_left_over = 0.0
    while True:
        await asyncio.sleep(REPLAY_EVERY)
        if time.monotonic() >= next_left_over:
            next_left_over = time.monotonic() + LEFT_OVER_EVERY
            await reindex_left_over(context)
        j = journal(context)
        try:
            if j.spool is None or not j.spool.waiting():
                continue
            if await asyncio.to_thread(j.replay):
                await notify_admins(context)
        except Exception:  # noqa: BLE001 - the next round tries again; this task must outlive any one failure
            log.exception("replaying the spool failed")


async def reindex_left_over(context: BotContext) -> None:
    """One reindex for the requests a reindex never covered (its worker died, or it failed): a confirmed
    document is always indexed in the end."""
    requests = ReindexRequests(context.settings)
    try:
        if not await asyncio.to_thread(requests.left_over, LEFT_OVER):
            return
        async with context.state.shared.lock("reindex", ttl=h.REINDEX_LOCK_SECONDS):
            asked = await asyncio.to_thread(requests.waiting)
            report = await asyncio.to_thread(reindex_corpus, context.settings)  # and settles them
        log.warning("reindexed for %d request(s) left over (%s): %d documents", len(asked),
                    "; ".join(r.data.get("why", "") for r in asked[:5]), report.documents)
    except LockBusy:
        return  # another worker is building now; what it does not cover is left over next time
    except CitebotError as e:
        log.warning("a reindex for requests left over failed (tried again in %d s): %s", LEFT_OVER_EVERY, e)
