"""Document dates as intervals: precision and the manifest's evidence bound them; "earliest first" sorts by them."""

import json
from pathlib import Path

from citebot.index.answers.answerer import Answerer
from citebot.index.documents.sources import load_corpus
from citebot.index.store.build import reindex
from tests.conftest import settings_for

ROOT = Path(__file__).resolve().parent.parent
TEXT = "A statement about the trials, with enough words to index.\n"


def documents(folder: Path, manifest: str):
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(TEXT, encoding="utf-8")
    (folder / "sources.yaml").write_text(manifest, encoding="utf-8")
    sources, _ = load_corpus(folder, 1_000_000)
    return {s.document.file: s for s in sources}


def test_precision_gives_the_interval(corpus_dir):
    docs = documents(corpus_dir, "- {file: a.txt, date: '2020'}\n- {file: b.txt, date: '2016-02'}\n"
                                 "- {file: c.txt, date: '2020-07-24'}\n")
    assert docs["a.txt"].document.date_interval() == ("2020-01-01", "2020-12-31")
    assert docs["b.txt"].document.date_interval() == ("2016-02-01", "2016-02-29")  # a leap year
    assert docs["c.txt"].document.date_interval() == ("2020-07-24", "2020-07-24")


def test_evidence_narrows_the_interval_but_not_the_label(corpus_dir):
    docs = documents(corpus_dir, (
        "- {file: a.txt, date: '2020', date_not_before: '2020-08', date_note: 'cites August 2020'}\n"
        "- {file: b.txt, date: '2019', date_not_before: '2019-03-01', date_not_after: '2019-06'}\n"
        "- {file: c.txt, date: '2018-12', date_not_before: '2017'}\n"))
    a, b, c = (docs[f].document for f in ("a.txt", "b.txt", "c.txt"))
    assert a.date_interval() == ("2020-08-01", "2020-12-31")
    assert (a.date, a.date_label(), a.date_note) == ("2020", "2020", "cites August 2020")
    assert b.date_interval() == ("2019-03-01", "2019-06-30")
    assert c.date_interval() == ("2018-12-01", "2018-12-31")  # a bound looser than the date changes nothing
    assert not any(s.problems for s in docs.values())


def test_malformed_or_contradicting_bounds_are_ignored_and_reported(corpus_dir):
    docs = documents(corpus_dir, (
        "- {file: a.txt, date: '2020', date_not_before: 'August 2020'}\n"
        "- {file: b.txt, date: '2018-12', date_not_before: '2019-01-05', date_note: 'Undated.'}\n"
        "- {file: c.txt, date: '2020', date_not_before: '2020-09', date_not_after: '2020-03'}\n"))
    a, b, c = (docs[f] for f in ("a.txt", "b.txt", "c.txt"))
    assert a.document.date_interval() == ("2020-01-01", "2020-12-31")
    assert a.problems == ["date_not_before 'August 2020' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD); ignored"]
    assert "Manifest error: date_not_before 'August 2020'" in a.document.date_note
    assert b.document.date_interval() == ("2018-12-01", "2018-12-31")
    assert b.problems == ["date_not_before 2019-01-05 is after the date 2018-12; ignored"]
    assert b.document.date_note.startswith("Undated. Manifest error:")
    assert c.document.date_interval() == ("2020-01-01", "2020-12-31")
    assert "after date_not_after" in c.problems[0]


def test_a_precision_finer_than_the_date_is_refused(corpus_dir):
    docs = documents(corpus_dir, "- {file: a.txt, date: '2020', date_precision: day}\n"
                                 "- {file: b.txt, date: '2020-07-24', date_precision: year}\n")
    a, b = docs["a.txt"], docs["b.txt"]
    assert (a.document.date_precision, a.document.date_interval()) == ("year", ("2020-01-01", "2020-12-31"))
    assert "date_precision 'day' does not fit the date '2020'" in a.problems[0]
    assert (b.document.date_label(), b.document.date_interval()) == ("2020", ("2020-01-01", "2020-12-31"))


def test_bounds_without_a_date_still_place_the_document(corpus_dir):
    docs = documents(corpus_dir, "- {file: a.txt, date: null, date_not_before: '2019-05', date_note: 'cites May 2019'}\n")
    a = docs["a.txt"].document
    assert (a.date_label(), a.date_interval()) == ("date unknown", ("2019-05-01", None))
    assert a.chronology() < docs["b.txt"].document.chronology()  # b has no date at all: it comes last


def test_reindex_reports_manifest_errors(tmp_path, corpus_dir):
    documents(corpus_dir, "- {file: a.txt, date: '2020', date_not_after: '2020-02-30'}\n")
    report = reindex(settings_for(tmp_path, corpus_dir))
    assert report.documents == 3
    assert "a.txt: date_not_after '2020-02-30' is not an ISO date" in report.summary()


def test_the_bundled_manifest_narrows_undated_documents():
    sources, _ = load_corpus(ROOT / "corpus", 1_000_000)
    docs = {s.document.id: s.document for s in sources}
    assert docs["ngo-2020-bring-to-justice"].date_interval() == ("2020-08-01", "2020-12-31")
    assert docs["robertson-2020-worst-crime"].date_interval() == ("2020-07-19", "2020-12-31")
    assert docs["mek-iran-2018-12-abject-failure"].date_interval() == ("2018-12-26", "2018-12-31")
    assert not any(s.problems for s in sources)


def test_earliest_first_never_puts_a_possibly_later_document_first(answerer):
    a = answerer.ask("/source Ortagus")
    assert [(r.document.id, r.document.date_label()) for r in a.results] == [
        ("robertson-2020-worst-crime", "2020"),  # 19 Jul 2020 or later: may be the earliest
        ("mek-2020-07-24-tried-and-failed", "24 Jul 2020"),
        ("ngo-2020-bring-to-justice", "2020"),  # cites August 2020: certainly after 24 Jul 2020
    ]
    assert a.message.endswith("earliest first:")
    ordered = answerer.ask("/docs").documents
    for i, earlier in enumerate(ordered):
        for later in ordered[i + 1:]:
            assert not later.date_interval()[1] < earlier.date_interval()[0], (earlier.id, later.id)


def test_undated_documents_come_last(tmp_path, corpus_dir):
    documents(corpus_dir, "- {file: a.txt, date: null}\n- {file: b.txt, date: '2021'}\n- {file: c.txt, date: '1999-04'}\n")
    reindex(settings_for(tmp_path, corpus_dir))
    a = Answerer(settings_for(tmp_path, corpus_dir)).ask("/docs")
    assert [d.file for d in a.documents] == ["c.txt", "b.txt", "a.txt"]
    assert [d.date_label() for d in a.documents] == ["Apr 1999", "2021", "date unknown"]


def test_json_cards_carry_the_interval(cli):
    answer = json.loads(cli("ask", "--json", "/source refrigerated trucks"))
    cards = {r["document"]["id"]: r["document"] for r in answer["results"]}
    ngo = cards["ngo-2020-bring-to-justice"]
    assert (ngo["date"], ngo["date_precision"], ngo["date_earliest"], ngo["date_latest"]) == (
        "2020", "year", "2020-08-01", "2020-12-31")
    docs = json.loads(cli("ask", "--json", "/docs"))["documents"]
    assert [d["id"] for d in docs][:3] == [
        "mek-iran-2018-12-abject-failure", "robertson-2020-worst-crime", "mek-2020-07-24-tried-and-failed"]
    assert all({"id", "title", "publisher", "date", "date_precision", "url"} <= d.keys() for d in docs)
    card = json.loads(cli("doc", "--json", "robertson-2020-worst-crime"))
    assert (card["date"], card["date_not_before"], card["date_earliest"], card["date_latest"]) == (
        "2020", "2020-07-19", "2020-07-19", "2020-12-31")
