"""``fanwen reextract``: today's extraction over the stored responses, no network.

The crawl runs as usual (spider, middlewares, clean → dedupe → store, the
ledger) with :class:`crawler.warc.replay.WarcReplayHandler` answering every
request from the WARC files, capture off, incremental off (every stored page
is read again), politeness off (nothing is fetched), robots.txt not consulted
(a disallowed page was never captured, so the replay cannot reach it).

Without ``--since``/``--site`` the replay builds a new archive file that
replaces the old one (:mod:`crawler.archive.rebuild`): the result is the
archive a fresh crawl with today's code would build, with the old history.
With them, only those captures are replayed, into the archive in place,
as a crawl of those pages would: texts and originals are re-decided and
groups may merge, but a group never splits (run a full reextract for that).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.archive import rebuild
from crawler.runner import CrawlResult, project_settings, run_crawl

HANDLER = "crawler.warc.replay.WarcReplayHandler"
# Left out of a replay rather than switched off by their settings (each would log a warning).
NOT_IN_REPLAY = (
    "crawler.middlewares.incremental.IncrementalMiddleware",
    "crawler.middlewares.retryafter.RetryAfterMiddleware",
    "crawler.demo.proxy.DemoProxyMiddleware",
    "crawler.warc.capture.WarcCaptureMiddleware",
)


def replay_settings(archive: Path, warc: Path, since: int | None) -> dict[str, Any]:
    """The overrides that turn a crawl into a replay of ``warc`` into ``archive``."""
    return {
        "ARCHIVE_PATH": str(archive),
        "WARC_DIR": str(warc),
        "WARC_ENABLED": False,
        "WARC_REPLAY_SINCE_RUN": since or 0,
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "ARCHIVE_INCREMENTAL": False,
        "ROBOTSTXT_OBEY": False,
        "RETRY_ENABLED": False,  # the last capture of a URL is the answer its retries ended with
        "RETRY_AFTER_ENABLED": False,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
        "DEMO_PROXY": "",
        "DOWNLOADER_MIDDLEWARES": {**project_settings().getdict("DOWNLOADER_MIDDLEWARES"),
                                   **dict.fromkeys(NOT_IN_REPLAY)},
        "SPIDER_MIDDLEWARES": {**project_settings().getdict("SPIDER_MIDDLEWARES"),
                               "crawler.middlewares.revisit.RevisitMiddleware": None},
    }


@dataclass
class Reextract:
    db: Path
    since: int | None = None
    sites: list[str] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)  # -s NAME=VALUE, LOG_LEVEL

    @property
    def rebuilds(self) -> bool:
        return self.since is None and not self.sites

    @property
    def warc_dir(self) -> Path:
        from crawler.warc.capture import warc_dir

        return warc_dir(project_settings({"ARCHIVE_PATH": str(self.db), **self.overrides}))

    def run(self) -> tuple[CrawlResult, dict[str, int], float]:
        """Replay (and for a full reextract, rebuild and swap); caller holds the lock."""
        urls = rebuild.start_urls(self.db, self.since, self.sites)
        if not urls:
            raise ValueError("no run in the archive matches: nothing to replay")
        target = self.db.with_name(self.db.name + ".reextract") if self.rebuilds else self.db
        if self.rebuilds:
            self._prepare(target)
        started = time.monotonic()
        settings = {**self.overrides, **replay_settings(target, self.warc_dir, self.since)}
        try:
            result = run_crawl(urls, project_settings(settings))
            seconds = time.monotonic() - started
            if not self.rebuilds:
                return result, _in_place_changes(result), seconds
            if result.error or result.finish_reason != "finished":
                raise RuntimeError(result.error or f"replay closed: {result.finish_reason}")
            rebuild.transplant(target, self.db)
            found = rebuild.changes(target, self.db)
            rebuild.swap(target, self.db)
            return result, found, seconds
        finally:
            if self.rebuilds:
                rebuild.discard(target)

    def _prepare(self, target: Path) -> None:
        from crawler.archive.db import Archive

        rebuild.discard(target)
        Archive(target).close()  # today's schema
        rebuild.copy_runs(target, self.db)


def _in_place_changes(result: CrawlResult) -> dict[str, int]:
    return {
        "texts_changed": result.stat("store/text_changed") + result.stat("store/articles_updated"),
        "articles_added": result.stat("store/articles_new"),
        "articles_merged": result.stat("store/groups_merged"),
        "articles_split": 0,
    }
