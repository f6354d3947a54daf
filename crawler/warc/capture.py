"""Capture every HTTP exchange of a crawl into WARC files, as it happens.

A downloader middleware placed next to the downloader (``WARC_CAPTURE_ORDER``
in ``DOWNLOADER_MIDDLEWARES``, above every built-in one), so it sees each
exchange exactly as sent and received: every redirect hop, 304s, 404s,
retried 503s, robots.txt (fetched through the same middleware chain), with
the headers the other middlewares set on the request and the body before
``HttpCompressionMiddleware`` decompresses it. Requests that got no response
(DNS, refused, timeout) are not recorded: WARC has no record type for a
missing answer, and the ledger keeps their error.

Where the record went is put on the request, ``meta["fanwen_warc"] =
{"file", "offset", "length"}``, for the ledger's ``pages`` row.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Self

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector

from crawler.warc import records as rec
from crawler.warc.files import WarcFileSet

logger = logging.getLogger(__name__)
META = "fanwen_warc"


def warc_dir(settings: BaseSettings) -> Path:
    """``WARC_DIR``, or ``warc/`` beside the archive file."""
    configured = settings.get("WARC_DIR")
    return Path(configured) if configured else Path(settings.get("ARCHIVE_PATH")).parent / "warc"


def _run_id(crawler: Crawler) -> int | None:
    """The archive run this crawl writes (names the files); None without a local archive
    (STORE_ENABLED off, a distributed worker: the files are named by time alone)."""
    from crawler.extensions.archive import ArchiveExtension

    extension = crawler.get_extension(ArchiveExtension)
    return extension.writer.run_id if extension is not None else None


class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler, directory: Path, max_size: int,
                 stats: StatsCollector | None = None) -> None:
        self.crawler = crawler
        self.directory = directory
        self.max_size = max_size
        self.stats = stats
        self.files: WarcFileSet | None = None
        self._first: dict[str, dict[str, str]] = {}  # payload digest → its first record (this run)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED"):
            raise NotConfigured  # bare: Scrapy logs a reason as a WARNING, and off is a choice
        middleware = cls(crawler, warc_dir(settings), settings.getint("WARC_MAX_SIZE"),
                         crawler.stats)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        if self.files is None:
            self.files = WarcFileSet(self.directory, _run_id(self.crawler), self.max_size)
        date = rec.warc_date()
        first = self._response_or_revisit(response, date)
        location = self.files.append([first, rec.request_record(request, date)])
        request.meta[META] = location.as_meta()
        self._inc("warc/records", 2)
        return response

    def _response_or_revisit(self, response: Response, date: str) -> Any:
        if response.status == 304:
            self._inc("warc/revisit/server_not_modified")
            return rec.revisit_record(response, date, rec.NOT_MODIFIED)
        if response.status != 200 or not response.body:
            return rec.response_record(response, date)
        digest = rec.payload_digest(response.body)
        earlier = self._first.get(digest)
        if earlier is not None:
            self._inc("warc/revisit/identical_payload")
            return rec.revisit_record(response, date, rec.IDENTICAL, earlier)
        record = rec.response_record(response, date)
        self._first[digest] = {"id": record.rec_headers.get_header("WARC-Record-ID"),
                               "uri": response.url, "date": date, "digest": digest}
        return record

    def spider_closed(self, spider: Spider) -> None:
        if self.files is not None:
            self.files.close()
            if self.stats:
                self.stats.set_value("warc/bytes", self.files.bytes_written)
                self.stats.set_value("warc/files", self.files.sequence)

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats:
            self.stats.inc_value(key, count)
