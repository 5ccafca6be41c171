"""Fetching a URL an admin names: private addresses refused (also after a redirect), limits kept."""

from __future__ import annotations

import ipaddress
import time

import pytest

from citebot.index.documents import fetch as fetch_module
from citebot.index.documents.fetch import FetchError, fetch
from tests.websites import Site, serving

PAGE = b"<html><body><article><p>The page an admin wants to add, with enough text.</p></article></body></html>"


class Pages(Site):
    routes = {
        "/page": (200, "text/html; charset=utf-8", PAGE),
        "/doc.pdf": (200, "application/pdf", b"%PDF-1.4 ..."),
        "/image": (200, "image/png", b"\x89PNG"),
        "/big": (200, "text/plain", b"x" * 5000),
        "/empty": (200, "text/html", b""),
    }

    def do_GET(self):  # noqa: N802
        port = self.server.server_address[1]
        if self.path.startswith("/hop"):
            n = int(self.path[4:] or 0)
            return self.redirect(f"/hop{n + 1}" if n < 9 else "/page")
        if self.path == "/to-metadata":
            return self.redirect("http://169.254.169.254/latest/meta-data/")
        if self.path == "/to-page":
            return self.redirect(f"http://127.0.0.1:{port}/page")
        if self.path == "/slow":
            time.sleep(3)
        status, kind, body = self.routes.get(self.path, (404, "text/html", b"not here"))
        self.send(status, kind, body, length=self.path != "/big")  # /big: the size shows only while reading


@pytest.fixture(scope="module")
def site():
    with serving(Pages) as url:
        yield url


def get(url: str, **kw):
    return fetch(url, **{"max_bytes": 1000, "timeout": 2, "max_redirects": 5, "allow_private": True, **kw})


def test_a_page_and_a_pdf_are_fetched_with_their_kind(site):
    page = get(f"{site}/page")
    assert (page.data, page.suffix, page.url) == (PAGE, ".html", f"{site}/page")
    assert get(f"{site}/doc.pdf").suffix == ".pdf"
    assert get(f"{site}/hop5").url == f"{site}/page"  # five redirects: the limit


@pytest.mark.parametrize("path, reason", [
    ("/image", "unsupported content type 'image/png': web pages, text and PDF only"),
    ("/big", "too large (more than 0 MB)"),
    ("/empty", "127.0.0.1 sent an empty page"),
    ("/missing", "127.0.0.1 answered 404 Not Found"),
    ("/slow", "127.0.0.1 did not answer within 2 s"),
    ("/hop0", "too many redirects (more than 5)"),
])
def test_bad_urls_get_a_one_line_reason(site, path, reason):
    with pytest.raises(FetchError) as refused:
        get(site + path)
    assert str(refused.value) == reason


def test_private_loopback_and_link_local_addresses_are_refused_unless_allowed(site):
    for url, shown in [(f"{site}/page", "127.0.0.1"), ("http://10.1.2.3/x", "10.1.2.3"),
                       ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"), ("http://[::1]/", "::1")]:
        with pytest.raises(FetchError, match=f"is a private, loopback or link-local address \\({shown}\\): refused"):
            get(url, allow_private=False)
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x"):
        with pytest.raises(FetchError, match="not a web address"):
            get(url)


def test_a_redirect_to_a_private_address_is_refused(site, monkeypatch):
    """The test site plays a public one (only 127.0.0.1 is let through): its redirect to cloud metadata is not."""
    monkeypatch.setattr(fetch_module, "refused", lambda address: address != ipaddress.ip_address("127.0.0.1"))
    assert get(f"{site}/to-page", allow_private=False).url == f"{site}/page"
    with pytest.raises(FetchError, match=r"169\.254\.169\.254 is a private, loopback or link-local address"):
        get(f"{site}/to-metadata", allow_private=False)


def test_a_name_that_turns_private_after_the_check_is_refused(site, monkeypatch):
    """DNS rebinding: the name answers a public address to the check, then the test site's loopback one."""
    real = fetch_module.socket.getaddrinfo
    answers = iter(["93.184.216.34"])

    def rebinding(host, port, *args, **kw):
        if host != "rebind.example":
            return real(host, port, *args, **kw)
        return real(next(answers, "127.0.0.1"), port, *args, **kw)

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", rebinding)
    port = site.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match=r"rebind\.example is a private, loopback or link-local address \(127\.0\.0\.1\)"):
        get(f"http://rebind.example:{port}/page", allow_private=False)


@pytest.mark.parametrize("address,inner", [
    ("::ffff:127.0.0.1", "127.0.0.1"), ("::127.0.0.1", "127.0.0.1"), ("::ffff:169.254.169.254", "169.254.169.254"),
    ("64:ff9b::a9fe:a9fe", "169.254.169.254"), ("64:ff9b::7f00:1", "127.0.0.1"), ("64:ff9b::a00:1", "10.0.0.1"),
    ("2002:7f00:1::", "127.0.0.1"), ("2002:a9fe:a9fe::1", "169.254.169.254"), ("2002:c0a8:101::", "192.168.1.1"),
])
def test_ipv6_forms_that_carry_a_private_ipv4_address_are_refused_as_that_address(address, inner):
    assert fetch_module.embedded_ipv4(ipaddress.ip_address(address)) == ipaddress.ip_address(inner)
    assert fetch_module.refused(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2606:4700::1111"])
def test_ipv6_forms_of_public_addresses_stay_allowed(address):
    assert not fetch_module.refused(ipaddress.ip_address(address))


def test_local_nat64_and_the_ipv6_loopback_are_refused():
    for address in ("64:ff9b:1::a00:1", "::1", "::"):
        assert fetch_module.refused(ipaddress.ip_address(address))
