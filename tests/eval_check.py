"""The checks of ../shared/eval/run_eval.py, for the copied cases (tests/eval_cases.yaml)."""


def named(r: dict) -> list[str]:
    """Who a result says is speaking or referred to: speaker, voices[].speaker, refers_to[].person."""
    out = [r.get("speaker") or ""]
    out += [(v or {}).get("speaker") or "" for v in r.get("voices") or []]
    out += [(v or {}).get("person") or "" for v in r.get("refers_to") or []]
    return [n for n in out if n]


def as_list(x) -> list:
    return x if isinstance(x, list) else ([x] if x else [])


def _bare(text: str) -> str:
    return text.strip(" \t\n“”‘’\"'.,:;").lower()


def check(case: dict, answer: dict) -> list[str]:
    results = answer.get("results") or []
    top = results[:3]
    excerpts = [(r.get("excerpt") or "").lower() for r in top]

    def title(r):
        return (r.get("document") or {}).get("title", "").lower()

    why = [f"message lacks {s!r}" for s in as_list(case.get("message_contains"))
           if s.lower() not in (answer.get("message") or "").lower()]
    if case.get("person") and case["person"].lower() not in ((answer.get("person") or {}).get("name") or "").lower():
        why.append(f"person is not {case['person']!r}")
    if case.get("empty"):
        return why + ([] if not results and answer.get("message", "").strip() else ["expected no results and a message"])
    if not results:
        return why + ["no results"]
    why += [f"top3 lacks {s!r}" for s in case.get("contains", []) if not any(s.lower() in e for e in excerpts)]
    if (anyof := case.get("contains_any")) and not any(s.lower() in e for s in anyof for e in excerpts):
        why.append(f"top3 lacks any of {anyof}")
    why += [f"top3 not from {t!r}" for t in case.get("from", []) if not any(t.lower() in title(r) for r in top)]
    why += [f"results miss {t!r}" for t in case.get("documents", []) if not any(t.lower() in title(r) for r in results)]
    if (sp := case.get("speaker")) and sp.lower() not in (results[0].get("speaker") or "").lower():
        why.append(f"first speaker is not {sp!r}")
    for v in as_list(case.get("voice")):  # every result holding these words names their speaker
        holding = [r for r in results if v["excerpt"].lower() in (r.get("excerpt") or "").lower()]
        if v.get("required") and not any(r in top for r in holding):
            why.append(f"top3 lacks an excerpt with {v['excerpt']!r}")
        why += [f"excerpt with {v['excerpt']!r} does not name {v['speaker']!r}" for r in holding
                if not any(v["speaker"].lower() in n.lower() for n in named(r))]
    if case.get("names") and not any(case["names"].lower() in n.lower() for n in named(results[0])):
        why.append(f"first result does not name {case['names']!r}")
    why += [f"{t!r} returned as an excerpt of its own" for t in as_list(case.get("not_excerpt"))
            if any(_bare(r.get("excerpt") or "") == _bare(t) for r in results)]
    if order := case.get("order"):
        # the first result from the document titled ~A comes before the first from ~B, and so on
        firsts = [next((i for i, r in enumerate(results) if t.lower() in title(r)), None) for t in order]
        if None in firsts or firsts != sorted(firsts):
            why.append(f"documents not in the order {order} (first positions {firsts})")
    return why

