"""The ingest role and ``fanwen crawl --redis`` (seed + N workers + ingest here)."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from crawler.distributed import pagestates
from crawler.distributed.ingest import Ingest
from crawler.distributed.keys import RedisKeys

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestResult:
    """What ``crawler.runner.CrawlResult`` says of a local crawl, for the same summary."""

    finish_reason: str
    stats: dict[str, Any]
    error: str | None = None

    @property
    def ok(self) -> bool:
        from crawler.health import failures

        return self.error is None and self.finish_reason == "finished" and not failures(self.stats)

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0) or 0)


class _Stats(MemoryStatsCollector):
    """A stats collector without a crawler: the writer counts into it."""

    def __init__(self) -> None:
        self._dump = False
        self._stats: dict[str, Any] = {}
        self.spider_stats: dict[str, Any] = {}


def ingest(server: redis.Redis, keys: RedisKeys, db: Path, settings: Settings,
           follow: bool = False, idle_seconds: float = 2.0,
           others_done: Callable[[], bool] = lambda: True,
           progress: Callable[[Ingest], None] | None = None) -> IngestResult:
    """Open a run on the archive, ingest the crawl's stream to its end, close the run.
    The caller holds the archive lock."""
    from crawler.archive.writer import ArchiveWriter

    stats = _Stats()
    writer = ArchiveWriter(db, settings, stats)
    sites = sorted(s.decode() for s in server.smembers(keys.sites))  # type: ignore[union-attr]
    run_id = writer.open_run({"role": "ingest", "redis_prefix": keys.prefix}, sites)
    published = pagestates.publish_archive(server, keys, db, run_id)
    logger.info("run %s: %d archived page states published for the workers", run_id, published)
    reader = Ingest(server, keys, writer, db)
    reason, error = "finished", None
    try:
        reader.run(follow, idle_seconds, others_done, progress)
    except KeyboardInterrupt:
        reason = "shutdown"
    except Exception as exc:  # the run row must say the ingest died, and why
        reason, error = "ingest_error", f"{type(exc).__name__}: {exc}"
        logger.exception("the ingest failed")
    all_stats = {**reader.stats(), **stats.get_stats(), "finish_reason": reason}
    status = "ok" if reason == "finished" and error is None else (
        "interrupted" if reason == "shutdown" else "failed")
    writer.close_run(status, reason, all_stats)
    writer.close()
    return IngestResult(reason, all_stats, error)


def start_workers(redis_url: str, prefix: str, count: int, idle: float,
                  settings: dict[str, str], log_level: str) -> list[subprocess.Popen[bytes]]:
    """``count`` worker processes of this Python, like ``fanwen worker`` on another machine."""
    args = [sys.executable, "-m", "crawler", "worker", "--redis", redis_url, "--prefix", prefix,
            "--idle", str(idle), "--log-level", log_level]
    for name, value in settings.items():
        args += ["-s", f"{name}={value}"]
    return [subprocess.Popen(args) for _ in range(count)]


def wait_workers(workers: list[subprocess.Popen[bytes]], timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    codes = []
    for process in workers:
        try:
            codes.append(process.wait(timeout=max(0.1, deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            process.terminate()
            codes.append(process.wait())
    return codes
