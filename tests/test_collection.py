"""The admins' collection: drafts, atomic add/edit/remove, concurrent admins, crashes mid-write, the CLI."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from types import SimpleNamespace

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfWriter

from citebot.bot.cli import main
from citebot.index import (
    CitebotError,
    InvalidField,
    Journal,
    commit_draft,
    edit_document,
    prepare_file,
    remove_document,
)
from citebot.index.answers.answerer import Answerer
from citebot.index.collection.collection import Collection
from citebot.index.collection.damage import damage_signs
from citebot.index.documents.sources import load_all
from citebot.index.store.build import reindex
from tests.botproc import ROOT
from tests.conftest import indexed, settings_for
from tests.pdfmaker import write_pdf

TEXT = ("Statement of the families\n\nRelatives of prisoners executed in the summer of 1988 at Gohardasht asked again "
        "for the graves of their children to be identified, {n} years after the killings.\n")


@pytest.fixture
def settings(tmp_path, bundled):
    s = indexed(bundled, tmp_path)
    return s


def doc(n: int) -> bytes:
    return TEXT.format(n=n).encode()


def manifest(settings) -> list[dict]:
    return yaml.safe_load((settings.collection / "sources.yaml").read_text()) or []


def test_add_edit_remove_change_what_is_indexed(settings):
    draft = prepare_file(settings, doc(34), "families.txt")
    assert (draft.document.id, draft.document.title, draft.document.inferred) == (
        "families", "Statement of the families", ["title", "kind"])  # kind: the default, not given
    assert draft.status("kind") == "inferred" and draft.status("title") == "inferred"
    draft.set("publisher", "Justice for Victims")
    draft.set("date", "2022-08")
    added = commit_draft(settings, draft)
    assert added.id == "families" and (settings.collection / "families.txt").read_bytes() == doc(34)
    (entry,) = manifest(settings)
    assert (entry["publisher"], entry["date"], entry["date_precision"]) == ("Justice for Victims", "2022-08", "month")
    reindex(settings)
    d = Answerer(settings).document("families")
    assert (d.publisher, d.date_label(), d.inferred) == ("Justice for Victims", "Aug 2022", [])
    edit_document(settings, "families", "date", "2022-08-27")
    reindex(settings)
    assert Answerer(settings).document("families").date_label() == "27 Aug 2022"
    remove_document(settings, "families")
    reindex(settings)
    assert Answerer(settings).document("families") is None
    assert manifest(settings) == [] and not (settings.collection / "families.txt").exists()


def test_bad_input_is_refused_with_one_line_and_nothing_is_stored(settings, tmp_path):
    write_pdf(tmp_path / "scan.pdf", None)
    write_pdf(tmp_path / "plain.pdf", ["Text of a protected statement on the 1988 massacre."])
    writer = PdfWriter(clone_from=tmp_path / "plain.pdf")
    writer.encrypt("secret", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    small = settings_for(tmp_path, max_file_bytes=1000)
    cases = [
        (settings, b"", "a.txt", "empty file"),
        (settings, bytes(range(256)) * 10, "a.txt", "binary file, not text"),
        (settings, (tmp_path / "scan.pdf").read_bytes(), "scan.pdf", "PDF has no text layer (scanned image?)"),
        (settings, (tmp_path / "locked.pdf").read_bytes(), "locked.pdf",
         "encrypted PDF (password-protected): send an unprotected copy"),
        (settings, b"<html><body><nav>Home</nav><div>728 x 90</div></body></html>", "a.html",
         "no text found (the page has no main text, only menus, links or scripts)"),
        (small, doc(1) * 20, "big.txt", "too large (0.0 MB; the limit is 0 MB)"),
        (settings, b"x", "a.docx", "unsupported file type '.docx': send a .pdf, .html, .txt or .md file"),
        (settings, (ROOT / "corpus" / "001_80b7eb5d3f2c6833.txt").read_bytes(), "copy.txt",
         "duplicate: this is already in the collection as mek-2020-07-24-tried-and-failed (The 1988 massacre: How "
         "the Iranian regime tried—and failed—to destroy the MEK)"),
    ]
    for s, data, name, reason in cases:
        with pytest.raises(CitebotError) as refused:
            prepare_file(s, data, name)
        assert str(refused.value) == reason
    draft = prepare_file(settings, doc(1), "a.txt")
    for value, reason in [("2021-02-30", "'2021-02-30' is not a date"), ("21-02-03", "'21-02-03' is not a date"),
                          ("2999", "'2999' is not a date"), ("last May", "'last May' is not a date")]:
        with pytest.raises(InvalidField, match=reason):
            draft.set("date", value)
    with pytest.raises(InvalidField, match="not a web address"):
        draft.set("url", "javascript:alert(1)")
    assert not settings.collection.exists() or manifest(settings) == []


def test_a_file_added_twice_is_a_duplicate_and_ids_never_clash(settings):
    commit_draft(settings, prepare_file(settings, doc(1), "families.txt"))
    with pytest.raises(CitebotError, match="duplicate: this file is already in the collection as families"):
        commit_draft(settings, prepare_file(settings, doc(1), "families.txt"))
    second = commit_draft(settings, prepare_file(settings, doc(2), "families.txt"))
    bundled = commit_draft(settings, prepare_file(settings, doc(3), "ngo-2020-bring-to-justice.txt"))
    assert (second.id, bundled.id) == ("families-2", "ngo-2020-bring-to-justice-2")


def test_bundled_documents_are_not_changed_from_the_chat(settings):
    with pytest.raises(CitebotError, match="robertson-2020-worst-crime is a bundled document"):
        edit_document(settings, "robertson-2020-worst-crime", "date", "2020")
    with pytest.raises(CitebotError, match="no document 'nothing'"):
        remove_document(settings, "nothing")


def test_two_admins_adding_at_once_both_land(settings):
    drafts = [prepare_file(settings, doc(n), f"doc-{n}.txt") for n in range(12)]
    errors = []

    def add(d):
        try:
            commit_draft(settings, d)
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=add, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(e["id"] for e in manifest(settings)) == sorted(f"doc-{n}" for n in range(12))


def test_two_processes_adding_at_once_both_land(settings, tmp_path):
    files = []
    for n in range(2):
        path = tmp_path / f"proc-{n}.txt"
        path.write_bytes(doc(100 + n))
        files.append(path)
    env = {**os.environ, **_env(settings)}
    procs = [subprocess.Popen([sys.executable, "-m", "citebot.bot.cli", "add", str(f), "--yes", "--no-reindex"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in files]
    for p in procs:
        assert p.wait(60) == 0, p.stderr.read()
    assert sorted(e["id"] for e in manifest(settings)) == ["proc-0", "proc-1"]


def test_sigkill_during_the_confirmation_write_leaves_a_valid_manifest(settings, tmp_path):
    """Kill `citebot add` at many moments of its write: the collection is always the old one or the new one."""
    env = {**os.environ, **_env(settings)}

    def add(n: int) -> subprocess.Popen:
        path = tmp_path / f"kill-{n}.txt"
        path.write_bytes(doc(200 + n))
        return subprocess.Popen([sys.executable, "-m", "citebot.bot.cli", "add", str(path), "--yes", "--no-reindex"],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    started = time.monotonic()
    assert add(0).wait(60) == 0
    whole = time.monotonic() - started  # how long one add takes on this machine, now
    killed_mid_way = 0
    for n in range(1, 13):
        before = manifest(settings)
        proc = add(n)
        time.sleep(whole * (0.4 + 0.07 * n))  # from start-up to after the write
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = manifest(settings)
        assert after == before or after[:-1] == before
        killed_mid_way += after == before
        for entry in after:
            assert (settings.collection / entry["file"]).exists()
        sources, _ = load_all(settings)  # leftovers of a killed write are not indexed
        assert len(sources) == 5 + len(after)
    assert 0 < killed_mid_way < 12  # some kills landed before the commit, some after
    commit_draft(settings, prepare_file(settings, doc(999), "after.txt"))
    assert not [p for p in settings.collection.iterdir() if p.name.startswith(".tmp-")]
    listed = {e["file"] for e in manifest(settings)}
    assert {p.name for p in settings.collection.iterdir() if p.suffix == ".txt"} == listed


def test_a_crash_between_file_and_manifest_leaves_the_collection_as_it_was(settings, monkeypatch):
    commit_draft(settings, prepare_file(settings, doc(1), "first.txt"))
    before = (settings.collection / "sources.yaml").read_bytes()
    real = os.replace

    def crash(src, dst):
        if str(dst).endswith("sources.yaml"):
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        commit_draft(settings, prepare_file(settings, doc(2), "second.txt"))
    monkeypatch.setattr(os, "replace", real)
    assert (settings.collection / "sources.yaml").read_bytes() == before
    assert [s.document.id for s in load_all(settings)[0]][5:] == ["first"]
    Collection(settings.collection).edit("first", {"title": "First"})  # the next change sweeps the leftover
    assert not (settings.collection / "second.txt").exists()


def test_the_cli_adds_edits_removes_and_lists_reports(settings, tmp_path):
    path = tmp_path / "families.txt"
    path.write_bytes(doc(34))
    def cli(*args, stdin=""):
        """The command line in this process (click's CliRunner), from the repository root as a subprocess would."""
        with contextlib.chdir(ROOT):
            out = CliRunner().invoke(main, list(args), env=_env(settings), input=stdin)
        return SimpleNamespace(returncode=out.exit_code, stdout=out.stdout, stderr=out.stderr)

    shown = cli("add", str(path), "--date", "2022-08-27", stdin="n\n")
    assert shown.returncode == 0 and "title: Statement of the families  [inferred from the first line of the text]" in shown.stdout
    assert "date: 27 Aug 2022  [given]" in shown.stdout and shown.stdout.rstrip().endswith("Nothing added.")
    assert not (settings.collection / "sources.yaml").exists()
    assert cli("add", str(path), "--date", "2022-13-01").stderr.strip() == (
        "Error: not added: '2022-13-01' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY (or 'unknown')")
    assert "not an id" in cli("add", str(path), "--id", "Families 2022", "--yes").stderr
    added = cli("add", str(path), "--id", "families-2022", "--publisher", "Justice for Victims", "--date", "2022-08",
                "--date-note", "from the letter's heading", "--date-not-before", "2022-08-20", "--yes")
    assert added.returncode == 0 and "Added families-2022 (families-2022.txt)." in added.stdout
    assert "Indexed 6 documents" in added.stdout
    entry = Collection(settings.collection).entry("families-2022")
    assert (entry["publisher_note"], entry["date"], entry["date_note"], entry["date_not_before"]) == (
        "set by an admin", "2022-08", "from the letter's heading", "2022-08-20")
    asked = cli("ask", "--json", "graves of their children")
    assert '"publisher": "Justice for Victims"' in asked.stdout and '"inferred": []' in asked.stdout
    assert '"date_earliest": "2022-08-20"' in asked.stdout
    edited = cli("edit", "families-2022", "publisher", "Justice", "Group", "--note", "from the letterhead", "--no-reindex")
    assert edited.returncode == 0
    assert Collection(settings.collection).entry("families-2022")["publisher_note"] == "from the letterhead"
    assert cli("edit", "families-2022", "kind", "statement").returncode == 0
    assert cli("remove", "families-2022", "--yes").returncode == 0
    journal = Journal(settings.database_at)
    rid = journal.report(user_id=5, doc="ngo-2020-bring-to-justice", start=0, end=10, generation="g",
                         question="/who Raisi", reason="context", excerpt="An excerpt")
    listed = cli("reports")
    assert f"#{rid} [open]" in listed.stdout and "out of context" in listed.stdout
    assert cli("reports", "--resolve", str(rid)).stdout.strip() == f"Report #{rid} resolved."
    assert cli("reports").stdout.strip() == "No open reports."
    assert [e.action for e in journal.audit()] == ["resolve", "reindex", "remove", "reindex", "edit", "edit", "reindex",
                                                   "add"]


def test_reports_are_batched_for_admins_once_an_hour(tmp_path):
    journal = Journal(tmp_path / "db.sqlite")
    first = journal.report(user_id=1, doc="d", start=0, end=5, generation="g", question="q", reason="link",
                           excerpt="abcde")
    assert [r.id for r in journal.take_unnotified(3600)] == [first]
    second = journal.report(user_id=2, doc="d", start=5, end=9, generation="g", question="q", reason="other",
                            excerpt="fghi")
    assert journal.take_unnotified(3600) == []  # told less than an hour ago
    assert 3590 < journal.seconds_until_notice(3600) <= 3600
    assert [r.id for r in journal.take_unnotified(0)] == [second]
    assert journal.add_note(second, 2, "The link is dead.") and not journal.add_note(second, 3, "not mine")
    assert Journal(tmp_path / "db.sqlite").get(second).note == "The link is dead."  # durable: a new connection


def _env(settings) -> dict[str, str]:
    return {"CITEBOT_INDEX_DIR": str(settings.index_dir), "CITEBOT_CORPUS_DIR": str(settings.corpus_dir),
            "CITEBOT_COLLECTION_DIR": str(settings.collection), "CITEBOT_DATABASE": str(settings.database_file)}


def test_the_card_lists_a_near_duplicate_already_in_the_collection(settings):
    seed = (ROOT / "corpus" / "002_26c36c6a27ceb9f3.txt").read_text(encoding="utf-8")
    half = seed[: len(seed) // 2] + "\n\nA new closing paragraph written by another outlet about the same events.\n"
    draft = prepare_file(settings, half.encode(), "reprint.txt")
    ((doc_id, title, share),) = draft.near
    assert doc_id == "mek-iran-2018-12-abject-failure" and share > 0.9  # a reprint of half of it: shown, not refused
    assert title == Answerer(settings).document(doc_id).title


def test_the_card_warns_when_the_text_looks_damaged(settings):
    from citebot.bot.terminal import draft_card

    menu = "\n\n".join(["Home", "World news", "Sport", "Culture", "Contact us", "Donate", "Archive", "Search"])
    merged = " ".join(["The witness spoke about the prison and the lists of names read out each evening."] * 40)
    quotes = 'He said "we saw it" and later "we heard it" and "we knew it" as the " marks were split apart.'
    draft = prepare_file(settings, f"{menu}\n\n{merged}\n\n{quotes}\n".encode(), "damaged.txt")
    card = draft_card(draft)
    assert "⚠️ 8 of 10 paragraphs are short lines: a menu or a table of contents may be mixed in." in card
    assert "⚠️ One paragraph is 3239 characters long: lines may have been run together." in card
    from citebot.bot.render import draft_card as telegram_card

    assert "\n⚠️ 8 of 10 paragraphs are short lines: a menu or a table of contents may be mixed in.\n" in telegram_card(draft)
    assert "⚠️ یک بند 3239 نویسه دارد" in telegram_card(draft, "fa")
    whole = prepare_file(settings, doc(34), "families.txt")
    assert whole.damage == [] and not any(line.startswith("⚠️") for line in draft_card(whole))
    split = "The “ witness ” said “ nothing ” at “ all ” that day, the record shows."  # marks cut from their words
    assert damage_signs(split, quotations=0) == [{"sign": "quote_marks", "marks": 6}]
