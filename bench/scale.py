"""Several webhook workers behind haproxy: throughput and latency by worker count and state backend.

    python -m bench.scale        (needs redis-server and haproxy; not part of bench-smoke)

Each setup runs `citebot serve --webhook` workers behind haproxy (deploy/haproxy.cfg)
on 127.0.0.1, fed by tests/fake_telegram.py through webhooks, with the outgoing limiter
off (`messages_per_second: 0`, so Telegram's 30/s is not what is measured):
  throughput  BURST updates queued at once (at most 40 deliveries open, as Telegram); answered per second
  latency     STEADY updates at RATE per second; push to reply
Setups: 1 worker with in-memory state (today's single process, the baseline), 1, 2 and 3
workers with Redis state. Redis's cost per update is read from Redis itself (INFO
commandstats: commands and microseconds spent per update). Writes var/bench/scale.json.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import redis

from bench.bot import lines, wait
from bench.engines import percentiles
from citebot.index.store.build import reindex
from tests.botproc import ROOT, message
from tests.cluster import Cluster
from tests.conftest import settings_for

BURST = 1500
STEADY = 300
RATE = 30
SETUPS = [(1, False), (1, True), (2, True), (3, True)]
ROUNDS = 2  # every setup twice, in turn, so a noisy moment on the shared machine hits all alike
OUT = ROOT / "var" / "bench" / "scale.json"


def redis_cost(url: str) -> tuple[int, float]:
    """Commands Redis has run and microseconds it spent on them, so far."""
    stats = redis.Redis.from_url(url).info("commandstats")
    return sum(s["calls"] for s in stats.values()), sum(s["usec"] for s in stats.values())


def drive(settings, texts: list[str], work: Path, workers: int, shared: bool) -> dict:
    env = {"CITEBOT_TELEGRAM_MESSAGES_PER_SECOND": 0, "CITEBOT_TELEGRAM_FLOOD_MESSAGES": 10**6}
    with Cluster(settings, work, workers=workers, redis=shared, **env) as cluster:
        server = cluster.server
        wait(server, [server.push(message("/help", chat=1))], {1: 0.0})
        before = redis_cost(cluster.redis.url) if shared else (0, 0.0)
        users = iter(range(10_000, 10**9))
        sent, started = {}, time.monotonic()
        for text in texts[:BURST]:
            user = next(users)
            sent[user] = time.monotonic()
            server.push(message(text, chat=user))
        replied = wait(server, [], sent)
        throughput = len(sent) / (max(replied.values()) - started)
        sent = {}
        for text in texts[BURST:BURST + STEADY]:
            user = next(users)
            sent[user] = time.monotonic()
            server.push(message(text, chat=user))
            time.sleep(1 / RATE)
        replied = wait(server, [], sent)
        after = redis_cost(cluster.redis.url) if shared else (0, 0.0)
    updates = BURST + STEADY
    return {"workers": workers, "state": "redis" if shared else "memory", "updates_per_s": throughput,
            "latency_ms": percentiles([(replied[u] - sent[u]) * 1000 for u in sent]),
            "redis_commands_per_update": (after[0] - before[0]) / updates,
            "redis_usec_per_update": (after[1] - before[1]) / updates}


def main() -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_for(Path(tmp), corpus=ROOT / "corpus")
        reindex(settings)
        texts = lines(settings, BURST + STEADY)
        runs: dict[int, list[dict]] = {}
        for round_ in range(ROUNDS):
            for n, (workers, shared) in enumerate(SETUPS):
                work = Path(tmp) / f"setup{n}-{round_}"
                work.mkdir()
                runs.setdefault(n, []).append(drive(settings, texts, work, workers, shared))
                print(f"{workers} worker(s), {runs[n][-1]['state']}: {runs[n][-1]['updates_per_s']:.0f} updates/s",
                      file=sys.stderr)
        results = [mean(r) for _, r in sorted(runs.items())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1))
    print(table(results))
    write_results(results)
    return results


def mean(runs: list[dict]) -> dict:
    """The rounds of one setup averaged, number by number."""
    def avg(values):
        values = list(values)
        if isinstance(values[0], dict):
            return {k: avg(v[k] for v in values) for k in values[0]}
        return values[0] if len(set(values)) == 1 else sum(values) / len(values)
    return {k: avg(r[k] for r in runs) for k in runs[0]}


def section(results: list[dict]) -> list[str]:
    """The bench/RESULTS.md section (bench/report.py copies it there too)."""
    return ["## Several workers", "",
            "`python -m bench.scale`: `citebot serve --webhook` workers behind haproxy (deploy/haproxy.cfg) on",
            "127.0.0.1, fed by the fake Bot API server through webhooks (at most 40 deliveries open, as",
            f"Telegram), limiter off. Throughput: {BURST:,} updates queued at once; latency: {STEADY} updates at",
            f"{RATE}/s, push to reply. Each setup run {ROUNDS} times in turn and averaged; ratios are to one",
            "worker with in-memory state (a single process as before). The fake server, haproxy, Redis and",
            "the workers share the same 2 cores, so more workers mostly add contention here; on separate",
            "machines they would add capacity. Redis's own cost per update is read from Redis (INFO",
            "commandstats).", "", "```", table(results).strip(), "```", ""]


def write_results(results: list[dict]) -> None:
    """Put the section into bench/RESULTS.md, replacing an earlier one."""
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text()
    new = "\n".join(section(results))
    if "## Several workers" in text:
        start = text.index("## Several workers")
        end = text.find("\n## ", start + 1)
        text = text[:start] + new + (text[end + 1:] if end >= 0 else "")
    else:
        anchor = text.find("## What made the difference")
        text = text[:anchor] + new + "\n" + text[anchor:] if anchor >= 0 else text + "\n" + new
    path.write_text(text)


def table(results: list[dict]) -> str:
    base = results[0]
    rows = ["\n== several webhook workers behind haproxy (bundled corpus, fake Bot API server, limiter off) ==",
            f"{'setup':22}{'updates/s':>10}{'ratio':>7}{'p50 ms':>8}{'p99 ms':>8}{'added p50':>10}"
            f"{'redis cmds/upd':>15}{'redis us/upd':>13}"]
    for r in results:
        lat = r["latency_ms"]
        rows.append(f"{str(r['workers']) + ' worker(s), ' + r['state']:22}{r['updates_per_s']:>10.0f}"
                    f"{r['updates_per_s'] / base['updates_per_s']:>7.2f}{lat['p50']:>8.1f}{lat['p99']:>8.1f}"
                    f"{lat['p50'] - base['latency_ms']['p50']:>10.1f}{r['redis_commands_per_update']:>15.1f}"
                    f"{r['redis_usec_per_update']:>13.1f}")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
