"""bot/'s settings table: Telegram, the state workers share, and how answers are shown and introduced.

Declared with the index's `setting()` helper and read by the same loader, from
the same file (config/citebot.yaml) and environment as the index's `Settings`
(README, Settings): one mechanism, two tables, and index/ knows nothing of
Telegram. The bot token is never read from the file: only from
TELEGRAM_BOT_TOKEN or the file named by TELEGRAM_BOT_TOKEN_FILE.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from citebot.index import ConfigError, Settings, SettingsSource, setting


@dataclass(frozen=True)
class BotSettings:
    """What only the bot reads: paging, Telegram, the collection's introduction, the shared state."""

    page_size: int = setting("limits.page_size", 3, "excerpts per message; \"More\" pages through the rest")
    admins: frozenset[int] = setting("telegram.admins", frozenset(),
                                     "Telegram user ids allowed to /reindex and /stats", env="CITEBOT_ADMINS")
    base_url: str | None = setting("telegram.base_url", None,
                                   "a self-hosted Bot API server, e.g. http://127.0.0.1:8081/bot")
    base_file_url: str | None = setting("telegram.base_file_url", None,
                                        "file downloads of a self-hosted Bot API server, e.g. http://127.0.0.1:8081/file/bot")
    webhook_url: str | None = setting("telegram.webhook_url", None, "public HTTPS URL for `citebot serve --webhook`")
    webhook_listen: str = setting("telegram.webhook_listen", "0.0.0.0", "address the webhook server binds")
    webhook_port: int = setting("telegram.webhook_port", 8443, "port the webhook server binds")
    webhook_secret: str | None = setting("telegram.webhook_secret", None,
                                         "better set in the environment; derived from the bot token when unset "
                                         "(the same in every worker)", secret=True)
    flood_messages: int = setting("telegram.flood_messages", 20, "per user, within flood_seconds")
    flood_seconds: int = setting("telegram.flood_seconds", 10, "the flood guard's window")
    flood_answer_seconds: int = setting("telegram.flood_answer_seconds", 5,
                                        "CPU seconds of answers per user within flood_seconds, on each worker; "
                                        "0 = no budget")
    inline_flood_queries: int = setting("telegram.inline_flood_queries", 60,
                                        "inline queries per user within flood_seconds (they arrive as people type; "
                                        "counted apart from messages)")
    inline_cache_seconds: int = setting("telegram.inline_cache_seconds", 300, "how long Telegram caches inline results")
    poll_timeout: int = setting("telegram.poll_timeout", 10, "long-polling timeout, seconds")
    messages_per_second: int = setting("telegram.messages_per_second", 30,
                                       "outgoing, as Telegram allows a bot; 0 = no limit (self-hosted server)")
    collection_name: str | None = setting("collection.name", None,
                                          "what the collection is about: /start, /help, the group intro")
    collection_description: str | None = setting("collection.description", None, "one sentence on the documents")
    collection_language: str | None = setting("collection.language", None,
                                              "the documents' language, in words (\"English\")")
    collection_name_fa: str | None = setting("collection.name_fa", None,
                                             "the name in Persian, for readers using Telegram in Persian")
    collection_description_fa: str | None = setting("collection.description_fa", None, "the sentence in Persian")
    citation_style: str = setting("collection.citation_style", "apa",
                                  "❝ Cite's reference style: a CSL style name (apa, chicago-author-date, ...)")
    redis_url: str | None = setting("state.redis_url", None,
                                    "Redis shared by several workers, e.g. redis://redis:6379/0; "
                                    "unset = this process's memory", secret=True)


# Every table the program reads from config/citebot.yaml, in the order the file documents them.
TABLES: tuple[type, ...] = (Settings, BotSettings)


def load(path: Path | str | None = None, env: Mapping[str, str] | None = None) -> tuple[Settings, BotSettings]:
    """Both tables from the settings file (if any) and the environment; a key neither declares is an error."""
    source = SettingsSource(TABLES, path, env)
    return source.table(Settings), source.table(BotSettings)


def bot_token(env: Mapping[str, str] | None = None) -> str | None:
    """The bot token from TELEGRAM_BOT_TOKEN, or the file TELEGRAM_BOT_TOKEN_FILE names."""
    env = os.environ if env is None else env
    if token := env.get("TELEGRAM_BOT_TOKEN", "").strip():
        return token
    if file := env.get("TELEGRAM_BOT_TOKEN_FILE"):
        try:
            return Path(file).read_text().strip() or None
        except OSError as e:
            raise ConfigError(f"TELEGRAM_BOT_TOKEN_FILE: cannot read {file} ({e.strerror})") from None
    return None
