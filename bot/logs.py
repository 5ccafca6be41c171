"""Logging that never shows the bot token, whoever formats the message."""

from __future__ import annotations

import logging


class RedactToken(logging.Filter):
    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token and self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), None
        if record.exc_info and record.exc_info[1] and self.token in str(record.exc_info[1]):
            record.exc_info, record.exc_text = None, None
            record.msg = f"{record.msg} (exception text hid the token)"
        return True


def setup(token: str | None, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if token:
        handler.addFilter(RedactToken(token))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry request URLs
