"""Run fanwen's real decision on each page: the spider's callback, then the clean pipeline.

The harness copies no rule. ``TemplateSpider.parse`` decides whether a page
is an article (by URL shape, then by what it holds: whatever it does today)
and ``CleanPipeline`` decides whether the item is kept; a ``DropItem`` or no
item at all means "not archived". Requests the spider yields are ignored,
except a request for part 2 of a multi-page article, which carries the item:
it is finished as the spider finishes an article whose next part fails.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from benchmarks.layoutgen.page import GeneratedPage
from benchmarks.layoutgen.vocab import SITES
from crawler.items import ArticleRecord
from crawler.runner import project_settings
from crawler.spiders.template import TemplateSpider
from pipelines.clean import CleanPipeline

# Nothing may touch a database or the network: only decide and clean.
OFFLINE = {
    "STORE_ENABLED": False, "DEDUPE_ENABLED": False, "ARCHIVE_INCREMENTAL": False,
    "ARCHIVE_REVISIT": False, "PROGRESS_ENABLED": False, "ROBOTSTXT_OBEY": False,
    "LOG_ENABLED": False, "EXTENSIONS": {}, "ITEM_PIPELINES": {},
}


@dataclass
class Outcome:
    """What the archive would hold for one page."""

    archived: bool
    reason: str = ""  # why not: "no item" (spider), the DropItem message
    text: str = ""
    title: str | None = None
    origin: str | None = None
    author: str | None = None
    date: str | None = None
    ms: float = 0.0
    multipage: bool = False  # the spider took the page for part 1 of several


class FanwenPath:
    """One spider and one clean pipeline, reused for every page (as in a crawl)."""

    def __init__(self) -> None:
        settings = project_settings(OFFLINE)
        ours = {k: v for k, v in settings.copy_to_dict().items()
                if (settings.getpriority(k) or 0) > 0 and not k.startswith("TWISTED_")}
        crawler = get_crawler(TemplateSpider, settings_dict=ours)
        hosts = [f"http://{host}/" for _, host in SITES]
        self.spider = TemplateSpider.from_crawler(crawler, start_urls=hosts)
        self.pipeline = CleanPipeline.from_crawler(crawler)

    def run(self, page: GeneratedPage) -> Outcome:
        start = time.perf_counter()
        outcome = self._run(page)
        outcome.ms = (time.perf_counter() - start) * 1000
        return outcome

    def _run(self, page: GeneratedPage) -> Outcome:
        headers = {"Content-Type": page.content_type} if page.content_type else {}
        response = HtmlResponse(page.url, body=page.body, headers=headers, request=Request(page.url))
        item, multipage = None, False
        for out in _collect(self.spider.parse(response)):
            if isinstance(out, ArticleRecord):
                item = out
            elif isinstance(out, Request) and isinstance(out.cb_kwargs.get("item"), ArticleRecord):
                item, multipage = item or out.cb_kwargs["item"], item is None
        if item is None:
            return Outcome(False, "no item")
        try:
            kept: Any = self.pipeline.process_item(item)
        except DropItem as exc:
            return Outcome(False, f"dropped: {exc}", multipage=multipage)
        article = kept.article
        return Outcome(True, "", article.text, article.title, article.origin, article.author,
                       article.published_at, multipage=multipage)


def _collect(result: Any) -> list[Any]:
    """The callback's output, whether it is a generator or (if it becomes one) an async generator."""
    if hasattr(result, "__aiter__"):
        async def drain() -> list[Any]:
            return [x async for x in result]
        return asyncio.run(drain())
    return list(result or [])


def baselines() -> dict[str, Any]:
    """readability-lxml and trafilatura as the extraction benchmark calls them, when installed."""
    from benchmarks.extraction import available_extractors

    return {k: v for k, v in available_extractors().items() if k != "fanwen"}


def baseline_text(extractor: Any, page: GeneratedPage) -> str:
    try:
        return str(extractor(page.body, {"url": page.url}).text or "")
    except Exception:  # a library failing on a page is an empty result, as a user would get
        return ""
