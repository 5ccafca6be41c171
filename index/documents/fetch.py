"""Fetch a web page (or PDF) an admin names, safely: the copy citebot stores and quotes.

httpx (already installed with python-telegram-bot) does the HTTP. Every hop
of a redirect chain is checked before it is requested: http(s) only, at most
`fetch.max_redirects` hops, and no loopback, private, link-local or other
non-public address unless `fetch.allow_private_urls` is on, so a URL cannot
make the server read its own network. The body is streamed and cut at the
size limit; the content type must be one the index reads. Environment proxies
are ignored, because a proxy would hide where a request really goes.

The check and the connection use one DNS answer: the connection goes to the
address just checked (`_Checked`), so a name that resolves to a public address
for the check and to a private one a moment later (DNS rebinding) is refused.

Three limits hold whatever the server does. One deadline covers the whole fetch,
every hop, connect, TLS and read (`_Deadlined` gives each socket operation only
the time left), so a server trickling a byte a second cannot stretch it. The
size limit counts decoded bytes: the body is read raw and inflated here at most
64 kB at a step (`_Inflater`), layer by layer for "gzip, gzip", so a 2 kB gzip
bomb is refused after a few MB, never held whole. And a redirect chain stops at
`fetch.max_redirects` hops, or at once when it comes back to a URL it visited.
Every hop is kept (`Exchange`: request and response headers, the body as sent),
for the preserved WARC copy (index/collection/custody.py).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..errors import CitebotError

TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md",
         "application/pdf": ".pdf"}
AGENT = "citebot/0.1 (+document collection for cited answers)"
ENCODINGS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": 32 + zlib.MAX_WBITS}
STEP = 65536  # bytes inflated at a time: what a compression bomb can make the fetch hold


class FetchError(CitebotError):
    """A URL that cannot be fetched: the message is the one-line reason."""


@dataclass
class Exchange:
    """One request and its response as they went over the wire: what a WARC record keeps."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes = b""  # as sent: still gzipped if the server gzipped it


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes  # decoded
    suffix: str  # ".html", ".pdf", …: how the index will read it
    exchanges: list[Exchange] = field(default_factory=list)  # every hop, the last one with the page
    retrieved: str = ""  # when the fetch started, ISO 8601 UTC


def fetch(url: str, max_bytes: int, timeout: float = 20, max_redirects: int = 5, allow_private: bool = False) -> Fetched:
    """The body at `url`, within one deadline of `timeout` s in all. Raises FetchError with a one-line reason."""
    import httpx

    deadline = time.monotonic() + timeout
    retrieved = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    exchanges: list[Exchange] = []
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
                      headers={"User-Agent": AGENT, "Accept-Encoding": ", ".join(ENCODINGS)},
                      transport=_transport(allow_private, deadline)) as client:
        for _ in range(max_redirects + 1):
            check_address(url, allow_private)
            started = len(exchanges)
            try:
                with client.stream("GET", url) as response:
                    exchanges.append(_exchange(response, url))
                    if response.is_redirect:
                        exchanges[-1].body = _raw(response, max_bytes, url)
                        url = _next_hop(url, response.headers.get("location", ""), exchanges)
                        continue
                    return Fetched(str(url), _body(response, url, max_bytes, exchanges[-1]), _suffix(response),
                                   exchanges, retrieved)
            except httpx.TimeoutException:
                if len(exchanges) > started:  # it answered, then trickled
                    raise FetchError.said("refusal.slow", host=_host(url), seconds=timeout) from None
                raise FetchError.said("refusal.timeout", host=_host(url), seconds=timeout) from None
            except httpx.HTTPError as e:
                raise FetchError.said("refusal.unreachable", host=_host(url), problem=type(e).__name__) from None
    raise FetchError.said("refusal.redirects", count=max_redirects)


def _next_hop(url: str, location: str, exchanges: list[Exchange]) -> str:
    """Where a redirect leads; a URL already visited is a loop, refused at once."""
    target = urljoin(url, location)
    if any(e.url == target for e in exchanges):
        raise FetchError.said("refusal.redirect_loop", url=target[:80])
    return target


def _exchange(response, url: str) -> Exchange:
    return Exchange(url=str(url), request_headers=_pairs(response.request.headers), status=response.status_code,
                    reason=response.reason_phrase, http_version=response.http_version,
                    headers=_pairs(response.headers))


def _pairs(headers) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers.raw]


def check_address(url: str, allow_private: bool) -> None:
    """Refuse non-web schemes, and hosts that resolve to a non-public address (unless allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError.said("refusal.not_web", url=url[:80])
    addresses(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), allow_private)


def addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses `host` resolves to now; FetchError if it is unknown or any of them is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError.said("refusal.unknown_host", host=host) from None
    found = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for address in found if not allow_private else ():
        if refused(ipaddress.ip_address(address)):
            raise FetchError.said("refusal.private_address", host=host, address=address)
    return found


def refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, private, link-local (cloud metadata), reserved, multicast: anything not on the public internet.

    An IPv6 address that carries an IPv4 one is judged as the IPv4 address it reaches: ::ffff:127.0.0.1 and
    64:ff9b::a9fe:a9fe (NAT64) are loopback and the metadata service, whatever the IPv6 ranges are called."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in LOCAL_NAT64:  # a network's own translator: never the public internet
            return True
        if (inner := embedded_ipv4(address)) is not None:
            return refused(inner)
    return not address.is_global or address.is_multicast


NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052's well-known prefix: the IPv4 address in the last 32 bits
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d),
    NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::); None for any other address."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if 1 < int(address) < 1 << 32:  # ::a.b.c.d (not :: or ::1, which are judged as IPv6)
        return ipaddress.IPv4Address(int(address))
    return None


def _transport(allow_private: bool, deadline: float | None = None):
    """httpx's transport, connecting through `_Checked` (and, with a `deadline`, `_Deadlined` streams).

    httpx has no public setting for the connection's network backend yet (encode/httpx#3749), so its
    pool is replaced by one built with httpcore's public constructor.
    """
    import httpcore
    import httpx

    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                              network_backend=_checked_backend(allow_private, deadline))
    return transport


def _checked_backend(allow_private: bool, deadline: float | None = None):
    import httpcore

    def left(timeout: float | None) -> float | None:
        """The time an operation may take: its own timeout, cut to what is left of the fetch's deadline."""
        if deadline is None:
            return timeout
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ReadTimeout("the fetch's deadline has passed")
        return remaining if timeout is None else min(timeout, remaining)

    class _Deadlined(httpcore.NetworkStream):
        """A connection whose every read, write and TLS handshake ends by the fetch's deadline."""

        def __init__(self, stream) -> None:
            self.stream = stream

        def read(self, max_bytes, timeout=None):
            return self.stream.read(max_bytes, left(timeout))

        def write(self, buffer, timeout=None):
            self.stream.write(buffer, left(timeout))

        def close(self):
            self.stream.close()

        def start_tls(self, ssl_context, server_hostname=None, timeout=None):
            return _Deadlined(self.stream.start_tls(ssl_context, server_hostname, left(timeout)))

        def get_extra_info(self, info):
            return self.stream.get_extra_info(info)

    class _Checked(httpcore.SyncBackend):
        """Resolves the host once, refuses a non-public answer, and connects to the address it checked."""

        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            address = addresses(host, port, allow_private)[0]
            return _Deadlined(super().connect_tcp(address, port, left(timeout), local_address, socket_options))

    return _Checked()


def _suffix(response) -> str:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return TYPES.get(kind, "")


def _body(response, url: str, max_bytes: int, exchange: Exchange) -> bytes:
    """The page, decoded, at most `max_bytes` of it; its bytes as sent are kept in `exchange`."""
    if response.status_code != 200:
        raise FetchError.said("refusal.http_status", host=_host(url), status=response.status_code,
                              reason=response.reason_phrase)
    if not _suffix(response):
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        raise FetchError.said("refusal.content_type", kind=kind or "none")
    if int(response.headers.get("content-length") or 0) > max_bytes:
        raise FetchError.said("refusal.too_large", size=int(response.headers["content-length"]) / 1e6,
                              limit=max_bytes / 1e6)
    encodings = [e.strip().lower() for e in response.headers.get("content-encoding", "").split(",")]
    encodings = [e for e in encodings if e and e != "identity"]
    for encoding in encodings:
        if encoding not in ENCODINGS:
            raise FetchError.said("refusal.encoding", host=_host(url), encoding=encoding[:40])
    layers = [_Inflater(e) for e in reversed(encodings)]  # the last encoding applied is the first undone
    raw: list[bytes] = []
    decoded: list[bytes] = []
    size = raw_size = 0
    try:
        for chunk in response.iter_raw(STEP):
            raw_size += len(chunk)
            if raw_size > max_bytes:
                raise FetchError.said("refusal.too_large_download", limit=max_bytes / 1e6)
            raw.append(chunk)
            for piece in _through(layers, chunk):
                size += len(piece)
                if size > max_bytes:
                    raise FetchError.said("refusal.too_large_decoded", host=_host(url), limit=max_bytes / 1e6)
                decoded.append(piece)
    except zlib.error:
        raise FetchError.said("refusal.bad_encoding", host=_host(url), encoding=", ".join(encodings)) from None
    if any(not layer.done() for layer in layers):
        raise FetchError.said("refusal.bad_encoding", host=_host(url), encoding=", ".join(encodings))
    if not size:
        raise FetchError.said("refusal.empty_page", host=_host(url))
    exchange.body = b"".join(raw)
    return b"".join(decoded)


def _raw(response, max_bytes: int, url: str) -> bytes:
    """A redirect's own body, as sent (kept for the record), within the size limit."""
    chunks, size = [], 0
    for chunk in response.iter_raw(STEP):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError.said("refusal.too_large_download", limit=max_bytes / 1e6)
        chunks.append(chunk)
    return b"".join(chunks)


def inflate(body: bytes, content_encoding: str, max_bytes: int = 100_000_000) -> bytes:
    """A body as sent, decoded through its Content-Encoding ("gzip, gzip"); the same bounded steps as a fetch."""
    encodings = [e.strip().lower() for e in content_encoding.split(",") if e.strip().lower() not in ("", "identity")]
    layers = [_Inflater(e) for e in reversed(encodings) if e in ENCODINGS]
    out, size = [], 0
    for piece in _through(layers, body):
        size += len(piece)
        if size > max_bytes:
            raise FetchError.said("refusal.too_large_download", limit=max_bytes / 1e6)
        out.append(piece)
    return b"".join(out)


class _Inflater:
    """One Content-Encoding layer undone at most STEP bytes at a time: a bomb never inflates whole in memory."""

    def __init__(self, encoding: str) -> None:
        self.wbits = ENCODINGS[encoding]
        self.z = zlib.decompressobj(self.wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            if self.z.eof and self.z.unused_data:  # the next gzip member
                data, self.z = self.z.unused_data + data, zlib.decompressobj(self.wbits)
            out = self.z.decompress(data, STEP)
            data = self.z.unconsumed_tail
            if out:
                yield out
            if not data and len(out) < STEP:  # all input used and nothing held back
                return

    def done(self) -> bool:
        return self.z.eof


def _through(layers: list[_Inflater], chunk: bytes) -> Iterator[bytes]:
    """`chunk` through every layer in turn, piece by piece (each piece at most STEP bytes)."""
    if not layers:
        yield chunk
        return
    for piece in layers[0].feed(chunk):
        yield from _through(layers[1:], piece)


def _host(url: str) -> str:
    return urlsplit(url).hostname or url[:60]
