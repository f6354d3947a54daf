"""Politeness holds for the whole distributed crawl, not per worker: two workers
together keep ``FANWEN_HOST_DELAY`` between the requests to one host (checked
where it counts, at the server, from its request log).

Workers claim a host's turn in Redis at the moment of sending; the claims are
never closer than the delay. A worker whose CPU is busy (extracting a page, or a
machine shared with other jobs) may still put a claimed request on the wire
late, which shortens the *next* gap seen at the server by as much as it
lengthened its own: no client can promise every arrival gap on a starved
machine (nor does Scrapy in one process). What it can promise, and what two
workers each keeping their own delay would break (they would hit the host twice
as often), is checked here: the typical gap is the delay, and no stretch of
requests comes faster than one per delay, give or take one late send.
"""

from __future__ import annotations

import statistics
import subprocess
from collections import defaultdict
from pathlib import Path

from crawler.demo.server import DemoServer
from crawler.demo.site import build_demo
from tests.distributed import role
from tests.e2e import env, fast_settings

ROOT = Path(__file__).resolve().parent.parent
DELAY = 0.25
PAGES = 16  # enough consecutive requests to the host, a short test
HOST_URL = "http://www.aixuefw.test/"
LATE = 0.3  # how late one claimed request may be sent by a worker starved of CPU


def host_gaps(log: list[tuple[float, str, str]]) -> dict[str, list[float]]:
    """Seconds between consecutive requests to each host, in arrival order."""
    times: dict[str, list[float]] = defaultdict(list)
    for at, host, _ in sorted(log):
        times[host].append(at)
    return {host: [b - a for a, b in zip(ts, ts[1:], strict=False)] for host, ts in times.items()}


def test_host_delay_holds_across_two_workers(redis_url: str, tmp_path: Path) -> None:
    # One host, Scrapy's own per-process delay off, two requests in flight per worker: both
    # workers keep asking for the same host, and only the shared claim in Redis spaces them.
    # (Each worker keeping DOWNLOAD_DELAY alone instead gives a median gap of half the delay.)
    settings = {"DOWNLOAD_DELAY": "0", "FANWEN_HOST_DELAY": str(DELAY),
                "CONCURRENT_REQUESTS": "2", "CRAWL_MAX_PAGES_PER_SITE": str(PAGES),
                "FANWEN_WORKER_IDLE_SECONDS": "2"}
    with DemoServer(build_demo(seed=2026, articles=60), log_requests=True) as server:
        args = role("crawl", HOST_URL, "--redis", redis_url, "--workers", "2",
                    "--db", str(tmp_path / "archive.sqlite"), "--json")
        for name, value in {**fast_settings(server.proxy_url), **settings}.items():
            args += ["-s", f"{name}={value}"]
        done = subprocess.run(args, capture_output=True, text=True, env=env(), cwd=ROOT,
                              timeout=300)
        log = server.request_log
    assert done.returncode == 0, done.stderr[-3000:]
    between = host_gaps(log)["www.aixuefw.test"]
    assert len(between) >= PAGES - 1
    assert statistics.median(between) >= DELAY, between
    for start in range(len(between)):  # every stretch of consecutive requests
        for end in range(start + 1, len(between) + 1):
            span = sum(between[start:end])
            assert span >= (end - start) * DELAY - LATE, (start, end, between)
