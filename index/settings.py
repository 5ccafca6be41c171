"""Settings: one table, `Settings`, read from `config/citebot.yaml` and the environment.

Each setting is declared once, as a field of `Settings`: its attribute, dotted
YAML key, type, default and help. The environment names
(CITEBOT_ + the key in capitals, dots as underscores: CITEBOT_LIMITS_PAGE_SIZE),
the documented defaults (`citebot config --defaults`, the bundled
config/citebot.yaml) and `citebot config` (the effective settings, secrets
masked) all come from it. Validated once, at start-up, with errors that name
the key. The bot token is never read from YAML: only from TELEGRAM_BOT_TOKEN
or the file named by TELEGRAM_BOT_TOKEN_FILE.
"""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from .errors import ConfigError

DEFAULT_FILE = Path("config/citebot.yaml")


def setting(key: str, default, help: str, *, env: str | None = None, secret: bool = False):
    """One row of the settings table. Relative paths are relative to the folder holding config/."""
    return field(default=default, repr=not secret,
                 metadata={"key": key, "help": help, "env": env, "secret": secret})


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = setting("corpus_dir", Path("corpus"), "the bundled documents and sources.yaml")
    index_dir: Path = setting("index_dir", Path("var/index"), "index generations (written by reindex)")
    people_file: Path = setting("people_file", Path("config/people.yaml"), "canonical names and spellings")
    glossary_file: Path | None = setting("glossary_file", None,
                                         "Persian words and the English the documents use; unset: beside people_file")
    collection_dir: Path | None = setting("collection_dir", None,
                                          "documents admins add (writable); unset: beside index_dir")
    database: Path | None = setting("database", None, "readers' reports and the audit log (SQLite); unset: beside index_dir")
    database_url: str | None = setting("database_url", None,
                                       "PostgreSQL for reports and the audit log instead of the SQLite file (workers on "
                                       "several hosts); holds a password: set CITEBOT_DATABASE_URL in the environment",
                                       secret=True)
    max_file_bytes: int = setting("limits.max_file_bytes", 20_000_000,
                                  "larger corpus files are skipped, with the reason in the report")
    page_size: int = setting("limits.page_size", 3, "excerpts per message; \"More\" pages through the rest")
    max_results: int = setting("limits.max_results", 50, "excerpts kept per answer")
    max_query_chars: int = setting("limits.max_query_chars", 300, "longer queries are cut, with a note")
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
    inline_cache_seconds: int = setting("telegram.inline_cache_seconds", 300, "how long Telegram caches inline results")
    poll_timeout: int = setting("telegram.poll_timeout", 10, "long-polling timeout, seconds")
    messages_per_second: int = setting("telegram.messages_per_second", 30,
                                       "outgoing, as Telegram allows a bot; 0 = no limit (self-hosted server)")
    timeout_seconds: int = setting("fetch.timeout_seconds", 20, "fetching a URL an admin sends gives up after this")
    max_redirects: int = setting("fetch.max_redirects", 5, "redirects followed, each checked like the first address")
    allow_private_urls: bool = setting("fetch.allow_private_urls", False,
                                       "fetch from loopback/private/link-local addresses (tests, intranets)")
    collection_name: str | None = setting("collection.name", None,
                                          "what the collection is about: /start, /help, the group intro")
    collection_description: str | None = setting("collection.description", None, "one sentence on the documents")
    collection_language: str | None = setting("collection.language", None,
                                              "the documents' language, in words (\"English\")")
    redis_url: str | None = setting("state.redis_url", None,
                                    "Redis shared by several workers, e.g. redis://redis:6379/0; "
                                    "unset = this process's memory", secret=True)

    @property
    def collection(self) -> Path:
        return self.collection_dir or self.index_dir.parent / "collection"

    @property
    def database_file(self) -> Path:
        return self.database or self.index_dir.parent / "citebot.sqlite"

    @property
    def database_at(self) -> Path | str:
        """Where reports and the audit log are: the PostgreSQL URL if one is set, else the SQLite file."""
        return self.database_url or self.database_file

    def effective(self) -> dict[str, object]:
        """{dotted key: value} with secrets masked: what `citebot config` prints."""
        return {f.metadata["key"]: ("***" if f.metadata["secret"] and getattr(self, f.name) else
                                    _plain(getattr(self, f.name)))
                for f in fields(self)}


def env_name(key: str) -> str:
    return "CITEBOT_" + key.upper().replace(".", "_")


def env_names() -> set[str]:
    """Every environment variable a setting reads."""
    return {env_name(f.metadata["key"]) for f in fields(Settings)} | {
        f.metadata["env"] for f in fields(Settings) if f.metadata["env"]}


def load(path: Path | str | None = None, env: typing.Mapping[str, str] | None = None) -> Settings:
    """Settings from the YAML file (if any) and the environment."""
    env = os.environ if env is None else env
    path = Path(path or env.get("CITEBOT_CONFIG") or DEFAULT_FILE)
    data = _read(path) if path.exists() else {}
    root = path.resolve().parent.parent if path.resolve().parent.name == "config" else Path.cwd()
    kinds = typing.get_type_hints(Settings)
    values = {}
    for f in fields(Settings):
        key, alias = f.metadata["key"], f.metadata["env"]
        name = alias if alias and alias in env else env_name(key)
        raw = env[name] if name in env else _get(data, key, f.default)
        values[f.name] = _convert(key, name if name in env else str(path), raw, kinds[f.name], root)
    return Settings(**values)


def defaults_yaml() -> str:
    """The documented defaults, as config/citebot.yaml holds them."""
    lines, section = [], None
    for f in fields(Settings):
        key = f.metadata["key"]
        top, _, sub = key.rpartition(".")
        if top != section:
            lines += ["", f"{top}:"] if top else [""]
            section = top
        value = yaml.safe_dump(_plain(f.default), default_flow_style=True).strip().removesuffix("\n...")
        indent = "  " if top else ""
        lines += [f"{indent}# {f.metadata['help']}", f"{indent}{sub}: {value}"]
    return "\n".join(lines).lstrip("\n") + "\n"


def bot_token(env: typing.Mapping[str, str] | None = None) -> str | None:
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


def _plain(value):
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML ({getattr(e, 'problem', e)})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    keys = {f.metadata["key"] for f in fields(Settings)}
    known = keys | {k.split(".")[0] for k in keys}
    for top, value in data.items():
        if top not in known:
            raise ConfigError(f"{path}: unknown key '{top}'")
        if isinstance(value, dict):
            for sub in value:
                if f"{top}.{sub}" not in keys:
                    raise ConfigError(f"{path}: unknown key '{top}.{sub}'")
    return data


def _get(data: dict, dotted: str, default):
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def _convert(key: str, where: str, raw, kind, root: Path):
    """`raw` (from YAML or the environment) as the setting's declared type."""
    if raw is None:
        return None
    base = next((a for a in typing.get_args(kind) if a is not type(None)), kind) if _optional(kind) else kind
    try:
        if base is Path:
            p = Path(str(raw)).expanduser()
            return p if p.is_absolute() else root / p
        if base is bool:
            if isinstance(raw, bool):
                return raw
            word = str(raw).strip().lower()
            if word in ("1", "true", "yes", "on", "0", "false", "no", "off", ""):
                return word in ("1", "true", "yes", "on")
            raise ValueError
        if base is int:
            if isinstance(raw, bool):
                raise ValueError
            return int(raw)
        if typing.get_origin(base) is frozenset:
            items = raw if isinstance(raw, list | frozenset | set) else str(raw).replace(",", " ").split()
            return frozenset(int(x) for x in items)
        return str(raw)
    except (TypeError, ValueError):
        what = "a list of Telegram user ids (numbers)" if typing.get_origin(base) is frozenset else base.__name__
        raise ConfigError(f"{where}: '{key}' must be {what}, got {raw!r}") from None


def _optional(kind) -> bool:
    return type(None) in typing.get_args(kind)
