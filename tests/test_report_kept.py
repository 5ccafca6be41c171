"""bench/report.py rewrites RESULTS.md from the last benchmark run, keeping the sections written by hand."""

from bench.report import kept_sections


def test_the_attribution_section_survives_a_rewrite(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Targets\n\nold figures\n\n"
                       "## Attribution (PolNeAR)\n\n| split | precision |\n|---|---|\n| dev | 98.6% |\n\n"
                       "## The scale corpus\n\nDebian packages\n", encoding="utf-8")
    assert kept_sections(results) == ["", "## Attribution (PolNeAR)", "", "| split | precision |", "|---|---|",
                                      "| dev | 98.6% |", ""]


def test_nothing_to_keep_without_a_results_file(tmp_path):
    assert kept_sections(tmp_path / "RESULTS.md") == []
