"""Settings: tables of settings, read from `config/citebot.yaml` and the environment.

A table is a frozen dataclass whose fields are declared with `setting()`: each
setting once, with its attribute, dotted YAML key, type, default and help. The
index's table is `Settings` below; bot/ declares its own with the same helper
(bot/settings.py: Telegram, the state workers share, what the bot says the
collection is), so index/ knows nothing of Telegram. Everything else here works
on any tables: the environment names (CITEBOT_ + the key in capitals, dots as
underscores: CITEBOT_LIMITS_PAGE_SIZE, or a field's own `env=` alias), reading
the one file and the environment (`SettingsSource`, validated once, at start-up,
with errors that name the key), the documented defaults (`defaults_yaml`: the
bundled config/citebot.yaml, `citebot config --defaults`) and the effective
settings with secrets masked (`effective`: `citebot config`).
"""

from __future__ import annotations

import os
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import ConfigError

# yaml's safe loader in C (libyaml, in PyYAML's wheels): the same data, read about ten times faster at each launch.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DEFAULT_FILE = Path("config/citebot.yaml")
T = TypeVar("T")


def setting(key: str, default, help: str, *, env: str | None = None, secret: bool = False) -> Any:
    """One row of a settings table. Relative paths are relative to the folder holding config/."""
    return field(default=default, repr=not secret,
                 metadata={"key": key, "help": help, "env": env, "secret": secret})


@dataclass(frozen=True)
class Settings:
    """The index's settings: where the documents and the index are, and the answer layer's limits."""

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
    max_results: int = setting("limits.max_results", 50, "excerpts kept per answer")
    max_query_chars: int = setting("limits.max_query_chars", 300, "longer queries are cut, with a note")
    parse_cpu_seconds: int = setting("limits.parse_cpu_seconds", 20,
                                     "CPU time reading one file may take (in its own process); more: refused")
    parse_memory_mb: int = setting("limits.parse_memory_mb", 1024,
                                   "memory (address space) reading one file may add to its reader's; more: refused")
    parse_seconds: int = setting("limits.parse_seconds", 60, "wall-clock time reading one file may take; more: refused")
    timeout_seconds: int = setting("fetch.timeout_seconds", 20, "fetching a URL an admin sends gives up after this")
    max_redirects: int = setting("fetch.max_redirects", 5, "redirects followed, each checked like the first address")
    allow_private_urls: bool = setting("fetch.allow_private_urls", False,
                                       "fetch from loopback/private/link-local addresses (tests, intranets)")

    @property
    def collection(self) -> Path:
        return self.collection_dir or self.index_dir.parent / "collection"

    @property
    def database_file(self) -> Path:
        return self.database or self.index_dir.parent / "citebot.sqlite"

    @property
    def spool_dir(self) -> Path:
        """This host's spool (index/collection/spool.py): what a store that is down will take when it is back."""
        return self.index_dir.parent / "spool"

    @property
    def database_at(self) -> Path | str:
        """Where reports and the audit log are: the PostgreSQL URL if one is set, else the SQLite file."""
        return self.database_url or self.database_file


def env_name(key: str) -> str:
    return "CITEBOT_" + key.upper().replace(".", "_")


def env_names(tables: Sequence[type]) -> set[str]:
    """Every environment variable a setting of `tables` reads."""
    return {name for f in _rows(tables) for name in (env_name(f.metadata["key"]), f.metadata["env"]) if name}


class SettingsSource:
    """The settings file (if any) and the environment, read once; each table takes its values from them.

    `tables` are all the tables the program reads from this file: a key none of
    them declares is an error, so a misspelt key is never silently ignored.
    """

    def __init__(self, tables: Sequence[type], path: Path | str | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self.env = os.environ if env is None else env
        self.path = Path(path or self.env.get("CITEBOT_CONFIG") or DEFAULT_FILE)
        self.data = _read(self.path, {f.metadata["key"] for f in _rows(tables)}) if self.path.exists() else {}
        config = self.path.resolve().parent
        self.root = config.parent if config.name == "config" else Path.cwd()

    def table(self, cls: type[T]) -> T:
        """The table `cls` with each field from the environment, else the file, else its default."""
        kinds = typing.get_type_hints(cls)
        values = {}
        for f in fields(cls):  # type: ignore[arg-type]  # a settings table is a dataclass
            key, alias = f.metadata["key"], f.metadata["env"]
            name = alias if alias and alias in self.env else env_name(key)
            raw = self.env[name] if name in self.env else _get(self.data, key, f.default)
            values[f.name] = _convert(key, name if name in self.env else str(self.path), raw, kinds[f.name], self.root)
        return cls(**values)


def defaults_yaml(tables: Sequence[type]) -> str:
    """The documented defaults of `tables`, as config/citebot.yaml holds them: one section per YAML mapping."""
    lines = []
    for top, rows in _sections(tables).items():
        lines += ["", f"{top}:"] if top else [""]
        indent = "  " if top else ""
        for f in rows:
            value = yaml.safe_dump(_plain(f.default), default_flow_style=True).strip().removesuffix("\n...")
            lines += [f"{indent}# {f.metadata['help']}", f"{indent}{f.metadata['key'].rpartition('.')[2]}: {value}"]
    return "\n".join(lines).lstrip("\n") + "\n"


def effective(*loaded: object) -> dict[str, object]:
    """{dotted key: value} of loaded tables in the file's order, secrets masked: what `citebot config` prints."""
    values = {f.metadata["key"]: ("***" if f.metadata["secret"] and getattr(table, f.name) else
                                  _plain(getattr(table, f.name)))
              for table in loaded for f in fields(table)}  # type: ignore[arg-type]  # settings tables are dataclasses
    return {f.metadata["key"]: values[f.metadata["key"]]
            for rows in _sections([type(table) for table in loaded]).values() for f in rows}


def _rows(tables: Sequence[type]) -> Iterator[Field]:
    for table in tables:
        yield from fields(table)


def _sections(tables: Sequence[type]) -> dict[str, list[Field]]:
    """The rows of `tables` by YAML section ("" = top level), in the order sections first appear."""
    sections: dict[str, list[Field]] = {}
    for f in _rows(tables):
        sections.setdefault(f.metadata["key"].rpartition(".")[0], []).append(f)
    return sections


def _plain(value):
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def read_yaml(path: Path) -> Any:
    """A configuration file's YAML (None when empty); one that is not YAML is a ConfigError naming its line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML ({getattr(e, 'problem', None) or e})") from None


def _read(path: Path, keys: set[str]) -> dict:
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings")
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
        what = "a list of whole numbers" if typing.get_origin(base) is frozenset else base.__name__
        raise ConfigError(f"{where}: '{key}' must be {what}, got {raw!r}") from None


def _optional(kind) -> bool:
    return type(None) in typing.get_args(kind)
