"""The distributed crawl gives the one-process crawl's archive, even when its
processes are SIGKILLed (benchmarks/scale.py --kill-tries 5 runs this five times),
and crawls an archived site incrementally, reading the archive through Redis."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest
import redis

from crawler.demo.server import DemoServer
from crawler.demo.site import DemoSite, build_demo
from tests.distributed import role, seed, snapshot, spawn, worker_args
from tests.e2e import (
    START_URLS,
    consistency_problems,
    count,
    crawl,
    env,
    fast_settings,
    query,
    wait_for,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return build_demo(seed=2026, articles=60)


@pytest.fixture(scope="module")
def reference_db(site: DemoSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive of the one-process crawl of the same demo (not to be written to)."""
    db = tmp_path_factory.mktemp("local") / "archive.sqlite"
    with DemoServer(site) as server:
        crawl(db, server.proxy_url)
    return db


@pytest.fixture(scope="module")
def reference(reference_db: Path) -> dict[str, Any]:
    return snapshot(reference_db)


def distributed_crawl(site: DemoSite, redis_url: str, db: Path, workers: int
                      ) -> dict[str, Any]:
    """`fanwen crawl --redis` of the demo; its JSON summary (exit 0 and no warning required)."""
    with DemoServer(site) as server:
        args = role("crawl", *START_URLS, "--redis", redis_url, "--workers", str(workers),
                    "--db", str(db), "--json", "-s", "FANWEN_WORKER_IDLE_SECONDS=2")
        for name, value in fast_settings(server.proxy_url).items():
            args += ["-s", f"{name}={value}"]
        done = subprocess.run(args, capture_output=True, text=True, env=env(), cwd=ROOT,
                              timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Warning" not in done.stderr
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["finish_reason"] == "finished" and not summary["failures"]
    return summary


def test_three_workers_give_the_one_process_archive(
        site: DemoSite, reference: dict[str, Any], redis_url: str, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    summary = distributed_crawl(site, redis_url, db, workers=3)
    assert summary["articles_new"] == len(reference["articles"])
    assert snapshot(db) == reference
    assert consistency_problems(db) == []


def kill_run(site: DemoSite, redis_url: str, tmp: Path) -> Path:
    """Seed, ingest and 3 workers; SIGKILL a worker, then the ingest, mid-crawl;
    restart the ingest; the archive once everything finished."""
    db, log = tmp / "archive.sqlite", tmp / "roles.log"
    client = redis.Redis.from_url(redis_url)
    # Slow pages so that the kills land mid-crawl; short leases so the reaper acts soon.
    with DemoServer(site, latency=0.05) as server:
        seed(redis_url)
        ingest = spawn(role("ingest", "--redis", redis_url, "--db", str(db), "--idle", "3"), log)
        workers = [spawn(worker_args(redis_url, server.proxy_url, idle=4, FANWEN_LEASE_SECONDS=3,
                                     WARC_DIR=tmp / "warc"), log) for _ in range(3)]
        assert wait_for(lambda: client.xlen("fanwen:stream") > 80, timeout=120)
        workers[0].send_signal(signal.SIGKILL)
        assert wait_for(lambda: client.xlen("fanwen:stream") > 250, timeout=120)
        ingest.send_signal(signal.SIGKILL)
        ingest.wait(30)
        ingest = spawn(role("ingest", "--redis", redis_url, "--db", str(db), "--idle", "3"), log)
        assert ingest.wait(300) == 0, log.read_text()[-3000:]
        for worker in workers[1:]:
            assert worker.wait(120) == 0, log.read_text()[-3000:]
        workers[0].wait(10)
    client.close()
    assert "Warning" not in log.read_text()
    return db


def test_killed_worker_and_ingest_lose_and_duplicate_nothing(
        site: DemoSite, reference: dict[str, Any], redis_url: str, tmp_path: Path) -> None:
    db = kill_run(site, redis_url, tmp_path)
    assert consistency_problems(db) == []
    assert snapshot(db) == reference


COUNTED = ("articles", "sightings", "texts", "article_versions")


def test_incremental_distributed_crawl_skips_archived_pages(
        site: DemoSite, reference_db: Path, redis_url: str, tmp_path: Path) -> None:
    """A second crawl, distributed, of an archive that holds the demo: the workers learn
    from Redis (RedisArchiveReader) which pages are archived and not due, fetch none of
    them, skip as many as a second local crawl does, and the archive is as it was but
    for one more run."""
    db, local_db = tmp_path / "archive.sqlite", tmp_path / "local.sqlite"
    for copy in (db, local_db):
        shutil.copyfile(reference_db, copy)  # the reference crawl has ended: no WAL behind
    before = {table: count(db, table) for table in COUNTED}
    article_pages = {url for (url,) in query(db, "SELECT url FROM pages WHERE article_id IS NOT "
                                                 "NULL AND kind IN ('article', 'other')")}
    summary = distributed_crawl(site, redis_url, db, workers=2)
    with DemoServer(site) as server:
        local = crawl(local_db, server.proxy_url)
    assert summary["articles_new"] == summary["articles_updated"] == summary["copies"] == 0
    assert summary["skipped"] == local["skipped"] > 100
    stats = json.loads(query(db, "SELECT stats FROM runs WHERE id = 2")[0][0])
    assert stats["incremental/skipped"] == summary["skipped"]
    fetched = {url for (url,) in query(db, "SELECT url FROM pages WHERE run_id = 2")}
    assert fetched and fetched.isdisjoint(article_pages)  # lists only
    assert {table: count(db, table) for table in COUNTED} == before
    assert count(db, "runs") == 2
    assert snapshot(db) == snapshot(reference_db)
