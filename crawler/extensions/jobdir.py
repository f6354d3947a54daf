"""Make ``JOBDIR`` (``fanwen crawl --resume``) safe against ``kill -9``.

Scrapy persists the request queue of a JOBDIR only when the spider closes,
while ``requests.seen`` grows during the run. After a SIGKILL (OOM killer,
``systemctl kill``, power loss) the next run therefore finds every
discovered URL "seen" but none queued: it fetches the start pages, filters
every link as a duplicate and "finishes" with nothing done. This extension
marks the JOBDIR open while a crawl uses it; a run that finds the mark left
behind drops the stale frontier and starts a fresh one. Nothing is lost: the
archive is consistent after a kill, and incremental crawling skips the
articles the killed run already stored.

It must run before the scheduler opens the JOBDIR; extensions are built
before the engine, so ``from_crawler`` is early enough.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)

MARK = "fanwen.open"  # present while a crawl uses the directory
FRONTIER = ("requests.seen", "requests.queue")  # Scrapy's dupefilter file and disk queue


class JobDirGuard:
    def __init__(self, jobdir: Path) -> None:
        self.jobdir = jobdir
        self.mark = jobdir / MARK

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            # Bare on purpose: Scrapy logs a NotConfigured reason as a WARNING, and a
            # run without JOBDIR (the usual case) must not mail cron a warning.
            raise NotConfigured
        guard = cls(Path(jobdir))
        guard.open()
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    def open(self) -> None:
        """Drop a frontier a dead run left behind, then mark the directory open."""
        if self.mark.exists():
            logger.warning(
                "the last crawl using %s died without closing; its saved frontier is "
                "incomplete, starting a fresh one (archived articles are skipped)",
                self.jobdir,
            )
            for name in FRONTIER:
                path = self.jobdir / name
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink(missing_ok=True)
        self.jobdir.mkdir(parents=True, exist_ok=True)
        self.mark.touch()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Scrapy has saved the queue by now (signals fire after the scheduler closed)."""
        self.mark.unlink(missing_ok=True)
