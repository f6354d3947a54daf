"""The one writer of a distributed crawl: the Redis stream into the archive.

It reads the stream with a consumer group (XREADGROUP), hands page facts to
``ArchiveWriter.apply`` and items to ``ArchiveWriter.store`` and acknowledges
the entries (XACK) only once they are committed. Killed, it restarts by
reading its own unacknowledged entries first; the writer's idempotence makes
a re-applied entry a no-op ("unchanged"). It also reaps expired leases, so a
crawl whose workers all died still drains once workers come back.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import redis

from crawler.distributed import pagestates
from crawler.distributed.keys import RedisKeys
from crawler.distributed.leases import Leases

logger = logging.getLogger(__name__)
GROUP = "ingest"
CONSUMER = "ingest"  # one ingest per crawl: a restarted one owns the dead one's pending entries


class Ingest:
    def __init__(self, server: redis.Redis, keys: RedisKeys, writer: Any, db: Path,
                 batch: int = 200, block_ms: int = 500) -> None:
        self.server = server
        self.keys = keys
        self.writer = writer
        self.db = db
        self.batch = batch
        self.block_ms = block_ms
        self.leases = Leases(server, keys, 0)
        self.worker_stats: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()
        self.page_urls: set[str] = set()  # distinct pages of the run: its `pages` count
        self._recovering = True  # first our own pending entries (a killed ingest's)

    def ensure_group(self) -> None:
        try:
            self.server.xgroup_create(self.keys.stream, GROUP, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def run(self, follow: bool = False, idle_seconds: float = 2.0,
            others_done: Callable[[], bool] = lambda: True,
            progress: Callable[[Ingest], None] | None = None) -> None:
        """Ingest until the crawl is over (frontier, leases, stream all empty for
        ``idle_seconds`` and ``others_done()``), or forever with ``follow``."""
        self.ensure_group()
        quiet_since: float | None = None
        last_reap = 0.0
        while True:
            handled = self.step()
            if progress:
                progress(self)
            now = time.monotonic()
            if now - last_reap > 2.0:
                if reaped := self.leases.reap():
                    logger.info("%d expired leases back on the frontier", reaped)
                last_reap = now
            if handled or follow or not self.crawl_empty() or not others_done():
                quiet_since = None
                continue
            quiet_since = quiet_since or now
            if now - quiet_since >= idle_seconds:
                return

    def step(self) -> int:
        """Read and handle one batch; how many entries."""
        entries = self._read("0" if self._recovering else ">")
        if self._recovering and not entries:
            self._recovering = False
            return 0
        if entries:
            self.handle(entries)
        return len(entries)

    def _read(self, start: str) -> list[tuple[bytes, dict[bytes, bytes]]]:
        block = None if start == "0" else self.block_ms
        answer: Any = self.server.xreadgroup(GROUP, CONSUMER, {self.keys.stream: start},
                                             count=self.batch, block=block)
        return list(answer[0][1]) if answer else []

    def handle(self, entries: list[tuple[bytes, dict[bytes, bytes]]]) -> None:
        from crawler.items import ArticleRecord

        touched: list[str] = []
        for _, fields in entries:
            kind, data = fields[b"type"], json.loads(fields[b"data"])
            if kind == b"fact":
                self.writer.apply(data)
                self.page_urls.add(data["url"])
                touched.append(data["url"])
            elif kind == b"item":
                record = ArticleRecord.from_dict(data)
                self.counts[f"ingest/{self.writer.store(record)}"] += 1
                touched += [record.page_url, *record.page_urls]
            elif kind == b"stats":
                self.worker_stats.update({k: v for k, v in data.items()
                                          if isinstance(v, int | float)})
        self.writer.flush()  # facts are batched by the writer: commit before acknowledging
        self.server.xack(self.keys.stream, GROUP, *[entry_id for entry_id, _ in entries])
        pagestates.publish(self.server, self.keys, pagestates.read_states(self.db, touched))
        self.counts["ingest/entries"] += len(entries)

    def crawl_empty(self) -> bool:
        k = self.keys
        if self.server.zcard(k.frontier) or self.server.zcard(k.leases):
            return False
        if self.server.llen(k.start_urls):
            return False
        groups: Any = self.server.xinfo_groups(k.stream)
        mine = next((g for g in groups if g["name"] in (GROUP, GROUP.encode())), None)
        return mine is not None and not mine["pending"] and not mine["lag"]

    def stats(self) -> dict[str, Any]:
        """The run's stats: the workers' summed, then the ingest's own."""
        stats: dict[str, Any] = {k: v for k, v in self.worker_stats.items()
                                 if not k.startswith("ledger/")}
        stats.update(self.counts)
        stats["ledger/pages"] = len(self.page_urls)
        return stats
