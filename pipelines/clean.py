"""Clean pipeline: raw page parts → one article (text, paragraphs, metadata).

Thin by design: all the cleaning rules are pure functions in
``crawler.extraction`` so that ``fanwen extract`` and the tests run exactly
the same path as a crawl. A record that already carries its article (a
user's own spider, see :mod:`pipelines.records`) is tidied and checked the
same way.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.extraction.metadata import build_article, site_names_of, tidy_article
from crawler.extraction.profiles import get_profile
from pipelines.records import as_record

logger = logging.getLogger(__name__)


class CleanPipeline:
    def __init__(self, min_chars: int, stats: StatsCollector | None = None) -> None:
        self.min_chars = min_chars
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("CLEAN_ENABLED"):
            raise NotConfigured("CLEAN_ENABLED is off")
        return cls(crawler.settings.getint("CLEAN_MIN_CHARS"), crawler.stats)

    def process_item(self, item: Any) -> Any:
        record = as_record(item)
        if record is None:
            return item
        if record.raw_pages:
            record.article = build_article(record.raw_pages, get_profile(record.profile))
            record.site_names = site_names_of(record.raw_pages[0])
            record.raw_pages = []  # the raw HTML has served its purpose; keep memory flat
        if record.article is None:
            return item
        article = record.article = tidy_article(record.article)
        if article.chars < self.min_chars:
            self._inc("clean/empty_body")
            raise DropItem(
                f"no article text at {record.url}: {article.chars} chars < CLEAN_MIN_CHARS={self.min_chars}"
            )
        if not article.title:
            self._inc("clean/no_title")
        self._inc("clean/articles")
        return record

    def _inc(self, key: str) -> None:
        if self.stats:
            self.stats.inc_value(key)
