"""The bot's state behaves the same in memory and in Redis, and survives Redis going away."""

from __future__ import annotations

import asyncio

import pytest

from citebot.bot.shared_state import Budget, Claim, LockBusy, MemoryState, Schedule
from tests.services import Redis, redis_server

BUDGET = Budget(overall=0.01, private=0.5, group=2.0)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis_server(tmp_path_factory.mktemp("redis")) as server:
        yield server.url


@pytest.fixture(params=["memory", "redis"])
async def states(request):
    """Two workers' views of the same state (in memory, one process is all there is)."""
    if request.param == "memory":
        one = MemoryState(BUDGET, "w1")
        yield one, one
        return
    from citebot.bot.redis_state import RedisState

    url = request.getfixturevalue("redis_url")
    one, two = RedisState(url, BUDGET, "w1"), RedisState(url, BUDGET, "w2")
    await one.redis.flushdb()
    await one.beat()
    await two.beat()
    yield one, two
    await one.close()
    await two.close()


async def test_a_button_remembered_by_one_worker_is_recalled_by_another(states):
    one, two = states
    await one.remember("ab12", "/source 30,000")
    assert await two.recall("ab12") == "/source 30,000"
    assert await two.recall("never") is None


async def test_the_flood_limit_is_shared(states):
    one, two = states
    verdicts = [await (one if n % 2 else two).flood(42, 5, 60) for n in range(8)]
    assert [v.admitted for v in verdicts] == [True] * 5 + [False] * 3
    assert [v.notify for v in verdicts[5:]] == [True, False, False]  # told once, by whichever worker
    assert all(55 <= v.wait <= 60 for v in verdicts[5:])
    assert (await one.flood(43, 5, 60)).admitted  # another user has their own window
    assert (await two.flood(42, 5, 60, kind="inline")).admitted  # inline queries are counted apart from messages


async def test_an_update_handled_again_is_not_counted_twice(redis_url):
    from citebot.bot.redis_state import RedisState

    one, two = RedisState(redis_url, BUDGET, "w1"), RedisState(redis_url, BUDGET, "w2")
    await one.redis.flushdb()
    assert (await one.flood(45, 1, 60, 1001)).admitted
    assert (await two.flood(45, 1, 60, 1001)).admitted  # the same update, after its first worker died
    refused = await two.flood(45, 1, 60, 1002)
    assert not refused.admitted and refused.notify
    assert (await one.flood(45, 1, 60, 1002)).notify  # its worker died before telling: told by the next
    assert not (await one.flood(45, 1, 60, 1003)).notify
    await one.close()
    await two.close()


async def test_the_flood_window_slides(states):
    one, two = states
    assert (await one.flood(44, 1, 0.2)).admitted
    assert not (await two.flood(44, 1, 0.2)).admitted
    await asyncio.sleep(0.25)
    assert (await two.flood(44, 1, 0.2)).admitted


async def test_an_edited_question_finds_its_answers(states):
    one, two = states
    await one.link(-100, 7, [8, 9])
    assert await two.linked(-100, 7) == [8, 9]
    assert await two.linked(-100, 6) is None


async def test_an_update_is_handled_once(states):
    one, two = states
    assert await one.claim(501) is Claim.NEW
    assert await two.claim(501) is Claim.BUSY  # the first worker is alive and still on it
    await one.done(501)
    assert await two.claim(501) is Claim.DONE
    assert await one.claim(502) is Claim.NEW
    await one.release_claim(502)  # it failed before sending anything
    assert await two.claim(502) is Claim.NEW


async def test_a_dead_workers_claim_is_taken_over(redis_url):
    from citebot.bot.redis_state import RedisState

    dead, alive = RedisState(redis_url, BUDGET, "dead"), RedisState(redis_url, BUDGET, "alive")
    await dead.redis.flushdb()
    await alive.beat()
    assert await dead.claim(9) is Claim.NEW  # it never beat: as if killed mid-update
    assert await alive.claim(9) is Claim.NEW
    await alive.close()
    await dead.close()


async def test_a_lock_has_one_owner_and_only_the_owner_releases_it(states):
    one, two = states
    token = await one.acquire("reindex", 30)
    assert token and await two.acquire("reindex", 30) is None
    assert not await two.release("reindex", "someone-else")
    assert await one.release("reindex", token)
    async with two.lock("reindex", 30):
        with pytest.raises(LockBusy):
            async with one.lock("reindex", 30):
                pass
    assert await one.acquire("reindex", 30)


async def test_a_lock_of_a_dead_builder_expires(states):
    one, two = states
    assert await one.acquire("reindex", 0.2)
    await asyncio.sleep(0.35)
    assert await two.acquire("reindex", 30)


async def test_sends_are_booked_within_every_limit(states):
    one, two = states

    async def at(state, chat):  # when the booked send goes out
        return (await state.book_send(chat))[0]

    times = [await at(one if n % 2 else two, 1000 + n) for n in range(20)]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= BUDGET.overall * 0.999  # one overall slot each, whichever worker books it
    same_chat = [await at(one, 5), await at(two, 5), await at(one, 5)]
    assert same_chat[1] - same_chat[0] >= BUDGET.private * 0.999
    assert same_chat[2] - same_chat[1] >= BUDGET.private * 0.999
    group = [await at(one, -100123), await at(two, -100123)]
    assert group[1] - group[0] >= BUDGET.group * 0.999
    await one.pause_sends(1.5)
    assert await two.reserve_send(77) >= 1.3  # Telegram's 429 holds every worker


def test_the_schedule_fills_gaps_left_by_a_waiting_chat():
    """A chat that must wait does not hold up the other chats' sends."""
    s = Schedule(Budget(overall=0.1, private=1.0, group=3.0))
    assert s.book(1, 100.0) == 100.0
    assert abs(s.book(1, 100.0) - 101.0) < 1e-6  # the same chat: a second later
    assert abs(s.book(2, 100.0) - 100.1) < 1e-6  # another chat: the next free slot, not after chat 1


async def test_redis_down_falls_back_to_this_workers_memory(tmp_path):
    from citebot.bot.redis_state import RedisState

    with redis_server(tmp_path) as server:
        state = RedisState(server.url, BUDGET, "w1")
        await state.remember("k1", "/who Raisi")
        server.stop()
        assert await state.recall("k1") == "/who Raisi"  # this worker's own copy
        assert await state.claim(1) is Claim.NEW  # answer rather than lose it
        await state.remember("k2", "/quote Montazeri")
        assert await state.recall("k2") == "/quote Montazeri"
        assert "DOWN" in await state.health()
        server.start()
        assert await RedisState(server.url, BUDGET, "w2").recall("k1") is None  # lost for other workers with Redis
        await state.remember("k3", "mass graves")
        assert await state.recall("k3") == "mass graves"
        assert (await state.health()).startswith("redis ok")
        await state.close()


def words(n: int) -> str:
    return " ".join(f"word{i}" for i in range(n))


async def test_redis_keeps_short_questions_with_a_ttl_and_never_a_long_message(redis_url):
    from citebot.bot.redis_state import QUERY_TTL, REMEMBERED, RedisState

    one, two = RedisState(redis_url, BUDGET, "w1"), RedisState(redis_url, BUDGET, "w2")
    long = words(200)
    assert len(long) > REMEMBERED
    await one.remember("short1", "/who Raisi")
    await one.remember("long1", long)
    assert 0 < await one.redis.ttl("citebot:q:short1") <= QUERY_TTL
    assert await one.redis.exists("citebot:q:long1") == 0
    assert await one.recall("long1") == long  # its own worker still pages it
    assert await two.recall("long1") is None  # another worker asks the user to send it again
    assert await two.recall("short1") == "/who Raisi"
    await one.close()
    await two.close()


async def every_call(state, update_id: int) -> list:
    """One of each of the calls an answer makes; none may raise, whatever Redis says."""
    await state.remember("m1", "/who Raisi")
    verdict = await state.flood(7, 5, 60, update_id=update_id)
    claim = await state.claim(update_id)
    again = await state.claim(update_id)
    await state.done(update_id)
    await state.link(7, 1, [2, 3])
    async with state.lock("reindex", ttl=5):
        pass
    wait = await state.reserve_send(7)
    await state.beat()
    return [await state.recall("m1"), verdict.admitted, claim, again, await state.claim(update_id),
            await state.linked(7, 1), wait >= 0]


@pytest.mark.parametrize("kind", ["full (maxmemory, noeviction)", "read-only replica"])
async def test_a_redis_refusing_writes_degrades_to_this_workers_memory_with_one_log_line(kind, tmp_path, caplog):
    from citebot.bot.redis_state import RedisState

    with redis_server(tmp_path / "primary", "--maxmemory", "1mb", "--maxmemory-policy", "noeviction") as primary:
        if kind.startswith("full"):
            filler = RedisState(primary.url, BUDGET, "filler")
            for n in range(200):  # fill it: every write is refused with "OOM command not allowed"
                try:
                    await filler.redis.set(f"fill:{n}", "x" * 20_000)
                except Exception:  # noqa: BLE001 - the first refusal means it is full
                    break
            await filler.redis.aclose()
            url = primary.url
            replica = None
        else:
            replica = Redis(tmp_path / "replica", "--replicaof", "127.0.0.1", str(primary.port))
            replica.start()
            url = replica.url
        try:
            state = RedisState(url, BUDGET, "w1")
            with caplog.at_level("WARNING", logger="citebot.bot.redis_state"):
                for update_id in (101, 102):
                    assert await every_call(state, update_id) == [
                        "/who Raisi", True, Claim.NEW, Claim.BUSY, Claim.DONE, [2, 3], True]
            said = [r.getMessage() for r in caplog.records]
            assert len(said) == 1, said
            assert said[0].startswith("redis unusable (OutOfMemoryError: " if kind.startswith("full") else
                                    "redis unusable (ReadOnlyError: ")
            await state.redis.aclose()
        finally:
            if replica:
                replica.stop()


async def test_one_user_keeps_at_most_their_newest_lines_in_redis(redis_url):
    from citebot.bot.redis_state import PER_USER, RedisState

    one, two = RedisState(redis_url, BUDGET, "w1"), RedisState(redis_url, BUDGET, "w2")
    await one.remember("other", "/quote Montazeri", owner=8)
    for n in range(PER_USER + 50):  # one account sending many different questions
        await one.remember(f"line{n}", f"question number {n}", owner=7)
    kept = [n for n in range(PER_USER + 50) if await one.redis.exists(f"citebot:q:line{n}")]
    assert kept == list(range(50, PER_USER + 50))  # the newest PER_USER; the oldest 50 forgotten in Redis
    assert await two.recall("line0") is None and await two.recall(f"line{PER_USER + 49}") == f"question number {PER_USER + 49}"
    assert await two.recall("other") == "/quote Montazeri"  # another user's button is untouched
    assert 0 < await one.redis.ttl("citebot:lines:7")
    await one.close()
    await two.close()
