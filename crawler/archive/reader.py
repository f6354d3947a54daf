"""What a crawl needs to know from the archive, and nothing it may write.

Incremental crawling asks whether a page is archived and due, for its
validators and parts, and which archived pages are due for a revisit; with
``ARCHIVE_EMIT_SKIPPED`` it reads the archived record of a skipped article.
:class:`ArchiveReader` answers from its own read-only connection (WAL: it sees
what the writer committed). It is a Scrapy extension, so components find it
with ``crawler.get_extension(ArchiveReader)`` and a subclass put in
``EXTENSIONS`` instead (one answering from a shared store, for workers that
have no archive file) replaces it for all of them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.archive.access import connect_readonly


class ArchiveReader:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("STORE_ENABLED"):
            raise NotConfigured("STORE_ENABLED is off: no archive to read")
        reader = cls(crawler.settings.get("ARCHIVE_PATH"))
        crawler.signals.connect(reader.close, signal=signals.spider_closed)
        return reader

    def _rows(self, sql: str, params: list[Any]) -> list[sqlite3.Row]:
        """Rows of a read, or none while the archive does not exist yet."""
        if self._conn is None:
            if not self.path.exists():
                return []
            self._conn = connect_readonly(self.path)
            self._conn.row_factory = sqlite3.Row
        return self._conn.execute(sql, params).fetchall()

    def page_state(self, url: str) -> dict[str, Any] | None:
        """The ledger row of a page the archive holds an article of, whatever its
        kind (None otherwise): fetched_at, etag, last_modified, article_id,
        gone_at, run_id."""
        rows = self._rows(
            "SELECT url, fetched_at, etag, last_modified, article_id, gone_at, run_id "
            "FROM pages WHERE url = ? AND article_id IS NOT NULL", [url])
        return dict(rows[0]) if rows else None

    def part_urls(self, url: str) -> list[str]:
        """Parts 2+ of the multi-page article whose first page is ``url``."""
        rows = self._rows("SELECT parts FROM sightings WHERE url = ?", [url])
        return list(json.loads(rows[0][0])) if rows and rows[0][0] else []

    def due_article_urls(self, site: str, fetched_before: str) -> list[str]:
        """Archived article pages of ``site`` not fetched since ``fetched_before``."""
        rows = self._rows(
            "SELECT url FROM pages WHERE site = ? AND article_id IS NOT NULL "
            "AND kind IN ('article', 'other') AND gone_at IS NULL AND fetched_at < ? "
            "ORDER BY fetched_at", [site, fetched_before])
        return [row[0] for row in rows]

    def unfinished_run_ids(self) -> set[int]:
        """Earlier runs that stopped before their queue was done: killed,
        interrupted, crashed. Their pages were stored, but the links on them may
        never have been followed; the next run fetches those pages in full again.
        (The running one is this crawl's own.)"""
        rows = self._rows(
            "SELECT id FROM runs WHERE status != 'running' "
            "AND (finish_reason IS NULL OR finish_reason != 'finished')", [])
        return {row[0] for row in rows}

    def archived_record(self, article_id: int) -> dict[str, Any] | None:
        """The export record of an article, with its sightings."""
        if self._rows("SELECT 1 FROM articles WHERE id = ?", [article_id]) == []:
            return None
        import sqlite_utils

        from crawler.archive.query import article_detail

        assert self._conn is not None
        return article_detail(sqlite_utils.Database(self._conn), article_id)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
