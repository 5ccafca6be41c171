"""Webhook bodies and connections bounded before any work (bot/webhook.py, deploy/haproxy.cfg), on 127.0.0.1.

A worker checks the secret and the declared length from the headers and reads at most 1 MiB of any body;
haproxy refuses large bodies and cuts clients that do not send their request within 10 s. Before: three 90 MB
posts with a wrong secret took a worker from 61 MB to 532 MB, and 60 slow clients starved /healthz.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from tests.botproc import ROOT, SECRET, TOKEN, citebot, message
from tests.cluster import Cluster
from tests.conftest import indexed
from tests.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e
MiB = 1 << 20


@pytest.fixture(scope="module")
def hook(tmp_path_factory, bundled):
    tmp = tmp_path_factory.mktemp("webhook-limits")
    settings = indexed(bundled, tmp, corpus=ROOT / "corpus")
    server = FakeTelegram(TOKEN)
    server.start()
    with citebot(settings, server, tmp / "bot.log", "webhook"):
        server.log_path = tmp / "bot.log"
        yield server


def address(url: str) -> tuple[str, int, str]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80, parts.path


def post(url: str, headers: dict[str, str], body: bytes = b"", send: int = 0, chunked: bool = False) -> int | None:
    """POST by hand: headers (any bytes), then `body`, then `send` more bytes of padding while the server reads.
    The status the server answers with, or None when it closed the connection without one."""
    host, port, path = address(url)
    head = f"POST {path} HTTP/1.1\r\nHost: {host}\r\n".encode()
    head += b"".join(f"{k}: ".encode() + v.encode("utf-8") + b"\r\n" for k, v in headers.items())
    head += b"Transfer-Encoding: chunked\r\n\r\n" if chunked else b"\r\n"
    with socket.create_connection((host, port), timeout=10) as s:
        try:
            s.sendall(head + body)
            block = b"x" * 65536
            for _ in range(send // len(block)):
                s.sendall(f"{len(block):x}\r\n".encode() + block + b"\r\n" if chunked else block)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused from the headers: the server stopped reading
        try:
            first = s.recv(4096)
        except (ConnectionResetError, TimeoutError):
            return None
    return int(first.split()[1]) if first.startswith(b"HTTP/") else None


def rss_mb(pid: int) -> float:
    status = open(f"/proc/{pid}/status").read()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]) / 1024


def update_body(chat: int) -> bytes:
    return json.dumps({"update_id": 10**9 + chat, **message("/who Raisi", chat=chat)}).encode()


@pytest.mark.reliability("webhook bodies")
def test_forged_and_oversized_deliveries_are_refused_from_their_headers_unread(hook, tally):
    url, pid = hook.webhook["url"], hook.process.pid
    before = rss_mb(pid)
    started = time.monotonic()
    for _ in range(3):  # a wrong secret declaring 90 MB, and sending 16 MB of it
        assert post(url, {"X-Telegram-Bot-Api-Secret-Token": "wrong", "Content-Length": str(90_000_000)},
                    send=16 * MiB) == 403
    declared = post(url, {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Length": str(90_000_000)}, send=16 * MiB)
    assert declared == 413
    chunked = post(url, {"X-Telegram-Bot-Api-Secret-Token": SECRET}, chunked=True, send=16 * MiB)
    assert chunked in (400, None)  # past 1 MiB Tornado stops reading and drops the connection
    tally.tried(5)
    tally.note(f"a worker's memory after five 16-90 MB posts: {before:.0f} -> {rss_mb(pid):.0f} MB, "
               f"{time.monotonic() - started:.1f} s")
    assert rss_mb(pid) - before < 20
    assert hook.process.poll() is None


@pytest.mark.reliability("webhook bodies")
def test_a_strange_secret_header_or_body_gets_a_4xx_never_a_500(hook, tally):
    url = hook.webhook["url"]
    for secret in ("رمز", "é" * 40, SECRET + "\u200c"):
        body = update_body(4100)
        assert post(url, {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Length": str(len(body))}, body) == 403
    for body in (b"[1, 2]", b"3", b"null", b'"update"', b'{"update_id": "x", "message": 5}', b"{", b"{}"):
        assert post(url, {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Length": str(len(body))}, body) in (400,), body
    tally.tried(10)
    log = hook.log_path.read_text(errors="replace")
    assert "Traceback" not in log
    body = update_body(4101)  # the real Telegram still gets through
    assert post(url, {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Length": str(len(body))}, body) == 200


@contextmanager
def slow_clients(host: str, port: int, n: int) -> Iterator[list[socket.socket]]:
    """`n` connections that send the start of a request and then nothing more, closed at the end."""
    socks = []
    try:
        for _ in range(n):
            s = socket.create_connection((host, port), timeout=5)
            s.sendall(b"POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
            socks.append(s)
        yield socks
    finally:
        for s in socks:
            s.close()


def health_waits(host: str, port: int, n: int = 5) -> list[float]:
    """Seconds each of `n` /healthz requests took to answer "ok"."""
    waits = []
    for _ in range(n):
        started = time.monotonic()
        with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=10) as r:
            assert r.read().startswith(b"ok ")
        waits.append(time.monotonic() - started)
    return waits


@pytest.mark.reliability("slow clients")
def test_slow_clients_do_not_starve_the_health_check(hook, tally):
    host, port, _ = address(hook.webhook["url"])
    with slow_clients(host, port, 60):
        waits = health_waits(host, port)
    tally.tried(5)
    tally.note(f"/healthz with 60 slow clients on one worker: slowest {max(waits) * 1000:.0f} ms")
    assert max(waits) < 1


@pytest.mark.reliability("slow clients")
def test_through_haproxy_bodies_are_capped_and_slow_clients_cut(tmp_path, bundled, tally):
    settings = indexed(bundled, tmp_path, corpus=ROOT / "corpus")
    with Cluster(settings, tmp_path, workers=1, redis=False) as c:
        url = c.server.webhook["url"]
        secret = c.server.webhook["secret_token"]
        assert post(url, {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Length": str(90_000_000)},
                    send=4 * MiB) == 413  # refused by haproxy from the header
        assert post(url, {"X-Telegram-Bot-Api-Secret-Token": secret}, chunked=True, send=4 * MiB) in (413, 400, None)
        body = update_body(4200)
        assert post(url, {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Length": str(len(body))}, body) == 200
        host, port, _ = address(url)
        with slow_clients(host, port, 60) as socks:
            waits = health_waits(host, port)
            cut = []
            for s in socks[:5]:  # haproxy closes a request not sent in full within `timeout http-request` (10 s)
                s.settimeout(15)
                started = time.monotonic()
                try:
                    answer = s.recv(4096)
                except (ConnectionResetError, TimeoutError):
                    answer = b""
                cut.append((answer[:12], time.monotonic() - started))
        tally.tried(8)
        tally.note(f"/healthz through haproxy with 60 slow clients: slowest {max(waits) * 1000:.0f} ms")
        assert max(waits) < 1
        assert all(a.startswith(b"HTTP/1.1 408") or a == b"" for a, _ in cut), cut
        assert max(t for _, t in cut) < 12
