"""The `citebot` command: a thin layer over the answer layer and the index builder."""

from __future__ import annotations

import gc
import os
import sys

# Loading the modules and opening the index make most of a launch's objects, and they live as long as the process:
# the collector, run over them again and again while they are made, cost `citebot serve` a tenth of its launch. So a
# process started to serve pauses it here, before anything is imported, and resumes it once the index is open
# (resume_collector); main() resumes it at once if the command is another after all. A process that only imports
# this module (tests) is left alone.
if "serve" in sys.argv[1:] and os.path.basename(sys.argv[0]) in ("citebot", "cli.py"):
    gc.disable()

import json
from dataclasses import asdict, fields
from typing import Any

import click

from citebot.index import (
    BOUNDS,
    EDITABLE,
    Answer,
    Answerer,
    CitebotError,
    ConfigError,
    Journal,
    Quotation,
    Settings,
    change_people,
    commit_draft,
    edit_document,
    effective_settings,
    env_name,
    no_corpus,
    prepare_file,
    prepare_url,
    remove_document,
    settings_defaults,
    verify_collection,
)
from citebot.index import reindex as reindex_corpus

from .catalogue import DEFAULT, languages, say
from .settings import TABLES, BotSettings, bot_token
from .settings import load as load_settings


class Context:
    def __init__(self, config: str | None) -> None:
        self.config = config
        self._tables: tuple[Settings, BotSettings] | None = None

    def tables(self) -> tuple[Settings, BotSettings]:
        """Both settings tables, read once, the first time a command needs either."""
        if self._tables is None:
            try:
                self._tables = load_settings(self.config)
            except ConfigError as e:
                raise click.ClickException(str(e)) from None
        return self._tables

    @property
    def settings(self) -> Settings:
        return self.tables()[0]

    @property
    def bot_settings(self) -> BotSettings:
        return self.tables()[1]

    def answerer(self, lang: str = DEFAULT) -> Answerer:
        answerer = Answerer(self.settings)
        if not answerer.exists():
            needs_corpus(self.settings)
            click.echo(say("chat.building", lang), err=True)
            run_reindex(self.settings, quiet=True)
        return answerer


def needs_corpus(settings: Settings) -> None:
    """Stop with one sentence, before anything is made, when there is no corpus folder (a wrong working folder)."""
    if missing := no_corpus(settings):
        raise click.ClickException(str(missing))


LANG = click.option("--lang", type=click.Choice([DEFAULT, *languages()]), default=DEFAULT, show_default=True,
                    help="The language of the interface (the excerpts stay as the documents wrote them).")


class OneLineErrors(click.Group):
    """An operator's mistake (a folder that cannot be made or read, a port in use) is one sentence on stderr and
    exit 1, never a traceback; citebot's own errors (CitebotError) are turned into sentences where they happen,
    or else here."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CitebotError as e:  # one no command turned into its own sentence: a broken glossary.yaml, say
            raise click.ClickException(str(e)) from None
        except OSError as e:
            where = f": {e.filename}" if e.filename else ""
            raise click.ClickException(f"{e.strerror or e}{where}. Check the folders and ports citebot uses "
                                       "(`citebot config` lists them, and how to set each).") from None


@click.group(cls=OneLineErrors)
@click.option("--config", envvar="CITEBOT_CONFIG", type=click.Path(dir_okay=False), help="Settings file (default config/citebot.yaml).")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """citebot: exact quotes from a document collection, with their sources."""
    ctx.obj = Context(config)
    if ctx.invoked_subcommand != "serve":
        gc.enable()


def resume_collector() -> None:
    """Resume the collector paused while `citebot serve` loaded, leaving out what is loaded by then (modules, the
    open generation): they live as long as the process (a generation until the next one: see Answerer.corpus), and
    no collection scans them again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


@main.command()
@click.argument("line", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--after", multiple=True, metavar="LINE",
              help="LINE is a reply to the answer to this earlier line (repeat for a longer thread, oldest first): "
                   "citebot ask --after '/who Montazeri' 'what did he say?'")
@LANG
@click.pass_obj
def ask(obj: Context, line: tuple[str, ...], as_json: bool, after: tuple[str, ...], lang: str) -> None:
    """Answer LINE as the bot would: /who NAME, /quote NAME, /source TEXT, or words to search."""
    from citebot.bot.terminal import render

    answer = obj.answerer(lang).ask(" ".join(line), after)
    click.echo(json.dumps(answer_json(answer, lang), ensure_ascii=False, indent=2) if as_json else render(answer, lang))


def answer_json(answer: Answer, lang: str) -> dict:
    """The answer's JSON, each result with the ready-to-paste `citation` the bot's ❝ Cite button gives."""
    from citebot.bot.attribution import citation_lines

    out = answer.to_json()
    for r, shown in zip(answer.results, out["results"], strict=True):
        shown["citation"] = "\n".join(citation_lines(r, lang))
    return out


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

    needs_corpus(settings)
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
    built = Answerer(obj.settings).exists()
    if not built:  # said before anything else: the index will be built from the corpus
        needs_corpus(obj.settings)
    if not token or not built:
        gc.enable()  # a chat, or a first reindex (many short-lived objects), is no launch to hurry
    if not token:
        click.echo(NO_TOKEN, err=True)
        obj.answerer()
        chat_loop(obj)
        return
    from telegram.error import InvalidToken

    from citebot.bot import app, logs, tls
    from citebot.bot.malloc import tame_heap

    tame_heap()  # before the first worker thread: see bot/malloc.py
    logs.setup(token)
    answerer = obj.answerer()  # builds the index on first run
    tls.start()  # the CA certificates are read while the index opens (bot/tls.py)
    answerer.open()  # before the first update, not in its answer's time; a generation that fails to open is logged
    resume_collector()
    try:
        app.serve(obj.settings, obj.bot_settings, token, webhook=webhook, answerer=answerer)
    except InvalidToken:  # its message repeats the token, so say it in our own words
        raise click.ClickException("Telegram refused the bot token in TELEGRAM_BOT_TOKEN; "
                                   "check it with @BotFather (/mybots > API Token).") from None


# -- the collection ---------------------------------------------------------------------------


def _operator() -> str:
    import getpass

    return f"cli:{getpass.getuser()}"


def _or_fail(failed: str, action, *args):
    """Run a collection action; its CitebotError becomes the CLI's one-line error, prefixed by `failed`."""
    try:
        return action(*args)
    except CitebotError as e:
        raise click.ClickException(f"{failed}: {e}") from None


def _changed(obj: Context, action: str, detail: str, reindex_after: bool) -> None:
    """Audit the change, then make it searchable with the ordinary reindex."""
    _audit(obj, action, detail)
    if reindex_after:
        run_reindex(obj.settings, quiet=False)
        _audit(obj, "reindex", f"after {action} {detail}")


def _audit(obj: Context, action: str, detail: str) -> None:
    """One audit line; while the database is down it waits in the spool, and the operator is told so."""
    journal = Journal.of(obj.settings)
    if isinstance(journal.record(None, _operator(), action, detail), str):
        click.echo(f"The audit log's database cannot be reached: the {action} line waits in {obj.settings.spool_dir} "
                   "and is written when it is back (by the bot, or the next citebot command that writes one).",
                   err=True)


@main.command()
@click.argument("source")
@click.option("--id", "doc_id", help="The document's id (lower-case letters, digits, hyphens); else made from the file name.")
@click.option("--title")
@click.option("--publisher", help="'unknown' if not known.")
@click.option("--publisher-note", help="How the publisher is known (default: 'set by an admin').")
@click.option("--date", help="YYYY-MM-DD, YYYY-MM or YYYY, or 'unknown'.")
@click.option("--date-note", help="How the date is known, e.g. 'from the dateline' (default: 'set by an admin').")
@click.option("--date-not-before", help="Earliest it can date from (YYYY-MM-DD, YYYY-MM or YYYY): evidence in the text.")
@click.option("--date-not-after", help="Latest it can date from.")
@click.option("--url")
@click.option("--url-note", help="How the URL is known, or why there is none.")
@click.option("--kind")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--no-reindex", is_flag=True, help="Store it; index it with the next reindex.")
@click.pass_obj
def add(obj: Context, source: str, doc_id: str | None, yes: bool, no_reindex: bool, **fields: str | None) -> None:
    """Add a document to the collection from a FILE (.pdf .html .txt .md) or a URL, after showing what was found."""
    from pathlib import Path

    from citebot.bot.terminal import draft_card

    try:
        if source.startswith(("http://", "https://")):
            draft = prepare_url(obj.settings, source)
        else:
            path = Path(source)
            if not path.is_file():
                raise click.ClickException(f"no such file: {source}")
            draft = prepare_file(obj.settings, path.read_bytes(), path.name)
        _set_fields(draft, doc_id, fields)
    except CitebotError as e:
        raise click.ClickException(f"not added: {e}") from None
    click.echo("\n".join(draft_card(draft)))
    if not yes and not click.confirm("\nAdd it with these details?"):
        click.echo("Nothing added.")  # the admin's choice, not a failure
        return
    doc = _or_fail("not added", commit_draft, obj.settings, draft)
    click.echo(f"Added {doc.id} ({doc.file}).")
    _changed(obj, "add", doc.id, not no_reindex)


def _set_fields(draft, doc_id: str | None, fields: dict[str, str | None]) -> None:
    """The values and notes typed on the command line; a note alone confirms the value shown with it."""
    if doc_id:
        draft.set_id(doc_id)
    notes = {name[:-5]: fields.pop(name) for name in list(fields) if name.endswith("_note")}
    for name, value in fields.items():
        if value is not None:
            draft.set(name, value, notes.pop(name, None))
    for name, note in notes.items():
        if note is not None:
            current = getattr(draft.document, name)
            draft.set(name, current if current is not None else "unknown", note)


@main.command()
@click.argument("doc_id")
@click.argument("field", type=click.Choice(EDITABLE + BOUNDS, case_sensitive=False))
@click.argument("value", nargs=-1, required=True)
@click.option("--note", help="How you know it (date, publisher, url, date bounds): kept as the field's note.")
@click.option("--no-reindex", is_flag=True)
@click.pass_obj
def edit(obj: Context, doc_id: str, field: str, value: tuple[str, ...], note: str | None, no_reindex: bool) -> None:
    """Correct FIELD of a document in the collection ('unknown' clears it)."""
    entry = _or_fail("not changed", edit_document, obj.settings, doc_id, field, " ".join(value), note)
    click.echo(f"{doc_id}: {field} is now {entry.get(field.lower())!r}.")
    _changed(obj, "edit", f"{doc_id} {field.lower()}={entry.get(field.lower())!r}", not no_reindex)


@main.command()
@click.argument("doc_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--no-reindex", is_flag=True)
@click.pass_obj
def remove(obj: Context, doc_id: str, yes: bool, no_reindex: bool) -> None:
    """Remove a document (its file and manifest entry) from the collection."""
    if not yes and not click.confirm(f"Remove {doc_id} from the collection?"):
        raise click.ClickException("not removed.")
    gone = _or_fail("not removed", remove_document, obj.settings, doc_id)
    click.echo(f"Removed {doc_id} ({gone.get('title')}).")
    _changed(obj, "remove", doc_id, not no_reindex)


@main.command()
@click.argument("doc_id", required=False)
@click.option("--json", "as_json", is_flag=True, help="One JSON list (the default).")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")
@click.pass_obj
def quotes(obj: Context, doc_id: str | None, as_json: bool, as_csv: bool) -> None:
    """Every quotation of DOC_ID (or of the whole collection): offsets into the document's clean text
    (text[start:end] is the excerpt), speaker, kind (person/organisation/author/unknown), role, cue words."""
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    rows = [q.to_json() for q in _or_fail("no quotations", obj.answerer().quotations, doc_id)]
    if not as_csv:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    import csv

    writer = csv.DictWriter(sys.stdout, fieldnames=[f.name for f in fields(Quotation)], lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows)


@main.group()
def people() -> None:
    """Merge two names into one person, or keep two names apart (kept in the collection's config)."""


@people.command("merge")
@click.argument("person")
@click.argument("spelling")
@click.option("--no-reindex", is_flag=True, help="Keep it; apply it with the next reindex.")
@click.pass_obj
def people_merge(obj: Context, person: str, spelling: str, no_reindex: bool) -> None:
    """SPELLING names the same person as PERSON: "Hossein-Ali Montazeri" "Hussein Montazeri"."""
    _people_change(obj, "merge", person, spelling, f"{spelling} is {person} from now on", no_reindex)


@people.command("split")
@click.argument("name")
@click.argument("other")
@click.option("--no-reindex", is_flag=True, help="Keep it; apply it with the next reindex.")
@click.pass_obj
def people_split(obj: Context, name: str, other: str, no_reindex: bool) -> None:
    """NAME and OTHER are two people, however alike they are spelt: "Ahmad Montazeri" "Ahmed Montazeri"."""
    _people_change(obj, "split", name, other, f"{name} and {other} are kept apart from now on", no_reindex)


def _people_change(obj: Context, what: str, a: str, b: str, said: str, no_reindex: bool) -> None:
    """Keep an admin's merge or split in the collection's config, say where, audit it, then reindex."""
    path = _or_fail(f"not {what}" + ("d" if what == "merge" else ""), change_people, obj.settings.people_file, what, a, b)
    click.echo(f"{said} (kept in {path}).")
    _changed(obj, f"people {what}", f"{a} | {b}", not no_reindex)


@main.command()
@click.option("--all", "everything", is_flag=True, help="Resolved reports too.")
@click.option("--resolve", type=int, metavar="N", help="Mark report N resolved.")
@click.pass_obj
def reports(obj: Context, everything: bool, resolve: int | None) -> None:
    """Readers' reports of bad citations, newest first."""
    from citebot.bot.terminal import report_lines

    journal = Journal.of(obj.settings)
    if resolve is not None:
        if not journal.resolve(resolve, None):
            raise click.ClickException(f"no open report #{resolve}")
        journal.record(None, _operator(), "resolve", f"report #{resolve}")
        click.echo(f"Report #{resolve} resolved.")
        return
    found = journal.reports("all" if everything else "open", limit=100)
    if not found:
        click.echo("No open reports." if not everything else "No reports.")
    for r in found:
        click.echo("\n".join(report_lines(r)))


NO_TOKEN = """No TELEGRAM_BOT_TOKEN is set, so here is the bot in your terminal instead.
To run it on Telegram: talk to @BotFather, send /newbot, copy the token it gives you, then
    export TELEGRAM_BOT_TOKEN=123456:ABC...   (or put it in .env for docker compose)
and run this command again.
"""


@main.command()
@click.option("--record-text", is_flag=True,
              help="Record a text the reader now derives differently (after checking it) instead of failing on it.")
@click.pass_obj
def verify(obj: Context, record_text: bool) -> None:
    """Re-hash every preserved original and the text derived from it; exit 1 if anything changed."""
    found = verify_collection(obj.settings, record_text)
    click.echo(found.summary())
    if found.changed:
        sys.exit(1)


@main.command()
@click.option("--defaults", is_flag=True, help="Print the documented defaults (config/citebot.yaml) instead.")
@click.pass_obj
def config(obj: Context, defaults: bool) -> None:
    """Print the effective settings (file + environment), secrets masked."""
    if defaults:
        click.echo(settings_defaults(TABLES), nl=False)
        return
    for key, value in effective_settings(*obj.tables()).items():
        click.echo(f"{key} = {json.dumps(value)}  ({env_name(key)})")


@main.command()
@LANG
@click.pass_obj
def chat(obj: Context, lang: str) -> None:
    """Talk to the bot in this terminal: the same answers, no token needed."""
    chat_loop(obj, lang)


MORE = ("more", "m", "+", "بیشتر")  # what asks the terminal chat for the next page


def chat_loop(obj: Context, lang: str = DEFAULT) -> None:
    from citebot.bot.terminal import render

    answerer = obj.answerer(lang)
    size = obj.bot_settings.page_size
    click.echo(say("chat.intro", lang))
    last, shown = None, 0  # the answer being paged through, and how many of its results are shown
    thread: tuple[str, ...] = ()  # each line replies to the answer before it: "what did he say?" (followup.py)
    while True:
        try:
            line = input("> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if last is not None and line.strip().lower() in MORE:
            click.echo((render(last, lang, shown, size) if shown < len(last.results) else say("chat.no_more", lang))
                       + "\n")
            shown += size
        elif line.strip():
            last, shown = answerer.ask(line, thread), size
            thread = (*thread, line)[-8:] if "follows" in last.question else (line,)
            click.echo(render(last, lang, 0, size) + "\n")


if __name__ == "__main__":
    main()
