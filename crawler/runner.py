"""Run one crawl in this process and say how it went.

Shared by ``fanwen crawl``, ``fanwen demo``, the benchmarks and the
end-to-end tests, so they all crawl exactly as a scheduled run does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from twisted.python.failure import Failure

from crawler.health import failures
from crawler.spiders.template import TemplateSpider

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlResult:
    finish_reason: str
    stats: dict[str, Any]
    error: str | None = None  # why the crawl itself failed (a bad setting, a component's bug)

    @property
    def ok(self) -> bool:
        return (self.error is None and self.finish_reason == "finished"
                and not failures(self.stats))

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0) or 0)


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """fanwen's settings module, then ``overrides`` at command-line priority."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(
    start_urls: list[str], settings: Settings, profile: str | None = None,
    spider_cls: type[TemplateSpider] = TemplateSpider,
) -> CrawlResult:
    """Crawl ``start_urls`` with ``spider_cls`` to completion (blocking); a distributed
    worker passes its Redis-fed subclass and no start URL."""
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider_cls)
    kwargs: dict[str, Any] = {"start_urls": start_urls}
    if profile:
        kwargs["profile"] = profile
    failures: list[Failure] = []
    # Consumed here, so a crawl that cannot start (a setting no component can
    # parse) is one line from the caller, not Twisted's "Unhandled error" traceback.
    process.crawl(crawler, **kwargs).addErrback(failures.append)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    error = None
    if failures:
        error = f"{type(failures[0].value).__name__}: {failures[0].getErrorMessage()}"
        logger.debug("the crawl failed", exc_info=failures[0].value)
    return CrawlResult(str(stats.get("finish_reason", "not_started")), dict(stats), error)
