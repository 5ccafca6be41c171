"""Fixtures: real corpora in temp folders and real Whoosh indexes built from them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citebot.index.answers.answerer import Answerer
from citebot.index.settings import Settings
from citebot.index.store.build import reindex
from tests.reliability import pytest_collection_modifyitems, pytest_runtest_logreport, pytest_terminal_summary, tally  # noqa: F401 - hooks

ROOT = Path(__file__).resolve().parent.parent


def settings_for(tmp: Path, corpus: Path | None = None, **extra) -> Settings:
    return Settings(corpus_dir=corpus or ROOT / "corpus", index_dir=tmp / "index",
                    people_file=ROOT / "config" / "people.yaml", **extra)


def exact(answerer: Answerer, answer) -> None:
    """Every excerpt is exactly text[start:end] of its document."""
    gen = answerer.corpus().generation
    for r in answer.results:
        assert gen.text(r.document.id)[r.start:r.end] == r.excerpt


@pytest.fixture(scope="session")
def bundled(tmp_path_factory) -> Settings:
    """The bundled corpus, indexed once for the session."""
    settings = settings_for(tmp_path_factory.mktemp("bundled"))
    reindex(settings)
    return settings


@pytest.fixture(scope="session")
def answerer(bundled) -> Answerer:
    return Answerer(bundled)


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    """An empty corpus folder to write documents into."""
    path = tmp_path / "corpus"
    path.mkdir()
    return path


@pytest.fixture
def seeds(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    path = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", path)
    return path


@pytest.fixture(scope="session")
def cli(bundled):
    """The real `citebot` command line on the bundled index: cli("ask", "--json", "/who Zeid") -> stdout."""
    env = {**os.environ, "CITEBOT_INDEX_DIR": str(bundled.index_dir)}

    def run(*args):
        out = subprocess.run([sys.executable, "-m", "citebot.bot.cli", *args], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return out.stdout

    return run
