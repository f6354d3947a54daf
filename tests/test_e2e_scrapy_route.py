"""The README's Scrapy route end to end: `fanwen demo --serve`, then the plain
`scrapy crawl` it prints, feeding items.jsonl; and what a feed says about
articles an incremental crawl skipped."""

from __future__ import annotations

import http.client
import json
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e import ROOT, env, run


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, list[str]]]:
    """`fanwen demo --serve` (a small site, a free port): its URL and printed command."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "crawler", "demo", "--serve", "--port", "0", "--articles", "28"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(), cwd=ROOT)
    assert proc.stderr is not None
    banner = proc.stderr.readline()
    command = shlex.split(proc.stderr.readline())
    proxy = banner.split("HTTP proxy at ", 1)[1].split(" ", 1)[0]
    yield proxy, command
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "demo server stopped" in err and "Traceback" not in err


def scrapy(command: list[str], db: Path, feed: Path, *extra: str) -> tuple[list[dict], str]:
    """The printed command as a user runs it (through this interpreter), into ``db``/``feed``."""
    assert command[:2] == ["scrapy", "crawl"] and command[-2:] == ["-O", "items.jsonl"]
    args = [sys.executable, "-m", "scrapy", *command[1:-1], str(feed),
            "-s", f"ARCHIVE_PATH={db}", *extra]
    done = run(args, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    items = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    return items, done.stderr


def test_direct_request_gets_a_prompt_502_that_explains(served) -> None:
    proxy, _ = served
    host, port = proxy.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request("GET", "/")
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    assert response.status == 502
    assert int(response.getheader("Content-Length", "")) == len(body.encode())
    assert f"DEMO_PROXY=http://{host}:{port}" in body and "www.aixuefw.test" in body


def test_scrapy_route_and_feed_of_skipped_articles(served, tmp_path: Path) -> None:
    _, command = served
    db = tmp_path / "archive.sqlite"
    first, log = scrapy(command, db, tmp_path / "first.jsonl")
    assert len({item["canonical_url"] for item in first}) >= 28
    assert "Disabled" not in log and "] WARNING:" not in log

    again, log = scrapy(command, db, tmp_path / "again.jsonl")
    assert again == []  # every article archived and not due: skipped, and the log says so
    assert "archived article pages were skipped (not due for refresh) and are not in the feed" in log
    assert "ARCHIVE_EMIT_SKIPPED=True" in log

    emitted, log = scrapy(command, db, tmp_path / "emitted.jsonl", "-s", "ARCHIVE_EMIT_SKIPPED=True")
    assert emitted and all(item["archived"] for item in emitted)
    # those reached from list pages (links inside skipped articles are not followed)
    assert {item["id"] for item in emitted} <= {item["article_id"] for item in first}
    assert len({item["id"] for item in emitted}) >= 20
    assert all(item["text"] and item["sightings"] for item in emitted)
    assert "are not in the feed" not in log
