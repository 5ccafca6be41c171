"""User-facing strings of the bot, looked up by key in a language's catalogue (bot/locales/<lang>.py)."""

from __future__ import annotations

import importlib
from functools import cache

DEFAULT = "en"


@cache
def _messages(lang: str) -> dict[str, str]:
    try:
        return importlib.import_module(f"{__package__}.locales.{lang}").MESSAGES
    except ModuleNotFoundError:
        return {}


def template(key: str, lang: str = DEFAULT) -> str:
    """The `key` message in `lang` (English when missing), its {parameters} unfilled."""
    return _messages(lang).get(key) or _messages(DEFAULT)[key]


def say(key: str, lang: str = DEFAULT, **params) -> str:
    """The `key` message with `params` filled in. Plain text, not HTML."""
    return template(key, lang).format(**params)
