"""Refuse a queued request whose URL pattern spent its budget meanwhile.

``TrapGuardMiddleware`` stops scheduling links of a pattern once its pages
proved worthless, but a link farm fills the queue faster than its pages
come back: every ``/trap/N.html`` adds twenty more before the first is
judged. This downloader middleware asks the same budget (``crawler.traps``)
again at download time, so the queued rest costs no request. It sits
right after robots.txt and before the site cap, so a refused trap does not
use up the site's pages.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.traps import PatternBudget, budget_for, is_calendar, url_template

logger = logging.getLogger(__name__)
EXEMPT_KINDS = frozenset({"part", "revisit"})  # an article in progress, an archived article


class PatternBudgetMiddleware:
    def __init__(self, budget: PatternBudget, stats: StatsCollector | None = None) -> None:
        self.budget = budget
        self.stats = stats
        self.warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("CRAWL_TRAPGUARD_ENABLED"):
            raise NotConfigured("CRAWL_TRAPGUARD_ENABLED is off")
        return cls(budget_for(crawler), crawler.stats)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        meta = request.meta
        if meta.get("page_kind") in EXEMPT_KINDS or meta.get("dont_obey_robotstxt"):
            return
        if meta.get("redirect_times") or meta.get("retry_times"):
            return  # the same fetch, already admitted
        template = url_template(request.url)
        if self.budget.allows(template, is_calendar(request.url)):
            return
        if self.stats:
            self.stats.inc_value("trap/budget_refused")
        if template not in self.warned:
            self.warned.add(template)
            if self.stats:
                self.stats.inc_value("trap/patterns_exhausted")
            logger.info("URL pattern %s spent its budget (%d pages, %d productive): "
                        "its further pages are skipped", template, self.budget.judged[template],
                        self.budget.productive[template])
        raise IgnoreRequest(f"URL pattern {template} spent its budget")
