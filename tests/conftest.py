"""Fixtures: real corpora in temp folders and real Whoosh indexes built from them."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citebot.index.answers.answerer import Answerer
from citebot.index.settings import Settings
from citebot.index.store.build import reindex
from tests.reliability import pytest_collection_modifyitems as reliability_items
from tests.reliability import (  # noqa: F401 - hooks
    pytest_runtest_logreport,
    pytest_sessionfinish,
    pytest_terminal_summary,
    pytest_testnodedown,
    tally,
)

ROOT = Path(__file__).resolve().parent.parent

# The longest modules (seconds on 2 cores, `make test --durations=0`), started first when pytest-xdist shares the
# modules out (make test: --dist loadscope --no-loadscope-reorder), so that none of them is left to run alone at the end.
LONGEST_FIRST = [
    "test_collection_e2e.py", "test_scale.py", "test_reindex_reliability.py", "test_abuse.py", "test_telegram.py",
    "test_persian_admin_e2e.py", "test_stores_down.py", "test_search.py", "test_sandbox.py", "test_collection.py",
    "test_persian_e2e.py", "test_fuzz.py", "test_e2e.py", "test_faults.py", "test_questions_asked.py",
    "test_drafts_across_workers.py", "test_reindex.py", "test_webhook_limits.py", "test_spool.py",
    "test_persian_documents_e2e.py", "test_people_overrides.py",
]


def pytest_collection_modifyitems(config, items) -> None:
    reliability_items(items)
    if config.getoption("dist", "no") != "no" or hasattr(config, "workerinput"):
        rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
        items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each module keeps its order


def settings_for(tmp: Path, corpus: Path | None = None, **extra) -> Settings:
    return Settings(corpus_dir=corpus or ROOT / "corpus", index_dir=tmp / "index",
                    people_file=ROOT / "config" / "people.yaml", **extra)


def written_corpus(tmp: Path, files: dict[str, str], people: str = "") -> Settings:
    """An index of documents a test writes (file name -> text; "sources.yaml" too) with its own people.yaml
    (empty: no one known in advance), built as reindex builds one."""
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (tmp / "people.yaml").write_text(people, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp / "index", people_file=tmp / "people.yaml")
    reindex(settings)
    return settings


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


def indexed(bundled: Settings, tmp: Path, corpus: Path | None = None, **extra) -> Settings:
    """settings_for(tmp, corpus) with the index reindex(settings) would build: the session's index of the bundled
    corpus, copied (a private copy: the test may reindex, add or break it). `corpus` must hold the bundled documents."""
    settings = settings_for(tmp, corpus, **extra)
    shutil.copytree(bundled.index_dir, settings.index_dir, symlinks=True)
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


def cli_in_process(env: dict[str, str]):
    """The `citebot` command line run in this process by click's CliRunner: run("ask", "--json", "/who Zeid") -> stdout.

    The same command group as the console script, from the repository root as a subprocess would run it.
    """
    from click.testing import CliRunner

    from citebot.bot.cli import main

    def run(*args):
        with contextlib.chdir(ROOT):
            out = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
        assert out.exit_code == 0, out.stderr
        return out.stdout

    return run


def cli_process(env: dict[str, str]):
    """The real `citebot` console script in a process of its own: run(*args) -> stdout."""
    program = Path(sys.executable).with_name("citebot")
    command = [str(program)] if program.exists() else [sys.executable, "-m", "citebot.bot.cli"]

    def run(*args):
        out = subprocess.run([*command, *args], cwd=ROOT, env={**os.environ, **env},
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return out.stdout

    return run


@pytest.fixture(scope="session")
def cli(bundled):
    """The `citebot` command line on the bundled index, in process: cli("ask", "--json", "/who Zeid") -> stdout."""
    return cli_in_process({"CITEBOT_INDEX_DIR": str(bundled.index_dir)})


@pytest.fixture(scope="session")
def cli_proc(bundled):
    """The real `citebot` console script on the bundled index, one process per call (as cli, for the entry point)."""
    return cli_process({"CITEBOT_INDEX_DIR": str(bundled.index_dir)})
