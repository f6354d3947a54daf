"""The worker's spider: fanwen's TemplateSpider fed by scrapy-redis.

What it fixes in scrapy-redis's ``RedisSpider`` (0.9.1 on Scrapy 2.16+):
Scrapy no longer calls ``start_requests()``, so its start data was only read
at the first idle poll (``start()`` reads it now); start data became
``dont_filter`` requests, so a home page linked from its own pages was
fetched twice (here it is a normal request through the shared dupefilter).
The sites it may crawl are the crawl's, kept in Redis by ``fanwen seed``, so a
worker needs no start URLs and learns sites seeded after it started.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.spiders import RedisMixin

from crawler.distributed.keys import RedisKeys, keys_from_settings
from crawler.links import PageKind, site_of
from crawler.spiders.template import TemplateSpider

logger = logging.getLogger(__name__)
PLACEHOLDER = "http://placeholder.invalid/"  # TemplateSpider wants a start URL; a worker has none


class RedisTemplateSpider(RedisMixin, TemplateSpider):
    name = "template"
    keys: RedisKeys
    idle_seconds: float

    def __init__(self, start_urls: str | list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(start_urls=start_urls or [PLACEHOLDER], **kwargs)
        if not start_urls:
            self.start_urls = []
        # The crawl's sites grow as sites are seeded; Scrapy's offsite filter and fanwen's
        # link filter and revisits follow allowed_domains (Scrapy re-reads it when it changes).
        self.sites: set[str] = {site_of(url) for url in self.start_urls}
        self.allowed_domains = sorted(self.sites)
        self._idle_since = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.keys = keys_from_settings(crawler.settings)
        spider.redis_key = spider.keys.start_urls
        spider.setup_redis(crawler)
        spider.idle_seconds = crawler.settings.getfloat("FANWEN_WORKER_IDLE_SECONDS")
        spider.learn_site("")
        crawler.signals.connect(spider.push_stats, signal=signals.spider_closed)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        await self._archive_published()
        for request in self.next_requests():  # scrapy-redis start data, now rather than when idle
            yield request
        async for request in super().start():  # none: the seeds are in the frontier
            yield request

    async def _archive_published(self) -> None:
        """Incremental decisions (skip, conditional refetch, revisits) need the page states
        the ingest publishes at its start: wait for them, at most the idle time."""
        if not self.settings.getbool("ARCHIVE_INCREMENTAL"):
            return
        deadline = time.monotonic() + max(self.idle_seconds, 5.0)
        while not self.server.hget(self.keys.archive, "ready"):
            if time.monotonic() > deadline:
                logger.warning("no ingest has published the archive in Redis: crawling without "
                               "knowing what is archived (start `fanwen ingest` first)")
                return
            await asyncio.sleep(0.2)

    def make_request_from_data(self, data: bytes) -> Request | list[Request]:
        """A start entry: JSON ``{"url": ...}`` (scrapy-redis's format) or a bare URL."""
        text = data.decode(self.redis_encoding or "utf-8").strip()
        url = json.loads(text).get("url") if text.startswith("{") else text
        if not url:
            logger.warning("skipped start data without a url: %r", text[:200])
            return []
        self.server.sadd(self.keys.sites, site_of(url))
        self.learn_site(site_of(url))
        return self._request(url, PageKind.LIST)

    def learn_site(self, host: str) -> None:
        """Re-read the crawl's sites when a request for an unknown host comes in."""
        if host not in self.sites:
            self.sites |= {s.decode() for s in self.server.smembers(self.keys.sites)}
            self.allowed_domains = sorted(self.sites)

    def spider_idle(self) -> None:
        """Stay open while the crawl has work anywhere (another worker's lease may
        still yield links); close after ``FANWEN_WORKER_IDLE_SECONDS`` without any."""
        self.schedule_next_requests()
        pending = sum(self.server.zcard(key) for key in (self.keys.frontier, self.keys.leases))
        pending += self.server.llen(self.keys.start_urls)
        now = time.monotonic()
        if pending:
            self._idle_since = now
        if now - self._idle_since >= self.idle_seconds:
            logger.info("no work in the crawl for %.0fs: worker done", self.idle_seconds)
            return
        raise DontCloseSpider

    def push_stats(self, spider: Any, reason: str) -> None:
        """This worker's counts, for the ingest's run record (summed over workers)."""
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        numbers = {k: v for k, v in stats.items() if isinstance(v, int | float)
                   and not isinstance(v, bool)}
        self.server.xadd(self.keys.stream, {"type": "stats", "data": json.dumps(numbers)})
