"""Answer a crawl's requests from the WARC files instead of the network.

``WarcReplayHandler`` is a Scrapy download handler (``DOWNLOAD_HANDLERS`` for
http and https), so a replay runs the normal crawl machinery: spider,
middlewares, pipelines, archive, exactly as a crawl. Each URL is answered
with its last capture (the answer the crawl ended with after retries); a
304 revisit is passed over (the full answer before it is the page), an
identical-payload revisit gets its referred record's body. A URL never
captured is refused with ``IgnoreRequest`` (counted ``replay/not_captured``):
nothing leaves the machine.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Self

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from crawler.warc.capture import META, warc_dir
from crawler.warc.reader import Capture, read_at, run_of, scan, warc_files
from crawler.warc.records import NOT_MODIFIED

logger = logging.getLogger(__name__)


class ReplayIndex:
    """URL → its last full capture, over the files of runs ≥ ``since_run``."""

    def __init__(self, directory: Path, since_run: int = 0) -> None:
        self.directory = Path(directory)
        self.by_url: dict[str, Capture] = {}
        bodies: dict[str, Capture] = {}  # record id → response, for identical-payload revisits
        for path in warc_files(self.directory):
            if (run_of(path.name) or 0) < since_run:
                continue
            for capture in scan(path):
                if capture.kind == "response":
                    bodies[capture.record_id] = replace(capture, body=b"")  # bodies read lazily
                    self.by_url[capture.uri] = replace(capture, body=b"")
                elif capture.profile != NOT_MODIFIED and capture.refers_to in bodies:
                    self.by_url[capture.uri] = capture
        self._bodies = bodies

    def __len__(self) -> int:
        return len(self.by_url)

    def answer(self, url: str) -> tuple[Capture, bytes] | None:
        """The capture of ``url`` and its payload, read from disk now."""
        capture = self.by_url.get(url)
        if capture is None or capture.location is None:
            return None
        source = self._bodies[capture.refers_to or ""] if capture.kind == "revisit" else capture
        assert source.location is not None  # every indexed capture came from scan()
        return capture, read_at(self.directory, source.location).body


class WarcReplayHandler(BaseDownloadHandler):
    def __init__(self, crawler: Crawler, index: ReplayIndex) -> None:
        super().__init__(crawler)
        self.index = index

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        index = getattr(crawler, "_fanwen_replay_index", None)  # one scan for http and https
        if index is None:
            index = ReplayIndex(warc_dir(settings), settings.getint("WARC_REPLAY_SINCE_RUN"))
            crawler._fanwen_replay_index = index  # type: ignore[attr-defined]
            logger.info("replaying %d captured URLs from %s", len(index), index.directory)
        return cls(crawler, index)

    async def download_request(self, request: Request) -> Response:
        found = self.index.answer(request.url)
        stats = self.crawler.stats
        if found is None:
            if stats:
                stats.inc_value("replay/not_captured")
            raise IgnoreRequest(f"never captured, not fetched (replay): {request.url}")
        capture, body = found
        assert capture.location is not None
        request.meta[META] = capture.location.as_meta()  # the page row keeps its record
        if stats:
            stats.inc_value("replay/responses")
        headers = Headers(capture.headers)
        cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return cls(url=request.url, status=capture.status, headers=headers, body=body,
                   request=request, flags=["replay"], protocol="HTTP/1.1")
