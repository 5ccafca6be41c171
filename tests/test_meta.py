"""A generation's metadata is one typed object, written and read through the same schema."""

from __future__ import annotations

import json

from citebot.index.store.meta import Meta


def test_metadata_round_trips_through_its_schema(answerer):
    gen = answerer.corpus().generation
    data = json.loads((gen.path / "meta.json").read_text(encoding="utf-8"))
    again = Meta.from_json(data).to_json()
    # the registry is rebuilt from its entries (its lookup tables are derived), the rest is kept as it was
    assert {k: v for k, v in again.items() if k != "registry"} == {k: v for k, v in data.items() if k != "registry"}
    def entries(d):  # an entry's spellings are a set: compare them as one
        return {e["id"]: (e["name"], sorted(map(tuple, e["keys"])), e["aliases"]) for e in d["registry"]["entries"]}
    assert entries(again) == entries(data)
    meta = gen.meta
    assert meta.generation == gen.name and meta.stats.documents == len(meta.documents) == 5
    robertson = [v for v in meta.voices["robertson-2020-worst-crime"] if v.kind == "speech"]
    assert robertson and robertson[0].speaker == "Geoffrey Robertson"
    assert meta.who[meta.registry.resolve("Raisi").person.id][0].doc in {d.id for d in meta.documents}


def test_each_documents_compact_title_is_saved_with_the_generation_as_opening_would_find_it(answerer):
    from citebot.index.answers.corpus import Corpus
    from citebot.index.voices.titles import citation_title

    gen = answerer.corpus().generation
    data = json.loads((gen.path / "meta.json").read_text(encoding="utf-8"))
    saved = {d["id"]: d["citation_title"] for d in data["documents"]}
    opened = Meta.from_json(data)
    assert saved == {d.id: citation_title(d, opened.registry) for d in opened.documents}
    assert saved["robertson-2020-worst-crime"] == "Iran’s 1988 massacre of the MEK (Free Iran summit report)"
    # a generation written before the titles were saved: opening it works them out, to the same titles
    for d in data["documents"]:
        d["citation_title"] = None
    older = Meta.from_json(data)
    assert {d.id: d.citation_title for d in Corpus.load(_with_meta(gen, older)).documents.values()} == saved


def _with_meta(gen, meta):
    """The generation as if its meta.json were `meta` (a copy; the session's generation is left as it is)."""
    import copy

    other = copy.copy(gen)
    other.meta = meta
    return other


def test_headings_are_saved_as_one_string_a_document_and_read_alike_from_an_older_generation(answerer):
    gen = answerer.corpus().generation
    data = json.loads((gen.path / "meta.json").read_text(encoding="utf-8"))
    opened = Meta.from_json(data).headings
    assert all(isinstance(saved, str) for saved in data["headings"].values())
    with_headings = [doc for doc in opened if opened[doc]]
    assert with_headings
    for doc in with_headings:
        text = gen.text(doc)
        assert all(0 <= s < e <= len(text) and text[s:e].strip() for s, e in opened[doc])
    # a generation written before: lists of pairs
    data["headings"] = {doc: [list(h) for h in opened[doc]] for doc in opened}
    older = Meta.from_json(data).headings
    assert {doc: older[doc] for doc in older} == {doc: opened[doc] for doc in opened}
    assert older.get("no-such-document", []) == []
