"""scrapy-redis's scheduler with leases: a request leaves Redis only when done.

"Done" is the moment Scrapy's engine removes the request from its in-progress
set: its response went through the spider and every item it gave through
the pipelines (the stream push included), every link it gave was scheduled
(pushed to the frontier), its page fact was sent (signal handlers run
synchronously). That moment has no signal, so the scheduler wraps the engine
slot's ``remove_request`` (:func:`on_request_done`); the test of the worker
role fails if a Scrapy upgrade moves it.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

logger = logging.getLogger(__name__)
TICK_SECONDS = 0.5  # how often the engine is woken for new frontier work, leases renewed…


class LeasingScheduler(Scheduler):
    crawler: Crawler
    df: Any
    leased: dict[Request, bytes]
    lease_seconds: int
    ticker: LoopingCall
    last_renew: float
    last_reap: float

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        instance = cls.from_settings(settings)
        instance.stats = crawler.stats
        instance.crawler = crawler
        instance.persist = True  # the frontier belongs to the crawl, not to one worker
        instance.leased = {}
        instance.lease_seconds = settings.getint("FANWEN_LEASE_SECONDS")
        instance.ticker = LoopingCall(instance.tick)
        instance.last_renew = instance.last_reap = 0.0
        return instance

    def open(self, spider: Spider) -> None:
        """scrapy-redis's open without its flush-on-start and ``Spider.log`` (deprecated)."""
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key, serializer=self.serializer)
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if len(self.queue):
            logger.info("joining a crawl with %d requests queued", len(self.queue))
        on_request_done(self.crawler, self.acknowledge)
        self.ticker.start(TICK_SECONDS, now=False)

    def close(self, reason: str) -> None:
        if self.ticker.running:
            self.ticker.stop()
        if self.leased:  # a graceful stop gives back what it had not finished, at once
            logger.info("returning %d unfinished requests to the frontier", len(self.leased))
            self.queue.leases.release(list(self.leased.values()))

    def enqueue_request(self, request: Request) -> bool:
        if request.dont_filter:
            self.queue.push(request)
        elif not self.queue.push_unseen(request, self.df.request_fingerprint(request)):
            self.df.log(request, self.spider)
            return False
        self._inc("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        popped = self.queue.pop_leased()
        if popped is None:
            return None
        lease_id, request = popped
        self.leased[request] = lease_id
        self._inc("scheduler/dequeued/redis")
        self._learn_site(request)
        return request

    def acknowledge(self, request: Request) -> None:
        lease_id = self.leased.pop(request, None)
        if lease_id is not None:
            self.queue.leases.ack([lease_id])

    def has_pending_requests(self) -> bool:
        return len(self) > 0

    def tick(self) -> None:
        """Renew held leases, reap dead workers' ones, wake the engine for new work."""
        now = time.monotonic()
        leases = self.queue.leases
        if now - self.last_renew >= self.lease_seconds / 4:
            leases.renew(list(self.leased.values()))
            self.last_renew = now
        if now - self.last_reap >= min(5.0, self.lease_seconds / 2):
            reaped = leases.reap()
            if reaped:
                logger.info("%d expired leases (a worker died?) back on the frontier", reaped)
                self._inc("scheduler/leases_reaped", reaped)
            self.last_reap = now
        if len(self):
            wake_engine(self.crawler)

    def _learn_site(self, request: Request) -> None:
        learn = getattr(self.spider, "learn_site", None)
        if learn is not None:
            learn(urlsplit(request.url).hostname or "")

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats:
            self.stats.inc_value(key, count)


def on_request_done(crawler: Crawler, callback: Any) -> None:
    """Call ``callback(request)`` when the engine is done with a scheduled request.

    Scrapy internals (2.17–2.19): ``ExecutionEngine._slot.remove_request`` runs after
    ``_handle_downloader_output`` finished (scrape, pipelines, scheduling of outputs).
    """
    slot = getattr(crawler.engine, "_slot", None)
    if slot is None or not hasattr(slot, "remove_request"):
        raise RuntimeError("this Scrapy version has no engine slot to hook leases to")
    remove = slot.remove_request

    def remove_request(request: Request) -> None:
        remove(request)
        callback(request)

    slot.remove_request = remove_request


def wake_engine(crawler: Crawler) -> None:
    """Ask the engine for its next request now, not at its 5 s idle heartbeat
    (work appears in the frontier from other workers; Scrapy internals as above)."""
    slot = getattr(crawler.engine, "_slot", None)
    if slot is not None:
        slot.nextcall.schedule()
