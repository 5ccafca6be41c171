"""The search benchmark: citebot vs SQLite FTS5 vs tantivy at each corpus size.

    python -m bench.run 10000 100000 1000000      (make bench)
    python -m bench.run 10000                     (make bench-smoke, CI)

Prints a table per size and the ratios citebot/FTS5 and citebot/tantivy, and
writes var/bench/results.json for bench/report.py.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

from citebot.index.analysis import terms
from citebot.index.sources import load_corpus
from citebot.index.split import passages

from . import corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
ENGINES = ["citebot", "fts5", "tantivy"]
QUERIES_PER_KIND = 400  # single words, 2-3 words, 3-word phrases: 1,200 queries
WORD = re.compile(r"[A-Za-z]{3,}")


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
    wanted = {"word": 1, "words": 0, "phrase": 3}
    for kind in ("word", "words", "phrase"):
        made = 0
        while made < QUERIES_PER_KIND:
            words = WORD.findall(rng.choice(texts))
            n = wanted[kind] or rng.choice((2, 3))
            if len(words) < n:
                continue
            at = rng.randrange(len(words) - n + 1)
            picked = words[at:at + n] if kind == "phrase" else rng.sample(words, n)
            key = (kind, " ".join(picked).lower())
            if key in seen or len(terms(" ".join(picked))) < min(n, 2 if kind == "phrase" else 1):
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
    launched = time.time()  # start-up to first answer: interpreter, imports, opening the index, answering
    first = step("first", "citebot", str(work), "/source mass graves")
    results["citebot"]["first_answer_ms"] = (first["answered_at"] - launched) * 1000
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
    lines = [f"\n== {size:,} passages ==", f"{'':28}{'citebot':>12}{'fts5':>12}{'tantivy':>12}{'c/fts5':>9}{'c/tantivy':>10}"]
    for label, fmt, key in rows:
        lines.append(_row(label, fmt, c[key], f[key], t[key]))
    for p in ("p50", "p90", "p99"):
        lines.append(_row(f"raw search {p} ms", "{:.2f}", c["raw"][p], f["raw"][p], t["raw"][p]))
    for key in [k for k in c if k.startswith("answer ")]:
        for p in ("p50", "p90", "p99"):
            lines.append(f"{key + ' ' + p + ' ms':28}{c[key][p]:>12.2f}")
    lines.append(f"{'start-up to first answer ms':28}{c['first_answer_ms']:>12.0f}")
    lines.append(f"{'queries with hits (raw)':28}{c['raw_hits']:>12}{f['raw_hits']:>12}{t['raw_hits']:>12}")
    return "\n".join(lines)


def _row(label: str, fmt: str, c: float, f: float, t: float) -> str:
    return f"{label:28}{fmt.format(c):>12}{fmt.format(f):>12}{fmt.format(t):>12}{_ratio(c, f):>9}{_ratio(c, t):>10}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def main(sizes: list[int]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    for size in sizes:
        started = time.perf_counter()
        results[str(size)] = measure(size)
        print(table(size, results[str(size)]), flush=True)
        print(f"[{size}] measured in {time.perf_counter() - started:.0f} s", flush=True)
        path.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
