"""Revisits: archived article pages due for a refetch, even if no list links them now.

An incremental crawl reaches changed and new articles through the lists; an
article page that fell off every list would never be asked again, and its
404/410 never noticed. This spider middleware adds, after the spider's own
start requests, every archived article page of the crawl's sites that the
incremental middleware would refetch (``ARCHIVE_REVISIT``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.archive.reader import ArchiveReader
from crawler.middlewares.incremental import refresh_cutoff

logger = logging.getLogger(__name__)


class RevisitMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not all(settings.getbool(name) for name in
                   ("ARCHIVE_INCREMENTAL", "ARCHIVE_REVISIT", "STORE_ENABLED")):
            raise NotConfigured("ARCHIVE_REVISIT is off")
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item_or_request in start:
            yield item_or_request
        spider: Spider | None = self.crawler.spider
        reader = self.crawler.get_extension(ArchiveReader)
        revisit = getattr(spider, "revisit", None)
        if reader is None or revisit is None:
            return
        urls: list[str] = []
        for site in getattr(spider, "allowed_domains", None) or []:
            urls += reader.due_article_urls(site, refresh_cutoff(self.crawler.settings, site))
        if urls:
            logger.info("revisiting %d archived article pages due for refresh", len(urls))
        for url in urls:
            yield revisit(url)
