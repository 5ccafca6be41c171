"""Reindexing: atomic switch, a crash leaves the old index answering, one reindex at a time."""

import shutil

import pytest

from citebot.index.answers.answerer import Answerer
from citebot.index.documents.sources import ManifestError
from citebot.index.store import build
from citebot.index.store.build import reindex
from citebot.index.store.generations import ReindexBusy, Shelf
from tests.conftest import settings_for


def test_reindex_switches_to_a_new_generation_and_keeps_the_previous(tmp_path, seeds):
    settings = settings_for(tmp_path, seeds)
    first = reindex(settings)
    answerer = Answerer(settings)
    before = answerer.ask("/source refrigerated trucks")
    shutil.copy(seeds / "003_042ad2c515831a27.txt", seeds / "copy.txt")
    second = reindex(settings)
    assert second.generation != first.generation and second.documents == 6
    answerer.shelf._checked = 0  # let the answerer see CURRENT at once
    after = answerer.ask("/source refrigerated trucks")
    assert len(after.results) == len(before.results) + 1
    gens = {p.name for p in (tmp_path / "index" / "generations").iterdir()}
    assert gens == {first.generation, second.generation}


def test_a_crash_mid_build_leaves_the_old_index_answering(tmp_path, seeds, monkeypatch):
    settings = settings_for(tmp_path, seeds)
    good = reindex(settings)
    expected = Answerer(settings).ask("/who Raisi").to_json()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(build, "_write_quotes", boom)
    with pytest.raises(RuntimeError):
        reindex(settings)
    assert Shelf(settings.index_dir).current().name == good.generation
    assert Answerer(settings).ask("/who Raisi").to_json() == expected
    assert not list((tmp_path / "index" / "generations").glob("*.tmp"))
    monkeypatch.undo()
    assert reindex(settings).documents == 5  # no stale lock


def test_leftovers_of_a_killed_reindex_are_cleaned_up(tmp_path, seeds):
    settings = settings_for(tmp_path, seeds)
    reindex(settings)
    leftover = tmp_path / "index" / "generations" / "20200101-000000-1-1.tmp"
    leftover.mkdir()
    report = reindex(settings)
    assert leftover.name in report.removed and not leftover.exists()


def test_a_second_reindex_is_refused_while_one_runs(tmp_path, seeds):
    settings = settings_for(tmp_path, seeds)
    with Shelf(settings.index_dir).reindex_lock():
        with pytest.raises(ReindexBusy):
            reindex(settings)


def test_a_broken_manifest_fails_cleanly_and_keeps_the_old_index(tmp_path, seeds):
    settings = settings_for(tmp_path, seeds)
    good = reindex(settings)
    (seeds / "sources.yaml").write_text("- file: [broken\n")
    with pytest.raises(ManifestError):
        reindex(settings)
    assert Shelf(settings.index_dir).current().name == good.generation


def test_skipped_files_are_reported(tmp_path, seeds):
    (seeds / "empty.txt").write_bytes(b"")
    report = reindex(settings_for(tmp_path, seeds))
    assert [(s.file, s.reason) for s in report.skipped] == [("empty.txt", "empty file")]
    assert report.documents == 5
