"""Per-site bounds that Scrapy lacks: a page cap per host and a cap on the
number of distinct query strings per path.

Endless calendars and search pagination generate new URLs forever; no name
list catches every one, but all of them are one path with ever new queries,
and every site has a size. Scrapy's CLOSESPIDER_PAGECOUNT is global, so it
cannot stop one runaway site while the others go on.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Self
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class SiteCapMiddleware:
    def __init__(
        self, max_pages: int, max_variants: int, stats: StatsCollector | None = None
    ) -> None:
        self.max_pages = max_pages
        self.max_variants = max_variants
        self.stats = stats
        self.pages: Counter[str] = Counter()
        self.variants: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
        self.warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(
            settings.getint("CRAWL_MAX_PAGES_PER_SITE"),
            settings.getint("CRAWL_MAX_QUERY_VARIANTS"),
            crawler.stats,
        )

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if request.meta.get("redirect_times") or request.url.endswith("/robots.txt"):
            return  # a redirect's target or robots.txt is part of an already counted fetch
        parts = urlsplit(request.url)
        host = parts.hostname or ""
        if self.max_pages and self.pages[host] >= self.max_pages:
            self._refuse("site_cap", host, f"{host} reached CRAWL_MAX_PAGES_PER_SITE={self.max_pages}")
        if parts.query and self.max_variants:
            seen = self.variants[(host, parts.path)]
            if parts.query not in seen and len(seen) >= self.max_variants:
                self._refuse(
                    "query_cap", f"{host}{parts.path}",
                    f"{host}{parts.path} reached CRAWL_MAX_QUERY_VARIANTS={self.max_variants}",
                )
            seen.add(parts.query)
        self.pages[host] += 1

    def _refuse(self, kind: str, key: str, message: str) -> None:
        if self.stats:
            self.stats.inc_value(f"crawl/{kind}_refused")
        if key not in self.warned:
            self.warned.add(key)
            logger.warning("%s; further requests there are skipped", message)
        raise IgnoreRequest(message)
