"""The worker's last pipeline: cleaned items go to the crawl's Redis stream."""

from __future__ import annotations

import dataclasses
import json
from typing import Any, Self

import redis
from scrapy.crawler import Crawler
from scrapy_redis.connection import get_redis_from_settings

from crawler.distributed.keys import keys_from_settings


class StreamClient:
    """A component that adds entries to the crawl's Redis stream (items, page facts)."""

    def __init__(self, server: redis.Redis, stream: str) -> None:
        self.server = server
        self.stream = stream

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        return cls(get_redis_from_settings(settings), keys_from_settings(settings).stream)


class StreamPipeline(StreamClient):
    """XADD ``{"type": "item", "data": <record JSON>}``; the ingest stores it. Synchronous on
    purpose: when ``process_item`` returns, the item is in Redis and the request's lease
    may be acknowledged."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, dict):
            return item  # an archived record (ARCHIVE_EMIT_SKIPPED) is for feeds, not the archive
        data = json.dumps(item_payload(item), ensure_ascii=False)
        self.server.xadd(self.stream, {"type": "item", "data": data})
        return item


def item_payload(item: Any) -> dict[str, Any]:
    """The JSON-safe form of a cleaned item."""
    to_dict = getattr(item, "to_dict", None)
    if to_dict is not None:
        return dict(to_dict())
    payload = dataclasses.asdict(item)
    payload.pop("raw_pages", None)
    return payload
