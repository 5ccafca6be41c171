"""Files admins send, downloaded from the Bot API with a cap on what is read, whatever size is declared.

A document's `file_size` is optional in Telegram's messages and in getFile's answer; PTB's download reads
the whole file into memory before anyone could look at its size. Here the body streams, uncompressed
(identity encoding, so no chunk inflates past the cap), and reading stops one byte past the limit.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

import httpx
from telegram import File
from telegram.error import NetworkError

SECONDS = 60  # for the whole download of at most 20 MB


class TooLarge(Exception):
    """The file is larger than the limit (its size, when declared)."""

    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


async def download(file: File, limit: int, transport: httpx.AsyncBaseTransport | None = None) -> bytes:
    """The file's bytes; TooLarge when it declares or turns out to have more than `limit`."""
    if (file.file_size or 0) > limit:
        raise TooLarge(file.file_size)
    if not file.file_path:
        raise NetworkError("Telegram gave no path to download the file from")
    parts = urlsplit(file.file_path)
    url = urlunsplit(parts._replace(path=quote(parts.path)))  # as PTB does: a path may hold any characters
    try:
        async with httpx.AsyncClient(timeout=SECONDS, transport=transport) as client, \
                client.stream("GET", url, headers={"Accept-Encoding": "identity"}) as response:
            response.raise_for_status()
            declared = response.headers.get("Content-Length", "")
            if declared.isdecimal() and int(declared) > limit:
                raise TooLarge(int(declared))
            data = bytearray()
            async for chunk in response.aiter_raw():
                data += chunk
                if len(data) > limit:
                    raise TooLarge(None)
    except httpx.HTTPError as e:  # the message names the host, never the URL: it holds the bot token
        raise NetworkError(f"downloading the file from {parts.hostname} failed: {type(e).__name__}") from None
    return bytes(data)
