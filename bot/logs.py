"""Logging that never shows the bot token, whoever formats the message."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

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


def setup(token: str | None, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(token or ""))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry request URLs
