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
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..errors import CitebotError

TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md",
         "application/pdf": ".pdf"}
AGENT = "citebot/0.1 (+document collection for cited answers)"


class FetchError(CitebotError):
    """A URL that cannot be fetched: the message is the one-line reason."""


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    suffix: str  # ".html", ".pdf", …: how the index will read it


def fetch(url: str, max_bytes: int, timeout: float = 20, max_redirects: int = 5, allow_private: bool = False) -> Fetched:
    """The body at `url`. Raises FetchError with a one-line reason."""
    import httpx

    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
                      headers={"User-Agent": AGENT}, transport=_transport(allow_private)) as client:
        for _ in range(max_redirects + 1):
            check_address(url, allow_private)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    return _body(response, url, max_bytes, deadline)
            except httpx.TimeoutException:
                raise FetchError.said("refusal.timeout", host=_host(url), seconds=timeout) from None
            except httpx.HTTPError as e:
                raise FetchError.said("refusal.unreachable", host=_host(url), problem=type(e).__name__) from None
    raise FetchError.said("refusal.redirects", count=max_redirects)


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
    """Loopback, private, link-local (cloud metadata), reserved, multicast: anything not on the public internet."""
    return not address.is_global or address.is_multicast


def _transport(allow_private: bool):
    """httpx's transport, connecting through `_Checked`.

    httpx has no public setting for the connection's network backend yet (encode/httpx#3749), so its
    pool is replaced by one built with httpcore's public constructor.
    """
    import httpcore
    import httpx

    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                              network_backend=_checked_backend(allow_private))
    return transport


def _checked_backend(allow_private: bool):
    import httpcore

    class _Checked(httpcore.SyncBackend):
        """Resolves the host once, refuses a non-public answer, and connects to the address it checked."""

        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            address = addresses(host, port, allow_private)[0]
            return super().connect_tcp(address, port, timeout, local_address, socket_options)

    return _Checked()


def _body(response, url: str, max_bytes: int, deadline: float) -> Fetched:
    if response.status_code != 200:
        raise FetchError.said("refusal.http_status", host=_host(url), status=response.status_code,
                              reason=response.reason_phrase)
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    suffix = TYPES.get(kind)
    if not suffix:
        raise FetchError.said("refusal.content_type", kind=kind or "none")
    if int(response.headers.get("content-length") or 0) > max_bytes:
        raise FetchError.said("refusal.too_large", size=int(response.headers["content-length"]) / 1e6,
                              limit=max_bytes / 1e6)
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError.said("refusal.too_large_download", limit=max_bytes / 1e6)
        if time.monotonic() > deadline:
            raise FetchError.said("refusal.slow", host=_host(url))
        chunks.append(chunk)
    if not size:
        raise FetchError.said("refusal.empty_page", host=_host(url))
    return Fetched(url=str(url), data=b"".join(chunks), suffix=suffix)


def _host(url: str) -> str:
    return urlsplit(url).hostname or url[:60]
