"""A document an admin is adding is kept on disk, so whichever worker gets the next press finds it."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from citebot.index.collection.drafts import Drafts
from citebot.index.collection.intake import prepare
from tests.conftest import settings_for

TEXT = ("Witnesses recall the 1988 killings\n\nIn August 1988, “we were told nothing,” said Mina Ahmadi, whose "
        "brother was held in Evin prison. The families gathered at Khavaran.\n").encode()


def draft(tmp_path, name: str = "witnesses.txt"):
    return prepare(settings_for(tmp_path), TEXT, name)


def test_another_worker_finds_the_draft_with_every_field_and_the_admins_edit(tmp_path):
    made = draft(tmp_path)
    made.set("date", "2022-03-05")
    Drafts(tmp_path / "drafts").put("a1b2", made)
    found = Drafts(tmp_path / "drafts").get("a1b2")  # another worker's view of the same folder
    assert found == made
    assert (found.document.date, found.document.date_precision, found.status("date")) == ("2022-03-05", "day", "given")
    found.set("publisher", "Justice for Victims")
    Drafts(tmp_path / "drafts").put("a1b2", found)
    assert Drafts(tmp_path / "drafts").get("a1b2").document.publisher == "Justice for Victims"


def test_of_many_workers_confirming_at_once_one_takes_the_draft(tmp_path):
    drafts = Drafts(tmp_path / "drafts")
    drafts.put("k1", draft(tmp_path))
    with ThreadPoolExecutor(8) as pool:
        taken = list(pool.map(lambda _: Drafts(tmp_path / "drafts").take("k1"), range(8)))
    assert sum(t is not None for t in taken) == 1
    assert drafts.get("k1") is None and list((tmp_path / "drafts").iterdir()) == []


def test_old_drafts_go_beyond_the_limit_and_keys_cannot_name_other_files(tmp_path):
    drafts = Drafts(tmp_path / "drafts", keep=2)
    made = draft(tmp_path)
    for key in ("d1", "d2", "d3"):
        drafts.put(key, made)
        time.sleep(0.02)  # distinct file times: "oldest" is by the time a draft was last written
    assert [drafts.get(k) is not None for k in ("d1", "d2", "d3")] == [False, True, True]
    (tmp_path / "secret.json").write_text("{}")
    assert drafts.get("../secret") is None and drafts.take("../secret") is None
    assert (tmp_path / "secret.json").exists()
