"""The one record of an article on its way to the archive.

A record is the crawl identity of one page (all its parts: URLs, site, when,
which profile read it) plus, once the clean pipeline has run, the
:class:`~crawler.extraction.metadata.Article` it holds. The spider attaches
the raw extraction of each part (``raw_pages``), which the clean pipeline
turns into the article and then drops. ``to_dict``/``from_dict`` carry a
record across processes (JSON-safe); the archive's columns for the article
are listed once, in :mod:`crawler.archive.columns`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from crawler.extraction.metadata import Article


@dataclass
class ArticleRecord:
    """One article as seen on one site, on its way to the archive."""

    url: str  # the URL that answered (after redirects)
    canonical_url: str  # the article's URL: its trusted rel=canonical, else page_url
    site: str
    fetched_at: str
    page_url: str = ""  # canonical form of ``url``: the key of this page's sighting
    profile: str = "generic"
    page_urls: list[str] = field(default_factory=list)  # every part, first included
    complete: bool = True  # False when a part of a multi-page article could not be fetched
    site_names: list[str] = field(default_factory=list)  # what the site calls itself (来源 evidence)
    article: Article | None = None  # the clean pipeline's result
    raw_pages: list[Any] = field(default_factory=list)  # RawPage per part; dropped once cleaned
    # What the archive made of it (the store pipeline fills them; feeds and logs read them).
    article_id: int | None = None
    match: str | None = None  # original | url | exact | near
    similarity: float | None = None  # of a near match

    def __post_init__(self) -> None:
        self.page_url = self.page_url or self.url

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe: everything but the raw pages."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "raw_pages"}
        data["article"] = asdict(self.article) if self.article is not None else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleRecord:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        if isinstance(values.get("article"), dict):
            values["article"] = Article(**values["article"])
        return cls(**values)
