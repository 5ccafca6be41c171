"""A real `citebot serve` process wired to a FakeTelegram server, and the updates users send it."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from citebot.index.settings import Settings
from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:TEST-token-never-logged"
SECRET = "webhook-secret-for-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def citebot(settings: Settings, server: FakeTelegram, log_path: Path, mode: str = "polling",
            program: list[str] | None = None, **env):
    """Run `citebot serve` (polling or webhook) until the block ends; the log must never hold the token.

    `program` runs another bot (the benchmark's echo bot) the same way instead.
    """
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "CITEBOT_TELEGRAM_BASE_URL": server.base_url,
           "CITEBOT_INDEX_DIR": str(settings.index_dir), "CITEBOT_CORPUS_DIR": str(settings.corpus_dir),
           "CITEBOT_COLLECTION_DIR": str(settings.collection), "CITEBOT_DATABASE": str(settings.database_file),
           "CITEBOT_TELEGRAM_POLL_TIMEOUT": "1", **{k: str(v) for k, v in env.items()}}
    args = [sys.executable, *(program or ["-m", "citebot.bot.cli", "serve"])]

    def ready(m, p):
        return m == "getUpdates"

    if mode == "webhook":
        port = free_port()
        env.update(CITEBOT_TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
                   CITEBOT_TELEGRAM_WEBHOOK_LISTEN="127.0.0.1", CITEBOT_TELEGRAM_WEBHOOK_PORT=str(port),
                   CITEBOT_TELEGRAM_WEBHOOK_SECRET=SECRET)
        args.append("--webhook")

        def ready(m, p):
            return m == "setWebhook"

    with open(log_path, "w+") as log:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=log)
        server.process = proc
        try:
            server.wait_for(ready, timeout=30)
            if mode == "webhook":
                wait_listening(port)
            yield proc
        finally:
            proc.terminate()
            proc.wait(10)
            log.seek(0)
            assert TOKEN.lower() not in log.read().lower(), "the token leaked into the logs"


@contextlib.contextmanager
def bundled_bot(tmp: Path, bundled: Settings, mode: str = "polling", **env):
    """The bundled corpus (the session's index `bundled`, copied to `tmp`), served by `citebot serve` against a
    fresh fake Bot API server."""
    from tests.conftest import indexed

    settings = indexed(bundled, tmp, corpus=ROOT / "corpus")
    server = FakeTelegram(TOKEN)
    server.start()
    with citebot(settings, server, tmp / "bot.log", mode, **env):
        yield server


def wait_listening(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")


_next_id = [int(time.time() * 1000) % 10**8]


def message(text: str, chat: int, user: int | None = None, chat_type: str = "private",
            language: str | None = None) -> dict:
    """A text message update; `language` is the sender's Telegram language_code ("fa")."""
    _next_id[0] += 1
    user = chat if user is None else user
    sender = {"id": user, "is_bot": False, "first_name": "Ana", **({"language_code": language} if language else {})}
    msg = {"message_id": _next_id[0], "date": int(time.time()),
           "chat": {"id": chat, "type": chat_type, **({"title": "Group"} if chat < 0 else {"first_name": "Ana"})},
           "from": sender, "text": text}
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else []
    entities += [{"type": "mention", "offset": utf16(text[:m.start()]), "length": utf16(m.group())}  # as Telegram marks them
                 for m in re.finditer(r"(?<![\w/])@\w{5,32}", text)]
    if entities:
        msg["entities"] = entities
    return {"message": msg}


def utf16(text: str) -> int:
    """Telegram measures entities in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def replies(server: FakeTelegram, update: dict, since: int = 0) -> list[dict]:
    """The sendMessage calls answering a pushed message update."""
    chat, mid = update["message"]["chat"]["id"], update["message"]["message_id"]
    return [p for m, p in server.calls[since:]
            if m == "sendMessage" and int(p["chat_id"]) == chat
            and (chat > 0 or str(mid) in str(p.get("reply_parameters", "")))]
