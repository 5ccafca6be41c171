"""The reliability report: per category, the cases tried, failures, crashes and data lost.

Reliability tests carry `@pytest.mark.reliability("category")` and count what they
try with the `tally` fixture; the table prints at the end of the run. CI runs
every category with small counts; `make reliability` sets CITEBOT_RELIABILITY=full
for the full ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

FULL = os.environ.get("CITEBOT_RELIABILITY") == "full"


def trials(ci: int, full: int) -> int:
    return full if FULL else ci


@dataclass
class Row:
    tried: int = 0
    failures: int = 0  # a wrong answer: a failed assertion
    crashes: int = 0   # an exception escaped, or a process died
    lost: int = 0      # an answer never sent, a document or an index generation gone
    duplicated: int = 0  # an update answered more than once


ROWS: dict[str, Row] = {}
NOTES: dict[str, str] = {}  # category -> a measurement worth printing under the table
CATEGORY: dict[str, str] = {}  # test node id -> category


class Tally:
    def __init__(self, category: str) -> None:
        self.category = category
        self.row = ROWS.setdefault(category, Row())

    def tried(self, n: int = 1) -> None:
        self.row.tried += n

    def crashed(self, n: int = 1) -> None:
        self.row.crashes += n

    def lost(self, n: int = 1) -> None:
        self.row.lost += n

    def duplicated(self, n: int = 1) -> None:
        self.row.duplicated += n

    def note(self, text: str) -> None:
        NOTES[self.category] = text


@pytest.fixture
def tally(request) -> Tally:
    return Tally(request.node.get_closest_marker("reliability").args[0])


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if marker := item.get_closest_marker("reliability"):
            CATEGORY[item.nodeid] = marker.args[0]
            ROWS.setdefault(marker.args[0], Row())


def pytest_runtest_logreport(report) -> None:
    if report.failed and report.nodeid in CATEGORY:
        ROWS[CATEGORY[report.nodeid]].failures += 1


def pytest_sessionfinish(session) -> None:
    """Under pytest-xdist each worker hands its counts to the controller, which prints the one table."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["reliability"] = {
            "rows": {c: vars(row) for c, row in ROWS.items()}, "notes": NOTES}


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook
def pytest_testnodedown(node, error) -> None:
    counts = getattr(node, "workeroutput", {}).get("reliability", {})
    for category, row in counts.get("rows", {}).items():
        mine = ROWS.setdefault(category, Row())
        for field, n in row.items():
            setattr(mine, field, getattr(mine, field) + n)
    NOTES.update(counts.get("notes", {}))


def pytest_terminal_summary(terminalreporter) -> None:
    if not any(row.tried for row in ROWS.values()):
        return
    write = terminalreporter.write_line
    width = max(len(c) for c in ROWS)
    write("")
    write(f"Reliability ({'full' if FULL else 'CI'} counts)")
    write(f"{'category':<{width}}  {'tried':>7}  {'failures':>8}  {'crashes':>7}  {'lost':>4}  {'duplicated':>10}")
    for category, row in ROWS.items():
        write(f"{category:<{width}}  {row.tried:>7}  {row.failures:>8}  {row.crashes:>7}  {row.lost:>4}"
              f"  {row.duplicated:>10}")
    for category, text in NOTES.items():
        write(f"{category}: {text}")
