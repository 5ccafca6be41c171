"""Several `citebot serve --webhook` workers behind haproxy, sharing Redis, all on 127.0.0.1.

The fake Bot API server delivers by webhook to haproxy, which spreads deliveries over
the workers. Used by tests/test_scale.py (with faults) and bench/scale.py (timed).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from contextlib import ExitStack, suppress
from pathlib import Path

from citebot.index.settings import Settings
from tests.botproc import ROOT, TOKEN, free_port, wait_listening
from tests.fake_telegram import FakeTelegram
from tests.services import Redis, haproxy


class Worker:
    def __init__(self, n: int, env: dict[str, str], folder: Path) -> None:
        self.n, self.port = n, free_port()
        self.env = {**env, "CITEBOT_TELEGRAM_WEBHOOK_PORT": str(self.port)}
        self.log = folder / f"worker{n}.log"
        self.proc: subprocess.Popen | None = None
        self.runs = 0

    def start(self) -> None:
        self.runs += 1
        with open(self.log, "a") as log:
            log.write(f"--- start {self.runs}\n")
            self.proc = subprocess.Popen([sys.executable, "-m", "citebot.bot.cli", "serve", "--webhook"], cwd=ROOT,
                                         env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> None:
        wait_listening(self.port, timeout)
        urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5).read()

    def kill(self) -> None:
        """SIGKILL: no goodbye, whatever it was doing is cut off."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def alive(self) -> bool:
        return bool(self.proc) and self.proc.poll() is None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


class Cluster:
    """Run with `with Cluster(...) as c:`; c.server is the fake Telegram, c.workers the bots."""

    def __init__(self, settings: Settings, folder: Path, workers: int = 3, redis: bool = True, **env) -> None:
        self.settings, self.folder = settings, folder
        self.server = FakeTelegram(TOKEN)
        self.redis = Redis(folder / "redis") if redis else None
        self.port = free_port()
        self.count = workers
        self.extra = {k: str(v) for k, v in env.items()}
        self.workers: list[Worker] = []
        self._stack = ExitStack()

    def __enter__(self) -> Cluster:
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self) -> None:
        self.server.start()
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "CITEBOT_TELEGRAM_BASE_URL": self.server.base_url,
               "CITEBOT_INDEX_DIR": str(self.settings.index_dir), "CITEBOT_CORPUS_DIR": str(self.settings.corpus_dir),
               "CITEBOT_TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{self.port}/telegram",
               "CITEBOT_TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1", **self.extra}
        env.pop("CITEBOT_TELEGRAM_WEBHOOK_SECRET", None)  # every worker derives the same one from the token
        if self.redis:
            self.redis.start()
            self._stack.callback(self.redis.stop)
            env["CITEBOT_STATE_REDIS_URL"] = self.redis.url
        self.workers = [Worker(n, env, self.folder) for n in range(1, self.count + 1)]
        self._stack.callback(self._stop_workers)
        for w in self.workers:
            w.start()
        for w in self.workers:
            w.wait_ready()
        self._stack.enter_context(haproxy(ROOT / "deploy" / "haproxy.cfg", self.port, [w.port for w in self.workers],
                                          self.folder))
        self.server.wait_for(lambda m, p: m == "setWebhook", timeout=30)

    def _stop_workers(self) -> None:
        for w in self.workers:
            w.stop()

    def __exit__(self, *exc) -> None:
        with suppress(Exception):
            self._stack.close()
        for w in self.workers:
            assert TOKEN.lower() not in w.log_text().lower(), "the token leaked into a worker's log"
