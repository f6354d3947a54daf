"""Store pipeline: one transaction per item into the SQLite archive.

An ``original`` becomes an ``articles`` row plus its own ``original``
sighting; any other match becomes (or refreshes) a sighting of the article
it matched. The page ledger rows of the item's URLs go in the same
transaction, so the archive never holds an article without its provenance.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.archive.db import dumps, utc_now
from crawler.archive.session import ArchiveSession, session_for
from crawler.items import ArticlePage
from pipelines.dedupe import near_index_if_enabled

logger = logging.getLogger(__name__)
# What a refetch may change in place (identity, first_seen and provenance stay).
ARTICLE_TEXT_FIELDS = (
    "title", "category", "breadcrumb", "tags", "published_at", "origin", "author",
    "text", "paragraphs", "chars", "content_hash", "last_seen",
)


class StorePipeline:
    def __init__(
        self, session: ArchiveSession, stats: StatsCollector | None = None, near: Any = None
    ) -> None:
        self.session = session
        self.archive = session.archive
        self.stats = stats
        self.near = near

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("STORE_ENABLED"):
            raise NotConfigured("STORE_ENABLED is off")
        near = near_index_if_enabled(crawler)
        return cls(session_for(crawler), crawler.stats, near)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage):
            return item
        if self.session.run_id is None:
            raise DropItem(f"not stored, no run is open on the archive (locked?): {item.url}")
        now = utc_now()
        with self.archive.transaction():
            if item.match in (None, "original"):
                item.article_id = self.archive.insert_article(self._article_row(item, now))
                item.match = "original"
                if self.near is not None:
                    self.near.add(item.article_id, item.text)
            promoted = item.match == "url" and self._refresh_article(item, now)
            is_new = self.archive.upsert_sighting(self._sighting_row(item, now))
            if promoted and item.article_id is not None:
                self.archive.make_original(item.article_id, item.page_url)
            self._link_pages(item)
            self.session.flush_pages()
        if item.match == "original":
            self._inc("store/articles_new")
        self._inc("store/sightings_new" if is_new else "store/sightings_refreshed")
        return item

    def _refresh_article(self, item: ArticlePage, now: str) -> bool:
        """Rewrite the article from its own canonical page when that page changed,
        or when the article was first built from a mirror of it (a mobile page
        declaring this one canonical). The replaced text is kept as a version.
        Returns True when this page took over as the article's original."""
        assert item.article_id is not None
        article = self.archive.article_identity(item.article_id)
        if item.page_url != article["canonical_url"]:
            return False  # a copy's or mirror's page: not its to rewrite
        promoted = article["url"] != item.page_url
        changed = article["content_hash"] != item.content_hash
        if not (promoted or changed):
            return False
        row = self._article_row(item, now)
        fields = {k: row[k] for k in ARTICLE_TEXT_FIELDS + ("url", "site")}
        if changed:
            self.archive.replace_article_text(item.article_id, fields, now, self.session.run_id)
            if self.near is not None:
                self.near.add(item.article_id, item.text)  # upsert: the new text's bands
            self._inc("store/articles_updated")
            logger.info("article %s changed at %s; previous text kept", item.article_id, item.url)
        else:
            self.archive.update_article(item.article_id, fields)
        if promoted:
            self._inc("store/promoted_to_canonical_page")
        return promoted

    def _article_row(self, item: ArticlePage, now: str) -> dict[str, Any]:
        return {
            "canonical_url": item.canonical_url, "url": item.page_url, "site": item.site,
            "title": item.title, "category": dumps(item.category),
            "breadcrumb": dumps(item.breadcrumb), "tags": dumps(item.tags),
            "published_at": item.published_at, "origin": item.origin, "author": item.author,
            "text": item.text, "paragraphs": dumps(item.paragraphs), "chars": item.chars,
            "content_hash": item.content_hash, "first_seen": now, "last_seen": now,
            "run_id": self.session.run_id,
        }

    def _sighting_row(self, item: ArticlePage, now: str) -> dict[str, Any]:
        return {
            "article_id": item.article_id, "url": item.page_url, "site": item.site,
            "seen_title": item.title, "match": item.match, "similarity": item.similarity,
            "origin": item.origin, "published_at": item.published_at,
            "first_seen": now, "last_seen": now,
            "run_id": self.session.run_id, "last_run_id": self.session.run_id,
        }

    def _link_pages(self, item: ArticlePage) -> None:
        """Point the ledger rows of every part of this article at it."""
        for url in item.page_urls or [item.page_url]:
            pending = self.session.pending_page(url)
            if pending is not None:
                pending["article_id"] = item.article_id
            else:
                self.archive.db.execute(
                    "UPDATE pages SET article_id = ? WHERE url = ?", [item.article_id, url]
                )

    def _inc(self, key: str) -> None:
        if self.stats:
            self.stats.inc_value(key)
