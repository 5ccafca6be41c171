"""`citebot serve --webhook`: Telegram's deliveries, acknowledged only once they are answered.

PTB's own webhook server says 200 as soon as an update is queued, so a worker killed
mid-answer loses it: Telegram never redelivers. Here the 200 comes after the
handlers ran, and an update is claimed in the shared state first:
- new: handle it, mark it done, 200;
- done already (a redelivery whose first 200 was lost): 200, nothing sent twice;
- claimed by a live worker: 503, Telegram (or the load balancer) tries again later;
  a claim of a dead worker (no heartbeat) is taken over, so a killed worker's
  updates are answered by another one.
GET /healthz is the load balancer's health check.

Before a body is read, the secret header and the declared length are checked: a forged or oversized
delivery is refused from its headers (403, 413) and never read; a body is read into memory only up to
MAX_BODY (Telegram's updates are a few kB), however it is sent (chunked bodies declare nothing). A slow
client gets BODY_SECONDS for its body and IDLE_SECONDS between requests, so it cannot hold a worker.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import signal

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application
from tornado.httpserver import HTTPServer
from tornado.web import Application as WebApp
from tornado.web import RequestHandler, stream_request_body

from .settings import BotSettings
from .shared_state import Claim, SharedState, heartbeat

log = logging.getLogger(__name__)
PATH = "/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # 1 MiB: an update is text and ids, a few kB; files come by file_id, never in the body
BODY_SECONDS = 10  # to send a body of at most MAX_BODY
IDLE_SECONDS = 60  # a kept-alive connection with no request


def webhook_secret(settings: BotSettings, token: str) -> str:
    """The configured secret, else one derived from the bot token: the same in every worker."""
    if settings.webhook_secret:
        return settings.webhook_secret
    return hmac.new(token.encode(), b"citebot webhook secret", hashlib.sha256).hexdigest()


@stream_request_body
class Deliveries(RequestHandler):
    def initialize(self, app: Application, state: SharedState, secret: str) -> None:
        self.app, self.state, self.secret = app, state, secret
        self.body = bytearray()

    def prepare(self) -> None:
        """From the headers alone: a wrong secret or a declared body over MAX_BODY is refused unread."""
        if not same_secret(self.request.headers.get(SECRET_HEADER, ""), self.secret):
            self.refuse(403)
        elif (declared := self.request.headers.get("Content-Length")) is not None and \
                (not declared.isdecimal() or int(declared) > MAX_BODY):
            self.refuse(413)
        # Otherwise the server reads at most MAX_BODY, a chunked body too (HTTPServer's max_body_size).

    def refuse(self, status: int) -> None:
        """Answered before the body is read: Tornado then closes the connection instead of reading it."""
        self.set_status(status)
        self.finish()

    def data_received(self, chunk: bytes) -> None:
        self.body += chunk

    async def post(self) -> None:
        try:
            data = json.loads(self.body)
            if not isinstance(data, dict):
                raise TypeError("not an object")
            update = Update.de_json(data, self.app.bot)
        except (ValueError, TypeError, KeyError, AttributeError, TelegramError):
            log.warning("an undecodable delivery was refused")
            self.set_status(400)
            return
        claim = await self.state.claim(update.update_id)
        if claim is Claim.BUSY:
            self.set_status(503)
            return
        if claim is Claim.NEW:
            await self.handle(update)

    async def handle(self, update: Update) -> None:
        try:
            await self.app.process_update(update)  # handler errors go to the error handler, not here
        except Exception:
            await self.state.release_claim(update.update_id)
            log.exception("update %s failed; Telegram will deliver it again", update.update_id)
            self.set_status(500)
            return
        await self.state.done(update.update_id)


def same_secret(given: str, secret: str) -> bool:
    """In constant time; a header in any characters (Tornado reads them as Latin-1) is just not the secret."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode("utf-8", "surrogateescape"))


class Health(RequestHandler):
    def initialize(self, state: SharedState) -> None:
        self.state = state

    def get(self) -> None:
        self.write(f"ok {self.state.worker} {self.state.backend}\n")


async def set_webhook(app: Application, settings: BotSettings, secret: str) -> None:
    """Every worker sets the same URL and secret (harmless repeats); retried until Telegram takes it."""
    wait = 1.0
    while True:
        try:
            await app.bot.set_webhook(settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
            return
        except TelegramError as error:
            log.warning("setWebhook failed (%s); again in %.0f s", error, wait)
            await asyncio.sleep(wait)
            wait = min(wait * 2, 30)


async def serve(app: Application, settings: BotSettings, state: SharedState, secret: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    web = WebApp([(PATH, Deliveries, {"app": app, "state": state, "secret": secret}),
                  ("/healthz", Health, {"state": state})])
    server = HTTPServer(web, xheaders=True, max_body_size=MAX_BODY, body_timeout=BODY_SECONDS,
                        idle_connection_timeout=IDLE_SECONDS)
    beating = asyncio.create_task(heartbeat(state))
    async with app:
        if app.post_init:
            await app.post_init(app)
        await app.start()
        server.listen(settings.webhook_port, settings.webhook_listen)
        await set_webhook(app, settings, secret)
        log.info("worker %s answers webhooks on %s:%s (state: %s)", state.worker, settings.webhook_listen,
                 settings.webhook_port, state.backend)
        await stop.wait()
        server.stop()
        await server.close_all_connections()
        await app.stop()
    beating.cancel()
    await state.close()
