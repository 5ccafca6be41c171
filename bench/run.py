"""The search benchmark: citebot vs SQLite FTS5 vs tantivy at each corpus size.

    python -m bench.run 10000 100000 1000000      (make bench)
    python -m bench.run 10000                     (make bench-smoke, CI)

Prints a table per size and the ratios citebot/FTS5 and citebot/tantivy, and
writes var/bench/results.json for bench/report.py.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

from citebot.index.documents.sources import load_corpus
from citebot.index.text.analysis import terms
from citebot.index.text.split import passages

from . import corpus, serve
from .engines import KINDS, RACE_RUNS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
ENGINES = ["citebot", "fts5", "tantivy"]
MEMORY_AT = 100_000  # the size at which the real bot answers REAL_QUESTIONS distinct questions
REAL_QUESTIONS = 10_000
QUERIES_PER_KIND = 400  # single words, 2-3 words, 3-word phrases, names, numbers: 2,000 queries
WORD = re.compile(r"[A-Za-z]{3,}")
NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}")  # a capitalised word inside a sentence
PHRASE = re.compile(r"(?<![\w.,'’-])[A-Za-z]{3,}(?: [A-Za-z]+){2}(?![\w'’-])")  # three words in a row, spaces only
NUMBER = re.compile(r"(?<![\w.,])\d{2,}(?![\w.,])")


def prepare(size: int) -> Path:
    work = OUT / str(size)
    made = work / "corpus" / "sources.yaml"
    if not made.exists():
        print(f"[{size}] writing the scale corpus", flush=True)
        corpus.build(size, work / "corpus")
    sources, _ = load_corpus(work / "corpus", 10**9)
    texts = [s.cleaned.text[a:b] for s in sources for (a, b), _ in passages(s.cleaned.text)]
    with open(work / "passages.jsonl", "w", encoding="utf-8") as out:
        out.writelines(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    (work / "queries.json").write_text(json.dumps(draw_queries(texts)))
    for engine in ENGINES:
        subprocess.run(["rm", "-rf", str(work / engine)], check=True)
    return work


def draw_queries(texts: list[str], seed: int = 1988) -> list[dict]:
    """Queries a user might send, drawn from the passages: words, short word lists, phrases."""
    rng, out, seen = random.Random(seed), [], set()
    wanted = {"word": 1, "words": 0, "phrase": 3, "name": 1, "number": 1}
    pattern = {"name": NAME, "number": NUMBER, "phrase": PHRASE}
    for kind in wanted:
        made, tries = 0, 0
        while made < QUERIES_PER_KIND and tries < 200 * QUERIES_PER_KIND:
            tries += 1
            words = pattern.get(kind, WORD).findall(rng.choice(texts))
            n = 1 if kind == "phrase" else wanted[kind] or rng.choice((2, 3))
            if len(words) < n:
                continue
            at = rng.randrange(len(words) - n + 1)
            picked = words[at].split() if kind == "phrase" else rng.sample(words, n)
            key = (kind, " ".join(picked).lower())
            if key in seen or len(terms(" ".join(picked))) < (2 if kind == "phrase" else 1):
                continue
            seen.add(key)
            out.append({"kind": kind, "words": picked})
            made += 1
    rng.shuffle(out)
    return out


def step(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.engines", *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"bench.engines {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(size: int) -> dict:
    work = prepare(size)
    results = {}
    for engine in ENGINES:
        print(f"[{size}] {engine}: build", flush=True)
        results[engine] = step("build", engine, str(work))
        print(f"[{size}] {engine}: queries", flush=True)
        results[engine] |= step("serve", engine, str(work))
    print(f"[{size}] all engines: the same queries interleaved", flush=True)
    for engine, measured in step("race", "all", str(work)).items():
        results[engine] |= measured  # the latencies of the table: one process, engines back to back
    print(f"[{size}] the real citebot serve: start-up" + (f", {REAL_QUESTIONS:,} questions" if size == MEMORY_AT else ""),
          flush=True)
    from bench.engines import _settings
    results["serve"] = serve.real_bot(_settings(work), work, REAL_QUESTIONS if size == MEMORY_AT else 0)
    return results


def table(size: int, r: dict) -> str:
    c, f, t = r["citebot"], r["fts5"], r["tantivy"]
    rows = [
        ("passages", "{:,.0f}", "passages"),
        ("build passages/s", "{:,.0f}", "rate"),
        ("build s", "{:.1f}", "build_s"),
        ("index MB", "{:.1f}", "size_mb"),
        ("build peak RSS MB", "{:.0f}", "build_rss_mb"),
        ("serving peak RSS MB", "{:.0f}", "serve_rss_mb"),
        ("cold open ms", "{:.1f}", "open_ms"),
    ]
    lines = [f"\n== {size:,} passages ==  (commit {r.get('commit', '?')}, load average {r.get('load', '?')}; "
             "kind latencies: engines interleaved query by query in one process, fastest of "
             f"{RACE_RUNS} kept; other rows: each engine in its own process)", f"{'':28}{'citebot':>12}{'fts5':>12}{'tantivy':>12}{'c/fts5':>9}{'c/tantivy':>10}"]
    for label, fmt, key in rows:
        lines.append(_row(label, fmt, c[key], f[key], t[key]))
    for kind in KINDS:  # the same words, the same semantics, for every engine
        if f"raw {kind}" not in c:
            continue
        for p in ("p50", "p99"):
            lines.append(_row(f"{kind} {p} ms", "{:.2f}", c[f"raw {kind}"][p], f[f"raw {kind}"][p], t[f"raw {kind}"][p]))
        lines.append(f"{kind + ' queries with hits':28}{c['hits ' + kind]:>12}{f['hits ' + kind]:>12}{t['hits ' + kind]:>12}")
    relevance = dict(c.get("relevance", {}))
    sample = relevance.pop("sample", 100)
    for kind, overlap in relevance.items():
        lines.append(f"{'top-10 overlap, ' + kind:28}{overlap:>12.3f}   ({sample} queries vs exhaustive scoring)")
    for key in [k for k in c if k.startswith("answer ")]:
        for p in ("p50", "p90", "p99"):
            lines.append(f"{'citebot ' + key + ' ' + p + ' ms':28}{c[key][p]:>12.2f}")
    s = r.get("serve", {})
    if "first_answer_ms" in s:
        cpu = (f"   (median of {s['launches']} launches; {s['first_answer_cpu_ms']:.0f} ms of its own CPU)"
               if "launches" in s else "")
        lines.append(f"{'serve: launch to 1st answer':28}{s['first_answer_ms']:>12.0f}{cpu}")
    if "rss_mb" in s:
        lines.append(f"{'serve: RSS after questions':28}{s['rss_mb']:>12.0f}   ({s['questions']:,} distinct; peak "
                     f"{s['peak_rss_mb']:.0f} MB; {s['cpu_ms_per_update']:.1f} ms CPU per update)")
    return "\n".join(lines)


def _row(label: str, fmt: str, c: float, f: float, t: float) -> str:
    return f"{label:28}{fmt.format(c):>12}{fmt.format(f):>12}{fmt.format(t):>12}{_ratio(c, f):>9}{_ratio(c, t):>10}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def commit() -> str:
    """The commit measured (with "+changes" when the work tree differs from it)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    return head + ("+changes" if dirty else "")


def main(sizes: list[int]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    for size in sizes:
        started = time.perf_counter()
        results[str(size)] = measure(size)
        results[str(size)]["commit"] = commit()
        results[str(size)]["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(table(size, results[str(size)]), flush=True)
        print(f"[{size}] measured in {time.perf_counter() - started:.0f} s", flush=True)
        path.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
