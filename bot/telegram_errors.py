"""What a Telegram refusal means, where only its words tell it apart: the one place that reads them.

PTB gives most failures a type (RetryAfter, TimedOut, NetworkError, Forbidden, ...),
and the code catches those types. Every 400 answer, though, is one BadRequest;
Telegram tells its cases apart only in the description, so that text is read
here and nowhere else (PTB drops its "Bad Request: " prefix and capitalizes it:
matched case-blind).
"""

from __future__ import annotations

import enum

from telegram.error import BadRequest, TelegramError


class Refusal(enum.Enum):
    """A BadRequest that is no fault of the bot, by the words Telegram's description holds."""

    # An edit to the text and buttons the message already has: the user sees what they asked for.
    NOT_MODIFIED = "message is not modified"
    # A second answer to one button press (a redelivered update), or one after Telegram's ~15 s:
    # the press was answered already, or can no longer be.
    QUERY_TOO_OLD = "query is too old"


def refusal(error: TelegramError) -> Refusal | None:
    """Which harmless refusal `error` is; None for any other error."""
    if not isinstance(error, BadRequest):
        return None
    text = error.message.lower()
    return next((r for r in Refusal if r.value in text), None)
