"""A live progress line on an interactive terminal, silence under cron.

Scrapy's LogStats logs once a minute at INFO; a person watching a crawl wants
one line that updates every second, and cron wants no output at all except
warnings and the final summary (cron mails whatever a job prints).
"""

from __future__ import annotations

import sys
import time
from typing import IO, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.runcounts import run_counts

# (label, key of crawler.runcounts.run_counts): the summary line's numbers, live.
FIELDS = (
    ("pages", "pages"), ("new", "articles_new"), ("copies", "copies"), ("skipped", "skipped"),
    ("not modified", "not_modified"), ("dropped", "dropped"), ("failed", "failed"),
    ("errors", "errors"),
)


class ProgressLine:
    def __init__(self, crawler: Crawler, interval: float, stream: IO[str]) -> None:
        self.crawler = crawler
        self.interval = interval
        self.stream = stream
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("PROGRESS_ENABLED"):
            raise NotConfigured("PROGRESS_ENABLED is off")
        progress = cls(crawler, settings.getfloat("PROGRESS_INTERVAL"), sys.stderr)
        if not sys.stderr.isatty() and not settings.getbool("PROGRESS_FORCE"):
            return progress  # inert: NotConfigured would log a warning into cron mail
        crawler.signals.connect(progress.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        return progress

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.show()
        self.stream.write("\n")
        self.stream.flush()

    def line(self) -> str:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        counts = run_counts(stats)
        parts = [f"{label} {counts[key]}" for label, key in FIELDS]
        elapsed = time.monotonic() - self.started
        pages = int(stats.get("response_received_count", 0) or 0)
        rate = pages / elapsed * 60 if elapsed > 0 else 0.0
        return f"{' | '.join(parts)} | {rate:,.0f} pages/min | {elapsed:,.0f}s"

    def show(self) -> None:
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()
