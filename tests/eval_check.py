"""The checks of ../shared/eval/run_eval.py, for the copied cases (tests/eval_cases.yaml)."""


def check(case: dict, answer: dict) -> list[str]:
    results = answer.get("results") or []
    top = results[:3]
    excerpts = [(r.get("excerpt") or "").lower() for r in top]

    def title(r):
        return (r.get("document") or {}).get("title", "").lower()

    if case.get("empty"):
        return [] if not results and answer.get("message", "").strip() else ["expected no results and a message"]
    if not results:
        return ["no results"]
    why = [f"top3 lacks {s!r}" for s in case.get("contains", []) if not any(s.lower() in e for e in excerpts)]
    if (anyof := case.get("contains_any")) and not any(s.lower() in e for s in anyof for e in excerpts):
        why.append(f"top3 lacks any of {anyof}")
    why += [f"top3 not from {t!r}" for t in case.get("from", []) if not any(t.lower() in title(r) for r in top)]
    why += [f"results miss {t!r}" for t in case.get("documents", []) if not any(t.lower() in title(r) for r in results)]
    if (sp := case.get("speaker")) and sp.lower() not in (results[0].get("speaker") or "").lower():
        why.append(f"first speaker is not {sp!r}")
    return why
