"""Updates as Telegram delivers them for what people do: edit, reply, send a photo or sticker, add the bot."""

from __future__ import annotations

import time

from tests.botproc import message
from tests.fake_telegram import BOT

PERSON = {"is_bot": False, "first_name": "Ana"}


def edited(update: dict, text: str) -> dict:
    """The same message, edited to say `text`."""
    msg = {**update["message"], "text": text, "edit_date": int(time.time())}
    if text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    else:
        msg.pop("entities", None)
    return {"edited_message": msg}


def reply_to(replied: dict, text: str, chat: int, user: int, chat_type: str = "supergroup") -> dict:
    """A message answering `replied` (a message as Telegram returned it)."""
    update = message(text, chat=chat, user=user, chat_type=chat_type)
    update["message"]["reply_to_message"] = replied
    return update


def media(kind: str, chat: int, caption: str | None = None) -> dict:
    """A photo, sticker, voice note... with no text (a caption if given)."""
    update = message("x", chat=chat)
    msg = update["message"]
    del msg["text"]
    msg.pop("entities", None)
    msg[kind] = {
        "photo": [{"file_id": "ph1", "file_unique_id": "u1", "width": 90, "height": 90}],
        "sticker": {"file_id": "st1", "file_unique_id": "u2", "type": "regular", "width": 512, "height": 512,
                    "is_animated": False, "is_video": False},
        "voice": {"file_id": "vo1", "file_unique_id": "u3", "duration": 3},
    }[kind]
    if caption:
        msg["caption"] = caption
    return update


def added_to_group(chat: int, by: int) -> dict:
    """The bot was added to a group: its own chat member status changed from left to member."""
    me = {k: BOT[k] for k in ("id", "is_bot", "first_name", "username")}
    return {"my_chat_member": {
        "chat": {"id": chat, "type": "supergroup", "title": "Group"}, "from": {"id": by, **PERSON},
        "date": int(time.time()),
        "old_chat_member": {"status": "left", "user": me},
        "new_chat_member": {"status": "member", "user": me},
    }}


def press(data: str, user: int, chat: int, message_id: int = 5, qid: str | None = None) -> dict:
    """A button press on message `message_id`."""
    return {"callback_query": {
        "id": qid or f"cq-{time.monotonic_ns()}", "from": {"id": user, **PERSON}, "chat_instance": "ci", "data": data,
        "message": {"message_id": message_id, "date": int(time.time()), "chat": {"id": chat, "type": "private"},
                    "text": "x"}}}
