"""The worker's page facts: what the local archive extension applies, sent to the stream."""

from __future__ import annotations

import json
from typing import Any, Self

from scrapy.crawler import Crawler

from crawler.archive.facts import PageFactListener
from crawler.distributed.pipeline import StreamClient


class StreamFacts(StreamClient, PageFactListener):
    """Fed by the signals the local ``ArchiveExtension`` listens to; each fact is XADDed
    at once (so it is in Redis before the request's lease is acknowledged)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        ext = super().from_crawler(crawler)
        ext.listen(crawler)
        return ext

    def on_fact(self, fact: dict[str, Any]) -> None:
        self.server.xadd(self.stream, {"type": "fact", "data": json.dumps(fact, ensure_ascii=False)})
