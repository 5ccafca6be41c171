"""`citebot quotes`: every quotation with offsets, speaker, kind, role and the words that attribute it (issue 19.7)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from citebot.index import Settings
from citebot.index.store.build import reindex
from citebot.index.voices.people import Registry, discover
from citebot.index.voices.quotes import find_quotes
from citebot.index.voices.referents import find_referents
from citebot.index.voices.voices import find_voices
from tests.conftest import cli_in_process, written_corpus

HARBOUR = (
    "Harbour plans divide the town\n\n"
    "“The pier will not survive another winter,” said Jo Bloggs, the harbour director. "
    "“We have asked for repairs for ten years,” she added.\n\n"
    "According to Ann Roe, a fisheries inspector, “the catch fell by half in two seasons.”\n\n"
    "The Harbour Trust told reporters that “no decision has been taken about the pier.”\n\n"
    "Ann Roe told the council: “Nobody here wants the pier to close.”\n"
)


def voices_of(text: str):
    registry = Registry()
    discover(registry, [text])
    mentions = registry.mentions(text)
    quotes = find_quotes(text, mentions)
    referents = find_referents(text, mentions, [(q.start, q.end) for q in quotes])
    return find_voices(text, mentions, quotes, referents, {e.id: e.name for e in registry.entries.values()})


def test_each_quotation_keeps_the_words_that_attribute_it():
    found = {HARBOUR[v.start:v.end][:14]: (v.speaker, v.cue, v.how) for v in voices_of(HARBOUR)}
    assert found == {
        "“The pier will": ("Jo Bloggs", "said", "cue"),
        "“We have asked": ("Jo Bloggs", "added", "pronoun"),
        "“the catch fel": ("Ann Roe", "according to", "cue"),
        "“no decision h": ("The Harbour Trust", "told reporters", "cue"),
        "“Nobody here w": ("Ann Roe", "told the council", "cue"),
    }


@pytest.fixture
def collection(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "people.yaml").write_text("", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", people_file=tmp_path / "people.yaml")
    reindex(settings)
    return settings


def test_the_export_lists_offsets_into_the_clean_text_speakers_kinds_roles_and_cues(collection):
    run = cli_in_process({"CITEBOT_CORPUS_DIR": str(collection.corpus_dir), "CITEBOT_INDEX_DIR": str(collection.index_dir),
                          "CITEBOT_PEOPLE_FILE": str(collection.people_file)})
    rows = json.loads(run("quotes", "harbour", "--json"))
    text = json.loads(run("doc", "--json", "harbour"))["text"]
    assert all(text[r["start"]:r["end"]] == r["excerpt"] for r in rows)
    assert rows[0] == {
        "document": "harbour", "start": rows[0]["start"], "end": rows[0]["end"],
        "excerpt": "“The pier will not survive another winter,”", "speaker": "Jo Bloggs", "kind": "person",
        "role": "harbour director", "cue": "said", "found_by": "cue", "voice": "quotation", "reported_by": None,
        "inserted": [],
    }
    assert [(r["speaker"], r["kind"], r["cue"]) for r in rows[1:]] == [
        ("Jo Bloggs", "person", "added"), ("Ann Roe", "person", "according to"),
        ("The Harbour Trust", "organisation", "told reporters"), ("Ann Roe", "person", "told the council")]
    assert run("quotes", "--json") == run("quotes", "harbour")  # JSON is the default; one document is all here
    table = list(csv.DictReader(io.StringIO(run("quotes", "--csv"))))
    assert [r["excerpt"] for r in table] == [r["excerpt"] for r in rows]
    assert table[3]["speaker"] == "The Harbour Trust" and table[3]["role"] == ""


def test_the_documents_own_author_is_kind_author_and_an_unknown_document_is_refused(tmp_path):
    settings = written_corpus(tmp_path, {"column.md": (
        "---\ntitle: Notes from the quay\nauthor: Jo Bloggs\n---\n"
        "Notes from the quay\n\nLast year Jo Bloggs, the harbour director, said “the pier will stand for ten more "
        "years,” and the council agreed.\n")})
    env = {"CITEBOT_CORPUS_DIR": str(settings.corpus_dir), "CITEBOT_INDEX_DIR": str(settings.index_dir),
           "CITEBOT_PEOPLE_FILE": str(settings.people_file)}
    [row] = json.loads(cli_in_process(env)("quotes", "column"))
    assert (row["speaker"], row["kind"], row["cue"]) == ("Jo Bloggs", "author", "said")

    from click.testing import CliRunner

    from citebot.bot.cli import main

    refused = CliRunner().invoke(main, ["quotes", "no-such-doc"], env=env)
    assert refused.exit_code == 1
    assert refused.stderr.strip() == "Error: no quotations: no document 'no-such-doc': see citebot ask /docs"
