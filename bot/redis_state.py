"""The bot's state in Redis, shared by every worker (see bot/shared_state.py for what it holds).

Each read-modify-write is one Lua script, so two workers never interleave inside it
(Redis runs a script atomically). Times come from Redis (`TIME`), so workers' clocks
need not agree. When Redis cannot be reached, each call falls back to this worker's
own MemoryState and says so once in the log: answers continue, a "More" button whose
query was lost asks the user to send the question again, and each worker sends at its
share of the overall budget (the number of workers last seen alive). "Cannot be reached"
is any error of Redis's: a lost connection, a timeout, a full Redis refusing writes
("OOM command not allowed" at maxmemory), a read-only replica ("READONLY"). Only the
heartbeat (a write, every second) or /stats's ping says it is back, so a Redis that
answers reads but refuses writes is one line in the log, not one per call.

Redis keeps ids, hashes, times and the short question behind each button, all with a
TTL: a line longer than REMEMBERED characters stays in this worker's memory only, and
each user keeps at most PER_USER lines there (at most about 300 KB, whatever they send).
"""

from __future__ import annotations

import functools
import logging
import secrets
import time

import redis.asyncio as redis
from redis.exceptions import RedisError

from .catalogue import DEFAULT, say
from .flood import Verdict
from .shared_state import (
    ALIVE,
    DONE_TTL,
    LEASE,
    LINK_TTL,
    QUERY_TTL,
    Budget,
    Claim,
    MemoryState,
    SharedState,
    worker_name,
)

log = logging.getLogger(__name__)
PREFIX = "citebot:"
# Any Redis error falls back to this worker's memory: an answer must never wait on, or stop at, a store.
UNREACHABLE = (RedisError, OSError)
REMEMBERED = 300  # characters: a question this long or shorter is shared for "More"; a longer one is kept here
PER_USER = 500  # a user's newest questions kept in Redis; older ones' buttons ask for the question again

NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000\n"

# KEYS: the user's admitted times (a sorted set), the end of their refusal stretch.
# ARGV: limit, seconds, the update's id. The flood guard's sliding window (bot/flood.py):
# returns {admitted, notify (the first refusal of a stretch), whole seconds to wait}.
# An update handled again after its worker died gets the same verdict: admitted stays admitted,
# and the update that was to tell the user still tells them.
FLOOD = NOW + """
local limit, seconds = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - seconds)
if redis.call('ZSCORE', KEYS[1], ARGV[3]) then return {1, 0, 0} end
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('EXPIRE', KEYS[1], math.ceil(seconds) + 1)
  return {1, 0, 0}
end
local resume = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]) + seconds
local told = redis.call('HMGET', KEYS[2], 'until', 'by')
local notify = 0
if now >= tonumber(told[1] or '0') or told[2] == ARGV[3] then
  notify = 1
  redis.call('HSET', KEYS[2], 'by', ARGV[3])
end
redis.call('HSET', KEYS[2], 'until', string.format('%.6f', resume))
redis.call('PEXPIRE', KEYS[2], math.ceil((resume - now) * 1000) + 1000)
return {0, notify, math.max(1, math.ceil(resume - now))}
"""

# KEYS: the update's key, the workers' heartbeats. ARGV: this worker, lease, alive window.
# A claim held by a worker whose heart stopped is taken over (it was killed mid-update).
CLAIM = NOW + """
local v = redis.call('GET', KEYS[1])
if v == 'done' then return 'done' end
if v then
  if v == ARGV[1] then return 'busy' end
  local beat = redis.call('ZSCORE', KEYS[2], v)
  if beat and now - tonumber(beat) < tonumber(ARGV[3]) then return 'busy' end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 'new'
"""

# KEYS: the lock. ARGV: owner token, [ttl ms]. Extend or delete only what this owner holds.
EXTEND = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0"
RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"

# KEYS: the bot's slots (a sorted set of slot numbers), the chat's next free time, the pause.
# ARGV: overall slot seconds (0 = none), the chat's interval (0 = none).
# Books the first free overall slot at or after the chat's next free time, so no two
# messages of the whole bot share a slot and one chat's messages stay `interval` apart.
# Returns the slot's time and now, as strings (Lua numbers would become integers).
RESERVE = NOW + """
local slot, interval = tonumber(ARGV[1]), tonumber(ARGV[2])
local earliest = math.max(now, tonumber(redis.call('GET', KEYS[3]) or '0'))
if interval > 0 then earliest = math.max(earliest, tonumber(redis.call('GET', KEYS[2]) or '0')) end
local at = earliest
if slot > 0 then
  local i = math.ceil(earliest / slot)
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', math.floor(now / slot) - 2)
  for _, v in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], i, '+inf')) do
    local n = tonumber(v)
    if n == i then i = i + 1 elseif n > i then break end
  end
  redis.call('ZADD', KEYS[1], i, i)
  redis.call('EXPIRE', KEYS[1], 600)
  at = i * slot
end
if interval > 0 then
  redis.call('SET', KEYS[2], string.format('%.6f', at + interval), 'PX', math.ceil((at - now + interval) * 1000) + 1000)
end
return {string.format('%.6f', at), string.format('%.6f', now)}
"""

PAUSE = NOW + """
local resume = now + tonumber(ARGV[1])
if resume > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], string.format('%.6f', resume), 'PX', math.ceil(tonumber(ARGV[1]) * 1000) + 1000)
end
return 1
"""

# KEYS: the line's key, the owner's list of keys. ARGV: the line, its TTL, how many lines one user keeps.
# The newest `cap` lines of each user are kept; older ones are forgotten (their buttons ask
# for the question again), so no one account can fill Redis.
REMEMBER = """
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('LREM', KEYS[2], 0, KEYS[1])
local n = redis.call('LPUSH', KEYS[2], KEYS[1])
redis.call('EXPIRE', KEYS[2], ARGV[2])
local cap = tonumber(ARGV[3])
if n > cap then
  for _, old in ipairs(redis.call('LRANGE', KEYS[2], cap, -1)) do redis.call('DEL', old) end
  redis.call('LTRIM', KEYS[2], 0, cap - 1)
end
return n
"""

BEAT = NOW + """
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 3600)
redis.call('EXPIRE', KEYS[1], 3600)
return redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[2]), '+inf')
"""


def falls_back(method):
    """Run the Redis version; on a connection problem, the same call on this worker's own memory."""

    @functools.wraps(method)
    async def wrapper(self: RedisState, *args, **kwargs):
        try:
            result = await method(self, *args, **kwargs)
        except UNREACHABLE as error:
            self.failed(error)
            self.local.schedule.budget = self.budget.shared_by(self.last_workers)
            return await getattr(self.local, method.__name__.lstrip("_"))(*args, **kwargs)
        return result

    return wrapper


class RedisState(SharedState):
    backend = "redis"

    def __init__(self, url: str, budget: Budget, worker: str | None = None) -> None:
        self.worker = worker or worker_name()
        self.budget = budget
        self.local = MemoryState(budget, self.worker)
        self.last_workers = 1
        self.down_since: float | None = None
        self.error = ""
        # Short timeouts: an answer must not wait long for a Redis that is gone.
        self.redis = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1.0,
                                          health_check_interval=10, decode_responses=True)
        self.scripts = {name: self.redis.register_script(body) for name, body in (
            ("flood", FLOOD), ("claim", CLAIM), ("extend", EXTEND), ("release", RELEASE),
            ("reserve", RESERVE), ("pause", PAUSE), ("beat", BEAT), ("remember", REMEMBER))}

    def failed(self, error: Exception) -> None:
        if self.down_since is None:
            self.down_since = time.monotonic()
            log.warning("redis unusable (%s: %s): answering from this worker's own state until it is back",
                        type(error).__name__, str(error).splitlines()[0] if str(error) else "")
        self.error = str(error) or type(error).__name__

    def recovered(self) -> None:
        if self.down_since is not None:
            log.warning("redis is back after %.1f s", time.monotonic() - self.down_since)
            self.down_since = None

    def key(self, *parts) -> str:
        return PREFIX + ":".join(str(p) for p in parts)

    async def remember(self, key, line, owner=None):
        await self.local.remember(key, line)  # this worker answers its own buttons even when Redis forgets
        if len(line) > REMEMBERED:
            return
        try:
            if owner is None:
                await self.redis.set(self.key("q", key), line, ex=QUERY_TTL)
            else:
                await self.scripts["remember"](keys=[self.key("q", key), self.key("lines", owner)],
                                               args=[line, QUERY_TTL, PER_USER])
        except UNREACHABLE as error:
            self.failed(error)

    async def recall(self, key):
        """Redis's copy first (another worker may have changed it), else this worker's own."""
        try:
            shared = await self.redis.get(self.key("q", key))
        except UNREACHABLE as error:
            self.failed(error)
            shared = None
        return shared if shared is not None else await self.local.recall(key)

    @falls_back
    async def flood(self, user_id, limit, seconds, update_id=0, kind="flood"):
        admitted, notify, wait = await self.scripts["flood"](
            keys=[self.key(kind, user_id), self.key(f"refusing-{kind}", user_id)],
            args=[limit, seconds, update_id or secrets.token_hex(8)])
        return Verdict(bool(admitted), bool(notify), int(wait))

    @falls_back
    async def link(self, chat_id, question_id, answer_ids):
        await self.redis.set(self.key("link", chat_id, question_id), ",".join(map(str, answer_ids)), ex=LINK_TTL)

    @falls_back
    async def linked(self, chat_id, question_id):
        value = await self.redis.get(self.key("link", chat_id, question_id))
        if value is None and self.down_since is not None:  # refusing writes but answering reads: ours went here
            return await self.local.linked(chat_id, question_id)
        return [int(x) for x in value.split(",") if x] if value is not None else None

    @falls_back
    async def claim(self, update_id):
        result = await self.scripts["claim"](keys=[self.key("update", update_id), self.key("workers")],
                                             args=[self.worker, LEASE, ALIVE])
        return Claim(result)

    @falls_back
    async def done(self, update_id):
        await self.redis.set(self.key("update", update_id), "done", ex=DONE_TTL)

    @falls_back
    async def release_claim(self, update_id):
        await self.scripts["release"](keys=[self.key("update", update_id)], args=[self.worker])

    @falls_back
    async def acquire(self, name, ttl):
        token = f"{self.worker}:{secrets.token_hex(8)}"
        return token if await self.redis.set(self.key("lock", name), token, nx=True, px=int(ttl * 1000)) else None

    async def extend(self, name, token, ttl):
        if not token.startswith(f"{self.worker}:"):  # taken from this worker's memory while Redis refused
            return await self.local.extend(name, token, ttl)
        return await self._extend(name, token, ttl)

    async def release(self, name, token):
        if not token.startswith(f"{self.worker}:"):
            return await self.local.release(name, token)
        return await self._release(name, token)

    @falls_back
    async def _extend(self, name, token, ttl):
        return bool(await self.scripts["extend"](keys=[self.key("lock", name)], args=[token, int(ttl * 1000)]))

    @falls_back
    async def _release(self, name, token):
        return bool(await self.scripts["release"](keys=[self.key("lock", name)], args=[token]))

    @falls_back
    async def book_send(self, chat_id):
        chat_key = self.key("chat", chat_id) if chat_id is not None else self.key("chat", "-")
        at, now = await self.scripts["reserve"](
            keys=[self.key("slots"), chat_key, self.key("pause")],
            args=[repr(self.budget.overall), repr(self.budget.chat_interval(chat_id))])
        return float(at), float(now)

    @falls_back
    async def pause_sends(self, seconds):
        await self.scripts["pause"](keys=[self.key("pause")], args=[seconds])

    async def beat(self) -> None:
        try:
            self.last_workers = max(1, int(await self.scripts["beat"](keys=[self.key("workers")],
                                                                       args=[self.worker, ALIVE])))
        except UNREACHABLE as error:
            self.failed(error)
        else:
            self.recovered()

    async def workers(self) -> int:
        return self.last_workers

    async def health(self, lang: str = DEFAULT) -> str:
        started = time.perf_counter()
        try:
            await self.redis.ping()
        except UNREACHABLE as error:
            self.failed(error)
        else:
            if self.down_since is not None:
                await self.beat()  # a write: a ping passes while writes are refused (full, read-only)
        if self.down_since is not None:
            return say("health.redis_down", lang, error=self.error)
        return say("health.redis_ok", lang, ms=(time.perf_counter() - started) * 1000, workers=self.last_workers)

    async def close(self) -> None:
        try:
            await self.redis.zrem(self.key("workers"), self.worker)
        except UNREACHABLE:
            pass
        await self.redis.aclose()

