"""Helpers for end-to-end tests that crawl the demo site in subprocesses.

A Twisted reactor cannot be restarted inside one process, so every crawl of
these tests is its own ``python -m crawler crawl`` process, exactly what cron
or systemd would run; the demo server lives in the test process. The archive
is read through read-only SQLite connections, which WAL mode allows while a
crawl writes.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START_URLS = ["http://www.aixuefw.test/", "http://m.aixuefw.test/", "http://www.wenmi8.test/"]


def fast_settings(proxy_url: str) -> dict[str, str]:
    """Loopback needs no politeness; the settings as `fanwen demo` uses them."""
    from crawler.cli.crawl import demo_settings

    return {name: str(value) for name, value in demo_settings(proxy_url).items()}


def crawl_args(db: Path, proxy_url: str, *extra: str, **settings: Any) -> list[str]:
    """argv of one `python -m crawler crawl` of the demo into ``db``."""
    merged = {**fast_settings(proxy_url), **{k: str(v) for k, v in settings.items()}}
    args = [sys.executable, "-m", "crawler", "crawl", *START_URLS, "--db", str(db), "--json"]
    for name, value in merged.items():
        args += ["-s", f"{name}={value}"]
    return args + list(extra)


def env() -> dict[str, str]:
    """The child imports this checkout, whatever the working directory."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def run(args: list[str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env(),
                          cwd=ROOT)


def crawl(db: Path, proxy_url: str, *extra: str, **settings: Any) -> dict[str, Any]:
    """Run one crawl to completion; its `--json` summary (exit 0 required)."""
    done = run(crawl_args(db, proxy_url, *extra, **settings))
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env(), cwd=ROOT)


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read-only: never takes a write lock on an archive a crawl is writing."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    try:
        return int(query(db, f"SELECT count(*) FROM {table}")[0][0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def kill(proc: subprocess.Popen[str], sig: int = signal.SIGKILL, timeout: float = 60) -> int:
    """Send ``sig`` to the crawler (by its own pid) and reap it; its exit code."""
    proc.send_signal(sig)
    proc.communicate(timeout=timeout)
    return proc.returncode


def consistency_problems(db: Path) -> list[str]:
    """What a killed run must never leave behind; empty when the archive is sound."""
    checks = {
        "integrity_check": "SELECT 'integrity' FROM pragma_integrity_check WHERE integrity_check != 'ok'",
        "duplicate canonical_url": "SELECT canonical_url FROM articles GROUP BY 1 HAVING count(*) > 1",
        "duplicate content_hash": "SELECT content_hash FROM articles GROUP BY 1 HAVING count(*) > 1",
        "article without sighting": "SELECT id FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM sightings s WHERE s.article_id = a.id)",
        "article without original sighting": "SELECT id FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM sightings s WHERE s.article_id = a.id AND s.match = 'original')",
        "sighting without article": "SELECT id FROM sightings s WHERE NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.id = s.article_id)",
        "page pointing at no article": "SELECT url FROM pages p WHERE article_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id)",
        "duplicate sighting url": "SELECT url FROM sightings GROUP BY 1 HAVING count(*) > 1",
    }
    if not query(db, "SELECT name FROM sqlite_master"):
        return []  # killed between creating the file and its schema: an archive not made yet
    return [f"{name}: {rows[:3]}" for name, sql in checks.items() if (rows := query(db, sql))]


def warc_problems(db: Path) -> list[str]:
    """What a killed crawl must never leave in its WARC files: a record that cannot be
    read back (a torn tail is skipped by the reader and is no problem), or a page row
    pointing at a record that is not its page's response."""
    from crawler.links import canonical_url
    from crawler.warc.files import Location
    from crawler.warc.reader import read_at, scan, warc_files

    directory = db.parent / "warc"
    problems = []
    for path in warc_files(directory):
        list(scan(path))  # raises on anything but a torn tail
    if db.exists() and count(db, "pages"):
        rows = query(db, "SELECT url, warc_file, warc_offset, warc_length FROM pages "
                         "WHERE warc_file IS NOT NULL")
        for url, name, offset, length in rows:
            capture = read_at(directory, Location(name, offset, length))
            if canonical_url(capture.uri) != url:
                problems.append(f"{url}: its record is {capture.uri}")
    return problems


def archived_urls(db: Path) -> set[str]:
    return {url for (url,) in query(db, "SELECT url FROM sightings")}
