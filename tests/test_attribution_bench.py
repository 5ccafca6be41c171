"""bench/attribution.py reads BRAT standoff and scores speakers: on a tiny invented article, not PolNeAR's text."""

from __future__ import annotations

from pathlib import Path

from bench.attribution import Aligner, Said, evaluate, read_ann, score_article, surnames

# Invented for this test. Raw text as an export may give it: a furniture line, doubled spaces.
RAW = (
    "Share this\n"
    "Senator Jo Bloggs, the committee chair, spoke  on Monday.\n\n"
    "\u201cWe will not give up on this bill,\u201d Bloggs said.\n\n"
    "\u201cNobody asked us about the road,\u201d said a local farmer.\n\n"
    "He added: \u201cThe vote is next week, not later.\u201d\n\n"
    "Ann Smith, the mayor, replied that the plan was fine.\n"
)


def _span(needle: str) -> tuple[int, int]:
    start = RAW.index(needle)
    return start, start + len(needle)


def _ann() -> str:
    q1, s1 = _span("\u201cWe will not give up on this bill,\u201d"), _span("Bloggs said")
    q2, s2 = _span("\u201cNobody asked us about the road,\u201d"), _span("a local farmer")
    q3, s3 = _span("\u201cThe vote is next week, not later.\u201d"), _span("He added")
    c4, s4 = _span("that the plan was fine"), _span("Ann Smith")
    rows = []
    for n, (q, s) in enumerate([(q1, (s1[0], s1[0] + 6)), (q2, s2), (q3, (s3[0], s3[0] + 2)), (c4, s4)]):
        rows += [f"T{3 * n + 1}\tContent {q[0]} {q[1]}\t{RAW[q[0]:q[1]]}",
                 f"T{3 * n + 2}\tSource {s[0]} {s[1]}\t{RAW[s[0]:s[1]]}",
                 f"E{n + 1}\tAttribution:T{3 * n + 3} Content:T{3 * n + 1} Source:T{3 * n + 2}"]
    return "\n".join(rows) + "\n"


def test_gold_is_direct_quotations_by_named_sources():
    gold = read_ann(RAW, _ann(), "invented")
    assert [g.source_text for g in gold] == ["Bloggs"]  # not "a local farmer", not "He", not the indirect one
    assert gold[0].names == ["bloggs"]


def test_names_skip_modifiers_and_possessives():
    text = "\u201cYes, we will.\u201d Acme\u2019s longtime spokesman Jo Bloggs said. \u201cNo.\u201d Acme aide said."
    source = text.index("Acme\u2019s"), text.index(" said")
    ann = (f"T1\tContent 0 15\t{text[0:15]}\nT2\tSource {source[0]} {source[1]}\t{text[source[0]:source[1]]}\n"
           f"E1\tAttribution:T9 Content:T1 Source:T2\n")
    aide = text.index("Acme aide")
    ann += f"T3\tContent {aide - 6} {aide - 1}\tx\nT4\tSource {aide} {aide + 9}\tx\nE2\tAttribution:T9 Content:T3 Source:T4\n"
    gold = read_ann(text, ann)
    assert [g.names for g in gold] == [["bloggs"]]  # "Acme aide" names no one: Acme is a modifier


def test_offsets_map_onto_the_cleaned_text():
    cleaned = RAW.replace("Share this\n", "").replace("  ", " ").rstrip("\n")
    align = Aligner(RAW, cleaned)
    start, end = _span("\u201cWe will not give up on this bill,\u201d")
    mapped = align.span(start, end)
    assert mapped and cleaned[mapped[0]:mapped[1]] == RAW[start:end]


def test_kinds_of_outcome():
    gold = read_ann(RAW, _ann(), "invented")
    s, e = gold[0].start, gold[0].end
    people = surnames(["Jo Bloggs", "Ann Smith"])
    def kind(*said: Said) -> str:
        return score_article(RAW, RAW, list(said), gold, people)[0].kind
    assert kind(Said(s, e, "Jo Bloggs", True, "quotation")) == "right"
    assert kind(Said(s, e, "Ann Smith", True, "quotation")) == "wrong speaker: the source is registered"
    assert kind(Said(s, e, None, False, "quotation")) == "no speaker: the source is registered"
    assert kind(Said(s, e, "Jo Bloggs", True, "speech")) == "not found as a quotation"
    assert score_article(RAW, RAW, [Said(s, e, None, False, "quotation")], gold, surnames(["Ann Smith"]))[0].kind \
        == "no speaker: the source is not registered"


def test_runs_citebot_on_a_split(tmp_path: Path):
    (tmp_path / "data" / "dev" / "text").mkdir(parents=True)
    (tmp_path / "data" / "dev" / "attributions").mkdir()
    (tmp_path / "data" / "dev" / "text" / "invented.txt").write_text(RAW, encoding="utf-8")
    (tmp_path / "data" / "dev" / "attributions" / "invented_ab12.ann").write_text(_ann(), encoding="utf-8")
    score, _, cleaned = evaluate(tmp_path, "dev")
    assert score.articles == 1 and score.gold == 1 and "Share this" not in cleaned[0]
    assert score.outcomes[0].kind == "right"  # "Bloggs said" after a titled full name
    assert score.precision == 1.0 and score.recall == 1.0
