"""Work on many documents spread over the machine's cores, the results in the documents' order.

A reindex spends most of its time on work each document does alone (people, quotations, voices):
`each` runs it in a pool of worker processes while the caller goes on with what must stay in one
process (the Whoosh writer). Workers come from the fork server, as the sandbox's readers do
(sandbox.py: forking a bot that runs threads could copy a lock another thread holds); what every job
reads (`shared`) is sent to each worker once, not with every job. A small corpus stays in this process:
starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

S = TypeVar("S")
J = TypeVar("J")
R = TypeVar("R")
CHUNK = 4  # jobs sent to a worker at a time: fewer messages, still even shares

_shared: Any = None  # in a worker: what every job reads


def workers() -> int:
    return os.cpu_count() or 1


def each(fn: Callable[[S, J], R], jobs: Iterable[J], shared: S, large: bool) -> Iterator[R]:
    """fn(shared, job) for each job, in order: in worker processes when `large` and there are cores to share."""
    if not large or workers() < 2:
        return (fn(shared, job) for job in jobs)
    return _pooled(fn, jobs, shared)


def _pooled(fn: Callable[[S, J], R], jobs: Iterable[J], shared: S) -> Iterator[R]:
    context = multiprocessing.get_context("forkserver")
    with context.Pool(workers(), initializer=_receive, initargs=(fn, shared)) as pool:
        yield from pool.imap(_run, jobs, CHUNK)


def _receive(fn: Callable, shared: Any) -> None:
    global _shared
    _shared = (fn, shared)


def _run(job: Any) -> Any:
    fn, shared = _shared
    return fn(shared, job)
