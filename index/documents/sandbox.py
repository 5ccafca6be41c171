"""Read one file in a child process with limits on CPU time, memory and wall-clock time.

A file is the one input citebot takes from outside whole: a 33 kB PDF can hold
a page tree or a compressed stream that costs minutes of CPU or gigabytes of
memory to read, and a parser's own limit errors (pypdf's LimitReachedError,
lxml's errors, a RecursionError on a deep object graph) are not the refusals
an admin can act on. So each file is read in a child process: the kernel
enforces the limits (RLIMIT_CPU, RLIMIT_AS), the parent enforces the wall-clock
limit and kills the child, and whatever happens comes back as one
`UnreadableFile` line ("this PDF took more than 20 s of CPU to read"). The
caller goes on: the bot stays responsive (the waiting thread holds no GIL) and
a reindex skips the file with that line.

Children come from a fork server (multiprocessing's "forkserver" context):
forking the bot itself, which runs threads, could copy a lock another thread
holds and hang the child. The server preloads the readers, so a child starts in
milliseconds without importing trafilatura or pypdf again. As with any
multiprocessing start method but "fork", a script calling this must guard its
top level with `if __name__ == "__main__":` (citebot's CLI, the bot and pytest do).
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import UnreadableFile

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from ..settings import Settings

T = TypeVar("T")
# A `python -m package.module` program is run again by each child (multiprocessing's spawn.prepare) after the
# server has imported it by name (_main): runpy warns that it is already imported, once per child. Expected.
warnings.filterwarnings("ignore", r"'[\w.]+' found in sys.modules after import of package", RuntimeWarning, "runpy")
PRELOAD = ["citebot.index.documents.sources", "citebot.index.documents.formats", "citebot.index.documents.extract",
           "pypdf", "trafilatura"]
KINDS = {".pdf": "PDF", ".html": "HTML page", ".htm": "HTML page", ".md": "Markdown file", ".markdown": "Markdown file",
         ".txt": "text file"}


@dataclass(frozen=True)
class Limits:
    """What reading one file may cost (the `limits.parse_*` settings)."""

    cpu_seconds: int = 20
    memory_mb: int = 1024
    wall_seconds: int = 60

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(settings.parse_cpu_seconds, settings.parse_memory_mb, settings.parse_seconds)


def kind_of(suffix: str) -> str:
    """"PDF", "HTML page", …: how a refusal names the file."""
    return KINDS.get(suffix.lower(), "file")


def run_limited(fn: Callable[..., T], *args: Any, limits: Limits, kind: str = "file") -> T:
    """fn(*args) in a child process within `limits`. Raises UnreadableFile with one line for whatever went wrong."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD + _main())
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, fn, args, limits, kind), daemon=True)
    child.start()
    sending.close()  # the child holds the only sending end: its death ends the pipe
    outcome, timed_out = None, False
    try:
        if receiving.poll(limits.wall_seconds):
            try:
                outcome = receiving.recv()
            except (EOFError, OSError):  # died before or while sending
                outcome = None
        else:
            timed_out = True
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()
    if outcome is not None and outcome[0] == "ok":
        return outcome[1]
    if outcome is not None and outcome[0] == "said":
        raise UnreadableFile(outcome[1])
    if outcome is not None:
        raise UnreadableFile.said(outcome[1], **outcome[2])
    raise _death(child.exitcode, timed_out, limits, kind)


def run_batch(fn: Callable[..., T], jobs: list[tuple], *, limits: Limits, kinds: list[str]) -> list[T | UnreadableFile]:
    """fn(*job) for each job, in order, each result or the UnreadableFile line reading it alone gives.

    The jobs run in one child within `limits` (a child per file costs more than reading most files). A job that
    raises there, or a child stopped by a limit or a crash, is run again alone (`run_limited`): a file is refused
    only by what reading it alone does, with the same line, and never costs the others their entry."""
    try:
        outcomes = run_limited(_each, fn, jobs, limits=limits) if len(jobs) > 1 else [None]
    except UnreadableFile:
        outcomes = [None] * len(jobs)
    return [outcome[0] if outcome is not None else _alone(fn, job, limits, kind)
            for outcome, job, kind in zip(outcomes, jobs, kinds)]


def _each(fn: Callable, jobs: list[tuple]) -> list[tuple | None]:
    """In a batch's child: (result,) for each job that ran, None for one that raised (it runs again alone)."""
    outcomes: list[tuple | None] = []
    for job in jobs:
        try:
            outcomes.append((fn(*job),))
        except Exception:  # noqa: BLE001 - what it was is told by running the job alone
            outcomes.append(None)
    return outcomes


def _alone(fn: Callable[..., T], job: tuple, limits: Limits, kind: str) -> T | UnreadableFile:
    try:
        return run_limited(fn, *job, limits=limits, kind=kind)
    except UnreadableFile as e:
        return e


def _main() -> list[str]:
    """The program's main module (the citebot command, a script, `python -m bench.engines`), for the server to load
    once: multiprocessing otherwise loads it again in every child before it reads its file (~25 ms each, most of
    a reindex's reading). A `-m package` run (`package.__main__`) is never loaded again by a child."""
    main = sys.modules.get("__main__")
    name = getattr(getattr(main, "__spec__", None), "name", None)
    return ["__main__"] + ([name] if name and not name.endswith("__main__") else [])


def _death(exitcode: int | None, timed_out: bool, limits: Limits, kind: str) -> UnreadableFile:
    """The line for a child that sent nothing: stopped by a limit, or crashed."""
    if timed_out:
        return UnreadableFile.said("refusal.parse_timeout", kind=kind, seconds=limits.wall_seconds)
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):  # SIGKILL: the hard CPU limit, or the kernel out of memory
        return UnreadableFile.said("refusal.parse_cpu", kind=kind, seconds=limits.cpu_seconds)
    return UnreadableFile.said("refusal.parse_crash", kind=kind, megabytes=limits.memory_mb, code=exitcode)


def _child(sending: Connection, fn: Callable, args: tuple, limits: Limits, kind: str) -> None:
    """In the child: set the limits, run, send ("ok", result), ("refused", key, params) or ("said", message)."""
    _limit(limits)
    try:
        outcome: tuple = ("ok", fn(*args))
    except BaseException as e:  # noqa: BLE001 - every failure becomes one line for the admin
        outcome = _sent(_refusal(e, kind, limits))
    try:
        sending.send(outcome)
    except MemoryError:  # the result itself does not fit in what is left
        sending.send(_sent(_refusal(MemoryError(), kind, limits)))
    sending.close()


def _sent(error: UnreadableFile) -> tuple:
    """A refusal as plain data for the pipe: ("refused", key, params), or ("said", message) without a key."""
    return ("refused", error.key, error.params) if error.key else ("said", str(error))


def _limit(limits: Limits) -> None:
    # The soft CPU limit sends SIGXCPU (ends the child); the hard one, a little later, SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    # Memory counts from what the child already maps (the preloaded readers), so the setting is what reading may add.
    memory = _mapped() + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _mapped() -> int:
    """Bytes of address space this process maps now (Linux /proc; 0 elsewhere: the limit is then absolute)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _refusal(error: BaseException, kind: str, limits: Limits) -> UnreadableFile:
    """The one line for an exception raised while reading.

    A reader may wrap what really stopped it ("Error reading PDF file." around a RecursionError): the chain
    of causes is searched for a limit first, so the admin hears which limit it was.
    """
    error = next((e for e in _chain(error) if _limit_error(e) or isinstance(e, MemoryError | RecursionError)), error)
    if isinstance(error, UnreadableFile):  # the reader's own refusal ("PDF has no text layer")
        return error
    if isinstance(error, MemoryError):
        return UnreadableFile.said("refusal.parse_memory", kind=kind, megabytes=limits.memory_mb)
    if isinstance(error, RecursionError):
        return UnreadableFile.said("refusal.parse_nested", kind=kind)
    if _limit_error(error):
        return UnreadableFile.said("refusal.parse_limit", kind=kind, problem=_problem(error))
    if isinstance(error, UnicodeError):
        return UnreadableFile.said("refusal.parse_encoding", kind=kind)
    return UnreadableFile.said("refusal.parse_failed", kind=kind, problem=_problem(error))


def _chain(error: BaseException) -> list[BaseException]:
    """`error` and the exceptions it was raised from or while handling, outermost first."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _limit_error(error: BaseException) -> bool:
    """A reader's own safety limit (pypdf's LimitReachedError, lxml's huge-tree guard)."""
    from pypdf.errors import LimitReachedError

    return isinstance(error, LimitReachedError) or "huge_tree" in str(error) or "excessive depth" in str(error)


def _problem(error: BaseException) -> str:
    """The error in a few words: its type and the first line of its message."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message[:80]}" if message else type(error).__name__
