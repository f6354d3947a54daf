"""Incremental crawling: skip archived article pages that are not due, ask
the server whether due ones changed, and notice pages that are gone.

List pages are never skipped (that is where new articles appear). Any other
page the archive holds an article of (whatever its URL looks like: pages of
unknown URL shape are articles only once read) and fetched less than
``ARCHIVE_REFRESH_DAYS`` ago is not requested at all; an older one is
requested with If-None-Match / If-Modified-Since, and a 304 only moves its
last-seen time. The middleware only reads the archive (``ArchiveReader``); a
304 or a 404/410 is a page fact sent as a signal for the archive's writer. A server sending no validators answers in full; the store
then counts an unchanged text as unchanged (``store/unchanged``). When part 1
of a multi-page article answers 304, its parts 2+ are asked for
conditionally too (the spider schedules them from ``fanwen_parts``): a 304
on each leaves the article as it is, a changed part refetches the article
whole. A 404/410 marks the page gone and keeps the article. A page last fetched by a run that never finished (killed,
interrupted) is fetched in full, neither skipped nor asked conditionally:
that run may have died before following its links, and only a body gives
them (``incremental/unfinished_run_refetch``). ``ARCHIVE_INCREMENTAL = False``
(``fanwen crawl --full``) turns all of this off.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector

from crawler import signals as fanwen_signals
from crawler.archive.reader import ArchiveReader

logger = logging.getLogger(__name__)
NEVER_SKIPPED = frozenset({"list", "part"})  # lists find new articles; parts go with their article
GONE = frozenset({404, 410})


def refresh_cutoff(settings: BaseSettings, site: str) -> str:
    """Pages of ``site`` fetched before this instant are due for a refetch
    (``ARCHIVE_REFRESH_DAYS``, or the site's own in ``ARCHIVE_REFRESH_DAYS_BY_SITE``)."""
    per_site = settings.getdict("ARCHIVE_REFRESH_DAYS_BY_SITE")
    days = float(per_site.get(site, settings.getfloat("ARCHIVE_REFRESH_DAYS")))
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


class IncrementalMiddleware:
    def __init__(self, crawler: Crawler, stats: StatsCollector | None = None,
                 emit_skipped: bool = False) -> None:
        self.crawler = crawler
        self.stats = stats
        self.emit_skipped = emit_skipped
        self._reader: ArchiveReader | None = None
        self._unfinished: set[int] | None = None  # read at the first request: the run is open then

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not (settings.getbool("ARCHIVE_INCREMENTAL") and settings.getbool("STORE_ENABLED")):
            raise NotConfigured("ARCHIVE_INCREMENTAL is off")
        return cls(crawler, crawler.stats, settings.getbool("ARCHIVE_EMIT_SKIPPED"))

    @property
    def reader(self) -> ArchiveReader:
        if self._reader is None:
            self._reader = self.crawler.get_extension(ArchiveReader)
            if self._reader is None:
                raise NotConfigured("IncrementalMiddleware needs ArchiveReader in EXTENSIONS")
        return self._reader

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        meta = request.meta
        if meta.get("fanwen_full") or (
            meta.get("page_kind") in NEVER_SKIPPED and not meta.get("fanwen_part_check")
        ):
            return
        state = self.reader.page_state(request.url)
        if state is None:
            return
        if meta.get("fanwen_part_check"):
            self._conditional(request, state)  # its first part was due: so is this part
            return
        if state["run_id"] in self._unfinished_runs():
            self._inc("incremental/unfinished_run_refetch")
            return
        if state["fetched_at"] >= refresh_cutoff(self.crawler.settings,
                                             urlsplit(request.url).hostname or ""):
            self._inc("incremental/skipped")
            if self.emit_skipped:  # the spider puts the archived record into the feed
                request.meta["fanwen_archived_record"] = self.reader.archived_record(
                    state["article_id"])
            raise IgnoreRequest(f"archived and not due for refresh: {request.url}")
        self._conditional(request, state)

    def _conditional(self, request: Request, state: dict[str, Any]) -> None:
        if state["etag"]:
            request.headers["If-None-Match"] = state["etag"]
        if state["last_modified"]:
            request.headers["If-Modified-Since"] = state["last_modified"]
        request.meta["fanwen_conditional"] = True
        request.meta["handle_httpstatus_list"] = [304, *GONE]

    def _unfinished_runs(self) -> set[int]:
        if self._unfinished is None:
            self._unfinished = self.reader.unfinished_run_ids()
        return self._unfinished

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Any:
        if not request.meta.get("fanwen_conditional"):
            return response
        if response.status == 304:
            self.crawler.signals.send_catch_log(fanwen_signals.page_not_modified, request=request)
            if request.meta.get("fanwen_part_check"):
                self._inc("incremental/parts_not_modified")
            else:
                self._inc("incremental/not_modified")
                request.meta["fanwen_parts"] = self.reader.part_urls(request.url)
            raise IgnoreRequest(f"not modified: {request.url}")
        if response.status in GONE:
            self.crawler.signals.send_catch_log(fanwen_signals.page_gone, request=request,
                                                response=response)
            self._inc("incremental/gone")
            logger.info("gone (%s): %s; its article is kept", response.status, request.url)
            raise IgnoreRequest(f"gone: {request.url}")
        return response

    def _inc(self, key: str) -> None:
        if self.stats:
            self.stats.inc_value(key)
