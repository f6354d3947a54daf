"""The one item fanwen's spider yields: an article page, raw and then cleaned.

The spider fills the crawl facts and the raw extraction (one ``RawPage`` per
part of a multi-page article); the pipelines fill the rest in order: clean →
dedupe → store. Field names match the SQLite columns they end up in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArticlePage:
    """One article as seen on one site (all its parts), on its way to the archive."""

    # Crawl facts (spider)
    url: str  # the URL that answered (after redirects)
    canonical_url: str  # the article's URL: its trusted rel=canonical, else page_url
    site: str
    fetched_at: str
    page_url: str = ""  # canonical form of ``url``: the key of this page's sighting
    requested_url: str = ""
    http_status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    encoding: str | None = None
    replaced_chars: int = 0
    profile: str = "generic"
    page_urls: list[str] = field(default_factory=list)
    complete: bool = True  # False when a part of a multi-page article could not be fetched
    raw_pages: list[Any] = field(default_factory=list)  # crawler.extraction.extract.RawPage, one per part
    # Article (clean pipeline)
    title: str | None = None
    category: list[str] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published_at: str | None = None
    origin: str | None = None
    author: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    text: str = ""
    chars: int = 0
    content_hash: str | None = None
    site_names: list[str] = field(default_factory=list)  # what the site calls itself (来源 evidence)
    # Identity (dedupe pipeline)
    article_id: int | None = None
    match: str | None = None  # original | url | exact | near
    similarity: float | None = None
    groups: list[int] = field(default_factory=list)  # every archived group this page links to
