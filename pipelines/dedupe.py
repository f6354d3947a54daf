"""Dedupe pipeline: is this page a new article, or a copy of one we have?

Checks, cheapest first: this page, or the article URL it declares as
canonical, is already in the archive (``url``); its normalised text hash is
known (``exact``); a near-duplicate index finds a close enough text
(``near``). Otherwise the page is an ``original``. The item
leaves with ``match``, ``article_id`` (None for originals) and ``similarity``.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.archive.db import Archive
from crawler.archive.session import session_for
from crawler.items import ArticlePage

logger = logging.getLogger(__name__)


class NearIndex(Protocol):
    def find(self, text: str) -> tuple[int, float] | None: ...


def near_index_if_enabled(crawler: Crawler) -> Any:
    """The crawl's shared near-duplicate index, or None when dedupe or near is off."""
    settings = crawler.settings
    if not (settings.getbool("DEDUPE_ENABLED") and settings.getbool("DEDUPE_NEAR_ENABLED")):
        return None
    from crawler.nearindex import near_index_for  # numpy only when asked for

    return near_index_for(crawler)


class DedupePipeline:
    def __init__(
        self, archive: Archive, near: NearIndex | None = None, stats: StatsCollector | None = None
    ) -> None:
        self.archive = archive
        self.near = near
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("DEDUPE_ENABLED"):
            raise NotConfigured("DEDUPE_ENABLED is off")
        session = session_for(crawler)
        near = near_index_if_enabled(crawler)
        return cls(session.archive, near, crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage):
            return item
        item.match, item.article_id, item.similarity = self.classify(item)
        if self.stats:
            self.stats.inc_value(f"dedupe/{item.match}")
        return item

    def classify(self, item: ArticlePage) -> tuple[str, int | None, float | None]:
        for url in dict.fromkeys((item.page_url or item.canonical_url, item.canonical_url)):
            known = self.archive.article_id_for_url(url)
            if known is not None:
                return "url", known, None
        if item.content_hash:
            same = self.archive.article_id_for_hash(item.content_hash)
            if same is not None:
                return "exact", same, 1.0
        if self.near is not None and item.text:
            found = self.near.find(item.text)
            if found is not None:
                return "near", found[0], found[1]
        return "original", None, None
