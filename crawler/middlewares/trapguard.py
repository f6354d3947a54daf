"""What a page may add to the frontier: a spider middleware over its links.

For every response it (1) judges the page for its URL pattern's budget
(``crawler.traps``): productive when it gave an article or a new link of a
known kind to another pattern; (2) drops links whose pattern has spent its
budget; (3) keeps at most ``CRAWL_MAX_LINKS_PER_PAGE`` links, parts,
articles and lists first (a 20,000-link page adds a few hundred);
(4) lowers the priority of links to calendars and to patterns that gave
nothing so far, so lists and articles are fetched before unknown deep
links and a per-site cap, if reached, is reached by junk last. Errors
(4xx/5xx answers, failed downloads) are judged from signals. An item counts
when it carries text (an article-shaped farm page yields an empty item,
which must not keep its pattern open), and the pipelines dropping it takes
the credit back.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

from crawler import signals as fanwen_signals
from crawler.extraction.junk import visible_text
from crawler.items import ArticleRecord
from crawler.traps import KNOWN_KINDS, PatternBudget, budget_for, is_calendar, url_template

logger = logging.getLogger(__name__)
KIND_RANK = {"part": 0, "article": 1, "revisit": 1, "list": 2}  # what a capped page keeps first
UNPROVEN_PENALTY = 30  # below every kind's base priority (article 20): fetched last
CALENDAR_PENALTY = 40
SEEN_LIMIT = 1_000_000  # link hashes remembered for "new link"; cleared when full


class TrapGuardMiddleware:
    def __init__(self, budget: PatternBudget, max_links: int, min_chars: int = 0,
                 stats: StatsCollector | None = None) -> None:
        self.budget = budget
        self.max_links = max_links
        self.stats = stats
        self.seen: set[int] = set()
        self.min_chars = min_chars
        self.credited: dict[int, str] = {}  # id(item) -> pattern credited for it, until its verdict

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("CRAWL_TRAPGUARD_ENABLED"):
            raise NotConfigured("CRAWL_TRAPGUARD_ENABLED is off")
        guard = cls(budget_for(crawler), settings.getint("CRAWL_MAX_LINKS_PER_PAGE"),
                    settings.getint("CLEAN_MIN_CHARS"), crawler.stats)
        crawler.signals.connect(guard.response_received, signal=signals.response_received)
        crawler.signals.connect(guard.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(guard.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(guard.page_failed, signal=fanwen_signals.page_failed)
        return guard

    # --- signals: outcomes the spider output does not show ---------------------------
    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        if response.status >= 400 and not _robots(request):
            self.budget.judge(url_template(request.url))  # an error page gives nothing

    def page_failed(self, request: Request, failure: Failure) -> None:
        if getattr(failure.value, "response", None) is None:  # answered ones were judged above
            self.budget.judge(url_template(request.url))

    def item_dropped(self, item: Any, response: Response, exception: Exception,
                     spider: Spider) -> None:
        template = self.credited.pop(id(item), None)
        if template is not None:
            self.budget.credit(template, -1)  # the pipelines found no article after all

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        self.credited.pop(id(item), None)

    # --- spider output -------------------------------------------------------------
    def process_spider_output(self, response: Response, result: Iterable[Any],
                              spider: Spider | None = None) -> Iterator[Any]:
        requests: list[Request] = []
        template = self._open(response)
        for element in result:
            if isinstance(element, Request):
                requests.append(element)
                continue
            self._credit(element, template)
            yield element
        yield from self._admit(requests, template)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any],
                                          spider: Spider | None = None) -> AsyncIterator[Any]:
        requests: list[Request] = []
        template = self._open(response)
        async for element in result:
            if isinstance(element, Request):
                requests.append(element)
                continue
            self._credit(element, template)
            yield element
        for request in self._admit(requests, template):
            yield request

    def _credit(self, element: Any, template: str | None) -> None:
        """An item with text is a yield now (its links are admitted with this page);
        a farm page's empty "article" is none, and a drop takes a credit back."""
        if template is None or not isinstance(element, ArticleRecord):
            return
        if sum(len(visible_text(raw.body_html)) for raw in element.raw_pages) < self.min_chars:
            return
        self.budget.credit(template)
        self.credited[id(element)] = template

    def _open(self, response: Response | None) -> str | None:
        """The pattern of a page being parsed, judged once (None: start requests)."""
        if response is None or response.status >= 400:
            return None
        template = url_template(response.url)
        self.budget.judge(template)
        return template

    def _admit(self, requests: list[Request], template: str | None) -> Iterator[Request]:
        """Requests worth scheduling, capped, best first, with their priority set."""
        kept = [r for r in requests if self._within_budget(r)]
        kept.sort(key=lambda r: KIND_RANK.get(r.meta.get("page_kind", ""), 3))
        if self.max_links and len(kept) > self.max_links:
            self._inc("trap/links_capped", len(kept) - self.max_links)
            parts = [r for r in kept[self.max_links:] if r.meta.get("page_kind") == "part"]
            kept = kept[: self.max_links] + parts
        useful = False
        for request in kept:
            useful |= self._is_new_lead(request, template)
            yield self._prioritised(request)
        if template and useful:
            self.budget.credit(template)

    def _within_budget(self, request: Request) -> bool:
        if request.meta.get("page_kind") in ("part", "revisit"):
            return True  # the rest of an article in progress, or an archived one: never a trap
        if self.budget.allows(url_template(request.url), is_calendar(request.url)):
            return True
        self._inc("trap/links_refused")
        return False

    def _is_new_lead(self, request: Request, template: str | None) -> bool:
        """A link to a list or article of another pattern, not seen before in this crawl."""
        key = hash(request.url)
        if key in self.seen:
            return False
        if len(self.seen) >= SEEN_LIMIT:
            self.seen.clear()
        self.seen.add(key)
        kind = request.meta.get("page_kind")
        return (kind in KNOWN_KINDS and url_template(request.url) != template
                and not is_calendar(request.url))

    def _prioritised(self, request: Request) -> Request:
        if is_calendar(request.url):
            self._inc("trap/calendar_links")
            return request.replace(priority=request.priority - CALENDAR_PENALTY)
        if self.budget.unproven(url_template(request.url)):
            return request.replace(priority=request.priority - UNPROVEN_PENALTY)
        return request

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats:
            self.stats.inc_value(key, count)


def _robots(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) or request.url.endswith("/robots.txt")
