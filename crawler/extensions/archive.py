"""The archive of a local crawl: one writer, fed by signals and the store pipeline.

It owns the run's lifecycle (lock, ``runs`` row, closing stats) and the
ledger: every response and every error the crawl meets becomes a page fact
(:mod:`crawler.archive.facts`), whatever the spider made of the page. The
store pipeline reaches the same writer with ``crawler.get_extension``;
nothing else writes the archive.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.archive import lock
from crawler.archive.access import write_problem
from crawler.archive.facts import PageFactListener
from crawler.archive.writer import ArchiveWriter
from crawler.health import failures
from crawler.links import site_of

logger = logging.getLogger(__name__)


class ArchiveExtension(PageFactListener):
    def __init__(self, crawler: Crawler, writer: ArchiveWriter) -> None:
        self.crawler = crawler
        self.writer = writer
        self.locked_out = False
        self._urls: set[str] = set()  # distinct URLs of this run: the run's `pages`

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("STORE_ENABLED"):
            raise NotConfigured("STORE_ENABLED is off: no archive to write")
        extension = cls(crawler, ArchiveWriter(settings.get("ARCHIVE_PATH"), settings,
                                               crawler.stats))
        extension.listen(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    @property
    def open(self) -> bool:
        """A run is open: the store pipeline may write."""
        return self.writer.run_id is not None

    def spider_opened(self, spider: Spider) -> None:
        problem = write_problem(self.writer.path)
        if problem:  # `scrapy crawl` into a read-only archive: say so once, fetch nothing
            self._refuse(spider, problem, "archive_read_only")
            return
        try:
            self.writer.take_lock()
        except lock.ArchiveLocked as exc:
            self._refuse(spider, str(exc), "archive_locked")
            return
        args = {
            "spider": spider.name,
            "start_urls": list(getattr(spider, "start_urls", [])),
            "settings": _overridden_settings(self.crawler),
        }
        self.writer.open_run(args, sorted({site_of(url) for url in args["start_urls"]}))

    def _refuse(self, spider: Spider, problem: str, reason: str) -> None:
        logger.error("%s", problem)
        self.locked_out = True
        assert self.crawler.engine is not None
        self.crawler.engine.close_spider(spider, reason)

    def on_fact(self, fact: dict[str, Any]) -> None:
        if self.locked_out:
            return
        if fact["event"] in ("fetched", "failed") and fact["url"] not in self._urls:
            self._urls.add(fact["url"])
            if self.crawler.stats:
                self.crawler.stats.inc_value("ledger/pages")
        self.writer.apply(fact)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if not self.locked_out:
            stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
            status = "failed" if failures({**stats, "finish_reason": reason}) else "ok"
            if reason in ("shutdown", "cancelled"):
                status = "interrupted"
            self.writer.close_run(status, reason, stats)
        self.writer.close()


def _overridden_settings(crawler: Crawler) -> dict[str, str]:
    """Settings given on the command line or by the CLI, for the run record."""
    settings = crawler.settings
    return {
        name: str(settings.get(name))
        for name in settings.attributes
        if (settings.getpriority(name) or 0) > 20 and not name.startswith("_")
    }
