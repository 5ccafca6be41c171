"""The checks of ../shared/eval/run_eval.py, for the copied cases (tests/eval_cases.yaml)."""


def check(case: dict, answer: dict) -> list[str]:
    results = answer.get("results") or []
    top = results[:3]
    excerpts = [(r.get("excerpt") or "").lower() for r in top]

    def title(r):
        return (r.get("document") or {}).get("title", "").lower()

    message = (answer.get("message") or "").lower()
    why = [f"message lacks {s!r}" for s in _as_list(case.get("message_contains")) if s.lower() not in message]
    if (person := case.get("person")) and person.lower() not in ((answer.get("person") or {}).get("name") or "").lower():
        why.append(f"person is not {person!r}")
    if case.get("empty"):
        return why + ([] if not results and message.strip() else ["expected no results and a message"])
    if not results:
        return why + ["no results"]
    why += [f"top3 lacks {s!r}" for s in case.get("contains", []) if not any(s.lower() in e for e in excerpts)]
    if (anyof := case.get("contains_any")) and not any(s.lower() in e for s in anyof for e in excerpts):
        why.append(f"top3 lacks any of {anyof}")
    why += [f"top3 not from {t!r}" for t in case.get("from", []) if not any(t.lower() in title(r) for r in top)]
    why += [f"results miss {t!r}" for t in case.get("documents", []) if not any(t.lower() in title(r) for r in results)]
    if (sp := case.get("speaker")) and sp.lower() not in (results[0].get("speaker") or "").lower():
        why.append(f"first speaker is not {sp!r}")
    if order := case.get("order"):
        # the first result from the document titled ~A comes before the first from ~B, and so on
        firsts = [next((i for i, r in enumerate(results) if t.lower() in title(r)), None) for t in order]
        if None in firsts or firsts != sorted(firsts):
            why.append(f"documents not in the order {order} (first positions {firsts})")
    return why


def _as_list(x) -> list:
    return x if isinstance(x, list) else ([x] if x else [])
