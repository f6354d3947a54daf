"""End to end: a crawl killed at any moment leaves a sound archive, and the
next run completes it.

Each kill point starts a fresh archive, SIGKILLs the crawler subprocess at
that point (a fixed time, or once the archive holds N articles, polled
read-only), checks the archive, then runs a normal crawl that must bring
the archive to the full expected content. SIGINT must close cleanly instead,
and a killed ``--resume`` crawl must continue.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crawler.demo.server import DemoServer
from crawler.demo.site import DemoSite, build_demo
from tests.e2e import (
    archived_urls,
    consistency_problems,
    count,
    crawl,
    crawl_args,
    kill,
    query,
    start,
    wait_for,
    warc_problems,
)

ARTICLES = 30  # a small demo site (30 + 30 copy-site articles): each kill point costs a crawl


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return build_demo(articles=ARTICLES)


@pytest.fixture(scope="module")
def server(site: DemoSite) -> Iterator[DemoServer]:
    with DemoServer(site) as running:
        yield running


def expected_urls(site: DemoSite) -> set[str]:
    manifest = site.manifest
    return {a["url"] for a in manifest["articles"]} | {c["url"] for c in manifest["copies"]}


def after(seconds: float) -> Callable[[Path], bool]:
    started = time.monotonic()
    return lambda db: time.monotonic() - started >= seconds


def articles_at_least(share: float, site: DemoSite) -> Callable[[Path], bool]:
    need = max(1, int(share * len(site.manifest["articles"])))
    return lambda db: count(db, "articles") >= need


KILL_POINTS: dict[str, Callable[[DemoSite], Callable[[Path], bool]]] = {
    "0.4s, starting up": lambda site: after(0.4),
    "run recorded, no article yet": lambda site: lambda db: count(db, "runs") > 0,
    "first article": lambda site: articles_at_least(0.0, site),
    "40% of articles": lambda site: articles_at_least(0.4, site),
    "85% of articles": lambda site: articles_at_least(0.85, site),
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_sigkill_leaves_a_sound_archive_that_the_next_run_completes(
    point: str, site: DemoSite, server: DemoServer, tmp_path: Path
) -> None:
    db = tmp_path / "archive.sqlite"
    proc = start(crawl_args(db, server.proxy_url))
    condition = KILL_POINTS[point](site)
    assert wait_for(lambda: condition(db) or proc.poll() is not None, timeout=60)
    assert proc.poll() is None, "the crawl ended before the kill point"
    kill(proc, signal.SIGKILL)
    killed_with = count(db, "articles")
    if db.exists():
        assert consistency_problems(db) == []
    assert warc_problems(db) == []  # every record written before the kill reads back
    summary = crawl(db, server.proxy_url)
    print(f"\nkill at {point}: {killed_with} articles at the kill; the next run added "
          f"{summary['articles_new']}, skipped {summary['skipped']}")
    assert consistency_problems(db) == []
    assert expected_urls(site) - archived_urls(db) == set()
    assert count(db, "articles") == len(site.manifest["articles"])
    statuses = [s for (s,) in query(db, "SELECT status FROM runs ORDER BY id")]
    assert statuses[-1] == "ok" and "running" not in statuses
    assert warc_problems(db) == []
    assert query(db, "SELECT url FROM pages WHERE http_status = 200 AND warc_file IS NULL") == []


def test_killed_resume_crawl_continues(site: DemoSite, server: DemoServer,
                                       tmp_path: Path) -> None:
    """``--resume`` keeps the frontier in JOBDIR; a SIGKILL must not strand it."""
    db = tmp_path / "archive.sqlite"
    args = crawl_args(db, server.proxy_url, "--resume", CONCURRENT_REQUESTS=4)
    proc = start(args)
    assert wait_for(lambda: count(db, "articles") >= 0.3 * len(site.manifest["articles"]), 60)
    kill(proc, signal.SIGKILL)
    jobs = list((tmp_path / "jobs").iterdir())
    assert len(jobs) == 1 and (jobs[0] / "requests.seen").exists()
    assert consistency_problems(db) == []
    summary = crawl(db, server.proxy_url, "--resume")
    assert summary["articles_new"] > 0
    assert expected_urls(site) - archived_urls(db) == set()
    assert count(db, "articles") == len(site.manifest["articles"])


def test_sigint_closes_cleanly_and_resume_continues_from_its_frontier(
    site: DemoSite, server: DemoServer, tmp_path: Path
) -> None:
    """The documented way: SIGINT once; in-flight items are stored, the run is
    recorded as interrupted, Scrapy saves the queue and --resume picks it up."""
    db = tmp_path / "archive.sqlite"
    proc = start(crawl_args(db, server.proxy_url, "--resume", CONCURRENT_REQUESTS=4))
    assert wait_for(lambda: count(db, "articles") >= 0.3 * len(site.manifest["articles"]), 60)
    assert kill(proc, signal.SIGINT) == 3  # closed, but not finished: cron must hear of it
    [(status, reason, stats)] = query(db, "SELECT status, finish_reason, stats FROM runs")
    assert (status, reason) == ("interrupted", "shutdown") and stats
    assert consistency_problems(db) == []
    summary = crawl(db, server.proxy_url, "--resume")  # the lock went with the process
    assert expected_urls(site) - archived_urls(db) == set()
    assert count(db, "articles") == len(site.manifest["articles"])
    assert summary["pages"] < 0.9 * count(db, "pages")  # continued, did not start over
