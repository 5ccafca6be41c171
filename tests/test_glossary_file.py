"""The glossary file is read once per process while it is unchanged, and read again once it changes."""

from __future__ import annotations

from citebot.index import Answerer
from tests.conftest import settings_for


def test_answerers_share_one_reading_until_the_file_changes(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("- en: prison\n  fa: [زندان]\n", encoding="utf-8")
    settings = settings_for(tmp_path, glossary_file=path)
    first, second = Answerer(settings), Answerer(settings)
    assert first.glossary is second.glossary and first.glossary.entries == {"زندان": "prison"}
    path.write_text("- en: prisons\n  fa: [زندان‌ها]\n- en: prison\n  fa: [زندان]\n", encoding="utf-8")
    changed = Answerer(settings).glossary
    assert changed is not first.glossary and changed.english == ["prisons", "prison"]
