"""Reading the corpus folder: formats, provenance, inferred metadata, and broken files."""

from pathlib import Path

import pytest

from citebot.index.documents.sources import ManifestError, load_corpus
from tests.pdfmaker import write_pdf

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1_000_000


def by_file(folder: Path):
    sources, skipped = load_corpus(folder, LIMIT)
    return {s.document.file: s for s in sources}, {s.file: s.reason for s in skipped}


def test_the_manifest_gives_every_seed_its_provenance():
    docs, skipped = by_file(ROOT / "corpus")
    assert skipped == {}
    d = docs["001_80b7eb5d3f2c6833.txt"].document
    assert (d.id, d.publisher, d.date, d.date_precision) == ("mek-2020-07-24-tried-and-failed", "PMOI/MEK", "2020-07-24", "day")
    assert d.title == "The 1988 massacre: How the Iranian regime tried—and failed—to destroy the MEK"
    d = docs["002_26c36c6a27ceb9f3.txt"].document
    assert (d.publisher, d.date, d.date_precision) == ("MEK-Iran.com", "2018-12", "month")
    assert docs["000_a92f316a8f8bf606.txt"].document.publisher is None  # not named in the text: not invented
    assert not any(s.document.inferred for s in docs.values())


def test_a_file_without_manifest_entry_gets_inferred_metadata(corpus_dir):
    (corpus_dir / "Report on Trials.txt").write_text(
        "728 x 90\n\nTrials in Tehran\n\nReporting by Example News\n\n"
        "Tehran, March 3, 2021—The court met again today and heard two witnesses.\n", encoding="utf-8")
    docs, _ = by_file(corpus_dir)
    d = docs["Report on Trials.txt"].document
    assert (d.id, d.title, d.publisher, d.date, d.date_precision, d.inferred) == (
        "report-on-trials", "Trials in Tehran", "Example News", "2021-03-03", "day", ["title", "publisher", "date"])
    assert "dateline" in d.date_note


def test_markdown_front_matter_is_metadata(corpus_dir):
    (corpus_dir / "note.md").write_text(
        "---\nid: field-note\ntitle: A field note\npublisher: Example NGO\ndate: 2019-05\n---\n"
        "# A field note\n\nWitnesses described **mass graves** near the [city](http://x).\n", encoding="utf-8")
    d = by_file(corpus_dir)[0]["note.md"]
    assert (d.document.id, d.document.publisher, d.document.date, d.document.date_precision) == (
        "field-note", "Example NGO", "2019-05", "month")
    assert "Witnesses described mass graves near the city." in d.cleaned.text


def test_html_main_text_without_navigation(corpus_dir):
    (corpus_dir / "page.html").write_text(
        "<html><head><title>Page title</title><meta property='og:site_name' content='Example Times'>"
        "<meta property='article:published_time' content='2020-08-01T10:00:00Z'></head><body>"
        "<nav>Home | About | Donate</nav><article><h1>The headline</h1><p>First <b>real</b> paragraph of news.</p>"
        "<p>Second paragraph.</p></article><footer>© Example</footer></body></html>", encoding="utf-8")
    d = by_file(corpus_dir)[0]["page.html"]
    assert d.cleaned.text == "The headline\n\nFirst real paragraph of news.\n\nSecond paragraph."
    assert (d.document.title, d.document.publisher, d.document.date) == ("The headline", "Example Times", "2020-08-01")
    assert d.document.inferred == ["title", "publisher", "date"]


def test_pdf_text_layer(corpus_dir):
    write_pdf(corpus_dir / "statement.pdf", ["Joint statement on accountability.", "We urge an inquiry now."])
    d = by_file(corpus_dir)[0]["statement.pdf"]
    assert "We urge an inquiry now." in d.cleaned.text


def test_bad_files_are_skipped_with_a_precise_reason(corpus_dir):
    (corpus_dir / "good.txt").write_text("A good document with enough text to index.\n", encoding="utf-8")
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (corpus_dir / "latin1.txt").write_bytes("Le comité a publié un rapport détaillé.".encode("latin-1"))
    (corpus_dir / "utf16.txt").write_bytes("A document saved as UTF-16 by an editor.".encode("utf-16"))
    (corpus_dir / "big.txt").write_bytes(b"word " * (LIMIT // 5 + 1))
    (corpus_dir / "nobody.html").write_text("<html><body><nav>Menu</nav></body></html>")
    write_pdf(corpus_dir / "scan.pdf", None)
    (corpus_dir / "corrupt.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    docs, skipped = by_file(corpus_dir)
    assert set(docs) == {"good.txt", "latin1.txt", "utf16.txt"}
    assert "Le comité a publié" in docs["latin1.txt"].cleaned.text
    assert skipped["empty.txt"] == "empty file"
    assert skipped["binary.txt"] == "binary file, not text"
    assert skipped["big.txt"].startswith("too large")
    assert skipped["nobody.html"] == "no text found (the page has no main text, only menus, links or scripts)"
    assert "no text layer" in skipped["scan.pdf"]
    assert "unreadable PDF" in skipped["corrupt.pdf"]


def test_manifest_problems(corpus_dir):
    (corpus_dir / "a.txt").write_text("First document with enough text.\n")
    (corpus_dir / "b.txt").write_text("Second document with enough text.\n")
    (corpus_dir / "sources.yaml").write_text(
        "- {file: a.txt, id: same, title: A, date: 2020-13-45}\n- {file: b.txt, id: same, title: B}\n"
        "- {file: gone.txt, id: gone, title: Gone}\n")
    docs, skipped = by_file(corpus_dir)
    assert docs["a.txt"].document.date is None and "not an ISO date" in docs["a.txt"].document.date_note
    assert skipped["b.txt"] == "duplicate id 'same' (already used by a.txt)"
    assert skipped["gone.txt"] == "listed in sources.yaml but the file is missing"


def test_a_broken_manifest_is_fatal(corpus_dir):
    (corpus_dir / "sources.yaml").write_text("- file: a.txt\n  title: [unclosed\n")
    with pytest.raises(ManifestError, match="sources.yaml"):
        load_corpus(corpus_dir, LIMIT)
