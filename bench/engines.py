"""citebot's Whoosh index and two reference engines, built and queried the same way.

Each step runs in its own process (`python -m bench.engines STEP ENGINE WORK`),
so peak RSS and cold-open times are that engine's alone. A step prints one
JSON object. FTS5 and tantivy index the very passages citebot's ingest made
(`passages.jsonl`); citebot's build time is its whole reindex: reading,
cleaning, splitting, people and quotations, and Whoosh.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import statistics
import sys
import time
from functools import cache
from pathlib import Path


def build(engine: str, work: Path) -> dict:
    started = time.perf_counter()
    if engine == "citebot":
        from citebot.index.store.build import reindex

        report = reindex(_settings(work))
        count = report.passages
    else:
        texts = [json.loads(line) for line in open(work / "passages.jsonl", encoding="utf-8")]
        count = len(texts)
        (_build_fts5 if engine == "fts5" else _build_tantivy)(texts, work / engine)
    seconds = time.perf_counter() - started
    return {"passages": count, "build_s": seconds, "rate": count / seconds, "size_mb": _size(work / engine),
            "build_rss_mb": _peak_rss()}


def _build_fts5(texts: list[str], path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path / "fts.db")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='porter unicode61')")
    db.executemany("INSERT INTO p(text) VALUES (?)", ((t,) for t in texts))
    db.commit()
    db.close()


def _build_tantivy(texts: list[str], path: Path) -> None:
    import tantivy

    path.mkdir(parents=True, exist_ok=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True, tokenizer_name="en_stem")
    index = tantivy.Index(builder.build(), path=str(path))
    writer = index.writer(heap_size=256_000_000)
    for t in texts:
        writer.add_document(tantivy.Document(text=t))
    writer.commit()
    writer.wait_merging_threads()


def opener(engine: str, work: Path):
    """Open the engine; return search(query) -> list of excerpts (top 10, stored text fetched)."""
    if engine == "citebot":
        from citebot.index.store.search import literal_phrase, passage_at, search
        from citebot.index.text.analysis import terms

        gen = answerer(work).corpus().generation

        def run(q):
            text = " ".join(q["words"])
            if q["kind"] in PHRASES:  # every document that says it (true count), the first 10 passages
                return [passage_at(gen, s).excerpt for s in (literal_phrase(gen, text) or [])[:10]]
            return [h.excerpt for h in search(gen, terms(text), "passage", mode="any", limit=10)]

        return run
    if engine == "fts5":
        db = sqlite3.connect(work / "fts5" / "fts.db", check_same_thread=False)
        sql = "SELECT text FROM p WHERE p MATCH ? ORDER BY rank LIMIT 10"
        count = "SELECT count(*) FROM p WHERE p MATCH ?"

        def run_fts5(q):
            found = [r[0] for r in db.execute(sql, (_fts5_query(q),))]
            if q["kind"] == COUNTED:  # and how many passages say it: citebot's true count, as FTS5 can give it
                db.execute(count, (_fts5_query(q),)).fetchone()
            return found

        return run_fts5
    import tantivy

    index = tantivy.Index.open(str(work / "tantivy"))
    searcher = index.searcher()

    def search(q):
        words = " ".join(_bare(w).lower() for w in q["words"])  # lower: "NOT", "AND" would be operators
        parsed = index.parse_query(f'"{words}"' if q["kind"] in PHRASES else words, ["text"])
        found = searcher.search(parsed, 10, count=q["kind"] == COUNTED)
        return [searcher.doc(addr)["text"][0] for _, addr in found.hits]

    return search


RACE_RUNS = 3  # each query run this many times by each engine, the fastest kept


def race(work: Path) -> dict:
    """Every query run by the three engines in one process, back to back, the order rotated from query to query,
    RACE_RUNS times each, the fastest kept: load from other jobs on the machine falls on all engines alike.

    The same words for every engine: ranked kinds get only the words citebot searches (stop words dropped for all);
    a phrase keeps every word for all (citebot matches it literally, FTS5 and tantivy as a phrase of stems).
    """
    queries = [_searched(q) for q in json.loads((work / "queries.json").read_text())]
    queries = [q for q in queries if q["words"]]
    queries += [{**q, "kind": COUNTED} for q in queries if q["kind"] == "phrase"]
    engines = {e: opener(e, work) for e in ("citebot", "fts5", "tantivy")}
    for search in engines.values():
        search(queries[0])
    times: dict[str, dict[str, list[float]]] = {e: {k: [] for k in KINDS} for e in engines}
    hits: dict[str, dict[str, int]] = {e: dict.fromkeys(KINDS, 0) for e in engines}
    names = list(engines)
    for i, q in enumerate(queries):
        best = dict.fromkeys(names, float("inf"))
        for run in range(RACE_RUNS):
            shift = (i + run) % len(names)
            for e in names[shift:] + names[:shift]:
                started = time.perf_counter()
                found = engines[e](q)
                best[e] = min(best[e], (time.perf_counter() - started) * 1000)
                hits[e][q["kind"]] += bool(found) and run == 0
        for e in names:
            times[e][q["kind"]].append(best[e])
    return {e: {**{f"raw {k}": percentiles(v) for k, v in times[e].items() if len(v) > 1},
                **{f"hits {k}": n for k, n in hits[e].items()}} for e in names}


def _searched(q: dict) -> dict:
    """The query with the words citebot searches: stop words (no term) dropped, except from a phrase."""
    from citebot.index.text.analysis import terms

    if q["kind"] in PHRASES:
        return q
    return {**q, "words": [w for w in q["words"] if terms(w)]}


def _fts5_query(q: dict) -> str:
    quoted = [f'"{_bare(w)}"' for w in q["words"]]
    return f'"{" ".join(_bare(w) for w in q["words"])}"' if q["kind"] in PHRASES else " OR ".join(quoted)


def _bare(word: str) -> str:
    return "".join(c for c in word if c.isalnum())


KINDS = ("word", "words", "phrase", "phrase counted", "name", "number")
# "phrase counted": the same phrases, with FTS5 and tantivy also counting every passage that has them (citebot
# always counts: /source says how many documents say it), so the work compared is closer to equal.
COUNTED = "phrase counted"
PHRASES = ("phrase", COUNTED)
RELEVANCE_SAMPLE = 100  # ranked queries per kind whose top 10 is compared with exhaustive scoring...
RELEVANCE_SAMPLE_1M = 25  # ...at 1M, where scoring every match of a common word takes seconds


def serve(engine: str, work: Path) -> dict:
    """Cold open, then every query raw (per kind); for citebot also the complete answers the bot sends."""
    queries = json.loads((work / "queries.json").read_text())
    started = time.perf_counter()
    search = opener(engine, work)
    search(queries[0])
    out = {"open_ms": (time.perf_counter() - started) * 1000}
    out["raw"], out["raw_hits"] = _timed(search, queries)  # per kind: race(), every engine in one process
    if engine == "citebot":
        out["relevance"] = relevance(work, queries)
        for command in ("/source ", "", "/quote ", "/who "):
            lines = [command + " ".join(q["words"]) for q in queries]
            out[f"answer {command.strip() or 'search'}"], _ = _timed(answerer(work).ask, lines)
    out["serve_rss_mb"] = _peak_rss()
    return out


def relevance(work: Path, queries: list[dict]) -> dict:
    """Top-10 overlap of citebot's ranking with exhaustive scoring (every match scored, no pruning), per kind."""
    from citebot.index.store.search import search
    from citebot.index.text.analysis import terms
    from tests.bruteforce import exhaustive_top

    gen = answerer(work).corpus().generation
    sample = RELEVANCE_SAMPLE_1M if gen.meta.stats.passages > 500_000 else RELEVANCE_SAMPLE
    out = {"sample": sample}
    for kind in ("word", "words", "name", "number"):
        overlaps = []
        for q in [q for q in queries if q["kind"] == kind][:sample]:
            words = terms(" ".join(q["words"]))
            exact = {(d, s) for d, s, _ in exhaustive_top(gen, words, 10)}
            fast = {(h.doc, h.start) for h in search(gen, words, "passage", limit=10)}
            overlaps.append(len(exact & fast) / len(exact) if exact else 1.0)
        out[kind] = sum(overlaps) / len(overlaps) if overlaps else None
    return out


def first_answer(work: Path, line: str) -> dict:
    """The first complete answer of a fresh process; the caller times it from the process's launch."""
    from citebot.index.answers.answerer import Answerer

    answer = Answerer(_settings(work)).ask(line)
    return {"answered_at": time.time(), "results": len(answer.results)}


def _timed(call, items) -> tuple[dict, int]:
    times, hits = [], 0
    for item in items:
        started = time.perf_counter()
        found = call(item)
        times.append((time.perf_counter() - started) * 1000)
        hits += bool(getattr(found, "results", found))
    return percentiles(times), hits


def percentiles(times: list[float]) -> dict:
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"p50": cuts[49], "p90": cuts[89], "p99": cuts[98], "n": len(times)}


@cache
def answerer(work: Path):
    from citebot.index.answers.answerer import Answerer

    return Answerer(_settings(work), cache_size=0)  # every answer computed, none from the cache


def _settings(work: Path):
    from citebot.index.settings import Settings

    return Settings(corpus_dir=work / "corpus", index_dir=work / "citebot",
                    people_file=Path(__file__).parent.parent / "config" / "people.yaml")


def _size(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _peak_rss() -> float:
    """This process's peak resident memory, MB. VmHWM, not ru_maxrss: that one keeps the forking parent's peak."""
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    step, engine, work = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    if step == "first":
        result = first_answer(work, sys.argv[4])
    elif step == "race":
        result = race(work)
    else:
        result = build(engine, work) if step == "build" else serve(engine, work)
    print(json.dumps(result))
