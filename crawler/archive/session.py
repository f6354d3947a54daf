"""One archive connection and one run per crawl, shared by its components.

The ledger extension and the dedupe/store pipelines all write to the same
archive in the same run; they reach it through :func:`session_for` instead
of each opening their own connection (SQLite wants one writer).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler

from crawler import __version__
from crawler.archive.db import Archive

logger = logging.getLogger(__name__)
ATTRIBUTE = "_fanwen_archive_session"


class ArchiveSession:
    def __init__(self, archive: Archive, page_batch: int) -> None:
        self.archive = archive
        self.page_batch = page_batch
        self.run_id: int | None = None
        self._pending_pages: dict[str, dict[str, Any]] = {}

    def start_run(self, args: dict[str, Any], sites: list[str]) -> int:
        if self.run_id is None:
            self._close_dead_runs()
            self.run_id = self.archive.start_run(args, sites, __version__)
            logger.info("run %s started on %s", self.run_id, self.archive.path)
        return self.run_id

    def _close_dead_runs(self) -> None:
        """Mark runs still ``running`` as ``killed``: we hold the archive lock, so
        their process is gone (kill -9, OOM, power loss) and never wrote its end.
        Without this, ``fanwen runs`` would show them running forever."""
        with self.archive.transaction():
            dead = self.archive.db.execute(
                "UPDATE runs SET status = 'killed', finish_reason = 'died without closing' "
                "WHERE status = 'running'"
            ).rowcount
        if dead:
            logger.warning("%d earlier run(s) died without closing; marked killed", dead)

    def add_page(self, row: dict[str, Any]) -> None:
        """Queue a ledger row; rows are written with the next article or batch."""
        row["run_id"] = self.run_id
        self._pending_pages[row["url"]] = row
        if len(self._pending_pages) >= self.page_batch:
            with self.archive.transaction():
                self.flush_pages()

    def flush_pages(self) -> None:
        """Write queued ledger rows (call inside a transaction)."""
        rows, self._pending_pages = list(self._pending_pages.values()), {}
        self.archive.record_pages(rows)

    def pending_page(self, url: str) -> dict[str, Any] | None:
        return self._pending_pages.get(url)


def session_for(crawler: Crawler) -> ArchiveSession:
    """The crawl's session, opened on first use from ``ARCHIVE_PATH``."""
    session = getattr(crawler, ATTRIBUTE, None)
    if session is None:
        settings = crawler.settings
        archive = Archive(settings.get("ARCHIVE_PATH"))
        session = ArchiveSession(archive, settings.getint("ARCHIVE_PAGE_BATCH"))
        setattr(crawler, ATTRIBUTE, session)
    return session
