"""The Persian attribution report (bench/persian_attribution.py): printed, and no wrong speaker in it."""

from __future__ import annotations

from bench.persian_attribution import cases, report, score


def test_the_persian_attribution_report_names_no_wrong_speaker(capsys):
    all_cases = cases()
    by_kind = score(all_cases)
    total = sum(by_kind.values(), start=type(next(iter(by_kind.values())))())
    print(report(by_kind))
    assert len(all_cases) >= 60 and total["quotations"] - total["gold named"] >= 30  # many "not identified"
    assert total["wrong"] == 0  # precision first: a wrong speaker is the worst answer
    assert total["right"] / total["gold named"] >= 0.85
    assert f"| **all** | {len(all_cases)} |" in capsys.readouterr().out
