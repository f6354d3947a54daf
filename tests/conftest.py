"""Shared fixtures: a crawler with fanwen's settings and a fresh archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from crawler.items import ArticleRecord
from crawler.runner import project_settings
from crawler.spiders.template import TemplateSpider


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.sqlite"


@pytest.fixture
def make_crawler(archive_path: Path):
    def make(**overrides: Any) -> Crawler:
        settings = project_settings({"ARCHIVE_PATH": str(archive_path), **overrides})
        ours = {
            name: value
            for name, value in settings.copy_to_dict().items()
            if (settings.getpriority(name) or 0) > 0 and not name.startswith("TWISTED_")
        }
        return get_crawler(TemplateSpider, settings_dict=ours)

    return make


def cleaned_item(url: str, text: str, title: str = "标题", site: str | None = None,
                 **article_fields: Any) -> ArticleRecord:
    """A record as it leaves the clean pipeline (``article_fields``: published_at, author …)."""
    from crawler.extraction.metadata import Article
    from crawler.links import site_of

    return ArticleRecord(
        url=url, canonical_url=url, page_url=url, site=site or site_of(url),
        fetched_at="2026-01-01T00:00:00Z", page_urls=[url],
        article=Article(title=title, paragraphs=text.split("\n"), **article_fields),
    )


def store_records(crawler: Crawler, records: list[ArticleRecord]) -> list[ArticleRecord]:
    """``records`` through the archive's writer in one run, as a crawl stores them."""
    from crawler.archive.writer import ArchiveWriter

    writer = ArchiveWriter(crawler.settings.get("ARCHIVE_PATH"), crawler.settings, crawler.stats)
    writer.open_run({}, ["test"])
    try:
        for record in records:
            writer.store(record)
    finally:
        writer.close()
    return records


@pytest.fixture
def redis_url(tmp_path: Path):
    """A fresh redis-server of this test's own (see tests/redis_server.py)."""
    from tests.redis_server import RedisServer

    with RedisServer(tmp_path / "redis") as server:
        yield server.url
