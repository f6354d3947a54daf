"""The archive reader of a worker: answers from the page states the ingest publishes
in Redis (crawler/distributed/pagestates.py), since a worker has no archive file."""

from __future__ import annotations

import json
import logging
from typing import Any, Self

import redis
from scrapy.crawler import Crawler
from scrapy_redis.connection import get_redis_from_settings

from crawler.archive.reader import ArchiveReader
from crawler.distributed.keys import RedisKeys, keys_from_settings

logger = logging.getLogger(__name__)
STATE_FIELDS = ("url", "fetched_at", "etag", "last_modified", "article_id", "gone_at", "run_id")


class RedisArchiveReader(ArchiveReader):
    """Put in ``EXTENSIONS`` in place of ``ArchiveReader``: every component that asks
    ``crawler.get_extension(ArchiveReader)`` then reads Redis."""

    server: redis.Redis
    keys: RedisKeys
    _said_no_records = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        reader = cls("")
        reader.server = get_redis_from_settings(crawler.settings)
        reader.keys = keys_from_settings(crawler.settings)
        return reader

    def _state(self, url: str) -> dict[str, Any] | None:
        raw: Any = self.server.hget(self.keys.pages, url)
        return json.loads(raw) if raw else None

    def page_state(self, url: str) -> dict[str, Any] | None:
        state = self._state(url)
        return {k: state.get(k) for k in STATE_FIELDS} if state else None

    def part_urls(self, url: str) -> list[str]:
        state = self._state(url)
        return list(state.get("parts") or []) if state else []

    def due_article_urls(self, site: str, fetched_before: str) -> list[str]:
        due = []
        for _, raw in self.server.hscan_iter(self.keys.pages):
            state = json.loads(raw)
            if (state["site"] == site and state["kind"] in ("article", "other")
                    and not state["gone_at"] and state["fetched_at"] < fetched_before):
                due.append((state["fetched_at"], state["url"]))
        return [url for _, url in sorted(due)]

    def unfinished_run_ids(self) -> set[int]:
        raw: Any = self.server.hget(self.keys.archive, "unfinished_runs")
        return set(json.loads(raw)) if raw else set()

    def archived_record(self, article_id: int) -> dict[str, Any] | None:
        """None: a worker's feed cannot get skipped articles (``ARCHIVE_EMIT_SKIPPED``).

        Their records would have to be in Redis before any worker asks, i.e. the
        ingest would copy every archived text into Redis memory (the whole archive)
        for a feature only feeds use; `fanwen export` gives the archive's records
        instead. Said once per worker, so the feed's gap is not a mystery."""
        if not self._said_no_records:
            self._said_no_records = True
            logger.warning("ARCHIVE_EMIT_SKIPPED: a worker has no archived records, skipped "
                           "articles are not in its feed (use `fanwen export`; docs/scaling.md)")
        return None

    def close(self) -> None:
        """Nothing to close: the Redis client is shared."""
