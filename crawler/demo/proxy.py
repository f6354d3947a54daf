"""Route every request through the bundled demo server when ``DEMO_PROXY`` is set.

The demo site answers for several made-up host names (``www.aixuefw.test``
…) on one loopback port; acting as an HTTP proxy lets the crawl use the real
host names, so host-based rules (profiles, offsite, mirrors) behave as on the
web while no byte leaves the machine.
"""

from __future__ import annotations

from typing import Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class DemoProxyMiddleware:
    def __init__(self, proxy_url: str) -> None:
        self.proxy_url = proxy_url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        proxy_url = crawler.settings.get("DEMO_PROXY")
        if not proxy_url:
            # Bare on purpose: Scrapy logs a NotConfigured reason as a WARNING, and every
            # real crawl (no demo) would print one.
            raise NotConfigured
        return cls(proxy_url)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        request.meta.setdefault("proxy", self.proxy_url)
