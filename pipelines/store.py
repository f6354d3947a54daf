"""Store pipeline: hand each cleaned article record to the archive's writer.

One call: the writer links the page to its copy groups, stores it and
decides the group's original in one transaction
(:meth:`crawler.archive.writer.ArchiveWriter.store`). Items that are not
article records (a user's own dicts without an article, archived records
re-emitted by an incremental crawl) pass through untouched.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.extensions.archive import ArchiveExtension
from pipelines.records import as_record


class StorePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._archive: ArchiveExtension | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("STORE_ENABLED"):
            raise NotConfigured("STORE_ENABLED is off")
        return cls(crawler)

    def open_spider(self) -> None:
        self._archive = self.crawler.get_extension(ArchiveExtension)
        if self._archive is None:
            raise NotConfigured("StorePipeline needs ArchiveExtension in EXTENSIONS")

    def process_item(self, item: Any) -> Any:
        record = as_record(item)
        if record is None or record.article is None:
            return item
        archive = self._archive
        if archive is None or not archive.open:
            raise DropItem(f"not stored, no run is open on the archive (locked?): {record.url}")
        archive.writer.store(record)
        return record
