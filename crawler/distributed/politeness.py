"""Politeness for the whole crawl, not per worker: per-host delay and concurrency.

Scrapy's download slots (``DOWNLOAD_DELAY``, ``CONCURRENT_REQUESTS_PER_DOMAIN``)
hold within one process; N workers would hit a host N times as hard. This
downloader middleware makes each request first reserve its turn on the
host in Redis: a Lua script lets a request go only when the host's last
request went ``FANWEN_HOST_DELAY`` ago (Redis server time, so clocks do not
matter) and records it as the last, and a semaphore (a ZSET of holders with
deadlines, so a dead worker's slots expire) admits at most
``FANWEN_HOST_CONCURRENCY`` requests per host at once across all workers.

The delay is claimed at the moment of sending, as Scrapy's download slot does,
not reserved ahead: a reserved send time is kept only if the worker is free
at that instant, and a worker busy extracting a page sends late, so the next
worker's request (on time) would follow it by less than the delay.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any, Self
from urllib.parse import urlsplit

import redis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy_redis.connection import get_redis_from_settings

from crawler.distributed.keys import RedisKeys, keys_from_settings

logger = logging.getLogger(__name__)
# KEYS: the host's last send time (ms); ARGV: delay ms. 0: send now (now is the last send);
# else the ms to wait before asking again.
CLAIM = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local delay = tonumber(ARGV[1])
if now - last < delay then return delay - (now - last) end
redis.call('SET', KEYS[1], now, 'PX', delay + 600000)
return 0
"""
# KEYS: the host's holders; ARGV: limit, token, hold seconds. 1 when admitted.
ACQUIRE = """
local t = redis.call('TIME')
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', t[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], tonumber(t[1]) + tonumber(ARGV[3]), ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]) + 60)
return 1
"""
POLL_SECONDS = 0.02  # a full host is asked again this often


class SharedPolitenessMiddleware:
    def __init__(self, server: redis.Redis, keys: RedisKeys, delay: float, concurrency: int,
                 hold_seconds: int) -> None:
        self.server = server
        self.keys = keys
        self.delay_ms = int(delay * 1000)
        self.concurrency = concurrency
        self.hold_seconds = hold_seconds
        self._claim = server.register_script(CLAIM)
        self._acquire = server.register_script(ACQUIRE)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        s = crawler.settings
        if not s.get("REDIS_URL"):
            raise NotConfigured("not a distributed crawl (no REDIS_URL)")
        delay = s.getfloat("FANWEN_HOST_DELAY", -1)
        concurrency = s.getint("FANWEN_HOST_CONCURRENCY", -1)
        return cls(get_redis_from_settings(s), keys_from_settings(s),
                   s.getfloat("DOWNLOAD_DELAY") if delay < 0 else delay,
                   s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") if concurrency < 0 else concurrency,
                   s.getint("DOWNLOAD_TIMEOUT") + 30)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        host = urlsplit(request.url).hostname or ""
        if self.concurrency > 0:
            token = uuid.uuid4().hex
            while not self._acquire(keys=[self.keys.host("busy", host)],
                                    args=[self.concurrency, token, self.hold_seconds]):
                await asyncio.sleep(POLL_SECONDS)
            request.meta["fanwen_host_token"] = token
        while self.delay_ms > 0 and (wait_ms := int(self._claim(
                keys=[self.keys.host("last", host)], args=[self.delay_ms]))):
            await asyncio.sleep(wait_ms / 1000)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception, spider: Any = None) -> None:
        self._release(request)

    def _release(self, request: Request) -> None:
        token = request.meta.pop("fanwen_host_token", None)
        if token:
            host = urlsplit(request.url).hostname or ""
            self.server.zrem(self.keys.host("busy", host), token)
