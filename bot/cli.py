"""The `citebot` command: a thin layer over the answer layer and the index builder."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from citebot.index import (
    Answerer,
    CitebotError,
    ConfigError,
    Settings,
    bot_token,
    env_name,
    load_settings,
    settings_defaults,
)
from citebot.index import reindex as reindex_corpus


class Context:
    def __init__(self, config: str | None) -> None:
        self.config = config
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = load_settings(self.config)
            except ConfigError as e:
                raise click.ClickException(str(e)) from None
        return self._settings

    def answerer(self) -> Answerer:
        answerer = Answerer(self.settings)
        if not answerer.exists():
            click.echo("No index yet: building it from the corpus first.", err=True)
            run_reindex(self.settings, quiet=True)
        return answerer


@click.group()
@click.option("--config", envvar="CITEBOT_CONFIG", type=click.Path(dir_okay=False), help="Settings file (default config/citebot.yaml).")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """citebot: exact quotes from a document collection, with their sources."""
    ctx.obj = Context(config)


@main.command()
@click.argument("line", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.pass_obj
def ask(obj: Context, line: tuple[str, ...], as_json: bool) -> None:
    """Answer LINE as the bot would: /who NAME, /quote NAME, /source TEXT, or words to search."""
    from citebot.bot.terminal import render

    answer = obj.answerer().ask(" ".join(line))
    click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) if as_json else render(answer))


@main.command()
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True, help="Print the card and text as JSON.")
@click.pass_obj
def doc(obj: Context, doc_id: str, as_json: bool) -> None:
    """Show one document's card and its full cleaned text."""
    from citebot.bot.terminal import card

    answerer = obj.answerer()
    found = answerer.document(doc_id)
    if not found:
        raise click.ClickException(answerer.ask(f"/doc {doc_id}").message)
    text = answerer.document_text(found.id)
    if as_json:
        click.echo(json.dumps({**asdict(found), **found.card(), "text": text}, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(card(found)) + "\n\n" + text)


@main.command()
@click.pass_obj
def reindex(obj: Context) -> None:
    """Rebuild the index from the corpus folder and switch to it atomically."""
    run_reindex(obj.settings, quiet=False)


def run_reindex(settings: Settings, quiet: bool) -> None:
    from tqdm import tqdm

    bar = tqdm(total=0, unit="doc", disable=quiet, file=sys.stderr)

    def progress(done: int, total: int, what: str) -> None:
        bar.total = total
        bar.set_postfix_str(what[:30])
        bar.update(done - bar.n)

    try:
        report = reindex_corpus(settings, progress)
    except CitebotError as e:
        raise click.ClickException(f"reindex failed: {e}. The previous index is unchanged.") from None
    finally:
        bar.close()
    if not quiet:
        click.echo(report.summary())


@main.command()
@click.option("--webhook", is_flag=True, help="Run PTB's webhook server instead of long polling.")
@click.pass_obj
def serve(obj: Context, webhook: bool) -> None:
    """Run the Telegram bot (TELEGRAM_BOT_TOKEN); without a token, explain and open `citebot chat`."""
    try:
        token = bot_token()
    except ConfigError as e:
        raise click.ClickException(str(e)) from None
    if not token:
        click.echo(NO_TOKEN, err=True)
        obj.answerer()
        chat_loop(obj)
        return
    from telegram.error import InvalidToken

    from citebot.bot import app, logs

    logs.setup(token)
    obj.answerer()  # builds the index on first run
    try:
        app.serve(obj.settings, token, webhook=webhook)
    except InvalidToken:  # its message repeats the token, so say it in our own words
        raise click.ClickException("Telegram refused the bot token in TELEGRAM_BOT_TOKEN; "
                                   "check it with @BotFather (/mybots > API Token).") from None


NO_TOKEN = """No TELEGRAM_BOT_TOKEN is set, so here is the bot in your terminal instead.
To run it on Telegram: talk to @BotFather, send /newbot, copy the token it gives you, then
    export TELEGRAM_BOT_TOKEN=123456:ABC...   (or put it in .env for docker compose)
and run this command again.
"""


@main.command()
@click.option("--defaults", is_flag=True, help="Print the documented defaults (config/citebot.yaml) instead.")
@click.pass_obj
def config(obj: Context, defaults: bool) -> None:
    """Print the effective settings (file + environment), secrets masked."""
    if defaults:
        click.echo(settings_defaults(), nl=False)
        return
    for key, value in obj.settings.effective().items():
        click.echo(f"{key} = {json.dumps(value)}  ({env_name(key)})")


@main.command()
@click.pass_obj
def chat(obj: Context) -> None:
    """Talk to the bot in this terminal: the same answers, no token needed."""
    chat_loop(obj)


def chat_loop(obj: Context) -> None:
    from citebot.bot.terminal import render

    answerer = obj.answerer()
    click.echo("Ask as you would in Telegram (/help for commands, Ctrl-D to quit).")
    while True:
        try:
            line = input("> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if line.strip():
            click.echo(render(answerer.ask(line)) + "\n")


if __name__ == "__main__":
    main()
