"""Admins' files are read from the Bot API with a cap, whatever size is declared or not (bot/downloads.py)."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from telegram import File

from citebot.bot.downloads import TooLarge, download

URL = "https://api.telegram.org/file/bot123:secret/documents/file_1.txt"
CHUNK = 64 * 1024


def serving(total: int, declare: bool) -> tuple[httpx.MockTransport, list[int]]:
    """A Bot API file server sending `total` bytes in 64 kB chunks; the list counts the chunks it was asked for."""
    pulled = [0]

    async def body():
        for start in range(0, total, CHUNK):
            pulled[0] += 1
            yield b"x" * min(CHUNK, total - start)

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Length": str(total)} if declare else {}
        return httpx.Response(200, headers=headers, content=body())

    return httpx.MockTransport(handler), pulled


def get(file: File, limit: int, transport: httpx.MockTransport) -> bytes:
    return asyncio.run(download(file, limit, transport))


def test_an_undeclared_size_is_found_while_reading_and_reading_stops_past_the_limit():
    transport, pulled = serving(50 * 1024 * 1024, declare=False)
    with pytest.raises(TooLarge) as e:
        get(File("id", "uniq", file_size=None, file_path=URL), 1024 * 1024, transport)
    assert e.value.size is None
    assert pulled[0] <= 1024 * 1024 // CHUNK + 2  # about 1 MB of the 50 read, not all of it


def test_a_size_declared_by_the_message_or_the_download_refuses_before_reading():
    transport, pulled = serving(5 * 1024 * 1024, declare=True)
    with pytest.raises(TooLarge) as e:
        get(File("id", "uniq", file_size=None, file_path=URL), 1024 * 1024, transport)
    assert (e.value.size, pulled[0]) == (5 * 1024 * 1024, 0)
    with pytest.raises(TooLarge) as e:
        get(File("id", "uniq", file_size=30_000_000, file_path=URL), 20_000_000, transport)
    assert e.value.size == 30_000_000


def test_a_file_within_the_limit_is_read_whole():
    transport, _ = serving(300_000, declare=False)
    assert get(File("id", "uniq", file_size=None, file_path=URL), 1024 * 1024, transport) == b"x" * 300_000


def test_a_failed_download_never_names_the_url_with_the_token():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(Exception) as e:
        get(File("id", "uniq", file_path=URL), 1024, httpx.MockTransport(refuse))
    assert "secret" not in str(e.value) and "api.telegram.org" in str(e.value)
