"""Each file is read in a child process within CPU, memory and wall-clock limits; whatever stops it is one line."""

from __future__ import annotations

import threading
import time

import pytest

from citebot.index.answers.answerer import Answerer
from citebot.index.collection.intake import prepare
from citebot.index.documents.sandbox import Limits, run_batch, run_limited
from citebot.index.documents.sources import read_source
from citebot.index.errors import UnreadableFile
from citebot.index.store.build import reindex
from tests import hostile
from tests.conftest import indexed, settings_for

TIGHT = Limits(cpu_seconds=2, memory_mb=200, wall_seconds=20)


def refusal(fn, *args, limits: Limits = TIGHT, kind: str = "PDF") -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(UnreadableFile) as refused:
        run_limited(fn, *args, limits=limits, kind=kind)
    return str(refused.value), time.monotonic() - started


def test_the_childs_result_comes_back_whole():
    assert run_limited(sorted, "reads", limits=TIGHT) == ["a", "d", "e", "r", "s"]


def test_cpu_memory_and_wall_clock_limits_each_give_their_line():
    line, seconds = refusal(hostile.spin, 30, kind="file")
    assert line == "this file took more than 2 s of CPU to read" and seconds < 15
    line, _ = refusal(bytearray, 2_000_000_000, kind="file")
    assert line == "this file needed more than 200 MB of memory to read"
    line, seconds = refusal(time.sleep, 30, limits=Limits(2, 200, wall_seconds=1), kind="HTML page")
    assert line == "this HTML page took more than 1 s to read" and seconds < 5


def test_a_page_tree_bomb_is_refused_by_the_readers_own_limit(tmp_path):
    size = hostile.page_tree_bomb(tmp_path / "tree.pdf")  # 2**24 pages in under 3 kB
    line, seconds = refusal(read_source, tmp_path / "tree.pdf", None, 20_000_000)
    assert size < 3000 and seconds < 15
    assert line == ("this PDF exceeds a safety limit of its reader "
                    "(LimitReachedError: Maximum page tree entry limit reached: 100001 > 100000.)")


def test_a_stream_bomb_is_stopped_at_the_cpu_limit(tmp_path):
    size = hostile.stream_bomb(tmp_path / "stream.pdf")  # 60 MB of page content in 60 kB
    line, seconds = refusal(read_source, tmp_path / "stream.pdf", None, 20_000_000)
    assert size < 100_000 and seconds < 15
    assert line == "this PDF took more than 2 s of CPU to read"


def test_a_stream_too_big_to_inflate_is_refused_by_the_readers_own_limit(tmp_path):
    size = hostile.stream_bomb(tmp_path / "huge.pdf", megabytes=200)  # 200 MB in under 200 kB
    line, seconds = refusal(read_source, tmp_path / "huge.pdf", None, 20_000_000, limits=Limits(20, 1024, 60))
    assert size < 200_000 and seconds < 20
    assert line.startswith("this PDF exceeds a safety limit of its reader (LimitReachedError: Limit reached while "
                           "decompressing.")


def test_a_deep_object_graph_is_named_as_one(tmp_path):
    hostile.deep_pdf(tmp_path / "deep.pdf")
    line, _ = refusal(read_source, tmp_path / "deep.pdf", None, 20_000_000)
    assert line == "this PDF is nested too deeply to read (a deep object graph)"


def test_a_page_too_big_for_its_memory_and_undecodable_text_get_their_lines(tmp_path):
    size = hostile.wide_html(tmp_path / "wide.html")
    line, seconds = refusal(read_source, tmp_path / "wide.html", None, 20_000_000, limits=Limits(20, 200, 60),
                            kind="HTML page")
    assert size < 3_000_000 and line == "this HTML page needed more than 200 MB of memory to read" and seconds < 30
    (tmp_path / "notes.txt").write_bytes(b"\xff\xfe" + "Notes of the hearing ".encode("utf-16-le") + b"\x00\xd8")
    line, _ = refusal(read_source, tmp_path / "notes.txt", None, 20_000_000, kind="text file")
    assert line == "the text of this text file cannot be decoded"


def test_bad_files_in_the_corpus_are_skipped_and_the_rest_builds(tmp_path, seeds):
    hostile.page_tree_bomb(seeds / "tree.pdf")
    hostile.stream_bomb(seeds / "stream.pdf")
    hostile.deep_pdf(seeds / "deep.pdf")
    settings = settings_for(tmp_path, seeds, parse_cpu_seconds=2)
    report = reindex(settings)
    assert report.documents == 5  # the bundled documents, all of them
    skipped = {s.file: s.reason for s in report.skipped}
    assert skipped["stream.pdf"] == "this PDF took more than 2 s of CPU to read"
    assert skipped["deep.pdf"] == "this PDF is nested too deeply to read (a deep object graph)"
    assert skipped["tree.pdf"].startswith("this PDF exceeds a safety limit of its reader (LimitReachedError")
    assert "  - stream.pdf: this PDF took more than 2 s of CPU to read" in report.summary()
    answer = Answerer(settings).ask("/source refrigerated trucks")
    assert answer.results and "refrigerated trucks" in answer.results[0].excerpt


def test_the_bot_answers_while_a_bomb_is_being_read(tmp_path, bundled):
    """An admin's hostile upload is read in a child: questions asked meanwhile are answered as fast as ever."""
    settings = indexed(bundled, tmp_path, parse_cpu_seconds=3)
    answerer = Answerer(settings)
    expected = answerer.ask("/who Raisi").to_json()
    hostile.stream_bomb(tmp_path / "stream.pdf")
    refused: list[str] = []

    def upload():
        with pytest.raises(UnreadableFile) as e:
            prepare(settings, (tmp_path / "stream.pdf").read_bytes(), "speech.pdf")
        refused.append(str(e.value))

    reader = threading.Thread(target=upload)
    reader.start()
    slowest, answered = 0.0, 0
    while reader.is_alive():
        started = time.monotonic()
        assert answerer.ask("/who Raisi").to_json() == expected
        slowest, answered = max(slowest, time.monotonic() - started), answered + 1
    reader.join()
    assert refused == ["this PDF took more than 3 s of CPU to read"]
    assert answered >= 3 and slowest < 1.5


def test_a_good_pdf_still_reads_in_its_child(corpus_dir):
    from tests.pdfmaker import write_pdf

    write_pdf(corpus_dir / "speech.pdf", ["The speaker said the archive was opened in 2019."])
    source = run_limited(read_source, corpus_dir / "speech.pdf", None, 20_000_000, limits=TIGHT)
    assert source.cleaned.text == "The speaker said the archive was opened in 2019."


def _read_or_die(word: str) -> str:
    """A reader for batches: dies with its child on "crash", spins past the CPU limit on "spin", fails on "bad"."""
    import os

    if word == "crash":
        os._exit(3)
    if word == "spin":
        hostile.spin(30)
    if word == "bad":
        raise ValueError("no words here")
    return word.upper()


def test_a_batch_gives_each_file_what_reading_it_alone_gives():
    kinds = ["file", "PDF", "file"]
    ok, bad, ok2 = run_batch(_read_or_die, [("a",), ("bad",), ("b",)], limits=TIGHT, kinds=kinds)
    assert (ok, ok2) == ("A", "B")
    assert isinstance(bad, UnreadableFile) and str(bad) == refusal(_read_or_die, "bad")[0]
    assert str(bad) == "this PDF could not be read (ValueError: no words here)"


def test_a_file_that_stops_its_batchs_child_costs_only_its_own_entry():
    crashed = run_batch(_read_or_die, [("a",), ("crash",), ("b",)], limits=TIGHT, kinds=["file"] * 3)
    assert crashed[0] == "A" and crashed[2] == "B" and isinstance(crashed[1], UnreadableFile)
    assert str(crashed[1]) == refusal(_read_or_die, "crash", kind="file")[0]
    spun = run_batch(_read_or_die, [("spin",), ("c",)], limits=TIGHT, kinds=["file"] * 2)
    assert str(spun[0]) == "this file took more than 2 s of CPU to read" and spun[1] == "C"
