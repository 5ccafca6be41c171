"""The bare python-telegram-bot echo bot citebot is measured against (as in PTB's examples).

Same transport settings as citebot (long polling, concurrent updates, the
server from CITEBOT_TELEGRAM_BASE_URL), so the difference is citebot's work.
"""

import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(update.message.text)


def main() -> None:
    base = os.environ["CITEBOT_TELEGRAM_BASE_URL"]
    app = (Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(base)
           .concurrent_updates(True).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(timeout=1, poll_interval=0)


if __name__ == "__main__":
    main()
