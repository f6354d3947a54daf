"""Clean pipeline: raw page parts → one article (text, paragraphs, metadata).

Thin by design: all the cleaning rules are pure functions in
``crawler.extraction.metadata`` / ``crawler.extraction.textclean`` so that ``fanwen extract`` and
the tests run exactly the same path as a crawl.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.dedup.fingerprint import content_hash
from crawler.extraction.hygiene import plain_field, tidy_article
from crawler.extraction.metadata import build_article, site_names_of
from crawler.extraction.profiles import get_profile
from crawler.items import ArticlePage

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
        if not isinstance(item, ArticlePage):
            return item
        article = tidy_article(build_article(item.raw_pages, get_profile(item.profile)))
        if article.chars < self.min_chars:
            self._inc("clean/empty_body")
            raise DropItem(
                f"no article text at {item.url}: {article.chars} chars < CLEAN_MIN_CHARS={self.min_chars}"
            )
        if not article.title:
            self._inc("clean/no_title")
        item.title = article.title
        item.category = article.category
        item.breadcrumb = [plain_field(part) for page in item.raw_pages[:1] for part in page.breadcrumb]
        item.tags = article.tags
        item.published_at = article.published_at
        item.origin = article.origin
        item.author = article.author
        item.paragraphs = article.paragraphs
        item.text = article.text
        item.chars = article.chars
        item.content_hash = content_hash(article.text)
        item.site_names = site_names_of(item.raw_pages[0]) if item.raw_pages else []
        item.raw_pages = []  # the raw HTML has served its purpose; keep memory flat
        self._inc("clean/articles")
        return item

    def _inc(self, key: str) -> None:
        if self.stats:
            self.stats.inc_value(key)
