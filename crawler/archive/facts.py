"""Page facts: what the ledger records about one URL, as plain JSON-safe dicts.

Built from what Scrapy hands to signal handlers and applied by
:meth:`crawler.archive.writer.ArchiveWriter.apply`; being plain dicts they
can also travel through a queue to a writer in another process.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import signals as fanwen_signals
from crawler.clock import utc_now
from crawler.links import canonical_url, site_of


def fetched_fact(request: Request, response: Response) -> dict[str, Any]:
    return {
        "event": "fetched",
        "url": canonical_url(response.url),
        "requested_url": request.meta.get("redirect_urls", [request.url])[0],
        "site": site_of(response.url),
        "kind": page_kind(request),
        "http_status": response.status,
        "etag": _header(response, b"ETag"),
        "last_modified": _header(response, b"Last-Modified"),
        "fetched_at": utc_now(),
        "error": None,
        **_warc_columns(request),
    }


def _warc_columns(request: Request) -> dict[str, Any]:
    """The page's WARC record (crawler/warc/capture.py); None when WARC_ENABLED is off."""
    where = request.meta.get("fanwen_warc") or {}
    return {f"warc_{key}": where.get(key) for key in ("file", "offset", "length")}


def failed_fact(request: Request, failure: Failure) -> dict[str, Any]:
    return {
        "event": "failed",
        "url": canonical_url(request.url),
        "requested_url": request.url,
        "site": site_of(request.url),
        "kind": page_kind(request),
        "http_status": getattr(getattr(failure.value, "response", None), "status", None),
        "fetched_at": utc_now(),
        "error": f"{type(failure.value).__name__}: {failure.getErrorMessage()}"[:500],
    }


def not_modified_fact(request: Request) -> dict[str, Any]:
    return {"event": "not_modified", "url": request.url, "fetched_at": utc_now()}


def gone_fact(request: Request, response: Response) -> dict[str, Any]:
    return {"event": "gone", "url": request.url, "http_status": response.status,
            "fetched_at": utc_now()}


class PageFactListener:
    """Turns the crawl's page signals into facts for :meth:`on_fact`.

    The local archive extension applies them to the writer; a distributed
    worker sends them to the ingest. Both listen to exactly the same signals.
    """

    def listen(self, crawler: Crawler) -> None:
        connect = crawler.signals.connect
        connect(self.response_received, signal=signals.response_received)
        connect(self.page_failed, signal=fanwen_signals.page_failed)
        connect(self.page_not_modified, signal=fanwen_signals.page_not_modified)
        connect(self.page_gone, signal=fanwen_signals.page_gone)

    def on_fact(self, fact: dict[str, Any]) -> None:
        raise NotImplementedError

    def response_received(self, response: Response, request: Request, spider: Any) -> None:
        self.on_fact(fetched_fact(request, response))

    def page_failed(self, request: Request, failure: Failure) -> None:
        self.on_fact(failed_fact(request, failure))

    def page_not_modified(self, request: Request) -> None:
        self.on_fact(not_modified_fact(request))

    def page_gone(self, request: Request, response: Response) -> None:
        self.on_fact(gone_fact(request, response))


def page_kind(request: Request) -> str:
    """The page kind the spider scheduled it as (a revisit is an article)."""
    kind = request.meta.get("page_kind", "other")
    return "article" if kind == "revisit" else str(kind)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
