"""Reindexing under abuse: broken corpora, SIGKILL at any moment, queries across the switch, two at once.

These drive the real `citebot` CLI in subprocesses, as an operator (or a
crashing container) would.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from citebot.bot import render
from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from citebot.index.store.generations import Generation
from tests.conftest import ROOT, exact, settings_for
from tests.fake_telegram import TelegramHTML
from tests.pdfmaker import write_pdf
from tests.reliability import trials

QUESTIONS = ["/who Raisi", "/quote Montazeri", "/source refrigerated trucks", "mass graves", "/docs"]


def citebot(settings, *args, **popen):
    env = {**os.environ, "CITEBOT_CORPUS_DIR": str(settings.corpus_dir), "CITEBOT_INDEX_DIR": str(settings.index_dir)}
    return subprocess.Popen([sys.executable, "-m", "citebot.bot.cli", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen)


def run(settings, *args) -> subprocess.CompletedProcess:
    proc = citebot(settings, *args)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def answers(settings) -> list[dict]:
    """What users get now, without the generation name (the same corpus may be rebuilt)."""
    answerer = Answerer(settings)
    return [{**answerer.ask(q).to_json(), "generation": None} for q in QUESTIONS]


@pytest.mark.reliability("broken corpora")
def test_a_messy_folder_indexes_the_good_and_reports_the_bad(tmp_path, seeds, tally):
    bad = {
        "empty.txt": (b"", "empty file"),
        "binary.txt": (bytes(range(256)) * 40, "binary file, not text"),
        "huge.txt": (b"The committee met again today. " * (50 * 2**20 // 31), "too large"),
        "nobody.html": (b"<html><head><title>x</title></head><body><nav>Menu</nav></body></html>", "no text found"),
        "corrupt.pdf": (b"%PDF-1.4 not really", "unreadable PDF"),
    }
    for name, (data, _) in bad.items():
        (seeds / name).write_bytes(data)
    write_pdf(seeds / "scan.pdf", None)
    bad["scan.pdf"] = (None, "no text layer")
    (seeds / "latin1.txt").write_bytes("Le comité a publié un rapport sur les exécutions de 1988.".encode("latin-1"))
    (seeds / "utf16.txt").write_bytes("A statement saved as UTF-16 about the 1988 executions.".encode("utf-16"))
    (seeds / "markup.txt").write_text("The report's title was <script>alert(1)</script> & “Blood-soaked secrets”.\n")
    manifest = (seeds / "sources.yaml").read_text()
    (seeds / "sources.yaml").write_text(manifest + "\n- {file: gone.txt, id: gone, title: Gone}\n"
                                        "- {file: latin1.txt, id: ngo-2020-bring-to-justice, title: Dup}\n"
                                        "- {file: utf16.txt, id: utf16, title: UTF-16, date: 2020-02-31}\n")
    settings = settings_for(tmp_path, seeds)
    done = run(settings, "reindex")
    tally.tried(len(bad) + 5)
    assert done.returncode == 0, done.stderr
    reasons = dict(line[4:].split(": ", 1) for line in done.stdout.splitlines() if line.startswith("  - "))
    for name, (_, reason) in bad.items():
        assert reason in reasons[name]
    assert "  - gone.txt: listed in sources.yaml but the file is missing" in done.stdout
    assert "  - latin1.txt: duplicate id 'ngo-2020-bring-to-justice' (already used by" in done.stdout
    assert done.stdout.startswith("Indexed 7 documents")  # 5 seeds, UTF-16 (its bad date dropped), markup
    answerer = Answerer(settings)
    assert answerer.corpus().documents["utf16"].date is None
    for line in ["/source rapport", "/source UTF-16", "/source <script>", "Blood-soaked"]:
        answer = answerer.ask(line)
        exact(answerer, answer)
        for html in render.page(answer, 0, 3, "k").messages:
            TelegramHTML.visible(html)
    assert answerer.ask("/source <script>").results[0].excerpt.startswith("The report's title was <script>")

    before = answers(settings)
    (seeds / "sources.yaml").write_text("- {file: a.txt\n")
    failed = run(settings, "reindex")
    tally.tried()
    assert failed.returncode == 1
    assert "reindex failed: " in failed.stderr and "sources.yaml" in failed.stderr
    assert "The previous index is unchanged." in failed.stderr and "Traceback" not in failed.stderr
    assert answers(settings) == before


@pytest.mark.reliability("reindex killed (SIGKILL)")
def test_sigkill_at_any_moment_leaves_a_working_index(tmp_path, seeds, tally):
    settings = settings_for(tmp_path, seeds)
    reindex(settings)
    expected = answers(settings)
    started = time.perf_counter()
    assert run(settings, "reindex").returncode == 0
    full = time.perf_counter() - started
    count = trials(ci=20, full=60)
    for n in range(count):
        tally.tried()
        proc = citebot(settings, "reindex")
        time.sleep(full * n / count)  # every trial dies at a different moment, from start-up to the switch
        if proc.poll() is not None and proc.returncode != 0:
            tally.crashed()
            pytest.fail(f"trial {n}: reindex failed by itself: {proc.stderr.read()}")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        if answers(settings) != expected:
            tally.lost()
            pytest.fail(f"trial {n}: answers changed after SIGKILL at {full * n / count:.2f} s")
    gens = settings.index_dir / "generations"
    finished = run(settings, "reindex")
    assert finished.returncode == 0, finished.stderr  # no stale lock
    assert not list(gens.glob("*.tmp")) and len(list(gens.iterdir())) == 2
    assert answers(settings) == expected


@pytest.mark.reliability("queries across reindex")
def test_queries_during_reindexes_never_fail_or_mix_generations(tmp_path, seeds, tally):
    settings = settings_for(tmp_path, seeds)
    reindex(settings)
    extra = seeds / "copy.txt"
    base = len(Answerer(settings).ask("/source refrigerated trucks").results)
    rounds, problems, stop = trials(ci=6, full=30), [], threading.Event()

    def ask_forever(answerer: Answerer):
        while not stop.is_set():
            try:
                answer = answerer.ask("/source refrigerated trucks")
                gen = Generation(settings.index_dir / "generations" / answer.generation)
                documents = len(gen.meta.documents)
                tally.tried()
                if len(answer.results) != base + documents - 5:
                    problems.append(f"{answer.generation}: {len(answer.results)} results, {documents} documents")
                for r in answer.results:
                    if gen.text(r.document.id)[r.start:r.end] != r.excerpt:
                        problems.append(f"{answer.generation}: excerpt of {r.document.id} not in that generation")
                gen.close()
            except Exception as e:  # noqa: BLE001 - any failure is what this test looks for
                tally.crashed()
                problems.append(repr(e))
            answerer.shelf._checked = 0  # look at CURRENT on every question, to cross as many switches as possible

    askers = [threading.Thread(target=ask_forever, args=(Answerer(settings),)) for _ in range(3)]
    for t in askers:
        t.start()
    try:
        for n in range(rounds):
            if n % 2 == 0:
                shutil.copy(seeds / "003_042ad2c515831a27.txt", extra)
            else:
                extra.unlink()
            reindex(settings)
    finally:
        stop.set()
        for t in askers:
            t.join(30)
    assert problems == []


@pytest.mark.reliability("concurrent reindex")
def test_two_reindexes_at_once_one_runs_the_other_is_told(tmp_path, seeds, tally):
    settings = settings_for(tmp_path, seeds)
    reindex(settings)
    expected = answers(settings)
    (seeds / "slow.txt").write_text("Testimony of a survivor about the prison in 1988. " * 3000)  # a longer build
    refused = 0
    for _ in range(trials(ci=3, full=10)):
        tally.tried(2)
        first, second = citebot(settings, "reindex"), citebot(settings, "reindex")
        outcomes = sorted([(p.wait(120), p.stderr.read()) for p in (first, second)])
        codes = [code for code, _ in outcomes]
        refused += codes == [0, 1]
        if codes == [0, 0]:
            continue  # the first finished before the second started: nothing to refuse
        assert codes == [0, 1], outcomes
        assert "reindex failed: a reindex is already running. The previous index is unchanged." in outcomes[1][1]
    assert refused, "the two never overlapped: nothing was tested"
    (seeds / "slow.txt").unlink()
    assert run(settings, "reindex").returncode == 0
    assert answers(settings) == expected
