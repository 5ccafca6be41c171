"""citebot's one exception hierarchy: every error it raises on purpose is a CitebotError.

Each boundary (the CLI, the bot's handlers) catches CitebotError once and shows
its message, which is written for the person who will read it.
"""

from __future__ import annotations

from typing import Any, Self

from .refusals import MESSAGES as REFUSALS


class CitebotError(Exception):
    """Base class: a short, user-facing description of what went wrong.

    One made by `said` also keeps its message's key and parameters, so it can be said in another language.
    """

    key: str | None = None
    params: dict[str, Any] = {}  # noqa: RUF012 - replaced, never changed, by `said`

    @classmethod
    def said(cls, key: str, **params: Any) -> Self:
        """The error whose message is the refusal `key` (index/refusals.py) with `params`."""
        error = cls(REFUSALS[key].format(**params))
        error.key, error.params = key, params
        return error


class ConfigError(CitebotError):
    """The settings cannot be used: says what is wrong and where."""


class ManifestError(CitebotError):
    """sources.yaml cannot be read: the reindex stops and the old index stays."""


class UnreadableFile(CitebotError):
    """One corpus file cannot be read; the reindex skips it with this reason."""


class ReindexBusy(CitebotError):
    """Another reindex holds the lock."""


class NoIndex(CitebotError):
    """No generation has been built yet."""
