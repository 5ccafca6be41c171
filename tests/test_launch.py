"""`citebot serve`'s launch: the index opened before the first question, the collector paused while it loads."""

from __future__ import annotations

import gc
import html
import logging
import ssl
import subprocess
import sys
import time
import weakref

import pytest

from citebot.bot.cli import resume_collector
from citebot.index import Answerer
from citebot.index.store.build import reindex
from tests.botproc import TOKEN, citebot, message
from tests.conftest import ROOT, indexed
from tests.fake_telegram import FakeTelegram


def test_the_index_is_open_before_the_first_question(bundled, tmp_path):
    answerer = Answerer(indexed(bundled, tmp_path, corpus=ROOT / "corpus"))
    answerer.open()
    assert answerer._corpus is not None  # the first question finds it open
    answer = answerer.ask("/who Raisi")
    assert answer.generation == answerer._corpus.generation.name and answer.results


def test_an_index_that_cannot_be_opened_at_launch_is_logged_and_the_first_question_says_why(bundled, tmp_path,
                                                                                         caplog):
    settings = indexed(bundled, tmp_path, corpus=ROOT / "corpus")
    name = (settings.index_dir / "CURRENT").read_text().strip()
    (settings.index_dir / "generations" / name / "meta.json").write_text("{not json")
    answerer = Answerer(settings)
    with caplog.at_level(logging.ERROR):
        answerer.open()  # the launch goes on
    assert "cannot open the index generation yet" in caplog.text
    try:
        answerer.ask("/who Raisi")
    except ValueError as e:  # what a question meets is the same error, not a silent empty answer
        assert "Expecting property name" in str(e)
    else:
        raise AssertionError("a question answered from an index that cannot be opened")


def test_the_generation_open_at_launch_is_freed_once_a_new_one_answers(bundled, tmp_path):
    settings = indexed(bundled, tmp_path, corpus=ROOT / "corpus")
    answerer = Answerer(settings)
    gc.disable()  # as `citebot serve` starts
    try:
        answerer.open()
        first = weakref.ref(answerer.corpus().generation)
        resume_collector()
        assert gc.isenabled()
        reindex(settings)
        time.sleep(0.6)  # workers re-read CURRENT twice a second
        answer = answerer.ask("/who Raisi")
        assert answer.results and answer.generation != first().name
        gc.collect()
        assert first() is None, "the first generation stays in memory after a reindex"
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_tls_context_begun_while_the_index_opens_is_one_that_checks_certificates():
    from citebot.bot import tls

    tls.start()
    tls.start()  # once a process, however often asked
    context = tls.context()
    assert context is tls.context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] > 50  # the CA certificates were read


def test_a_question_waiting_at_launch_is_answered_before_the_menus_are_registered(bundled, tmp_path):
    settings = indexed(bundled, tmp_path, corpus=ROOT / "corpus")
    server = FakeTelegram(TOKEN)
    server.start()
    server.push(message("/who Raisi", chat=7))
    with citebot(settings, server, tmp_path / "bot.log"):
        server.wait_for(lambda m, p: m == "setMyCommands")  # still registered, a second after the launch
        calls = [(m, p) for m, p in server.calls]
    answered = next(i for i, (m, p) in enumerate(calls) if m == "sendMessage" and p.get("chat_id") in (7, "7"))
    assert "Raisi" in html.unescape(calls[answered][1]["text"])
    assert answered < min(i for i, (m, p) in enumerate(calls) if m in ("setMyCommands", "setMyDescription"))


@pytest.mark.parametrize("argv, paused", [
    (["/srv/venv/bin/citebot", "serve"], True),  # the installed command
    (["/srv/citebot/bot/cli.py", "serve", "--webhook"], True),  # python -m citebot.bot.cli serve
    (["/srv/venv/bin/citebot", "ask", "serve"], True),  # paused at import; main() resumes it for `ask`
    (["/srv/venv/bin/pytest", "-k", "serve"], False),  # a process that only imports the module
])
def test_the_collector_is_paused_only_in_a_process_started_to_serve(argv, paused):
    code = f"import sys; sys.argv = {argv!r}; import citebot.bot.cli, gc; print(gc.isenabled())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(not paused)


def test_a_command_other_than_serve_runs_with_the_collector():
    from click.testing import CliRunner

    from citebot.bot.cli import main

    gc.disable()  # as a process started with "serve" among its words finds it
    try:
        result = CliRunner().invoke(main, ["config"])
        assert result.exit_code == 0, result.output
        assert gc.isenabled()
    finally:
        gc.enable()
