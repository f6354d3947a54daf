"""One error line per unreachable host, instead of a traceback per request.

A host that refuses connections (or does not resolve, or never answers)
makes Scrapy log every request it gives up on, the robots.txt one with a
chained traceback: dozens of lines saying one thing. This extension filters
those records out of the retry and robots.txt loggers while the crawl runs,
remembers the URLs per host and failure, and at the end logs one ERROR line
per host with the count. Other errors (an HTTP 500 given up on, a bug) pass
through untouched.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)
# Scrapy's loggers that report a failed download, one record per request.
SOURCES = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt",
           "scrapy.core.scraper")
# Exception class names (anywhere in the cause chain) that mean no HTTP answer at all.
FAILURES = (
    ("ConnectionRefused", "connection refused"),
    ("DNSLookup", "host name not found"),
    ("NoRoute", "no route to host"),
    ("TimedOut", "timed out"),
    ("Timeout", "timed out"),
    ("ConnectError", "cannot connect"),
    ("ConnectionLost", "connection lost"),
    ("ResponseNeverReceived", "no response"),
)


# Failures that mean the host is down, not just slow: reported here once per host,
# also for robots.txt (whose slow or 5xx answers the robots middleware reports).
HOST_DOWN = frozenset({"connection refused", "host name not found", "no route to host",
                       "cannot connect"})


def connection_failure(error: Any) -> str | None:
    """What went wrong when ``error`` means the host gave no HTTP answer, else None."""
    seen = 0
    while isinstance(error, BaseException) and seen < 10:
        name = type(error).__name__
        for marker, meaning in FAILURES:
            if marker in name:
                return meaning
        error, seen = error.__cause__ or error.__context__, seen + 1
    return None


class UnreachableHosts(logging.Filter):
    def __init__(self) -> None:
        super().__init__()
        self.failed: defaultdict[tuple[str, str], set[str]] = defaultdict(set)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("CRAWL_UNREACHABLE_SUMMARY"):
            raise NotConfigured("CRAWL_UNREACHABLE_SUMMARY is off")
        summary = cls()
        crawler.signals.connect(summary.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(summary.spider_closed, signal=signals.spider_closed)
        return summary

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record unless it is one request's connection failure (counted)."""
        args = record.args if isinstance(record.args, dict) else {}
        request = args.get("request")
        error = args.get("reason", args.get("f_exception", args.get("exception")))
        meaning = connection_failure(error) if request is not None else None
        if request is None or meaning is None:
            return True
        if request.url.endswith("/robots.txt") and meaning not in HOST_DOWN:
            return False  # a robots.txt that timed out: the robots middleware's one warning
        self.failed[(urlsplit(request.url).netloc, meaning)].add(request.url)
        return False

    def spider_opened(self, spider: Spider) -> None:
        for name in SOURCES:
            logging.getLogger(name).addFilter(self)

    def spider_closed(self, spider: Spider) -> None:
        for name in SOURCES:
            logging.getLogger(name).removeFilter(self)
        for (host, meaning), urls in sorted(self.failed.items()):
            logger.error("%s: %s (%d %s given up)", host, meaning, len(urls),
                         "request" if len(urls) == 1 else "requests")
