"""Every Redis key of one distributed crawl, under one prefix (``FANWEN_REDIS_PREFIX``)."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.settings import BaseSettings


@dataclass(frozen=True)
class RedisKeys:
    prefix: str = "fanwen"

    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    @property
    def frontier(self) -> str:  # ZSET request → -priority (scrapy-redis's PriorityQueue)
        return self.key("requests")

    @property
    def dupefilter(self) -> str:  # SET of request fingerprints
        return self.key("dupefilter")

    @property
    def leases(self) -> str:  # ZSET lease id → deadline (Redis server time)
        return self.key("leases")

    @property
    def lease_data(self) -> str:  # HASH lease id → encoded request
        return self.key("lease:data")

    @property
    def lease_score(self) -> str:  # HASH lease id → its frontier score (to put it back)
        return self.key("lease:score")

    @property
    def lease_seq(self) -> str:  # counter of lease ids
        return self.key("lease:seq")

    @property
    def stream(self) -> str:  # STREAM of items and page facts for the ingest
        return self.key("stream")

    @property
    def sites(self) -> str:  # SET of the crawl's hosts (the workers' allowed sites)
        return self.key("sites")

    @property
    def start_urls(self) -> str:  # LIST of scrapy-redis start data (JSON or a bare URL)
        return self.key("start_urls")

    @property
    def pages(self) -> str:  # HASH url → JSON page state (what the archive knows, for workers)
        return self.key("pages")

    @property
    def archive(self) -> str:  # HASH: ready flag, unfinished run ids, run id (ingest's view)
        return self.key("archive")

    def host(self, kind: str, host: str) -> str:  # shared politeness state per host
        return self.key(f"host:{kind}:{host}")


def keys_from_settings(settings: BaseSettings) -> RedisKeys:
    return RedisKeys(settings.get("FANWEN_REDIS_PREFIX") or "fanwen")
