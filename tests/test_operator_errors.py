"""An operator's mistake is one clear sentence on stderr, a non-zero exit, no traceback, and nothing left behind:
a wrong bot token, citebot run outside its project folder (no corpus), an index folder that cannot be made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.botproc import ROOT
from tests.fake_telegram import FakeTelegram

CITEBOT = [sys.executable, "-m", "citebot.bot.cli"]


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CITEBOT_", "TELEGRAM_"))}
    return subprocess.run([*CITEBOT, *args], cwd=cwd, env={**clean, **env}, capture_output=True, text=True,
                          timeout=90, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("command", [["ask", "mass graves"], ["reindex"], ["doc", "x"], ["serve"], ["chat"]])
def test_outside_the_project_folder_one_sentence_and_no_stray_index(tmp_path, command):
    out = run(*command, cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr == (f"Error: There is no corpus folder at {tmp_path / 'corpus'}: run citebot in the project "
                          "folder (the one holding corpus/ and config/), or set CITEBOT_CORPUS_DIR.\n")
    assert list(tmp_path.iterdir()) == []  # no var/index behind


def test_an_index_folder_that_cannot_be_made_is_named_in_one_line(tmp_path):
    out = run("ask", "mass graves", CITEBOT_INDEX_DIR="/proc/citebot-nowhere/index")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.splitlines()[-1].startswith("Error: No such file or directory: /proc/citebot-nowhere")


@pytest.mark.e2e
@pytest.mark.parametrize("mode", [[], ["--webhook"]])
def test_a_wrong_token_is_one_sentence_and_exit_1(tmp_path, bundled, mode):
    server = FakeTelegram("123456:THE-right-token")
    server.start()
    out = run("serve", *mode, TELEGRAM_BOT_TOKEN="123456:a-WRONG-token", CITEBOT_TELEGRAM_BASE_URL=server.base_url,
              CITEBOT_INDEX_DIR=str(bundled.index_dir), CITEBOT_TELEGRAM_WEBHOOK_URL="http://127.0.0.1:9/telegram",
              CITEBOT_TELEGRAM_WEBHOOK_LISTEN="127.0.0.1", CITEBOT_TELEGRAM_WEBHOOK_PORT="0")
    assert out.returncode == 1
    assert out.stderr == ("Error: Telegram refused the bot token in TELEGRAM_BOT_TOKEN; check it with @BotFather "
                          "(/mybots > API Token).\n")
