"""A password in a document's URL is never shown: cards, citations and JSON carry the URL without credentials."""

from __future__ import annotations

import pytest

from citebot.bot import render
from citebot.index.documents.sources import public_url, read_source


@pytest.mark.parametrize("given,shown", [
    ("https://user:hunter2@example.org/a?b=1#c", "https://example.org/a?b=1#c"),
    ("http://admin@example.org:8080/x", "http://example.org:8080/x"),
    ("https://a:b@c:d@example.org/", "https://example.org/"),
    ("https://example.org/mail@host/page", "https://example.org/mail@host/page"),  # an @ in the path is the path's
    ("https://example.org/", "https://example.org/"),
    (None, None),
])
def test_public_url_drops_the_user_name_and_password_only(given, shown):
    assert public_url(given) == shown


def test_a_document_whose_manifest_url_has_a_password_shows_none_on_its_card(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("---\ntitle: Notes on the prison\nurl: https://reader:s3cret@archive.example.org/notes\n---\n\n"
                    "The notes describe the prison in the summer of 1988 in some detail.\n", encoding="utf-8")
    doc = read_source(path, None, 1_000_000).document
    assert doc.url == "https://archive.example.org/notes"
    card = render.card(doc, "citebot", 1)
    assert "s3cret" not in "".join(card.messages) and "reader" not in "".join(card.messages)
    assert "archive.example.org/notes" in card.messages[0]
