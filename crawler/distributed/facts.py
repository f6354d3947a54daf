"""The worker's page facts: what the local archive extension writes, sent to the stream."""

from __future__ import annotations

import json
from typing import Any, Self

import redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_redis.connection import get_redis_from_settings
from twisted.python.failure import Failure

from crawler import signals as fanwen_signals
from crawler.archive.db import utc_now
from crawler.distributed.keys import keys_from_settings
from crawler.links import canonical_url, site_of


class StreamFacts:
    """Fed by the same signals as the local ledger; each fact is XADDed at once (so it is
    in Redis before the request's lease is acknowledged)."""

    def __init__(self, server: redis.Redis, stream: str) -> None:
        self.server = server
        self.stream = stream

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        ext = cls(get_redis_from_settings(settings), keys_from_settings(settings).stream)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.page_failed, signal=fanwen_signals.page_failed)
        return ext

    def send(self, fact: dict[str, Any]) -> None:
        self.server.xadd(self.stream, {"type": "fact", "data": json.dumps(fact, ensure_ascii=False)})

    def response_received(self, response: Response, request: Request, spider: Any) -> None:
        self.send({
            "event": "fetched", "url": canonical_url(response.url),
            "requested_url": request.meta.get("redirect_urls", [request.url])[0],
            "site": site_of(response.url), "kind": _kind(request),
            "http_status": response.status, "etag": _header(response, b"ETag"),
            "last_modified": _header(response, b"Last-Modified"), "fetched_at": utc_now(),
            "error": None,
        })

    def page_failed(self, request: Request, failure: Failure) -> None:
        self.send({
            "event": "failed", "url": canonical_url(request.url), "requested_url": request.url,
            "site": site_of(request.url), "kind": _kind(request),
            "http_status": getattr(getattr(failure.value, "response", None), "status", None),
            "fetched_at": utc_now(),
            "error": f"{type(failure.value).__name__}: {failure.getErrorMessage()}"[:500],
        })


def _kind(request: Request) -> str:
    kind = request.meta.get("page_kind", "other")
    return "article" if kind == "revisit" else kind


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
