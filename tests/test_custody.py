"""Originals kept as they came (a file as uploaded, a URL as a WARC), hashed, logged; `citebot verify` finds any change."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import stat

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from citebot.bot import render
from citebot.bot.attribution import citation_lines
from citebot.bot.cli import main as cli
from citebot.index import commit_draft, edit_document, prepare_file, prepare_url, verify_collection
from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from tests.conftest import ROOT, indexed
from tests.websites import Site, serving

TEXT = (b"Testimony of a former guard\n\nThe former guard told the tribunal that the lists of names were read out "
        b"each evening in the corridor of ward seven, and that no prisoner was told why.\n")
PAGE = (b"<html><head><title>The corridor of ward seven</title></head><body><article><h1>The corridor of ward seven"
        b"</h1><p>A former guard said the lists of names were read out each evening in the corridor, and that the "
        b"prisoners were never told why they were called.</p><p>He gave his account to the tribunal over two days "
        b"of hearings in the spring.</p></article></body></html>")


class Pages(Site):
    def do_GET(self):  # noqa: N802
        if self.path == "/old-address":
            return self.redirect("/ward-seven")
        body = gzip.compress(PAGE)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def settings(tmp_path, bundled):
    return indexed(bundled, tmp_path, allow_private_urls=True)


def log(settings) -> list[dict]:
    return [json.loads(line) for line in (settings.collection / "custody.jsonl").read_text().splitlines()]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify(settings) -> tuple[int, str]:
    env = {"CITEBOT_INDEX_DIR": str(settings.index_dir), "CITEBOT_COLLECTION_DIR": str(settings.collection)}
    with contextlib.chdir(ROOT):
        out = CliRunner().invoke(cli, ["verify"], env=env, catch_exceptions=False)
    return out.exit_code, out.stdout


def test_an_uploaded_file_is_kept_as_sent_with_its_hash_and_shown_as_archived(settings):
    doc = commit_draft(settings, prepare_file(settings, TEXT, "guard.txt"))
    original = settings.collection / "originals" / f"{sha(TEXT)}.txt"
    assert original.read_bytes() == TEXT and not original.stat().st_mode & stat.S_IWUSR  # read-only
    (added,) = log(settings)
    assert (added["event"], added["id"], added["source"], added["size"], added["kind"]) == (
        "added", "guard", "guard.txt", len(TEXT), "file")
    assert added["original_sha256"] == sha(TEXT) and added["prev"] == "0" * 64
    assert doc.original_sha256 == sha(TEXT)
    reindex(settings)
    answer = Answerer(settings).ask("lists of names read out each evening")
    result = next(r for r in answer.results if r.document.id == "guard")
    archived = f"Archived copy, SHA-256 {sha(TEXT)}, retrieved {added['retrieved'][:10]} (citebot verify checks it)."
    assert citation_lines(result)[-1] == archived
    assert result.document.card()["original_sha256"] == sha(TEXT)  # in --json answers too
    assert render.card(result.document, "citebot", 1).messages[0].splitlines()[-2] == archived  # the 📄 card
    code, out = verify(settings)
    assert code == 0 and out.splitlines()[-1] == "1 unchanged, 0 changed, 0 without a preserved original; " \
                                                 "custody log intact."


def test_a_url_is_kept_as_a_warc_of_every_request_and_response(settings):
    with serving(Pages) as site:
        draft = prepare_url(settings, f"{site}/old-address")
    commit_draft(settings, draft)
    (added,) = log(settings)
    warc = (settings.collection / added["original"]).read_bytes()
    assert added["kind"] == "warc" and added["original_sha256"] == sha(warc) and added["source"] == f"{site}/old-address"
    records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.raw_stream.read())
               for r in ArchiveIterator(io.BytesIO(warc))]
    assert [(kind, uri) for kind, uri, _ in records] == [
        ("warcinfo", None), ("request", f"{site}/old-address"), ("response", f"{site}/old-address"),
        ("request", f"{site}/ward-seven"), ("response", f"{site}/ward-seven")]
    assert gzip.decompress(records[-1][2]) == PAGE  # the body as it came over the wire, still gzipped
    assert (settings.collection / "ward-seven.html").read_bytes() == PAGE
    reindex(settings)
    code, out = verify(settings)
    assert code == 0, out


def test_verify_names_a_changed_original_document_file_or_log_and_fails(settings):
    commit_draft(settings, prepare_file(settings, TEXT, "guard.txt"))
    edit_document(settings, "guard", "publisher", "Tribunal Records")
    reindex(settings)
    assert verify(settings)[0] == 0
    original = settings.collection / "originals" / f"{sha(TEXT)}.txt"
    original.chmod(0o644)
    original.write_bytes(TEXT.replace(b"seven", b"eight"))
    code, out = verify(settings)
    assert code == 1
    assert f"CHANGED     guard: the original originals/{sha(TEXT)}.txt has changed: SHA-256 " \
           f"{sha(TEXT.replace(b'seven', b'eight'))}, recorded {sha(TEXT)}" in out.splitlines()
    original.write_bytes(TEXT)
    (settings.collection / "guard.txt").write_bytes(TEXT.replace(b"evening", b"morning"))
    code, out = verify(settings)
    assert code == 1 and "CHANGED     guard: the document file guard.txt has changed: SHA-256" in out
    (settings.collection / "guard.txt").write_bytes(TEXT)
    lines = (settings.collection / "custody.jsonl").read_text().splitlines(keepends=True)
    assert [json.loads(line)["event"] for line in lines] == ["added", "edited"]
    lines[0] = lines[0].replace('"size": ', '"size": 1')
    (settings.collection / "custody.jsonl").write_text("".join(lines))
    code, out = verify(settings)
    assert code == 1 and "CHANGED     custody.jsonl line 2 does not follow line 1: the log was changed there" in out


def test_the_index_holding_another_text_is_a_change(settings):
    commit_draft(settings, prepare_file(settings, TEXT, "guard.txt"))
    assert not verify_collection(settings).changed  # not indexed yet: nothing to compare with
    reindex(settings)
    assert not verify_collection(settings).changed
    texts = Answerer(settings).corpus().generation.path / "texts"
    (texts / "guard.txt").write_text((texts / "guard.txt").read_text().replace("seven", "eight"))
    found = verify_collection(settings)
    assert found.changed and found.checks[0].lines == [
        "the index holds a different text from the one derived from the document: run citebot reindex"]


def test_a_text_the_reader_now_derives_differently_fails_until_recorded(settings):
    draft = prepare_file(settings, TEXT, "guard.txt")
    draft.text = draft.text.replace("ward seven", "ward 7")  # as an older cleaner might have read it
    commit_draft(settings, draft)
    reindex(settings)
    found = verify_collection(settings)
    assert found.changed and found.checks[0].lines[0].startswith(
        "the text derived from it now differs from the text recorded when it was added (SHA-256 ")
    assert not verify_collection(settings, record_text=True).changed
    assert [e["event"] for e in log(settings)] == ["added", "rederived"]
    code, out = verify(settings)
    assert code == 0, out


def test_the_document_card_in_the_terminal_shows_the_archived_copy(settings):
    commit_draft(settings, prepare_file(settings, TEXT, "guard.txt"))
    reindex(settings)
    env = {"CITEBOT_INDEX_DIR": str(settings.index_dir), "CITEBOT_COLLECTION_DIR": str(settings.collection)}
    with contextlib.chdir(ROOT):
        out = CliRunner().invoke(cli, ["doc", "guard"], env=env, catch_exceptions=False).stdout
    assert f"       original: Archived copy, SHA-256 {sha(TEXT)}, retrieved " in out
