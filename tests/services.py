"""redis-server, haproxy and a PostgreSQL server on 127.0.0.1 for the tests, from Debian packages.

CI (.ci/run, which sets CITEBOT_CI=1) installs them; elsewhere a test that needs a
missing one is skipped and says how to install it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.botproc import free_port, wait_listening

INSTALL = "apt-get update && apt-get install -y redis-server haproxy postgresql"


def need(program: str) -> str:
    places = [f"/usr/sbin/{program}", f"/usr/bin/{program}", *sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"))]
    path = shutil.which(program) or next((p for p in places if os.path.exists(p)), None)
    if path:
        return path
    if os.environ.get("CITEBOT_CI"):
        pytest.fail(f"{program} is missing in CI: .ci/run installs it ({INSTALL})")
    pytest.skip(f"{program} is not installed (as root: {INSTALL})")


class Redis:
    """A throwaway redis-server without persistence: a restart loses everything, the worst case."""

    def __init__(self, folder: Path, *options: str) -> None:
        self.binary = need("redis-server")
        self.folder = folder
        self.options = list(options)  # more redis-server arguments: --maxmemory 1mb, --replicaof HOST PORT
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder), *self.options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_listening(self.port)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def restart(self, down: float = 0.5) -> None:
        self.stop()
        time.sleep(down)
        self.start()


@contextlib.contextmanager
def redis_server(folder: Path, *options: str):
    server = Redis(folder, *options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def haproxy(config: Path, port: int, workers: list[int], folder: Path):
    """deploy/haproxy.cfg with the workers' ports put in, listening on `port` without TLS."""
    binary = need("haproxy")
    text = config.read_text()
    text = text.replace("bind :8443 ssl crt /etc/haproxy/certs/citebot.pem", f"bind 127.0.0.1:{port}")
    servers = "\n".join(f"    server w{n} 127.0.0.1:{p} check inter 500 fall 2 rise 1"
                        for n, p in enumerate(workers, 1))
    text = text.replace("    server-template worker 1-3 worker:8443 check resolvers docker init-addr none", servers)
    path = folder / "haproxy.cfg"
    path.write_text(text)
    proc = subprocess.Popen([binary, "-f", str(path), "-db"], stdout=subprocess.DEVNULL,
                            stderr=open(folder / "haproxy.log", "w"))
    try:
        wait_listening(port)
        yield proc
    finally:
        proc.kill()
        proc.wait(10)


class Postgres:
    """A throwaway PostgreSQL cluster (fsync off) with a database `citebot`, which a test may stop and start.

    PostgreSQL refuses to run as root, so under root (CI) it runs as the `postgres` user Debian's package
    adds, in a folder of its own under /tmp (pytest's are private to root).
    """

    def __init__(self) -> None:
        initdb, self.pg_ctl = need("initdb"), need("pg_ctl")
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.folder = Path(tempfile.mkdtemp(prefix="citebot-pg-"))
        if self.as_user:
            shutil.chown(self.folder, "postgres")
        self.data, self.port = self.folder / "data", free_port()
        subprocess.run([*self.as_user, initdb, "-D", str(self.data), "-A", "trust", "-U", "citebot"], check=True,
                       stdout=subprocess.DEVNULL)

    @property
    def url(self) -> str:
        return f"postgresql://citebot@127.0.0.1:{self.port}/citebot"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run([*self.as_user, self.pg_ctl, "-D", str(self.data), "-o", options, "-l",
                        str(self.folder / "postgres.log"), "-w", "start"], check=True, stdout=subprocess.DEVNULL)

    def stop(self) -> None:
        """As a crash or a lost host looks to its clients: at once, open connections cut."""
        subprocess.run([*self.as_user, self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def postgres_cluster():
    """A Postgres (started, with its database `citebot`) a test can stop and start; removed afterwards."""
    server = Postgres()
    try:
        server.start()
        import psycopg

        with psycopg.connect(server.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE citebot")
        yield server
    finally:
        server.remove()


@contextlib.contextmanager
def postgres_server():
    """A throwaway PostgreSQL cluster with a database `citebot`; yields its URL."""
    with postgres_cluster() as server:
        yield server.url
