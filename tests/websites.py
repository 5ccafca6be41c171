"""Tiny web sites on 127.0.0.1 for tests that fetch URLs: a handler class in, a base URL out."""

from __future__ import annotations

import contextlib
import http.server
import threading


class Site(http.server.BaseHTTPRequestHandler):
    """Subclass with do_GET; `send` answers one page, `redirect` one hop."""

    def send(self, status: int, kind: str, body: bytes, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if length:  # without it the body runs until the connection closes (size unknown in advance)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(handler: type[Site]):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
