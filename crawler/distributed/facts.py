"""The worker's page facts: what the local archive extension applies, sent to the stream."""

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
from crawler.archive.facts import failed_fact, fetched_fact, gone_fact, not_modified_fact
from crawler.distributed.keys import keys_from_settings


class StreamFacts:
    """Fed by the signals the local ``ArchiveExtension`` listens to; each fact is XADDed
    at once (so it is in Redis before the request's lease is acknowledged)."""

    def __init__(self, server: redis.Redis, stream: str) -> None:
        self.server = server
        self.stream = stream

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        ext = cls(get_redis_from_settings(settings), keys_from_settings(settings).stream)
        connect = crawler.signals.connect
        connect(ext.response_received, signal=signals.response_received)
        connect(ext.page_failed, signal=fanwen_signals.page_failed)
        connect(ext.page_not_modified, signal=fanwen_signals.page_not_modified)
        connect(ext.page_gone, signal=fanwen_signals.page_gone)
        return ext

    def send(self, fact: dict[str, Any]) -> None:
        self.server.xadd(self.stream, {"type": "fact", "data": json.dumps(fact, ensure_ascii=False)})

    def response_received(self, response: Response, request: Request, spider: Any) -> None:
        self.send(fetched_fact(request, response))

    def page_failed(self, request: Request, failure: Failure) -> None:
        self.send(failed_fact(request, failure))

    def page_not_modified(self, request: Request) -> None:
        self.send(not_modified_fact(request))

    def page_gone(self, request: Request, response: Response) -> None:
        self.send(gone_fact(request, response))
