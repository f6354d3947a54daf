"""The worker's page facts: what the local archive extension applies, sent to the stream."""

from __future__ import annotations

import json
from typing import Any, Self

import redis
from scrapy.crawler import Crawler
from scrapy_redis.connection import get_redis_from_settings

from crawler.archive.facts import PageFactListener
from crawler.distributed.keys import keys_from_settings


class StreamFacts(PageFactListener):
    """Fed by the signals the local ``ArchiveExtension`` listens to; each fact is XADDed
    at once (so it is in Redis before the request's lease is acknowledged)."""

    def __init__(self, server: redis.Redis, stream: str) -> None:
        self.server = server
        self.stream = stream

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        ext = cls(get_redis_from_settings(settings), keys_from_settings(settings).stream)
        ext.listen(crawler)
        return ext

    def on_fact(self, fact: dict[str, Any]) -> None:
        self.server.xadd(self.stream, {"type": "fact", "data": json.dumps(fact, ensure_ascii=False)})
