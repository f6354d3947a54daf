"""Helpers of the distributed-crawl tests and benchmark: a comparable picture of an
archive (no ids, no times, no run numbers) and the roles as subprocesses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.e2e import START_URLS, env, fast_settings, query

ROOT = Path(__file__).resolve().parent.parent


def snapshot(db: Path) -> dict[str, Any]:
    """Articles, their texts, copy groups and sightings, keyed by URL and content."""
    articles = query(db, "SELECT id, canonical_url, url, site, title, published_at, content_hash, "
                         "decided_by, text_url FROM articles")
    by_id = {row[0]: row[1] for row in articles}
    sightings = query(db, "SELECT s.url, s.article_id, s.match, round(s.similarity, 6), t.content_hash, "
                          "s.seen_title, s.published_at, s.origin, s.complete, s.parts FROM sightings s "
                          "LEFT JOIN texts t ON t.id = s.text_id")
    groups: dict[str, set[str]] = {}
    for url, article_id, *_ in sightings:
        groups.setdefault(by_id[article_id], set()).add(url)
    return {
        "articles": sorted(tuple(row[1:]) for row in articles),
        "texts": sorted(query(db, "SELECT content_hash, chars FROM texts")),
        "groups": sorted(sorted(urls) for urls in groups.values()),
        "sightings": sorted((url, by_id[aid], *rest) for url, aid, *rest in sightings),
    }


def role(*args: str) -> list[str]:
    """argv of ``python -m crawler <role> ...`` with warnings as errors (no worker may
    see a deprecation warning)."""
    return [sys.executable, "-W", "error", "-m", "crawler", *args]


def worker_args(redis_url: str, proxy_url: str, idle: float = 3, **settings: Any) -> list[str]:
    merged = {**fast_settings(proxy_url), **{k: str(v) for k, v in settings.items()}}
    args = role("worker", "--redis", redis_url, "--idle", str(idle))
    for name, value in merged.items():
        args += ["-s", f"{name}={value}"]
    return args


def spawn(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("ab")
    return subprocess.Popen(args, stdout=handle, stderr=handle, env=env(), cwd=ROOT)


def seed(redis_url: str) -> None:
    done = subprocess.run(role("seed", *START_URLS, "--redis", redis_url), env=env(), cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
