"""The seed and worker roles, as functions the CLI (crawler/cli/distributed.py) calls."""

from __future__ import annotations

import logging
from typing import Any

import redis
from scrapy.settings import Settings
from scrapy_redis import picklecompat

from crawler.distributed.dupefilter import RedisDupeFilter
from crawler.distributed.keys import RedisKeys
from crawler.distributed.leases import Leases
from crawler.links import PageKind, site_of

logger = logging.getLogger(__name__)


def worker_settings(settings: Settings, redis_url: str) -> Settings:
    """``settings`` turned into a worker's: scrapy-redis scheduler, items and page facts to
    the stream, no archive file (components that read it get it through Redis)."""
    settings.set("REDIS_URL", redis_url, priority="cmdline")
    for name, value in {
        "SCHEDULER": "crawler.distributed.scheduler.LeasingScheduler",
        "SCHEDULER_QUEUE_CLASS": "crawler.distributed.queue.LeasedPriorityQueue",
        "DUPEFILTER_CLASS": "crawler.distributed.dupefilter.RedisDupeFilter",
        "SCHEDULER_PERSIST": True,
    }.items():
        settings.set(name, value, priority="cmdline")
    _replace(settings, "ITEM_PIPELINES", {
        "pipelines.store.StorePipeline": None,
        "crawler.distributed.pipeline.StreamPipeline": 300})
    _replace(settings, "EXTENSIONS", {
        "crawler.extensions.archive.ArchiveExtension": None,
        "crawler.distributed.facts.StreamFacts": 500,
        # Incremental decisions and revisits read the archive the ingest published in Redis.
        "crawler.archive.reader.ArchiveReader": None,
        "crawler.distributed.reader.RedisArchiveReader": 505})
    _replace(settings, "DOWNLOADER_MIDDLEWARES", {
        "crawler.middlewares.sitecap.SiteCapMiddleware": None,
        "crawler.distributed.sitecap.SharedSiteCapMiddleware": 110,
        # Whole-crawl politeness (Redis) next to the download itself: a request refused before
        # never waits, and its response reaches us before redirect/retry replace the request
        # (which would skip our process_response and keep the host's slot taken).
        "crawler.distributed.politeness.SharedPolitenessMiddleware": 990,
    })
    return settings


def _replace(settings: Settings, name: str, changes: dict[str, Any]) -> None:
    components = settings.getdict(name)
    components.update(changes)
    settings.set(name, components, priority="cmdline")


def seed(server: redis.Redis, keys: RedisKeys, urls: list[str]) -> int:
    """Queue the start URLs of a crawl; how many were new to it.

    When nothing is pending (no frontier, lease or start entry) this starts a new
    crawl: the dupefilter, site list and shared per-host counters are reset first.
    """
    from crawler.distributed.spider import RedisTemplateSpider

    pending = (server.zcard(keys.frontier) + server.zcard(keys.leases)
               + server.llen(keys.start_urls))
    if not pending:
        stale = [keys.dupefilter, keys.sites, *server.scan_iter(keys.host("*", "*"))]
        server.delete(*stale)
    server.sadd(keys.sites, *{site_of(url) for url in urls})
    spider = RedisTemplateSpider(start_urls=urls)
    leases = Leases(server, keys, 0)
    fingerprints = RedisDupeFilter(server, keys.dupefilter)
    queued = 0
    for url in urls:
        request = spider._request(url, PageKind.LIST)
        data = picklecompat.dumps(request.to_dict(spider=spider))
        queued += leases.push_unseen(fingerprints.request_fingerprint(request),
                                     -request.priority, data)
    return queued
