"""The per-host page cap and query-variant cap, counted in Redis for the whole crawl."""

from __future__ import annotations

from typing import Any, Self
from urllib.parse import urlsplit

import redis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy_redis.connection import get_redis_from_settings

from crawler.distributed.keys import RedisKeys, keys_from_settings
from crawler.middlewares.sitecap import SiteCapMiddleware

# KEYS: the host's page count, the path's query set; ARGV: max pages, max variants, query.
# 0 admitted, 1 page cap reached, 2 query cap reached (counted and checked in one step).
ADMIT = """
if tonumber(ARGV[1]) > 0 and tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  return 1
end
if ARGV[3] ~= '' and tonumber(ARGV[2]) > 0 and redis.call('SISMEMBER', KEYS[2], ARGV[3]) == 0 then
  if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[2]) then return 2 end
  redis.call('SADD', KEYS[2], ARGV[3])
end
redis.call('INCR', KEYS[1])
return 0
"""


class SharedSiteCapMiddleware(SiteCapMiddleware):
    """``SiteCapMiddleware`` (same settings, stats and messages) with its counters in Redis."""

    server: redis.Redis
    keys: RedisKeys
    _admit: Any

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = super().from_crawler(crawler)
        middleware.server = get_redis_from_settings(crawler.settings)
        middleware.keys = keys_from_settings(crawler.settings)
        middleware._admit = middleware.server.register_script(ADMIT)
        return middleware

    def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("redirect_times") or request.url.endswith("/robots.txt"):
            return
        parts = urlsplit(request.url)
        host = parts.hostname or ""
        verdict = self._admit(
            keys=[self.keys.host("pages", host), self.keys.host("queries", f"{host}{parts.path}")],
            args=[self.max_pages, self.max_variants, parts.query])
        if verdict == 1:
            self._refuse("site_cap", host,
                         f"{host} reached CRAWL_MAX_PAGES_PER_SITE={self.max_pages}")
        if verdict == 2:
            self._refuse("query_cap", f"{host}{parts.path}",
                         f"{host}{parts.path} reached CRAWL_MAX_QUERY_VARIANTS={self.max_variants}")
