"""The real `citebot serve` on a bench index: start-up to the first answered update, memory after many questions.

Runs the bot process exactly as deployed (long polling) against the fake Bot API
server (tests/fake_telegram.py). The first update is queued before the process is
launched, so "launch to first answer" covers the interpreter, imports, opening
the index, the first getUpdates and the answer. Then `questions` distinct
questions (different users, commands and words) are sent, and the process's
RSS (VmRSS, and its peak VmHWM) is read from /proc when all are answered, with
the process's own CPU time per update (the bot's cost, not the fake server's).

    python -m bench.serve 100000      (this measurement alone, into var/bench/results.json; then bench.report)

citebot's modules are compiled to bytecode first, as `pip install .` does in the Docker image: with
PYTHONDONTWRITEBYTECODE set (as the image and some shells set it) an editable install would otherwise
compile every module from source at each launch, a cost no deployed bot pays.
"""

from __future__ import annotations

import compileall
import json
import random
import statistics
import sys
import time
from pathlib import Path

from bench.bot import cpu_s, wait
from tests.botproc import ROOT, TOKEN, citebot, message
from tests.fake_telegram import FakeTelegram

LAUNCHES = 5  # start-up is the median of this many launches


def measure(settings, work: Path, questions: int) -> dict:
    for package in ("bot", "index"):
        compileall.compile_dir(ROOT / package, quiet=1)
    server = FakeTelegram(TOKEN)
    server.start()
    env = {"CITEBOT_TELEGRAM_MESSAGES_PER_SECOND": 0, "CITEBOT_TELEGRAM_FLOOD_MESSAGES": 10**6}
    first = server.push(message("/source mass graves", chat=1))
    launched = time.monotonic()
    with citebot(settings, server, work / "serve.log", **env) as proc:
        replied = wait(server, [first], {1: launched}, timeout=120)
        # The process's own CPU time by then: the wall time above also holds what other jobs on the machine take.
        out = {"first_answer_ms": (replied[1] - launched) * 1000, "first_answer_cpu_ms": cpu_s(proc.pid) * 1000}
        if questions:
            lines = distinct_questions(work, questions)
            cpu = cpu_s(proc.pid)
            sent = {}
            for user, line in enumerate(lines, 10_000):
                sent[user] = time.monotonic()
                server.push(message(line, chat=user))
            wait(server, [], sent, timeout=3600)
            status = _status(proc.pid)
            out |= {"questions": questions, "rss_mb": status["VmRSS"] / 1024, "peak_rss_mb": status["VmHWM"] / 1024,
                    "cpu_ms_per_update": (cpu_s(proc.pid) - cpu) * 1000 / questions}
    return out


def distinct_questions(work: Path, n: int) -> list[str]:
    """n different lines: the bench queries under each command, then random word pairs from them."""
    queries = json.loads((work / "queries.json").read_text())
    texts = [" ".join(q["words"]) for q in queries]
    lines = list(dict.fromkeys(c + t for t in texts for c in ("", "/source ", "/quote ", "/who ")))
    vocab = sorted({w for q in queries for w in q["words"]})
    rng = random.Random(11)
    seen = set(lines)
    while len(lines) < n:
        line = " ".join(rng.sample(vocab, 2))
        if line not in seen:
            seen.add(line)
            lines.append(line)
    rng.shuffle(lines)
    return lines[:n]


def _status(pid: int) -> dict[str, int]:
    out = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def real_bot(settings, work: Path, questions: int, launches: int = LAUNCHES) -> dict:
    """The memory run, with launch to first answer as the median of `launches` launches (the machine is shared)."""
    out = measure(settings, work, questions)
    starts = [out] + [measure(settings, work, 0) for _ in range(launches - 1)]
    for key in ("first_answer_ms", "first_answer_cpu_ms"):
        out[key] = statistics.median(s[key] for s in starts)
    return out | {"launches": launches}


def main(size: int) -> None:
    """Measure the real bot again at one size and replace that size's `serve` figures in results.json."""
    from bench import run
    from bench.engines import _settings

    work = run.OUT / str(size)
    path = run.OUT / "results.json"
    results = json.loads(path.read_text())
    results[str(size)]["serve"] = real_bot(_settings(work), work, run.REAL_QUESTIONS if size == run.MEMORY_AT else 0)
    path.write_text(json.dumps(results, indent=1))
    print(json.dumps(results[str(size)]["serve"]))


if __name__ == "__main__":
    main(int(sys.argv[1]))
