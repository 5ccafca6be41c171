"""Settings: `config/citebot.yaml`, each key overridable by an environment variable.

`limits.page_size` is overridden by CITEBOT_LIMITS_PAGE_SIZE, `telegram.admins`
by CITEBOT_TELEGRAM_ADMINS (or CITEBOT_ADMINS), and so on. Validated once, at
start-up, with errors that name the key. The bot token is never read from
YAML: only from TELEGRAM_BOT_TOKEN or the file named by TELEGRAM_BOT_TOKEN_FILE.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ConfigError

DEFAULT_FILE = Path("config/citebot.yaml")


# key -> (type, default). Paths are relative to the project folder (the parent of config/).
KEYS: dict[str, tuple[type, object]] = {
    "corpus_dir": (Path, "corpus"),
    "index_dir": (Path, "var/index"),
    "people_file": (Path, "config/people.yaml"),
    "limits.max_file_bytes": (int, 20_000_000),
    "limits.page_size": (int, 3),
    "limits.max_results": (int, 50),
    "limits.max_query_chars": (int, 300),
    "telegram.admins": (list, []),
    "telegram.base_url": (str, None),
    "telegram.webhook_url": (str, None),
    "telegram.webhook_listen": (str, "0.0.0.0"),
    "telegram.webhook_port": (int, 8443),
    "telegram.webhook_secret": (str, None),
    "telegram.flood_messages": (int, 20),
    "telegram.flood_seconds": (int, 10),
    "telegram.inline_cache_seconds": (int, 300),
    "telegram.poll_timeout": (int, 10),
    "telegram.messages_per_second": (int, 30),
    "state.redis_url": (str, None),
}
ALIASES = {"telegram.admins": "CITEBOT_ADMINS"}


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path
    index_dir: Path
    people_file: Path
    max_file_bytes: int = 20_000_000
    page_size: int = 3
    max_results: int = 50
    max_query_chars: int = 300
    admins: frozenset[int] = frozenset()
    base_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str | None = field(default=None, repr=False)
    flood_messages: int = 20
    flood_seconds: int = 10
    inline_cache_seconds: int = 300
    poll_timeout: int = 10
    messages_per_second: int = 30  # Telegram's limit for a bot; 0 turns the limiter off (self-hosted servers)
    redis_url: str | None = field(default=None, repr=False)  # shared state for several workers; None = this process


def load(path: Path | str | None = None, env: dict[str, str] | None = None) -> Settings:
    """Settings from the YAML file (if any) and the environment."""
    env = os.environ if env is None else env
    path = Path(path or env.get("CITEBOT_CONFIG") or DEFAULT_FILE)
    data = _read(path) if path.exists() else {}
    root = path.resolve().parent.parent if path.resolve().parent.name == "config" else Path.cwd()
    values = {}
    for dotted, (kind, default) in KEYS.items():
        name = "CITEBOT_" + dotted.upper().replace(".", "_")
        if dotted in ALIASES and ALIASES[dotted] in env:
            name = ALIASES[dotted]
        raw = env[name] if name in env else _get(data, dotted, default)
        values[dotted.split(".")[-1]] = _convert(dotted, name if name in env else str(path), raw, kind, root)
    values["admins"] = frozenset(_admin_ids(values["admins"]))
    return Settings(**values)


def bot_token(env: dict[str, str] | None = None) -> str | None:
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


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML ({getattr(e, 'problem', e)})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
    known = {k.split(".")[0] for k in KEYS} | {k for k in KEYS}
    for top, value in data.items():
        if top not in known:
            raise ConfigError(f"{path}: unknown key '{top}'")
        if isinstance(value, dict):
            for sub in value:
                if f"{top}.{sub}" not in KEYS:
                    raise ConfigError(f"{path}: unknown key '{top}.{sub}'")
    return data


def _get(data: dict, dotted: str, default):
    node = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def _convert(dotted: str, where: str, raw, kind: type, root: Path):
    if raw is None:
        return None
    try:
        if kind is Path:
            p = Path(str(raw)).expanduser()
            return p if p.is_absolute() else root / p
        if kind is int:
            if isinstance(raw, bool):
                raise ValueError
            return int(raw)
        if kind is list:
            return raw if isinstance(raw, list) else [x for x in str(raw).replace(",", " ").split() if x]
        return str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: '{dotted}' must be {kind.__name__}, got {raw!r}") from None


def _admin_ids(values: list) -> list[int]:
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        raise ConfigError(f"telegram.admins: Telegram user ids are numbers, got {values!r}") from None
