"""The crawl ledger: a ``runs`` row per crawl and a ``pages`` row per URL.

It listens to Scrapy signals rather than living in the spider, so every
response (lists, traps that got through, errors) is accounted for, whatever
the spider made of it.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import signals as fanwen_signals
from crawler.archive import lock
from crawler.archive.access import write_problem
from crawler.archive.db import utc_now
from crawler.archive.session import ArchiveSession, session_for
from crawler.health import failures
from crawler.links import canonical_url, site_of

logger = logging.getLogger(__name__)



class ArchiveLedger:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.session: ArchiveSession = session_for(crawler)
        self.owns_lock = False
        self.locked_out = False
        self._urls: set[str] = set()  # distinct URLs of this run: the run's `pages`

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("STORE_ENABLED"):
            raise NotConfigured("STORE_ENABLED is off: no archive to keep a ledger in")
        ledger = cls(crawler)
        crawler.signals.connect(ledger.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ledger.response_received, signal=signals.response_received)
        crawler.signals.connect(ledger.page_failed, signal=fanwen_signals.page_failed)
        crawler.signals.connect(ledger.spider_closed, signal=signals.spider_closed)
        return ledger

    def spider_opened(self, spider: Spider) -> None:
        problem = write_problem(self.session.archive.path)
        if problem:  # `scrapy crawl` into a read-only archive: say so once, fetch nothing
            self._refuse(spider, problem, "archive_read_only")
            return
        try:
            self.owns_lock = lock.acquire(self.session.archive.path)
        except lock.ArchiveLocked as exc:
            self._refuse(spider, str(exc), "archive_locked")
            return
        args = {
            "spider": spider.name,
            "start_urls": list(getattr(spider, "start_urls", [])),
            "settings": _overridden_settings(self.crawler),
        }
        sites = sorted({site_of(url) for url in args["start_urls"]})
        self.session.start_run(args, sites)

    def _refuse(self, spider: Spider, problem: str, reason: str) -> None:
        logger.error("%s", problem)
        self.locked_out = True
        assert self.crawler.engine is not None
        self.crawler.engine.close_spider(spider, reason)

    def _add(self, row: dict[str, Any]) -> None:
        if row["url"] not in self._urls:
            self._urls.add(row["url"])
            if self.crawler.stats:
                self.crawler.stats.inc_value("ledger/pages")
        self.session.add_page(row)

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        self._add(
            {
                "url": canonical_url(response.url),
                "requested_url": request.meta.get("redirect_urls", [request.url])[0],
                "site": site_of(response.url),
                "kind": _kind(request),
                "http_status": response.status,
                "etag": _header(response, b"ETag"),
                "last_modified": _header(response, b"Last-Modified"),
                "fetched_at": utc_now(),
                "error": None,
                **_warc_columns(request),
            }
        )

    def page_failed(self, request: Request, failure: Failure) -> None:
        self._add(
            {
                "url": canonical_url(request.url),
                "requested_url": request.url,
                "site": site_of(request.url),
                "kind": _kind(request),
                "http_status": getattr(getattr(failure.value, "response", None), "status", None),
                "fetched_at": utc_now(),
                "error": f"{type(failure.value).__name__}: {failure.getErrorMessage()}"[:500],
            }
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        session = self.session
        if self.locked_out:
            session.archive.close()
            return
        with session.archive.transaction():
            session.flush_pages()
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        status = "failed" if failures({**stats, "finish_reason": reason}) else "ok"
        if reason in ("shutdown", "cancelled"):
            status = "interrupted"
        if session.run_id is not None:
            safe_stats = json.loads(json.dumps(stats, default=str))
            session.archive.finish_run(session.run_id, status, reason, safe_stats)
            logger.info("run %s %s (%s)", session.run_id, status, reason)
        session.archive.close()
        if self.owns_lock:
            lock.release(session.archive.path)


def _kind(request: Request) -> str:
    """The page kind the spider scheduled it as (a revisit is an article)."""
    kind = request.meta.get("page_kind", "other")
    return "article" if kind == "revisit" else kind


def _warc_columns(request: Request) -> dict[str, Any]:
    """The capture's record (crawler/warc/capture.py); None when WARC_ENABLED is off."""
    where = request.meta.get("fanwen_warc") or {}
    return {f"warc_{key}": where.get(key) for key in ("file", "offset", "length")}


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _overridden_settings(crawler: Crawler) -> dict[str, str]:
    """Settings given on the command line or by the CLI, for the run record."""
    settings = crawler.settings
    return {
        name: str(settings.get(name))
        for name in settings.attributes
        if (settings.getpriority(name) or 0) > 20 and not name.startswith("_")
    }
