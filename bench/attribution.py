"""Whose words, measured on news no one tuned the rules for: citebot's speakers against PolNeAR (issue 19).

    python -m bench.attribution DIR [--split dev] [--show 3]
    make eval-attribution POLNEAR=DIR [SPLIT=dev]

DIR is a checkout of PolNeAR (github.com/networkdynamics/PolNeAR), or its data/
folder: DIR/data/<split>/text/<article>.txt and DIR/data/<split>/attributions/
<article>_<annotator>.ann (BRAT standoff). The corpus is read from DIR and
never copied into the project.

What citebot does. Each split is one collection, read as `citebot reindex`
reads a collection of .txt files with no people.yaml: every article cleaned
(index/clean.py), people discovered over all the split's cleaned texts
(people.discover), then per article mentions, quotations, referents and voices
(the sequence of index/build.py `_write`). `_voices_of` below is the one
place calling into citebot.

What the gold is. In an .ann file, T lines are spans (`T3<TAB>Content 115 290`,
discontinuous ones as `115 200;210 290`) and E lines tie a Content to its Cue
and Source. An article annotated by several annotators is scored on one of
them, the first .ann file in name order. A gold quotation is an attribution
  - whose Content is a direct quotation: its first fragment opens with a quote
    mark (“ " ‘), or a quote mark stands right before it; and
  - whose Source holds a proper name: a capitalised word that is not a
    pronoun or determiner and not a common noun capitalised only because it
    opens the sentence ("Officials", "Sources"; such a word counts only when
    the article never writes it in lower case). "He", "a spokesman", "the
    campaign" are not named sources; "Trump", "Clinton aide Jane Roe",
    "The Post", "CNN" are.
Attributions without a source, and Discard/Discuss spans, are not gold.

Scoring. Gold offsets are mapped onto citebot's cleaned text by aligning the
two texts word by word (cleaning drops furniture lines, tidies spaces and
joins paragraphs with one blank line, but never rewords). A gold quotation is
found when a citebot voice of kind quotation (or reported: a quotation inside
another) overlaps its Content; of several, the one overlapping most. Its
speaker is right when the speaker's last name word (folded: case, accents)
is the last word of one of the names in the gold Source; the names are the
Source's capitalised runs, without a possessive ("Trump's") or a run used as
a modifier ("Clinton campaign", "the New York businessman"); a Source left
with no name is not gold.
  precision = right / found quotations citebot gives a named speaker
  recall    = right / gold quotations
Misses are grouped by kind, and each kind by where the gold source stands
(after the quotation, before it in its paragraph, or in another paragraph).
`--show N` prints N examples of each kind to the terminal (PolNeAR's text is
never written to a file).
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# -- the one adapter into citebot (module paths are expected to move) --------------------------------------


@dataclass
class Said:
    """One voice citebot finds: cleaned[start:end] is `speaker`'s (None: not identified)."""

    start: int
    end: int
    speaker: str | None
    person: bool  # the speaker is a registered person (else a named source such as "Reuters", or None)
    kind: str  # "quotation" | "reported" | "speech"


def _voices_of(raw_texts: list[str]) -> tuple[list[str], list[list[Said]], list[str]]:
    """citebot's reading of a collection: (cleaned texts, their voices, the names of the people it registered)."""
    from citebot.index.text.clean import clean
    from citebot.index.voices.people import Registry, discover
    from citebot.index.voices.quotes import find_quotes
    from citebot.index.voices.referents import find_referents
    from citebot.index.voices.voices import find_voices

    cleaned = [clean(raw).text for raw in raw_texts]
    registry = Registry()  # a new collection: no people.yaml
    discover(registry, cleaned)
    names = {e.id: e.name for e in registry.entries.values()}
    out = []
    for text in cleaned:
        mentions = registry.mentions(text)
        quotes = find_quotes(text, mentions)
        referents = find_referents(text, mentions, [(q.start, q.end) for q in quotes])
        voices = find_voices(text, mentions, quotes, referents, names)
        out.append([Said(v.start, v.end, v.speaker, v.speaker_id is not None, v.kind) for v in voices])
    return cleaned, out, sorted(names.values())


# -- the gold -------------------------------------------------------------------------------------------

OPENING = "“\"‘"
PRONOUNS = set("""
    he she it they we i you him her them us me his its their our my your this that these those there who
    the a an some many most several one two three both each another other others all any no such
    """.split())
CAP_WORD = re.compile(r"[A-Z][\w’'.\-]*|[A-Z]")
NAME_RUN = re.compile(r"(?:[A-Z][\w’'\-]*\.?)(?:\s+(?:[A-Z][\w’'\-]*\.?|de|del|van|von|al|bin|da|di|la|le))*")
POSSESSIVE = re.compile(r"^[’']s\b")
FUNCTION = {"of", "and", "at", "in", "for", "from", "who", "the", "on", "with", "to", "said", "says", "told"}


@dataclass
class Gold:
    article: str
    content: list[tuple[int, int]]  # raw offsets, fragments
    source: tuple[int, int]
    source_text: str
    names: list[str]  # folded last words of the source's names
    cue: str = ""  # the gold cue's words ("said", "told reporters")

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


def read_ann(text: str, ann: str, article: str = "") -> list[Gold]:
    """The gold quotations of one article: direct quotations with a named source (see the module docstring)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            frags = [tuple(int(x) for x in f.split()) for f in offsets.split(";")]
            spans[parts[0]] = (label, sorted((a, b) for a, b in frags))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    lower = set(re.findall(r"\b[a-z][\w’'\-]*", text))
    out = []
    for args in events:
        content, source = spans.get(args.get("Content", "")), spans.get(args.get("Source", ""))
        cue = spans.get(args.get("Cue", ""))
        if not content or not source or not _direct(text, content[1]):
            continue
        s, e = source[1][0][0], source[1][-1][1]
        names = source_names(text, s, e, lower)
        if names:
            cue_text = " ".join(text[a:b] for a, b in cue[1]) if cue else ""
            out.append(Gold(article, content[1], (s, e), text[s:e], names, cue_text))
    return out


def _direct(text: str, frags: list[tuple[int, int]]) -> bool:
    a, b = frags[0]
    body = text[a:b]
    return body.lstrip()[:1] in OPENING or text[max(0, a - 1):a] in OPENING


def source_names(text: str, start: int, end: int, lower: set[str]) -> list[str]:
    """Folded last words of the names a Source span holds; [] when it names no one."""
    span = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), text[start:end])
    runs = []
    for m in NAME_RUN.finditer(span):
        words = [w for w in m.group().split() if _is_name_word(w, start + m.start(), text, lower)]
        if not words:
            continue
        after = span[m.end():]
        following = re.match(r"\s+([a-z][\w’'\-]*)", after)
        runs.append((words, bool(POSSESSIVE.match(after)), bool(following and following[1] not in FUNCTION)))
    return [_fold(w[-1]) for w, possessive, modifier in runs if not possessive and not modifier]


def _is_name_word(word: str, at: int, text: str, lower: set[str]) -> bool:
    bare = word.rstrip(".").removesuffix("’s").removesuffix("'s")
    if not bare or _fold(bare) in PRONOUNS or len(bare) == 1:
        return False
    sentence_initial = not text[max(0, at - 3):at].strip() or re.search(r"[.!?:\"“”]\s*$", text[max(0, at - 4):at])
    return not (sentence_initial and bare.lower() in lower)


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.replace("’", "'"))
    word = "".join(c for c in word if not unicodedata.combining(c)).casefold()
    return re.sub(r"'s$", "", word).strip(".'-")


# -- raw offsets to cleaned offsets ----------------------------------------------------------------------


class Aligner:
    """Maps offsets of a raw text onto its cleaned text, word by word (cleaning never rewords)."""

    def __init__(self, raw: str, cleaned: str) -> None:
        self.raw = [(m.start(), m.end()) for m in re.finditer(r"\S+", raw)]
        self.clean = [(m.start(), m.end()) for m in re.finditer(r"\S+", cleaned)]
        a = [raw[s:e] for s, e in self.raw]
        b = [cleaned[s:e] for s, e in self.clean]
        self.to: dict[int, int] = {}
        for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
            for k in range(block.size):
                self.to[block.a + k] = block.b + k
        self.starts = [s for s, _ in self.raw]
        self.length = len(cleaned)

    def __call__(self, pos: int) -> int | None:
        """The cleaned offset of raw offset `pos`, None when its word was dropped (or changed) by cleaning."""
        i = max(0, bisect.bisect_right(self.starts, pos) - 1)
        if i < len(self.raw) and pos >= self.raw[i][1]:
            i += 1  # in the spaces after word i: the next word
        for j in (i, i + 1, i - 1):
            if j in self.to:
                s, e = self.raw[j]
                cs, ce = self.clean[self.to[j]]
                return cs + min(max(pos - s, 0), ce - cs) if j == i else (cs if j > i else ce)
        return None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        a, b = self(start), self(max(start, end - 1))
        return (a, b + 1) if a is not None and b is not None and b >= a else None


# -- scoring --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    gold: Gold
    kind: str  # "right" | a miss kind
    where: str  # where the gold source stands
    said: Said | None
    span: tuple[int, int] | None  # the gold content in cleaned offsets


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)
    articles: int = 0
    unaligned: int = 0
    seconds: float = 0.0

    def count(self, kind: str) -> int:
        return sum(o.kind == kind for o in self.outcomes)

    @property
    def gold(self) -> int:
        return len(self.outcomes)

    @property
    def named(self) -> int:
        return sum(o.said is not None and o.said.speaker is not None for o in self.outcomes)

    @property
    def found(self) -> int:
        return sum(o.said is not None for o in self.outcomes)

    @property
    def precision(self) -> float:
        return self.count("right") / self.named if self.named else 0.0

    @property
    def recall(self) -> float:
        return self.count("right") / self.gold if self.gold else 0.0


KINDS = {
    "wrong speaker: a name within the source's description": "“…,” Acme Corp spokesman Jo Bloggs said -> Acme Corp; "
                                                             "a middle initial cut: 'Jo B'",
    "wrong speaker: the source is not registered": "“…,” said Jo Bloggs, an aide to Ann Smith -> Ann Smith",
    "wrong speaker: the source is registered": "“…,” Jo Bloggs said after Ann Smith spoke -> Ann Smith",
    "no speaker: the source's surname is shared": "“…,” Bloggs said, with Jo and Ann Bloggs both registered",
    "no speaker: the source is registered": "“…,” Mr. Bloggs said, and Jo Bloggs is known -> None",
    "no speaker: the source is not registered": "“…,” Bloggs wrote -> None: Bloggs never became a person",
    "not found as a quotation": "no citebot quotation overlaps the gold quotation",
    "not aligned": "the gold quotation's words were dropped by cleaning",
}


def _words(name: str) -> list[str]:
    return re.findall(r"[\w’'\-]+", name) or [""]


def surnames(people: list[str]) -> Counter:
    """How many registered people have each (folded) last name word."""
    return Counter(_fold(_words(n)[-1]) for n in people)


def speaker_matches(speaker: str, names: list[str]) -> bool:
    return _fold(_words(speaker)[-1]) in names


def score_article(raw: str, cleaned: str, voices: list[Said], golds: list[Gold], registered: Counter) -> list[Outcome]:
    align = Aligner(raw, cleaned)
    quoted = [v for v in voices if v.kind in ("quotation", "reported")]
    out = []
    for g in golds:
        where = _where(raw, g)
        span = align.span(g.start, g.end)
        if span is None:
            out.append(Outcome(g, "not aligned", where, None, None))
            continue
        overlapping = [(min(v.end, span[1]) - max(v.start, span[0]), -(v.end - v.start), i)
                       for i, v in enumerate(quoted) if v.start < span[1] and span[0] < v.end]
        if not overlapping:
            out.append(Outcome(g, "not found as a quotation", where, None, span))
            continue
        said = quoted[max(overlapping)[2]]
        known = any(registered.get(n) for n in g.names)
        if said.speaker is None:
            kind = "no speaker: the source's surname is shared" if any(registered.get(n, 0) > 1 for n in g.names) \
                else "no speaker: the source is registered" if known else "no speaker: the source is not registered"
        elif speaker_matches(said.speaker, g.names):
            kind = "right"
        elif _fold(_words(said.speaker)[-1]) in {_fold(w) for w in _words(g.source_text)}:
            kind = "wrong speaker: a name within the source's description"
        else:
            kind = "wrong speaker: the source is " + ("registered" if known else "not registered")
        out.append(Outcome(g, kind, where, said, span))
    return out


def _where(raw: str, g: Gold) -> str:
    s, e = g.source
    if s >= g.end:
        between = raw[g.end:s]
        return "source after, next paragraph" if "\n" in between.strip("\n ") or between.count("\n") else \
            "source after the quotation"
    if e <= g.start:
        between = raw[e:g.start]
        return "source in an earlier paragraph" if "\n" in between else "source before, same paragraph"
    return "source between the quotation's parts"


def articles(root: Path, split: str) -> list[tuple[str, Path, Path]]:
    """(name, text file, the first annotator's .ann file) of every annotated article of a split."""
    data = root / "data" if (root / "data").is_dir() else root
    texts, anns = data / split / "text", data / split / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise SystemExit(f"no PolNeAR split {split!r} under {root} (expected {texts} and {anns})")
    chosen: dict[str, Path] = {}
    for ann in sorted(anns.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    return [(name, texts / f"{name}.txt", ann) for name, ann in sorted(chosen.items()) if (texts / f"{name}.txt").exists()]


def evaluate(root: Path, split: str) -> tuple[Score, list[str], list[str]]:
    found = articles(root, split)
    raws = [text.read_text(encoding="utf-8") for _, text, _ in found]
    started = time.perf_counter()
    cleaned, voices, people = _voices_of(raws)
    score = Score(articles=len(found))
    registered = surnames(people)
    for (name, _, ann), raw, text, said in zip(found, raws, cleaned, voices, strict=True):
        golds = read_ann(raw, ann.read_text(encoding="utf-8"), name)
        score.outcomes += score_article(raw, text, said, golds, registered)
    score.seconds = time.perf_counter() - started
    return score, raws, cleaned


def report(score: Score, split: str) -> str:
    lines = [
        f"PolNeAR {split}: {score.articles} articles, {score.gold} direct quotations by named sources, "
        f"{score.seconds:.1f} s",
        f"  found as quotations   {score.found:5d}  ({score.found / max(score.gold, 1):.1%})",
        f"  given a named speaker {score.named:5d}",
        f"  right speaker         {score.count('right'):5d}",
        f"  precision {score.precision:.1%}   recall {score.recall:.1%}",
        "",
        "Misses by kind:",
    ]
    kinds = Counter(o.kind for o in score.outcomes if o.kind != "right")
    for kind, n in kinds.most_common():
        lines.append(f"  {n:5d}  {kind}  ({KINDS.get(kind, '')})")
        wheres = Counter(o.where for o in score.outcomes if o.kind == kind)
        lines += [f"         {m:5d}  {w}" for w, m in wheres.most_common()]
    return "\n".join(lines)


def show(score: Score, raws: dict[str, str], n: int) -> str:
    """N examples of each miss kind, from the corpus: for the terminal only, never for a committed file."""
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for o in score.outcomes:
        if o.kind != "right":
            by_kind[o.kind].append(o)
    lines = []
    for kind, outcomes in by_kind.items():
        lines.append(f"\n== {kind}")
        for o in outcomes[::max(1, len(outcomes) // n)][:n]:  # spread over the split, not one article's
            raw = raws[o.gold.article]
            a, b = min(o.gold.start, o.gold.source[0]), max(o.gold.end, o.gold.source[1])
            context = raw[max(0, a - 80):b + 40].replace("\n", " ¶ ")
            given = f"{o.said.speaker!r} [{o.said.kind}]" if o.said else "-"
            lines.append(f"  [{o.gold.article}] gold source {o.gold.source_text!r} (cue {o.gold.cue!r}) -> citebot {given}; "
                         f"{o.where}")
            lines.append(f"      …{context[:400]}…")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.attribution", description=__doc__.split("\n")[0])
    parser.add_argument("dir", type=Path, help="a PolNeAR checkout (or its data/ folder)")
    parser.add_argument("--split", default="dev", help="train, dev or test (default dev)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print N corpus examples of each miss kind")
    args = parser.parse_args(argv)
    score, raws, _ = evaluate(args.dir, args.split)
    print(report(score, args.split))
    if args.show > 0:
        names = [name for name, _, _ in articles(args.dir, args.split)]
        print(show(score, dict(zip(names, raws, strict=True)), args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
