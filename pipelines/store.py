"""Store pipeline: one transaction per item into the SQLite archive.

The page joins the copy group(s) dedupe linked it to (a new group when
none; one group when several: they merge), its text and facts are kept on
its sighting, and the group's original is decided again from the evidence
of all its pages (:mod:`crawler.archive.canonical`): never from arrival
order. The page ledger rows of the item's URLs go in the same transaction,
so the archive never holds an article without its provenance.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.archive import groups as grp
from crawler.archive.db import dumps, utc_now
from crawler.archive.session import ArchiveSession, session_for
from crawler.items import ArticlePage
from pipelines.dedupe import near_index_if_enabled

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(
        self, session: ArchiveSession, stats: StatsCollector | None = None, near: Any = None,
        complete_share: float = 0.9,
    ) -> None:
        self.session = session
        self.archive = session.archive
        self.stats = stats
        self.near = near
        self.complete_share = complete_share

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("STORE_ENABLED"):
            raise NotConfigured("STORE_ENABLED is off")
        near = near_index_if_enabled(crawler)
        return cls(session_for(crawler), crawler.stats, near,
                   settings.getfloat("STORE_COMPLETE_SHARE", 0.9))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ArticlePage):
            return item
        if self.session.run_id is None:
            raise DropItem(f"not stored, no run is open on the archive (locked?): {item.url}")
        now = utc_now()
        with self.archive.transaction():
            new_article, new_sighting = self._store(item, now)
            self._link_pages(item)
            self.session.flush_pages()
        if new_article:
            self._inc("store/articles_new")
        self._inc("store/sightings_new" if new_sighting else "store/sightings_refreshed")
        return item

    def _store(self, item: ArticlePage, now: str) -> tuple[bool, bool]:
        """Join (or found, or merge) the group, keep the page's facts, re-decide."""
        db, run_id = self.archive.db, self.session.run_id
        targets = sorted(set(item.groups))
        if targets:
            article_id = targets[0]
            for other in targets[1:]:
                grp.merge(db, article_id, other, now, run_id)
                self._inc("store/groups_merged")
        else:
            article_id = self.archive.insert_article(self._article_row(item, now))
            item.match = "original"  # dedupe's label: the archive's labels follow the decision
        item.article_id = article_id
        text_id, new_text = grp.save_text(db, item.text, item.content_hash, item.chars, article_id)
        if new_text and self.near is not None:
            self.near.add(text_id, item.text)
        new_sighting, changed = grp.save_sighting(db, self._sighting_row(item, text_id, now))
        if len(targets) == 1 and not (new_sighting or changed):
            self._inc("store/unchanged")  # a refetch with the same text and facts
            return False, False
        self._decide(item, now, edited=changed and not new_sighting)
        return not targets, new_sighting

    def _decide(self, item: ArticlePage, now: str, edited: bool) -> None:
        db, article_id = self.archive.db, item.article_id
        assert article_id is not None
        before = db.execute("SELECT url, text FROM articles WHERE id = ?", [article_id]).fetchone()
        decision, changed = grp.decide(db, article_id, now, self.session.run_id,
                                       self.complete_share, self._similarity)
        if not changed:
            sid = db.execute("SELECT id FROM sightings WHERE url = ?", [item.page_url]).fetchone()
            grp.relabel(db, article_id, decision.original.id, self._similarity, only=sid[0])
        elif before is not None:
            after = db.execute("SELECT url, text FROM articles WHERE id = ?", [article_id]).fetchone()
            if before[0] != after[0]:
                self._inc("store/original_changed")
            if before[1] != after[1]:
                self._inc("store/articles_updated" if edited else "store/text_changed")

    def _similarity(self, a: str, b: str) -> float:
        from crawler.dedup import minhash as mh

        if self.near is None:
            return 0.0
        return float(mh.jaccard(self.near.shingles(a), self.near.shingles(b)))

    def _article_row(self, item: ArticlePage, now: str) -> dict[str, Any]:
        return {
            "canonical_url": item.canonical_url, "url": item.page_url, "site": item.site,
            "title": item.title, "category": dumps(item.category),
            "breadcrumb": dumps(item.breadcrumb), "tags": dumps(item.tags),
            "published_at": item.published_at, "origin": item.origin, "author": item.author,
            "text": item.text, "paragraphs": dumps(item.paragraphs), "chars": item.chars,
            "content_hash": item.content_hash, "first_seen": now, "last_seen": now,
            "run_id": self.session.run_id, "decided_by": "only", "text_url": item.page_url,
        }

    def _sighting_row(self, item: ArticlePage, text_id: int, now: str) -> dict[str, Any]:
        return {
            "article_id": item.article_id, "url": item.page_url, "site": item.site,
            "canonical_url": item.canonical_url, "text_id": text_id, "chars": item.chars,
            "seen_title": item.title, "match": item.match, "similarity": item.similarity,
            "origin": item.origin, "published_at": item.published_at, "author": item.author,
            "category": dumps(item.category), "breadcrumb": dumps(item.breadcrumb),
            "tags": dumps(item.tags), "site_names": dumps(item.site_names),
            "complete": int(item.complete), "parts": dumps(item.page_urls[1:]),
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
