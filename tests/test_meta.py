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
