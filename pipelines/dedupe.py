"""Dedupe pipeline: which copy groups of the archive does this page belong to?

A page is linked to a group, cheapest check first, when: it, or the article
URL it declares canonical, is a page of the group (``url``); its normalised
text hash is one of the group's texts (``exact``); or the near-duplicate
index finds one of the group's texts close enough (``near``). Every linked
group is collected, not just the first: a page linking two groups makes
them one (see :mod:`crawler.archive.groups`). The item leaves with
``groups``, ``article_id`` (the group it joins; None for an ``original``),
a provisional ``match`` and ``similarity``; the store pipeline labels the
sighting against the group's original once that is decided.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.archive import groups as grp
from crawler.archive.db import Archive
from crawler.archive.session import session_for
from crawler.items import ArticlePage

logger = logging.getLogger(__name__)
STRENGTH = {"url": 0, "exact": 1, "near": 2}  # the provisional label: the strongest link


class NearIndex(Protocol):
    def find_all(self, text: str) -> list[tuple[int, float]]: ...


def near_index_if_enabled(crawler: Crawler) -> Any:
    """The crawl's shared near-duplicate index, or None when dedupe or near is off."""
    settings = crawler.settings
    if not (settings.getbool("DEDUPE_ENABLED") and settings.getbool("DEDUPE_NEAR_ENABLED")):
        return None
    from crawler.dedup.nearindex import near_index_for  # numpy only when asked for

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
        links = self.links(item)
        item.groups = sorted(links)
        if not links:
            item.match, item.article_id, item.similarity = "original", None, None
        else:
            best = min(links, key=lambda g: (STRENGTH[links[g][0]], -(links[g][1] or 0), g))
            item.article_id = min(links)
            item.match, item.similarity = links[best]
        if self.stats:
            self.stats.inc_value(f"dedupe/{item.match}")
            if len(links) > 1:
                self.stats.inc_value("dedupe/links_several_groups")
        return item

    def links(self, item: ArticlePage) -> dict[int, tuple[str, float | None]]:
        """Every group the page is linked to, with the strongest link to each."""
        db = self.archive.db
        urls = list(dict.fromkeys((item.page_url or item.canonical_url, item.canonical_url)))
        found: dict[int, tuple[str, float | None]] = dict.fromkeys(
            grp.linked_groups(db, urls), ("url", None)
        )
        if item.content_hash:
            for group in grp.groups_with_hash(db, item.content_hash):
                found.setdefault(group, ("exact", 1.0))
        if self.near is not None and item.text:
            matches = self.near.find_all(item.text)
            owners = grp.groups_of_texts(db, [text_id for text_id, _ in matches]) if matches else {}
            for text_id, similarity in matches:
                if text_id in owners:
                    found.setdefault(owners[text_id], ("near", similarity))
        return found
