"""Workers share one CURRENT: a generation a worker cannot open must not stop it answering."""

from __future__ import annotations

import logging
import shutil
import time

from citebot.index import Answerer
from citebot.index.store.build import reindex
from tests.conftest import settings_for


def test_a_generation_that_cannot_be_opened_leaves_the_open_one_answering(tmp_path, caplog):
    settings = settings_for(tmp_path)
    reindex(settings)
    answerer = Answerer(settings)
    before = answerer.ask("/who Raisi")
    assert before.results
    # Another worker publishes a generation this one cannot read (here: its segment files are gone).
    root = settings.index_dir
    good = (root / "CURRENT").read_text().strip()
    broken = root / "generations" / "broken-copy"
    shutil.copytree(root / "generations" / good, broken)
    for segment in broken.glob("*.seg"):
        segment.unlink()
    for toc in broken.glob("_MAIN_*.toc"):
        toc.write_bytes(b"not a table of contents")
    (root / "CURRENT").write_text("broken-copy")
    time.sleep(0.6)  # workers re-read CURRENT twice a second
    with caplog.at_level(logging.ERROR):
        after = answerer.ask("/who Raisi")
    assert [r.excerpt for r in after.results] == [r.excerpt for r in before.results]
    assert after.generation == good
    stats = answerer.stats()
    assert stats.generation == good and stats.unopened
    assert "cannot open the new index generation" in caplog.text
    # The next good generation is opened, and the problem is gone.
    report = reindex(settings)
    time.sleep(0.6)
    stats = answerer.stats()
    assert stats.generation == report.generation and stats.unopened is None
