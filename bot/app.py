"""Build and run the Telegram application: a table of contents of the handlers."""

from __future__ import annotations

import asyncio
import logging

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from citebot.index import Answerer, Settings

from . import admin as admin_handlers
from . import buttons as b
from . import handlers as h
from . import inline, tls
from .backlog import Backlog
from .catalogue import DEFAULT, languages, say
from .ratelimit import SharedRateLimiter
from .settings import BotSettings
from .shared_state import Budget, MemoryState, SharedState
from .state import CONTEXT_TYPES
from .webhook import serve as serve_webhook
from .webhook import webhook_secret

MENU = ("who", "quote", "source", "docs", "report", "help")
# Connections to the Bot API held open for sending, and calls in flight at once (bot/ratelimit.py). httpcore
# checks every idle connection on every call, so PTB's 256 cost more CPU per reply than the network they save:
# 16 keep up with Telegram's 30 messages a second at any round trip up to half a second.
CONNECTIONS = 16
CONCURRENT = 256  # updates handled at once (PTB's default for concurrent_updates(True)), and fetched ahead at most
# Telegram keeps a bot's menus from its last launch, so they are registered a second after this one: begun at once,
# their ten calls' work ran between the first getUpdates and the first answer, slowing both.
MENUS_AFTER = 1.0
ADMIN_MENU = MENU + ("reindex", "stats", "add", "edit", "remove", "people", "reports", "cancel")


def menu(names: tuple[str, ...], lang: str = DEFAULT) -> list[BotCommand]:
    return [BotCommand(name, say(f"menu.{name}", lang)) for name in names]


COMMANDS = menu(MENU)
# What a person can send that is not text; in a private chat each gets one line on what the bot reads.
UNSUPPORTED = (filters.PHOTO | filters.Sticker.ALL | filters.VOICE | filters.VIDEO | filters.VIDEO_NOTE
               | filters.AUDIO | filters.Document.ALL | filters.ANIMATION | filters.LOCATION | filters.CONTACT
               | filters.POLL | filters.Dice.ALL | filters.VENUE)
ADMIN_COMMANDS = menu(ADMIN_MENU)


def open_state(settings: BotSettings) -> SharedState:
    """Redis when `state.redis_url` is set, else this process's memory."""
    budget = Budget.telegram(settings.messages_per_second)
    if settings.redis_url:
        from .redis_state import RedisState  # only a deployment with Redis needs the client

        return RedisState(settings.redis_url, budget)
    return MemoryState(budget)


def requests(connections: int, read_timeout: float, connect_timeout: float = 5.0, write_timeout: float = 5.0,
             pool_timeout: float = 1.0) -> HTTPXRequest:
    """PTB's HTTP client for Bot API calls, with the TLS settings every client of the process shares: PTB's
    builder made two, each loading the CA certificates again (50 ms of start-up apiece). Timeouts in seconds;
    the defaults are PTB's own."""
    return HTTPXRequest(connection_pool_size=connections, read_timeout=read_timeout, connect_timeout=connect_timeout,
                        write_timeout=write_timeout, pool_timeout=pool_timeout, httpx_kwargs={"verify": tls.context()})


def build(settings: Settings, bot_settings: BotSettings, token: str, shared: SharedState | None = None,
          answerer: Answerer | None = None) -> Application:
    """The application; `shared` is the state workers share (default: Redis if configured, else memory); `answerer`:
    one already opened (default: a new one, which opens the index at the first question)."""
    shared = shared or open_state(bot_settings)
    builder = (
        Application.builder()
        .token(token)
        .rate_limiter(SharedRateLimiter(shared, max_retries=5, connections=CONNECTIONS))
        .concurrent_updates(CONCURRENT)
        .update_queue(Backlog(CONCURRENT))
        .request(requests(CONNECTIONS, connect_timeout=10, read_timeout=15, write_timeout=15, pool_timeout=10))
        .get_updates_request(requests(1, read_timeout=bot_settings.poll_timeout + 5))  # a hung long poll is dropped soon
        .post_init(post_init)
        .post_stop(post_stop)
        .context_types(CONTEXT_TYPES)
    )
    if bot_settings.base_url:
        base = bot_settings.base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(bot_settings.base_file_url or base.replace("/bot", "/file/bot"))
    app = builder.build()
    app.bot_data.configure(settings, bot_settings, answerer or Answerer(settings), shared)

    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    app.add_handler(TypeHandler(Update, h.flood_guard), group=-1)
    app.add_handler(CommandHandler("start", h.start))
    app.add_handler(CommandHandler("help", h.help_command))
    app.add_handler(CommandHandler(["who", "quote", "source", "docs", "doc"], h.ask_command))
    app.add_handler(CommandHandler("reindex", admin_handlers.reindex_command))  # audited
    app.add_handler(CommandHandler("stats", admin_handlers.stats_command))  # with the audit log
    admin_handlers.register(app)  # adding documents, reports: before the plain-text search
    app.add_handler(MessageHandler(filters.Regex(r"^/doc_([0-9]{1,6})(?:@\w+)?$"), h.doc_number))
    app.add_handler(MessageHandler(filters.COMMAND, h.unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & private, h.search_text))
    app.add_handler(MessageHandler(filters.CAPTION & private, h.search_text))
    app.add_handler(MessageHandler(filters.TEXT & groups, h.group_text))
    app.add_handler(MessageHandler(UNSUPPORTED & private, h.unsupported))
    app.add_handler(ChatMemberHandler(h.joined, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CallbackQueryHandler(b.page_button, pattern=r"^pg:"))
    app.add_handler(CallbackQueryHandler(b.person_button, pattern=r"^wh:"))
    app.add_handler(CallbackQueryHandler(b.doc_button, pattern=r"^doc:"))
    app.add_handler(CallbackQueryHandler(b.excerpt_button, pattern=r"^(dc|ct):"))
    app.add_handler(CallbackQueryHandler(b.file_button, pattern=r"^cf:"))
    app.add_handler(CallbackQueryHandler(b.context_button, pattern=r"^c[xp]:"))
    app.add_handler(CallbackQueryHandler(b.docs_button, pattern=r"^docs$"))
    app.add_handler(CallbackQueryHandler(b.example_button, pattern=r"^ex:"))
    app.add_handler(CallbackQueryHandler(b.unknown_button))
    app.add_handler(InlineQueryHandler(inline.inline_query))
    app.add_error_handler(h.on_error)
    return app


async def post_init(app: Application) -> None:
    """Start the spool's replayer and the menus' registration; neither holds up the first getUpdates."""
    app.bot_data.replayer = asyncio.create_task(admin_handlers.replay_spool(app))  # see index/collection/spool.py
    # Ten Bot API calls, one after another: awaited here they delayed the first answer by as many round trips.
    app.bot_data.menus = asyncio.create_task(register_menus(app, after=MENUS_AFTER))


async def register_menus(app: Application, after: float = 0.0) -> None:
    """Register the command menu, in each translated language too; admins see the admin commands in their
    private chats, also in each language (Telegram picks the one of the admin's app). `after`: seconds to wait first."""
    await asyncio.sleep(after)
    try:
        await app.bot.set_my_commands(COMMANDS, scope=BotCommandScopeDefault())
        await describe(app, DEFAULT, None)
        for lang in languages():
            await app.bot.set_my_commands(menu(MENU, lang), scope=BotCommandScopeDefault(), language_code=lang)
            await describe(app, lang, lang)
    except Exception:  # noqa: BLE001 - the bot answers without its menu; the next start registers it
        logging.getLogger(__name__).exception("could not register the command menus")
        return
    for admin in app.bot_data.bot_settings.admins:
        try:
            await app.bot.set_my_commands(ADMIN_COMMANDS, scope=BotCommandScopeChat(admin))
            for lang in languages():
                await app.bot.set_my_commands(menu(ADMIN_MENU, lang), scope=BotCommandScopeChat(admin),
                                              language_code=lang)
        except Exception:  # noqa: BLE001 - an admin who never opened the bot has no chat yet
            logging.getLogger(__name__).warning("could not set admin commands for %s", admin)


async def post_stop(app: Application) -> None:
    """Stop replaying the spool (what still waits there stays for the next start) and registering menus."""
    for task in (app.bot_data.replayer, app.bot_data.menus):
        if task:
            task.cancel()


async def describe(app: Application, lang: str, language_code: str | None) -> None:
    """What Telegram shows before /start (the description) and on the bot's profile (the short one)."""
    s = app.bot_data.bot_settings
    collection = s.collection_name or say("default_collection", lang)
    await app.bot.set_my_description(say("bot.description", lang, collection=collection),
                                     language_code=language_code)
    await app.bot.set_my_short_description(say("bot.short_description", lang, collection=collection)[:120],
                                           language_code=language_code)


def serve(settings: Settings, bot_settings: BotSettings, token: str, webhook: bool = False,
          answerer: Answerer | None = None) -> None:
    app = build(settings, bot_settings, token, answerer=answerer)
    if webhook:
        if not bot_settings.webhook_url:
            raise SystemExit("citebot serve --webhook needs telegram.webhook_url (or CITEBOT_TELEGRAM_WEBHOOK_URL)")
        # Every worker behind the load balancer must check the same secret: see webhook_secret().
        asyncio.run(serve_webhook(app, bot_settings, app.bot_data.shared, webhook_secret(bot_settings, token)))
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES, timeout=bot_settings.poll_timeout, poll_interval=0,
                        bootstrap_retries=-1)
