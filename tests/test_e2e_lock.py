"""End to end: one crawl per archive. A second crawl started on the same
archive exits at once with exit code 4 and a message naming the holder;
through ``scrapy crawl`` the ledger closes the spider as ``archive_locked``."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demo.server import DemoServer
from crawler.demo.site import build_demo
from tests.e2e import (
    START_URLS,
    count,
    crawl_args,
    fast_settings,
    kill,
    query,
    run,
    start,
    wait_for,
)

EXIT_LOCKED = 4


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(build_demo(articles=40)) as running:
        yield running


def stop(holder: subprocess.Popen[str]) -> int:
    """The holder has shown what it had to: stop it cleanly (SIGINT) to save time."""
    return kill(holder, signal.SIGINT)


def test_two_crawls_at_once_exactly_one_crawls(server: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    procs = [start(crawl_args(db, server.proxy_url)) for _ in range(2)]
    try:
        assert wait_for(lambda: any(p.poll() is not None for p in procs), timeout=60)
        loser = next(p for p in procs if p.poll() is not None)
        winner = next(p for p in procs if p is not loser)
        _, err = loser.communicate()
        assert loser.returncode == EXIT_LOCKED, err[-2000:]
        assert f"is being crawled by pid {winner.pid}" in err
        assert err.strip().count("\n") == 0  # one line, no traceback
        assert wait_for(lambda: count(db, "articles") > 0, timeout=60)
        assert winner.poll() is None and stop(winner) == 3  # it was crawling
    finally:  # a failure here must not leave a crawl running into the next test
        for proc in procs:
            if proc.poll() is None:
                kill(proc, signal.SIGKILL)
    assert query(db, "SELECT count(*), sum(status = 'interrupted') FROM runs") == [(1, 1)]


def test_locked_out_crawl_exits_at_once(server: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    holder = start(crawl_args(db, server.proxy_url))
    try:
        assert wait_for(lambda: count(db, "runs") > 0, timeout=60)
        began = time.monotonic()
        done = run(crawl_args(db, server.proxy_url), timeout=60)
        assert done.returncode == EXIT_LOCKED and "is being crawled by pid" in done.stderr
        assert time.monotonic() - began < 15  # start-up time only: no crawling, no waiting
        assert holder.poll() is None
    finally:
        stop(holder)
    assert count(db, "runs") == 1


def test_scrapy_crawl_is_closed_as_archive_locked(server: DemoServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    holder = start(crawl_args(db, server.proxy_url))
    try:
        assert wait_for(lambda: count(db, "runs") > 0, timeout=60)
        args = [sys.executable, "-m", "scrapy", "crawl", "template",
                "-a", "start_urls=" + ",".join(START_URLS), "-s", f"ARCHIVE_PATH={db}"]
        for name, value in fast_settings(server.proxy_url).items():
            args += ["-s", f"{name}={value}"]
        done = run(args, timeout=120)
        assert "is being crawled by pid" in done.stderr
        assert "(archive_locked)" in done.stderr, done.stderr[-2000:]
        assert "'downloader/request_count'" not in done.stderr  # closed before any request
        assert holder.poll() is None
    finally:
        stop(holder)
    assert count(db, "runs") == 1
