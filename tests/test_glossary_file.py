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


def test_a_broken_glossary_is_one_line_naming_the_file_and_line_not_a_traceback(tmp_path):
    from click.testing import CliRunner

    from citebot.bot.cli import main

    path = tmp_path / "glossary.yaml"
    path.write_text("- en: prison\n  fa: [زندان\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["ask", "/source prison"], env={"CITEBOT_GLOSSARY_FILE": str(path)})
    assert out.exit_code == 1 and out.exception.__class__ is SystemExit
    assert out.stderr.startswith(f"Error: {path} line 3: not valid YAML (") and "expected ',' or ']'" in out.stderr
    assert "Traceback" not in out.output and len(out.stderr.splitlines()) == 1
