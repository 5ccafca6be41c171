"""The bot end to end: citebot vs a bare PTB echo bot through the same fake Bot API server.

    python -m bench.bot            (part of make bench)

Each bot runs as its own process in long polling against tests/fake_telegram.py.
Two measurements per bot, private chats, one message per simulated user:
  throughput  all updates queued at once; updates answered per second
  latency     updates at a steady rate both bots keep up with; push to reply
citebot answers on the bundled corpus with its outgoing limiter off
(`messages_per_second: 0`), as the echo bot has none; with Telegram's 30/s it
would measure the limiter. Writes var/bench/bot.json.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
import time
from pathlib import Path

from bench.engines import percentiles
from citebot.index.store.build import reindex
from citebot.index.text.analysis import analysed
from tests.botproc import ROOT, TOKEN, citebot, message
from tests.conftest import settings_for
from tests.fake_telegram import FakeTelegram

BURST = 2000  # updates queued at once for throughput
STEADY = 400  # updates for latency...
RATE = 40  # ...sent at this many per second
OUT = ROOT / "var" / "bench" / "bot.json"


def lines(settings, n: int, seed: int = 7) -> list[str]:
    """What users type: commands and searches built from the bundled corpus's own words."""
    from citebot.index.answers.answerer import Answerer

    gen = Answerer(settings).corpus().generation
    words = sorted({w for d in gen.meta.documents for w in analysed(gen.text(d.id)) if len(w) > 3})
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        pick = " ".join(rng.sample(words, rng.choice((1, 1, 2))))
        out.append(rng.choice(["/who ", "/quote ", "/source ", ""]) + pick)
    return out


def drive(program: list[str] | None, settings, texts: list[str], work: Path) -> dict:
    server = FakeTelegram(TOKEN)
    server.start()
    env = {"CITEBOT_TELEGRAM_MESSAGES_PER_SECOND": 0, "CITEBOT_TELEGRAM_FLOOD_MESSAGES": 10**6}
    with citebot(settings, server, work / "bot.log", program=program, **env) as proc:
        warm = [server.push(message("/help", chat=1))]
        wait(server, warm, {1: 0.0})
        cpu = cpu_s(proc.pid)
        users = iter(range(10_000, 10**9))
        sent = {}
        pushed = []
        started = time.monotonic()
        for text in texts[:BURST]:
            user = next(users)
            sent[user] = time.monotonic()
            pushed.append(server.push(message(text, chat=user)))
        replied = wait(server, pushed, sent)
        throughput = len(pushed) / (max(replied.values()) - started)
        cpu_ms = (cpu_s(proc.pid) - cpu) * 1000 / len(pushed)  # the bot's own cost, not the server's
        sent, pushed = {}, []
        for text in texts[BURST:BURST + STEADY]:
            user = next(users)
            sent[user] = time.monotonic()
            pushed.append(server.push(message(text, chat=user)))
            time.sleep(1 / RATE)
        replied = wait(server, pushed, sent)
    latency = percentiles([(replied[u] - sent[u]) * 1000 for u in sent])
    return {"updates_per_s": throughput, "latency_ms": latency, "cpu_ms_per_update": cpu_ms}


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait(server: FakeTelegram, pushed: list[dict], sent: dict[int, float], timeout: float = 300) -> dict[int, float]:
    """When each user's reply reached the server (the first sendMessage to their chat)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        replied = {}
        for (method, params), stamp in zip(list(server.calls), list(server.stamps)):
            chat = int(params.get("chat_id", 0)) if method == "sendMessage" else 0
            if chat in sent and chat not in replied:
                replied[chat] = stamp
        if len(replied) == len(sent):
            return replied
        time.sleep(0.2)
    raise SystemExit(f"only {len(replied)} of {len(sent)} updates were answered")


def main() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = settings_for(work, corpus=ROOT / "corpus")
        reindex(settings)
        texts = lines(settings, BURST + STEADY)
        results = {"citebot": drive(None, settings, texts, work),
                   "echo": drive(["-m", "bench.echo_bot"], settings, texts, work)}
    c, e = results["citebot"], results["echo"]
    results["throughput_ratio"] = c["updates_per_s"] / e["updates_per_s"]
    results["added_p50_ms"] = c["latency_ms"]["p50"] - e["latency_ms"]["p50"]
    results["added_p99_ms"] = c["latency_ms"]["p99"] - e["latency_ms"]["p99"]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=1))
    print(table(results))
    return results


def table(r: dict) -> str:
    c, e = r["citebot"], r["echo"]
    rows = ["\n== the bot, end to end (bundled corpus, fake Bot API server) ==",
            f"{'':28}{'citebot':>12}{'echo bot':>12}{'ratio':>9}",
            f"{f'updates/s (burst of {BURST})':28}{c['updates_per_s']:>12.0f}{e['updates_per_s']:>12.0f}"
            f"{r['throughput_ratio']:>9.2f}"]
    for p in ("p50", "p90", "p99"):
        rows.append(f"{'reply latency ' + p + ' ms':28}{c['latency_ms'][p]:>12.1f}{e['latency_ms'][p]:>12.1f}")
    rows.append(f"{'citebot added p50 / p99 ms':28}{r['added_p50_ms']:>12.1f}{r['added_p99_ms']:>12.1f}")
    if "cpu_ms_per_update" in c:
        rows.append(f"{'own CPU ms per update':28}{c['cpu_ms_per_update']:>12.2f}{e['cpu_ms_per_update']:>12.2f}")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
