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
from citebot.index.build import reindex
from tests.botproc import ROOT, message
from tests.cluster import Cluster
from tests.conftest import settings_for

BURST = 1500
STEADY = 300
RATE = 30
SETUPS = [(1, False), (1, True), (2, True), (3, True)]
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
        for n, (workers, shared) in enumerate(SETUPS):
            work = Path(tmp) / f"setup{n}"
            work.mkdir()
            results.append(drive(settings, texts, work, workers, shared))
            print(f"{workers} worker(s), {results[-1]['state']}: {results[-1]['updates_per_s']:.0f} updates/s",
                  file=sys.stderr)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1))
    print(table(results))
    return results


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
