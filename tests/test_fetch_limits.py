"""A hostile web server on 127.0.0.1: gzip bombs, a trickling server, redirect loops. Each fetch is refused within
its limits (decoded bytes, one deadline in all, redirects) with one line, and what was fetched is kept hop by hop."""

from __future__ import annotations

import gzip
import time
import tracemalloc

import pytest

from citebot.index.documents.fetch import FetchError, fetch
from tests import hostile
from tests.websites import Site, serving

PAGE = b"<html><body><article><p>A page served gzipped, with enough words to read.</p></article></body></html>"
BOMB = hostile.gzip_bomb(300)  # 300 MB of spaces in about 300 kB
DOUBLE = hostile.gzip_bomb(300, layers=2)  # the same 300 MB in a few kB


class Hostile(Site):
    def do_GET(self):  # noqa: N802
        if self.path == "/gzipped":
            return self.encoded(gzip.compress(PAGE), "gzip")
        if self.path == "/bomb":
            return self.encoded(BOMB, "gzip")
        if self.path == "/double-bomb":
            return self.encoded(DOUBLE, "gzip, gzip")
        if self.path == "/brotli":
            return self.encoded(b"\x1b\x00", "br")
        if self.path == "/trickle":  # prompt headers, then a byte every 0.2 s for a minute
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            return self.drip(b"<p>" + b"slow " * 60)
        if self.path == "/trickle-headers":  # even the status line comes a byte at a time
            return self.drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Wait: 1\r\n" * 30)
        if self.path.startswith("/loop-"):
            return self.redirect("/loop-b" if self.path == "/loop-a" else "/loop-a")
        if self.path == "/moved":
            return self.redirect("/gzipped")
        self.send(404, "text/html", b"not here")

    def encoded(self, body: bytes, encoding: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def drip(self, data: bytes) -> None:
        try:
            for n in range(len(data)):
                self.wfile.write(data[n:n + 1])
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:  # the client gave up, as it should
            pass


@pytest.fixture(scope="module")
def site():
    with serving(Hostile) as url:
        yield url


def refused(url: str, **kw) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as e:
        fetch(url, **{"max_bytes": 2_000_000, "timeout": 2, "max_redirects": 5, "allow_private": True, **kw})
    return str(e.value), time.monotonic() - started


def test_a_gzipped_page_is_decoded_and_kept_as_sent(site):
    page = fetch(f"{site}/moved", max_bytes=2_000_000, timeout=5, allow_private=True)
    assert page.data == PAGE and page.suffix == ".html" and page.url == f"{site}/gzipped"
    redirect, last = page.exchanges
    assert (redirect.url, redirect.status, last.url, last.status) == (f"{site}/moved", 302, f"{site}/gzipped", 200)
    assert gzip.decompress(last.body) == PAGE  # the body as it came over the wire
    assert ("Content-Encoding", "gzip") in last.headers and ("Accept-Encoding", "gzip, x-gzip, deflate") in [
        (k.title(), v) for k, v in last.request_headers]
    assert page.retrieved.endswith("+00:00")


@pytest.mark.parametrize("path", ["/bomb", "/double-bomb"])
def test_a_gzip_bomb_is_refused_early_without_growing_memory(site, path):
    tracemalloc.start()
    try:
        line, seconds = refused(site + path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert line == "127.0.0.1 sent more than 2 MB once decompressed (a compression bomb?)"
    assert peak < 8_000_000 and seconds < 2  # 300 MB behind it; at most 2 MB decoded and a little more read


def test_an_encoding_citebot_cannot_read_is_named(site):
    assert refused(f"{site}/brotli")[0] == "127.0.0.1 sent the page in an encoding citebot does not read (br)"


def test_a_trickling_server_is_cut_at_the_deadline_for_the_whole_fetch(site):
    line, seconds = refused(f"{site}/trickle")  # every byte arrives well within any per-read timeout
    assert line == "127.0.0.1 is too slow (the download took more than 2 s in all)"
    assert 1.9 < seconds < 3
    line, seconds = refused(f"{site}/trickle-headers")
    assert line == "127.0.0.1 did not answer within 2 s" and 1.9 < seconds < 3


def test_a_redirect_loop_is_refused_at_once(site):
    line, seconds = refused(f"{site}/loop-a")
    assert line == f"redirect loop (back to {site}/loop-a)" and seconds < 1
