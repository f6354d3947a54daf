"""Keep garbage and soft 404s out of the archive: a spider middleware on items.

The spider decides "article" from the URL and the page's shape; this looks
at what extraction cannot see (decoding damage, "页面不存在" on a short
page, the markup of the site's own error page; rules in ``crawler.extraction.junk``)
and drops the item before any pipeline with one log line and a
``junk/<reason>`` stat. Error pages the site serves with a 4xx/5xx status
are remembered per site (``response_received``), so a 200 page in the
same template is known for what it is.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from scrapy.statscollectors import StatsCollector

from crawler.extraction.decode import decode_html
from crawler.extraction.junk import JunkLimits, not_article_reason, skeleton, visible_text
from crawler.items import ArticleRecord
from crawler.links import site_of

logger = logging.getLogger(__name__)
MAX_ERROR_TEMPLATES = 20  # per site: error pages come in a handful of templates
# An error page's template may be the article template with an empty body: only a page
# far shorter than a soft 404 may be judged by its template alone.
ERROR_TEMPLATE_SHARE = 3


class NotArticleMiddleware(BaseSpiderMiddleware):
    def __init__(self, limits: JunkLimits, stats: StatsCollector | None = None) -> None:
        self.limits = limits
        self.stats = stats
        self.error_templates: defaultdict[str, set[str]] = defaultdict(set)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("JUNK_ENABLED"):
            raise NotConfigured("JUNK_ENABLED is off")
        middleware = cls(JunkLimits.from_settings(settings), crawler.stats)
        middleware.crawler = crawler
        crawler.signals.connect(middleware.response_received, signal=signals.response_received)
        return middleware

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        """Learn the site's error-page templates from real 4xx/5xx answers."""
        if response.status < 400 or not _is_html(response):
            return
        known = self.error_templates[site_of(response.url)]
        if len(known) < MAX_ERROR_TEMPLATES:
            known.add(skeleton(_decode(response)[0]))

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if not isinstance(item, ArticleRecord) or response is None or not item.raw_pages:
            return item
        reason = self.reason(item, response)
        if reason is None:
            return item
        if self.stats:
            self.stats.inc_value(f"junk/{reason}")
        logger.info("not an article (%s): %s", reason, item.url)
        return None

    def reason(self, item: ArticleRecord, response: Response) -> str | None:
        decoded = response.meta.get("decoded")
        text, replaced = (decoded.text, decoded.replaced) if decoded else _decode(response)
        first = item.raw_pages[0]
        body = "".join(visible_text(page.body_html) for page in item.raw_pages)
        reason = not_article_reason(text, replaced, first.title, first.head_title,
                                    first.body_html, self.limits)
        short = len(body) <= self.limits.soft404_max_chars // ERROR_TEMPLATE_SHARE
        if reason is None and short and skeleton(text) in self.error_templates[site_of(response.url)]:
            reason = "error_template"
        return reason


def _is_html(response: Response) -> bool:
    content_type = (response.headers.get(b"Content-Type") or b"text/html").decode("latin-1")
    return "html" in content_type.lower()


def _decode(response: Response) -> tuple[str, int]:
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
    decoded = decode_html(response.body, content_type)
    return decoded.text, decoded.replaced
