"""Logging that never shows the bot token, whoever formats the message."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

from telegram.error import InvalidToken

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    """Redacts the finished line, so messages, arguments, tracebacks and chained exceptions are all covered."""

    def __init__(self, token: str) -> None:
        super().__init__(FORMAT)
        # Any case (PTB capitalizes Telegram's error text) and URL-quoted (as in request URLs).
        forms = {re.escape(token), re.escape(quote(token, safe=""))}
        self.secret = re.compile("|".join(forms), re.IGNORECASE) if token else None

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        return self.secret.sub("<token>", line) if self.secret else line


def told_elsewhere(record: logging.LogRecord) -> bool:
    """False for PTB's report of a refused token (a 40-line traceback): `citebot serve` says it in one sentence."""
    error = record.exc_info[1] if record.exc_info else None
    return not isinstance(error, InvalidToken)


def setup(token: str | None, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(token or ""))
    handler.addFilter(told_elsewhere)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry request URLs
