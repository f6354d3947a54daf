"""Leases on popped requests, as Lua scripts run atomically by Redis.

A worker that pops a request does not delete it: the request moves to a
lease (a ZSET of lease ids scored by a deadline in Redis server time, so
the machines' clocks do not matter) and leaves it only when the worker
acknowledges it, once its outputs are in Redis. A worker renews the leases
it holds while it works on them; the reaper puts expired ones (their worker
died) back on the frontier with their priority. Delivery is therefore
at-least-once; the ingest's idempotent writes make the archive exactly-once.
"""

from __future__ import annotations

from typing import Any

import redis

from crawler.distributed.keys import RedisKeys

# KEYS: frontier, leases, lease data, lease score, lease seq; ARGV: lease seconds
POP = """
local popped = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #popped == 0 then return false end
redis.call('ZREM', KEYS[1], popped[1])
local id = redis.call('INCR', KEYS[5])
local now = redis.call('TIME')
redis.call('ZADD', KEYS[2], tonumber(now[1]) + tonumber(ARGV[1]), id)
redis.call('HSET', KEYS[3], id, popped[1])
redis.call('HSET', KEYS[4], id, popped[2])
return {id, popped[1]}
"""
# KEYS: frontier, leases, lease data, lease score; ARGV: max leases to reap
REAP = """
local now = redis.call('TIME')
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now[1], 'LIMIT', 0, tonumber(ARGV[1]))
for _, id in ipairs(ids) do
  local data = redis.call('HGET', KEYS[3], id)
  if data then redis.call('ZADD', KEYS[1], redis.call('HGET', KEYS[4], id), data) end
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
end
return #ids
"""
# KEYS: leases; ARGV: lease seconds, ids… (XX: a reaped lease is not revived)
RENEW = """
local now = redis.call('TIME')
local deadline = tonumber(now[1]) + tonumber(ARGV[1])
local renewed = 0
for i = 2, #ARGV do renewed = renewed + redis.call('ZADD', KEYS[1], 'XX', 'CH', deadline, ARGV[i]) end
return renewed
"""
# KEYS: dupefilter, frontier; ARGV: fingerprint, score, request. Seen-mark and push are
# one step: a worker dying between them must not leave a link marked seen but never queued.
PUSH_UNSEEN = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""


class Leases:
    """The lease operations of one crawl's frontier."""

    def __init__(self, server: redis.Redis, keys: RedisKeys, seconds: int) -> None:
        self.server = server
        self.keys = keys
        self.seconds = seconds
        self._pop = server.register_script(POP)
        self._reap = server.register_script(REAP)
        self._renew = server.register_script(RENEW)
        self._push_unseen = server.register_script(PUSH_UNSEEN)

    def pop(self) -> tuple[bytes, bytes] | None:
        """(lease id, encoded request) of the frontier's first request, now leased."""
        k = self.keys
        popped: Any = self._pop(
            keys=[k.frontier, k.leases, k.lease_data, k.lease_score, k.lease_seq],
            args=[self.seconds])
        return (popped[0], popped[1]) if popped else None

    def push_unseen(self, fingerprint: str, score: float, data: bytes) -> bool:
        return bool(self._push_unseen(keys=[self.keys.dupefilter, self.keys.frontier],
                                      args=[fingerprint, score, data]))

    def ack(self, lease_ids: list[bytes]) -> None:
        if not lease_ids:
            return
        k = self.keys
        with self.server.pipeline(transaction=True) as pipe:
            pipe.zrem(k.leases, *lease_ids)
            pipe.hdel(k.lease_data, *lease_ids)
            pipe.hdel(k.lease_score, *lease_ids)
            pipe.execute()

    def renew(self, lease_ids: list[bytes]) -> int:
        if not lease_ids:
            return 0
        return int(self._renew(keys=[self.keys.leases], args=[self.seconds, *lease_ids]))

    def reap(self, limit: int = 1000) -> int:
        """Put expired leases back on the frontier; how many."""
        k = self.keys
        return int(self._reap(keys=[k.frontier, k.leases, k.lease_data, k.lease_score],
                              args=[limit]))

    def held(self) -> int:
        return int(self.server.zcard(self.keys.leases))

    def release(self, lease_ids: list[bytes]) -> None:
        """Give leases back at once (a worker stopping cleanly): expire, then reap."""
        with self.server.pipeline(transaction=True) as pipe:
            for lease_id in lease_ids:
                pipe.zadd(self.keys.leases, {lease_id: 0}, xx=True)
            pipe.execute()
        self.reap(len(lease_ids) + 1000)
