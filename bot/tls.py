"""The TLS context every Bot API connection of the process shares, made while `citebot serve` opens the index.

Reading the CA certificates takes 20-50 ms, inside OpenSSL, which lets other Python threads run meanwhile: begun in
a thread (start()) as the index opens, it is ready when the bot's HTTP clients are made, and the launch does not
wait for it on a machine with a second core.
"""

from __future__ import annotations

import ssl
import threading
from concurrent.futures import Future

import httpx

_made: Future[ssl.SSLContext] | None = None
_lock = threading.Lock()


def start() -> None:
    """Begin making the context in a thread (once a process)."""
    global _made
    with _lock:
        if _made is not None:
            return
        _made = Future()
    threading.Thread(target=_make, args=(_made,), name="tls-context", daemon=True).start()


def context() -> ssl.SSLContext:
    """The context: what httpx makes for each client by default (begun now if start() was not called)."""
    start()
    assert _made is not None
    return _made.result()


def _make(made: Future[ssl.SSLContext]) -> None:
    try:
        made.set_result(httpx.create_ssl_context())
    except BaseException as e:  # noqa: BLE001 - raised where the context is wanted, by context()
        made.set_exception(e)
