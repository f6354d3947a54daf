"""scrapy-redis's dupefilter on the crawl's key, without Scrapy deprecation warnings."""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter

from crawler.distributed.keys import keys_from_settings

logger = logging.getLogger(__name__)


class RedisDupeFilter(RFPDupeFilter):
    """Fingerprints in ``<prefix>:dupefilter``; never cleared when a worker closes
    (the crawl outlives every worker: ``fanwen seed`` starts a new one)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(get_redis_from_settings(settings), keys_from_settings(settings).dupefilter,
                   debug=settings.getbool("DUPEFILTER_DEBUG"))

    @classmethod
    def from_spider(cls, spider: Spider) -> Self:
        assert spider.crawler is not None
        return cls.from_crawler(spider.crawler)

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: other workers still crawl."""

    def log(self, request: Request, spider: Any = None) -> None:
        if self.debug:
            logger.debug("Filtered duplicate request: %s", request)
