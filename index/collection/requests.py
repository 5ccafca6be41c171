"""Reindexes asked for and not yet done, kept on this host's disk (a spool) until a reindex covers them.

An admin's change is stored first and made searchable by a reindex after it. If that reindex
never runs (the worker dies between the two) or fails, the change would stay unsearchable until
someone happened to reindex again. So each change, and each /reindex, first appends a request
here; a reindex that succeeds settles the requests that were waiting when it began (one asked
during the build may not be in it, so it stays), and a worker finds what is left over at start
and after failures, and runs one reindex for all of it. `reindex` here is the one every caller runs
(the bot's /reindex, a worker's left-over check, `citebot reindex`), so whoever builds, settles.
"""

from __future__ import annotations

import datetime as dt

from ..settings import Settings
from ..store.build import Progress, Report
from ..store.build import reindex as build
from .spool import Record, Spool

REQUESTS = "reindex.jsonl"


class ReindexRequests:
    def __init__(self, settings: Settings) -> None:
        self.spool = Spool(settings.spool_dir / REQUESTS)

    def ask(self, why: str) -> str:
        """Record that a reindex is needed (before running it); returns the request's id."""
        return self.spool.add("reindex", {"why": why[:200]})

    def waiting(self) -> list[Record]:
        """The requests no successful reindex has covered yet, oldest first (read before starting one)."""
        return self.spool.pending() if self.spool.waiting() else []

    def done(self, covered: list[Record]) -> None:
        """A reindex that began after `covered` were asked succeeded: they are settled."""
        self.spool.settle({r.id for r in covered})

    def left_over(self, older_than: float) -> list[Record]:
        """Requests waiting longer than `older_than` seconds: their reindex died or failed."""
        now = dt.datetime.now(dt.UTC)
        return [r for r in self.waiting() if (now - dt.datetime.fromisoformat(r.at)).total_seconds() > older_than]


def reindex(settings: Settings, progress: Progress | None = None) -> Report:
    """Build the corpus into a fresh generation and switch to it (store.build.reindex), then settle the
    reindex requests that were waiting when it began: they are all in it."""
    requests = ReindexRequests(settings)
    asked = requests.waiting()
    report = build(settings, progress)
    requests.done(asked)
    return report
