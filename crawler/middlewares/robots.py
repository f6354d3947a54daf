"""robots.txt as RFC 9309 reads a failed fetch, with its own short timeout.

Scrapy's RobotsTxtMiddleware parses whatever comes back: a 500 page or a
timeout leaves no rules, so everything is allowed, and a robots.txt that
never answers costs ``DOWNLOAD_TIMEOUT`` × retries before the first page.
RFC 9309 §2.3.1 says: 4xx ("unavailable") → crawl as if there were no
robots.txt; 5xx or unreachable → assume complete disallow. This subclass
does that for the run (one warning per site, stat
``robotstxt/site_disallowed``), gives the fetch ``ROBOTSTXT_TIMEOUT``
seconds and ``ROBOTSTXT_RETRY_TIMES`` retries; the next scheduled run
asks again.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred

from crawler.extensions.unreachable import HOST_DOWN, connection_failure

logger = logging.getLogger(__name__)
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class RobotsPolicyMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.timeout = crawler.settings.getfloat("ROBOTSTXT_TIMEOUT")
        self.retries = crawler.settings.getint("ROBOTSTXT_RETRY_TIMES")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            await self._fetch(request, netloc)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)  # another request is fetching it
        return parser

    async def _fetch(self, request: Request, netloc: str) -> None:
        url = urlparse_cached(request)
        robots = Request(
            f"{url.scheme}://{netloc}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
            callback=NO_CALLBACK,
            meta={"dont_obey_robotstxt": True, "download_timeout": self.timeout,
                  "max_retry_times": self.retries},
        )
        try:
            response = await self.crawler.engine.download_async(robots)
        except Exception as exc:  # noqa: BLE001 - any failure means "unreachable"
            # A host that is down is reported once by the unreachable-hosts summary.
            quiet = connection_failure(exc) in HOST_DOWN
            self._disallow(netloc, f"unreachable ({type(exc).__name__}: {exc})", quiet)
            return
        if response.status >= 500:
            self._disallow(netloc, f"answered HTTP {response.status}")
        elif response.status >= 400:
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            self._settle(netloc, build_from_crawler(self._parserimpl, self.crawler, b""))
        else:
            await self._parse_robots(response, netloc, request)

    def _disallow(self, netloc: str, why: str, quiet: bool = False) -> None:
        self._stats.inc_value("robotstxt/site_disallowed")
        logger.log(logging.INFO if quiet else logging.WARNING,
                   "robots.txt of %s %s: per RFC 9309 the site is disallowed for this run",
                   netloc, why)
        self._settle(netloc, build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL))

    def _settle(self, netloc: str, parser: RobotParser) -> None:
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

