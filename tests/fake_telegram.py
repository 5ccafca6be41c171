"""A fake Telegram Bot API server on 127.0.0.1, strict where bots usually break.

It validates every call against the official Bot API description
(tests/data/telegram-bot-api/api.json, vendored): the method exists, required fields are
present, no unknown fields, value types match. It parses HTML like Telegram
(only Telegram's tags, balanced, entities decoded), measures message length
after parsing, checks callback data, and answers in the real response shapes.
Tests push updates in (served by getUpdates, or POSTed to the bot's webhook with
its secret token, at most `max_connections` at a time and retried until accepted,
as Telegram does), read the calls the bot made, and inject faults: error statuses,
slow answers, dropped connections. `limit_breaches` checks the calls against
Telegram's outgoing limits.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from aiohttp import ClientError, ClientSession, ClientTimeout, web

API = json.loads((Path(__file__).parent / "data" / "telegram-bot-api" / "api.json").read_text())
TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre",
        "blockquote", "tg-emoji"}
BOT = {"id": 777000111, "is_bot": True, "first_name": "Citebot", "username": "citebot_test_bot",
       "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


@dataclass
class Fault:
    """What the next call of `method` gets instead of a normal answer."""
    method: str
    status: int = 0              # an HTTP error status, 0 for none
    description: str = ""
    retry_after: int | None = None
    delay: float = 0.0           # answer this late (a hanging call)
    drop: bool = False           # close the connection without answering


class TelegramHTML(HTMLParser):
    """Telegram's HTML: its tags only, balanced; returns the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            raise ApiError(400, f"Bad Request: can't parse entities: Unsupported start tag \"{tag}\"")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            raise ApiError(400, f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{tag}\"")
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    @classmethod
    def visible(cls, html: str) -> str:
        for name in re.findall(r"&([a-zA-Z]+);", html):
            if name not in ("lt", "gt", "amp", "quot"):
                raise ApiError(400, f"Bad Request: can't parse entities: Unsupported entity \"&{name};\"")
        parser = cls()
        parser.feed(html)
        parser.close()
        if parser.stack:
            raise ApiError(400, f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{parser.stack[-1]}\"")
        return "".join(parser.text)


class FakeTelegram:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[tuple[str, dict]] = []
        self.sent: list[dict] = []  # every message the bot sent, as Telegram returned it
        self.stamps: list[float] = []  # time.monotonic() of each call, for benchmarks
        self.updates: list[dict] = []
        self.faults: list[Fault] = []
        self.webhook: dict | None = None
        self.rejected_deliveries = 0
        self.delivery_attempts = 0
        self.answered_queries: set[str] = set()
        self.refusals: list[tuple[str, str]] = []  # (method, description) of every error answer the bot got
        self.contents: dict[tuple[int, int], tuple] = {}  # (chat, message id) -> what the message shows
        self._connections: asyncio.Semaphore | None = None
        self._session: ClientSession | None = None
        self._next_update = 1
        self._next_message = 100
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._new_update: asyncio.Event | None = None
        self.port = 0
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, content): see "files" below

    # -- running ---------------------------------------------------------------------------
    def start(self) -> None:
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait(10)

    def _run(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._new_update = asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._download)
        runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # -- what tests use ----------------------------------------------------------------------
    def push(self, update: dict) -> dict:
        """Deliver `update` (without update_id) to the bot; it must be a well-formed Update of the Bot API."""
        problems = shape(update, "Update", required=False)
        if problems:
            raise AssertionError(f"not an Update Telegram would send: {problems}")
        with self._lock:
            update = {"update_id": self._next_update, **update}
            self._next_update += 1
            if not self.webhook:
                self.updates.append(update)
        if self.webhook:
            asyncio.run_coroutine_threadsafe(self._deliver(update), self._loop)
        elif self._loop:
            self._loop.call_soon_threadsafe(self._new_update.set)
        return update

    def fail(self, method: str, status: int, description: str, retry_after: int | None = None, times: int = 1) -> None:
        self.faults += [Fault(method, status, description, retry_after)] * times

    def drop(self, method: str, times: int = 1) -> None:
        self.faults += [Fault(method, drop=True)] * times

    def hang(self, method: str, seconds: float, times: int = 1) -> None:
        self.faults += [Fault(method, delay=seconds)] * times

    def wait_for(self, predicate, timeout: float = 20.0) -> list[tuple[str, dict]]:
        """Calls matching `predicate`, waiting until there is at least one."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [c for c in list(self.calls) if predicate(*c)]
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no matching call; calls so far: {[c[0] for c in self.calls][-20:]}")

    # -- the API -------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        params = await _params(request)
        try:
            if await self._inject(method):
                request.transport.close()
                return web.Response()  # never reaches the bot: the connection is gone
            spec = _spec(method)
            _validate(spec, params)
            self.calls.append((method, params))
            self.stamps.append(time.monotonic())
            result = await self._result(method, params)
        except ApiError as e:
            self.refusals.append((method, e.description))
            body = {"ok": False, "error_code": e.code, "description": e.description}
            if e.retry_after:
                body["parameters"] = {"retry_after": e.retry_after}
            return web.json_response(body, status=e.code)
        return web.json_response({"ok": True, "result": result})

    async def _inject(self, method: str) -> bool:
        """Apply the first fault queued for `method`; True means drop the connection."""
        fault = next((f for f in self.faults if f.method == method), None)
        if fault is None:
            return False
        self.faults.remove(fault)
        await asyncio.sleep(fault.delay)
        if fault.status:
            raise ApiError(fault.status, fault.description, fault.retry_after)
        return fault.drop

    async def _deliver(self, update: dict) -> None:
        """POST an update to the webhook until the bot accepts it, like Telegram.

        At most the webhook's max_connections deliveries are open at once (40 unless
        setWebhook said otherwise); an update whose delivery failed (an error status, a
        refused or cut connection) is delivered again.
        """
        if self._session is None:
            self._session = ClientSession(timeout=ClientTimeout(total=90))
            self._connections = asyncio.Semaphore(int((self.webhook or {}).get("max_connections") or 40))
        while self.webhook:
            headers = {"X-Telegram-Bot-Api-Secret-Token": self.webhook.get("secret_token", "")}
            self.delivery_attempts += 1
            try:
                async with self._connections, self._session.post(self.webhook["url"], json=update,
                                                                 headers=headers) as r:
                    if r.status == 200:
                        return
            except (ClientError, TimeoutError):
                pass
            self.rejected_deliveries += 1
            await asyncio.sleep(0.2)

    def limit_breaches(self, per_second: int = 30, per_group_minute: int = 20, chat_window: float = 5.0) -> list[str]:
        """Where the bot sent faster than Telegram allows: overall, into one private chat, into one group.

        A private chat may get one message a second; Telegram tolerates short bursts, and a
        message reaches it a little before or after its turn, so that is counted over windows
        of `chat_window` seconds: at most 5 messages in any 5 s, and one more for the burst the
        bot allows itself (the flood notice, sent ahead of the answers queued for the chat).
        """
        sends = [(t, str(p["chat_id"])) for (m, p), t in zip(list(self.calls), list(self.stamps))
                 if "chat_id" in p and (m.startswith("send") or m.startswith("edit"))]
        found = _over(sorted(t for t, _ in sends), 1.0, per_second, "the bot")
        chats: dict[str, list[float]] = {}
        for t, chat in sends:
            chats.setdefault(chat, []).append(t)
        for chat, times in chats.items():
            group = chat.startswith("-") or chat.startswith("@")
            found += _over(sorted(times), 60.0 if group else chat_window,
                           per_group_minute if group else int(chat_window) + 1, f"chat {chat}")
        return found

    async def _result(self, method: str, p: dict):
        if method == "getMe":
            return BOT
        if method == "getUpdates":
            return await self._get_updates(p)
        if method in ("sendMessage", "editMessageText"):
            message = self._message(method, p)
            if method == "sendMessage":
                self.sent.append(message)
            return message
        if method == "setWebhook":
            self.webhook = p
            return True
        if method == "deleteWebhook":
            self.webhook = None
            return True
        if method == "getWebhookInfo":
            return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}
        if method == "answerInlineQuery":
            self._check_inline(p)
        if method == "answerCallbackQuery":
            if p["callback_query_id"] in self.answered_queries:  # Telegram takes one answer per query
                raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
            self.answered_queries.add(p["callback_query_id"])
        if method == "getFile":
            return self._get_file(p)
        if method == "sendDocument":
            return self._document_sent(p)
        return True

    def _document_sent(self, p: dict) -> dict:
        """The Message Telegram returns for a file the bot sent (its name and bytes stay in `calls`)."""
        self._next_message += 1
        upload = p["document"] if isinstance(p["document"], dict) else {"filename": "file", "content": b""}
        return {"message_id": self._next_message, "date": int(time.time()),
                "chat": {"id": int(p["chat_id"]), "type": "private" if int(p["chat_id"]) > 0 else "supergroup"},
                "from": {k: BOT[k] for k in ("id", "is_bot", "first_name", "username")},
                "document": {"file_id": f"doc{self._next_message}", "file_unique_id": f"u{self._next_message}",
                             "file_name": upload["filename"], "file_size": len(upload["content"])}}

    async def _get_updates(self, p: dict):
        offset = int(p.get("offset", 0) or 0)
        timeout = float(p.get("timeout", 0) or 0)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                self.updates = [u for u in self.updates if u["update_id"] >= offset]
                pending = list(self.updates)
            if pending or time.monotonic() >= deadline:
                return pending[:int(p.get("limit", 100) or 100)]
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), max(0.01, deadline - time.monotonic()))
            except TimeoutError:
                pass

    def _message(self, method: str, p: dict) -> dict:
        text = p["text"]
        visible = TelegramHTML.visible(text) if p.get("parse_mode") == "HTML" else text
        if not visible.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(visible.encode("utf-16-le")) // 2 > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        _check_keyboard(p.get("reply_markup"))
        chat_id = int(p["chat_id"]) if "chat_id" in p else 1
        shown = (text, p.get("parse_mode"), json.dumps(_json(p.get("reply_markup")) or {}, sort_keys=True))
        if method == "editMessageText" and self.contents.get((chat_id, int(p.get("message_id", 0)))) == shown:
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                "markup are exactly the same as a current content and reply markup of the message")
        self._next_message += 1
        message = {
            "message_id": int(p.get("message_id", self._next_message)), "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": {k: BOT[k] for k in ("id", "is_bot", "first_name", "username")}, "text": visible,
        }
        self.contents[(chat_id, message["message_id"])] = shown
        markup = _json(p.get("reply_markup")) or {}
        if "inline_keyboard" in markup:  # a Message carries only inline keyboards, not ForceReply and the like
            message["reply_markup"] = markup
        return message

    def _check_inline(self, p: dict) -> None:
        results = _json(p.get("results", "[]"))
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        if len((p.get("next_offset") or "").encode()) > 64:
            raise ApiError(400, "Bad Request: NEXT_OFFSET_INVALID")
        for r in results:
            if len(r["id"].encode()) > 64:
                raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
            content = r["input_message_content"]
            if content.get("parse_mode") == "HTML":
                TelegramHTML.visible(content["message_text"])


def _over(times: list[float], window: float, most: int, who: str) -> list[str]:
    """Sliding windows of `window` seconds holding more than `most` of `times`."""
    found, first = [], 0
    for last, t in enumerate(times):
        while t - times[first] >= window:
            first += 1
        if last - first + 1 > most:
            found.append(f"{who}: {last - first + 1} messages within {window:g} s at {t:.3f}")
    return found


def shape(value, type_name: str, required: bool = True) -> list[str]:
    """What is wrong with `value` as the Bot API type `type_name` (fields known, required ones present,
    nested objects checked the same way; a union type accepts any of its subtypes)."""
    spec = API["types"].get(type_name)
    if spec is None:
        return [] if TYPES.get(type_name, lambda v: True)(value) else [f"{value!r} is not {type_name}"]
    if "subtypes" in spec:
        tried = [shape(value, sub) for sub in spec["subtypes"]]
        return [] if any(not t for t in tried) else [f"{type_name}: matches none of {spec['subtypes']}"]
    if not isinstance(value, dict):
        return [f"{type_name} must be an object"]
    fields = {f["name"]: f for f in spec.get("fields", [])}
    problems = [f"{type_name}.{k} is not a field" for k in value if k not in fields]
    for name, field in fields.items():
        if name not in value:
            if field["required"] and required:
                problems.append(f"{type_name}.{name} is missing")
            continue
        options = []
        for t in field["types"]:
            inner = t.removeprefix("Array of ")
            items = value[name] if t != inner else [value[name]]
            if not isinstance(items, list):
                options.append([f"{type_name}.{name} must be a list"])
            else:
                options.append([p for item in items for p in shape(item, inner)])
        if all(options):
            problems += options[0]
    return problems


# -- files: getFile and the download URL, as Telegram and a self-hosted Bot API server serve them ---------
def _add_file(self, name: str, data: bytes, mime_type: str = "application/octet-stream") -> dict:
    """Make `data` downloadable; returns the Document object a message carrying it would have."""
    n = len(self.files) + 1
    file_id = f"BQACAgfile{n:04d}"
    self.files[file_id] = (f"documents/file_{n}{Path(name).suffix}", data)
    return {"file_id": file_id, "file_unique_id": f"uniq{n:04d}", "file_name": name, "mime_type": mime_type,
            "file_size": len(data)}


def _get_file(self, p: dict) -> dict:
    if p["file_id"] not in self.files:
        raise ApiError(400, "Bad Request: invalid file_id")
    path, data = self.files[p["file_id"]]
    if len(data) > 20_000_000:
        raise ApiError(400, "Bad Request: file is too big")
    return {"file_id": p["file_id"], "file_unique_id": "uniq", "file_size": len(data), "file_path": path}


async def _download(self, request: web.Request) -> web.Response:
    if request.match_info["token"] != self.token:
        return web.Response(status=401)
    by_path = {path: data for path, data in self.files.values()}
    if request.match_info["file_path"] not in by_path:
        return web.Response(status=404)
    self.calls.append(("download", {"file_path": request.match_info["file_path"]}))
    return web.Response(body=by_path[request.match_info["file_path"]])


FakeTelegram.add_file = _add_file
FakeTelegram._get_file = _get_file
FakeTelegram._download = _download


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _check_keyboard(markup) -> None:
    for row in (_json(markup) or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


async def _params(request: web.Request) -> dict:
    if request.content_type == "application/json":
        return await request.json()
    form = await request.post()  # an uploaded file is kept as its name and bytes
    return {k: {"filename": v.filename, "content": v.file.read()} if isinstance(v, web.FileField) else v
            for k, v in form.items()}


def _spec(method: str) -> dict:
    for name, spec in API["methods"].items():
        if name.lower() == method.lower():
            return spec
    raise ApiError(404, "Not Found: method not found")


TYPES = {
    "Integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "Float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "String": lambda v: isinstance(v, str),
    "Boolean": lambda v: isinstance(v, bool),
}


def _validate(spec: dict, params: dict) -> None:
    fields = {f["name"]: f for f in spec.get("fields", [])}
    for name in params:
        if name not in fields:
            raise ApiError(400, f"Bad Request: unknown parameter {name} for {spec['name']}")
    for name, field in fields.items():
        if field["required"] and name not in params:
            raise ApiError(400, f"Bad Request: {name} is required for {spec['name']}")
        if name in params and not _typed(params[name], field["types"]):
            raise ApiError(400, f"Bad Request: {name} has the wrong type for {spec['name']}")


def _typed(raw, types: list[str]) -> bool:
    """Form values arrive as strings: JSON-decode them, then check against the spec's types."""
    candidates = [raw]
    if isinstance(raw, str):
        try:
            candidates.append(json.loads(raw))
        except ValueError:
            pass
    for t in types:
        check = TYPES.get(t)
        for value in candidates:
            if check and check(value):
                return True
            if t.startswith("Array of") and isinstance(value, list):
                return True
            if not check and not t.startswith("Array of") and isinstance(value, dict):
                return True  # an object type: its own fields are not checked here
    return False
