"""Any item to an :class:`~crawler.items.ArticleRecord`, the Scrapy way.

fanwen's spider yields records; a user's own spider may yield dicts or
other item types (``itemadapter`` reads them all) with the record's fields
and either the article's fields at the top level (``title``, ``paragraphs``
or ``text`` …) or an ``article`` mapping. Items that are neither (such as the
archived records an incremental crawl re-emits, marked ``archived``) give None
and pass through the pipelines unchanged.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from itemadapter import ItemAdapter, is_item

from crawler.clock import utc_now
from crawler.extraction.metadata import Article
from crawler.items import ArticleRecord
from crawler.links import canonical_url, site_of

_ARTICLE_FIELDS = {f.name for f in fields(Article)}


def as_record(item: Any) -> ArticleRecord | None:
    if isinstance(item, ArticleRecord):
        return item
    if not is_item(item):
        return None
    data = ItemAdapter(item).asdict()
    if data.get("archived") or not data.get("url"):
        return None
    article = data.get("article")
    if not isinstance(article, dict):
        article = {key: data[key] for key in _ARTICLE_FIELDS if key in data}
        if "paragraphs" not in article and isinstance(data.get("text"), str):
            article["paragraphs"] = [p for p in data["text"].split("\n") if p.strip()]
    if not article.get("paragraphs") and not data.get("raw_pages"):
        return None
    url = str(data["url"])
    page_url = str(data.get("page_url") or canonical_url(url))
    return ArticleRecord.from_dict({
        "page_url": page_url, "canonical_url": data.get("canonical_url") or page_url,
        "site": data.get("site") or site_of(url), "page_urls": [page_url],
        "fetched_at": data.get("fetched_at") or utc_now(),
        **{key: value for key, value in data.items() if key not in _ARTICLE_FIELDS},
        "article": Article(**article) if article.get("paragraphs") else None,
    })
