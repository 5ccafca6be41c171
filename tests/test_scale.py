"""Three webhook workers behind haproxy, sharing Redis, under load while things break.

The fake Telegram delivers a few thousand updates from many users through haproxy
(redelivering whatever was not acknowledged). Meanwhile one worker is SIGKILLed and
started again, redis-server is restarted (losing everything: no persistence), and an
admin runs /reindex on a changed corpus. Every update must be answered exactly once,
each answer wholly from the old or wholly from the new generation, Telegram's limits
never exceeded, and the flood limit held across workers.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter

import pytest

from citebot.bot import render
from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from tests.botproc import message
from tests.cluster import Cluster
from tests.conftest import settings_for
from tests.reliability import trials

pytestmark = pytest.mark.e2e
ADMIN = 42
QUESTIONS = ["/who Raisi", "/quote Montazeri", "/source 30,000", "mass graves", "/who Naidoo", "/who Bachelet",
             "/who Ortagus", "fatwa", "death commission", "/source Death Commission", "/quote Khomeini"]
NEW_DOC = ("A later statement on the 1988 massacre\n\nEbrahim Raisi sat on the Death Commission in Tehran. "
           "Survivors say that 30,000 prisoners were killed and buried in mass graves after the fatwa.\n")
FLOOD = 8          # answers a flooding user gets before the guard stops them
FLOODERS = 3       # users who send 20 messages at once, spread over all the workers
PAGE = 3


class Expected:
    """What each line gets from the old and from the new generation, rendered as the bot renders it."""

    def __init__(self, old: Answerer, new: Answerer) -> None:
        self.answerers = {"old": old, "new": new}
        self.cache: dict[str, dict[str, list[str]]] = {}

    def __call__(self, line: str) -> dict[str, list[str]]:
        if line not in self.cache:
            self.cache[line] = {name: render.page(a.ask(line), 0, PAGE, "k").messages
                                for name, a in self.answerers.items()}
        return self.cache[line]

    def generations(self, line: str, texts: list[str]) -> set[str]:
        """Whose answer `texts` is exactly: {"old"}, {"new"}, both (the same), or none (mixed, lost, doubled)."""
        return {name for name, messages in self(line).items() if messages == texts}


def vocabulary(corpus) -> list[str]:
    """Words in at least four documents: a search for two of them has a "More" button."""
    counts = Counter()
    for path in corpus.glob("*.txt"):
        counts.update(set(re.findall(r"[a-z]{6,}", path.read_text().lower())))
    return sorted(w for w, n in counts.items() if n >= 4)


@pytest.mark.reliability("scale: 3 workers, faults")
def test_three_workers_answer_every_update_once_through_kill_redis_restart_and_reindex(tmp_path, seeds, tally):
    settings = settings_for(tmp_path, corpus=seeds)
    reindex(settings)
    new_corpus = tmp_path / "new-corpus"
    new_corpus.mkdir()
    for f in seeds.iterdir():
        (new_corpus / f.name).write_bytes(f.read_bytes())
    (new_corpus / "zz-later-statement.txt").write_text(NEW_DOC)
    new_settings = settings_for(tmp_path / "new", corpus=new_corpus)
    reindex(new_settings)
    old_settings = settings_for(tmp_path / "old", corpus=seeds)  # its own index: the workers' one will change
    reindex(old_settings)
    expected = Expected(Answerer(old_settings), Answerer(new_settings))
    assert any(expected(q)["old"] != expected(q)["new"] for q in QUESTIONS)  # a switch shows in the answers
    rng = random.Random(16)
    words = vocabulary(seeds)
    pairs = [f"{a} {b}" for a in words for b in words if a < b]
    rng.shuffle(pairs)  # each search of two words is asked once: its button is known to one worker only

    count = trials(ci=1200, full=5000)
    with Cluster(settings, tmp_path, workers=3, CITEBOT_ADMINS=ADMIN, CITEBOT_TELEGRAM_FLOOD_MESSAGES=FLOOD,
                 CITEBOT_TELEGRAM_FLOOD_SECONDS=3600) as cluster:  # no refill during the test
        tg = cluster.server
        asked: dict[int, tuple[str, float]] = {}      # private chat -> (line, pushed at)
        grouped: dict[int, str] = {}                  # group message id -> line
        presses: dict[str, float] = {}                # callback query id -> pushed at
        events: dict[str, float] = {}

        def ask(chat: int) -> None:
            line = pairs.pop() if chat % 4 == 0 else rng.choice(QUESTIONS)
            tg.push(message(line, chat=chat))
            asked[chat] = (line, time.monotonic())

        # The burst: more at once than Telegram lets the bot answer in a second, flooders, groups.
        for chat in range(100_000, 100_150):
            ask(chat)
        for user in range(900, 900 + FLOODERS):
            for _ in range(20):
                tg.push(message("/who Raisi", chat=user))
        commands = [q for q in QUESTIONS if q.startswith("/")]  # plain words in a group are chatter
        for group in (-100_201, -100_202):
            for n in range(4):
                sent = tg.push(message(commands[n], chat=group, user=7000 + n, chat_type="supergroup"))
                grouped[sent["message"]["message_id"]] = commands[n]

        buttons = Buttons(tg)
        steady = count - len(asked)
        plan = {int(steady * 0.2): "kill", int(steady * 0.35): "restart worker", int(steady * 0.5): "restart redis",
                int(steady * 0.65): "reindex"}
        chat = 200_000
        for n in range(steady):
            if n in plan:
                events[plan[n]] = time.monotonic()
                act(cluster, plan[n], seeds)
            pressable = buttons.found()
            if n % 6 == 5 and pressable:
                user, data = pressable.pop(rng.randrange(len(pressable)))
                qid = f"press-{n}"
                tg.push({"callback_query": {"id": qid, "from": {"id": user, "is_bot": False, "first_name": "Ana"},
                                            "chat_instance": f"ci-{user}", "data": data,
                                            "message": {"message_id": 50_000 + n, "date": int(time.time()),
                                                        "chat": {"id": user, "type": "private"}, "text": "x"}}})
                presses[qid] = time.monotonic()
            else:
                ask(chat)
                chat += 1
            time.sleep(1 / 15)

        tg.wait_for(lambda m, p: m == "editMessageText" and p["text"].startswith("Indexed"), timeout=60)
        switched = next(t for (m, p), t in zip(list(tg.calls), list(tg.stamps))
                        if m == "editMessageText" and p["text"].startswith("Indexed"))
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not set(asked) <= {int(p["chat_id"]) for m, p in list(tg.calls)
                                                                   if m == "sendMessage"}:
            time.sleep(0.5)
        time.sleep(3)  # room for a late duplicate to show up
        tg.push(message("/stats", chat=ADMIN))
        stats = tg.wait_for(lambda m, p: m == "sendMessage" and "shared state" in p["text"], timeout=30)[0][1]["text"]
        calls = list(tg.calls)
        alive = [w.alive() for w in cluster.workers]
        logs = "".join(w.log_text() for w in cluster.workers)
        breaches = tg.limit_breaches()
        import os
        if os.environ.get("SCALE_DUMP"):
            json.dump([[m, p.get("chat_id"), t - tg.stamps[0]] for (m, p), t in zip(calls, tg.stamps)],
                      open(os.environ["SCALE_DUMP"], "w"))

    texts: dict[int, list[str]] = {}
    for m, p in calls:
        if m == "sendMessage":
            texts.setdefault(int(p["chat_id"]), []).append(p["text"])
    lost, twice, mixed, stale = [], [], [], []
    for chat, (line, pushed) in asked.items():
        got = texts.get(chat, [])
        generations = expected.generations(line, got)
        if not got:
            lost.append(chat)
        elif not generations and (len(got) % 2 or not expected.generations(line, got[:len(got) // 2])):
            mixed.append((chat, line, got))
        elif not generations:
            twice.append(chat)
        elif "new" not in generations and pushed > switched + 1.5:  # every worker re-reads the pointer twice a second
            stale.append(chat)
    group_replies = Counter(reply_to(p) for m, p in calls if m == "sendMessage" and int(p["chat_id"]) < 0)
    lost += [m for m in grouped if group_replies[m] == 0]
    twice += [m for m in grouped if group_replies[m] > 1]
    edits = Counter((int(p["chat_id"]), int(p["message_id"])) for m, p in calls
                    if m == "editMessageText" and int(p["chat_id"]) != ADMIN)  # the admin's progress is edited often
    lost += [q for q in presses if q not in tg.answered_queries]  # (Telegram, like the fake, takes one answer per press)
    twice += [k for k, n in edits.items() if n > 1]
    expired = {p["callback_query_id"] for m, p in calls if m == "answerCallbackQuery" and "expired" in p.get("text", "")}
    tally.tried(len(asked) + len(grouped) + len(presses))
    tally.lost(len(lost))
    tally.duplicated(len(twice))
    tally.crashed(alive.count(False))
    tally.note(f"{tg.delivery_attempts} deliveries for {len(asked) + len(grouped) + len(presses) + FLOODERS * 20} "
               f"updates ({tg.rejected_deliveries} refused or cut, then redelivered); "
               f"{len(expired)} of {len(presses)} buttons asked to resend (pressed after Redis lost their query)")

    assert (lost, twice) == ([], [])
    assert mixed == []
    assert stale == []
    assert all(alive), "a worker exited"
    assert breaches == [], ([(b.split(":")[0], round(float(b.split()[-1]) - tg.stamps[0], 2)) for b in breaches],
                            {k: round(v - tg.stamps[0], 2) for k, v in events.items()})
    # Buttons work on whichever worker gets them, until Redis itself loses the query.
    assert sorted(q for q in expired if presses[q] < events["restart redis"]) == []
    assert {frozenset({"old"}), frozenset({"new"})} <= {frozenset(expected.generations(line, texts[c]))
                                                        for c, (line, _) in asked.items()}
    for user in range(900, 900 + FLOODERS):  # the flood limit holds across workers
        got = texts.get(user, [])
        assert len([t for t in got if t.startswith("You sent more than")]) == 1, got  # told once, by one worker
        assert len(got) == FLOOD + 1
    assert "error while handling an update" not in logs
    assert re.search(r"Worker \S+-\d+-\w+; shared state: redis ok, [0-9.]+ ms; 3 workers alive", stats), stats


def act(cluster: Cluster, what: str, corpus) -> None:
    if what == "kill":
        cluster.workers[1].kill()
    elif what == "restart worker":
        threading.Thread(target=cluster.workers[1].start, daemon=True).start()
    elif what == "restart redis":
        cluster.redis.restart(down=1.0)
    elif what == "reindex":
        (corpus / "zz-later-statement.txt").write_text(NEW_DOC)
        cluster.server.push(message("/reindex", chat=ADMIN))


class Buttons:
    """The "More" buttons the bot has sent so far, read from new calls only."""

    def __init__(self, tg) -> None:
        self.tg, self.seen, self.pressable = tg, 0, []

    def found(self) -> list[tuple[int, str]]:
        calls = self.tg.calls[self.seen:]
        self.seen += len(calls)
        for m, p in calls:
            if m == "sendMessage" and p.get("reply_markup"):
                rows = _json(p["reply_markup"])["inline_keyboard"]
                self.pressable += [(int(p["chat_id"]), b["callback_data"]) for row in rows for b in row
                                   if b.get("callback_data", "").startswith("pg:")]
        return self.pressable


def answers(calls) -> list[int]:
    """The private chats each sendMessage went to (one per answered question; flooders' notices too)."""
    return [int(p["chat_id"]) for m, p in calls if m == "sendMessage" and int(p["chat_id"]) > 0]


def reply_to(p: dict) -> int | None:
    return (_json(p.get("reply_parameters")) or {}).get("message_id")


def _json(value):
    return json.loads(value) if isinstance(value, str) else value
