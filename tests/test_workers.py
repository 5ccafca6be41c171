"""A large corpus is analysed in worker processes: the same index as one process builds, results in order."""

from __future__ import annotations

import json
import os

from whoosh import index

from citebot.index.store import build
from citebot.index.store.build import reindex
from citebot.index.store.generations import Shelf
from citebot.index.store.workers import each, workers
from tests.conftest import settings_for


def _tagged(tag: str, n: int) -> tuple[str, int, int]:
    return tag, n * n, os.getpid()


def test_each_gives_every_result_in_order_from_other_processes():
    out = list(each(_tagged, range(30), "sq", large=True))
    assert [(tag, square) for tag, square, _ in out] == [("sq", n * n) for n in range(30)]
    if workers() > 1:
        assert os.getpid() not in {pid for _, _, pid in out}


def test_a_small_job_stays_in_this_process():
    assert [pid for _, _, pid in each(_tagged, range(3), "x", large=False)] == [os.getpid()] * 3


def _built(tmp, parallel_from: int, monkeypatch) -> tuple[dict, list[dict]]:
    """meta.json (less its name and time) and every stored unit, by docnum, of the bundled corpus built."""
    monkeypatch.setattr(build, "PARALLEL_CHARS", parallel_from)
    settings = settings_for(tmp)
    reindex(settings)
    path = settings.index_dir / "generations" / Shelf(settings.index_dir).current_name()
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    for changing in ("built_at", "generation", "registry"):  # registry: sets serialised in hash order
        meta.pop(changing)
    with index.open_dir(str(path)).searcher() as searcher:
        return meta, list(searcher.documents())


def test_the_bundled_corpus_built_by_workers_is_the_one_built_in_one_process(tmp_path, monkeypatch):
    alone = _built(tmp_path / "alone", 10**12, monkeypatch)
    shared = _built(tmp_path / "shared", 0, monkeypatch)
    assert shared == alone
    meta, units = shared
    assert meta["stats"]["passages"] > 100 and meta["people"] and any(u["kind"] == "quote" and u["speaker"] for u in units)
