"""Depth counts navigation, not the pages of one article or links between articles.

``DEPTH_LIMIT`` bounds endless navigation (pagers, calendars). Scrapy's
depth is the depth of the first path a request was met on, so it depends on
the order pages are crawled; counting the parts of a multi-page article and
article → article links (related, 推荐) made that order decide what was
archived: a crawl one request at a time met related-only articles first at
the end of long related chains and dropped them at the limit, and dropped
part 3 of an article whose part 1 sat at depth 15 (the whole article was
lost, silently). Parts and related articles are finite (each fetched once),
so they inherit the depth of the article that links them.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response
from scrapy.spidermiddlewares.depth import DepthMiddleware

ARTICLE_KINDS = frozenset({"article", "revisit", "part"})


class ArticleDepthMiddleware(DepthMiddleware):
    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        if response is None or not _continues_article(request, response):
            return super().get_processed_request(request, response)
        request.meta.pop("depth_reset", None)
        depth = response.meta["depth"]
        request.meta["depth"] = depth
        if self.prio:
            request.priority -= depth * self.prio
        return request


def _continues_article(request: Request, response: Response) -> bool:
    """A part of this article, or an article linked from an article."""
    return (request.meta.get("page_kind") in ARTICLE_KINDS
            and response.meta.get("page_kind") in ARTICLE_KINDS)
