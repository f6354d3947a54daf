"""One set of run counts in `demo`, `stats`, `runs` and the JSON; quiet normal runs;
one line per unreachable host; a crawl that cannot start says why in one line."""

from __future__ import annotations

import json
import re
import socket
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.demo.planner import MIN_ARTICLES
from crawler.demo.site import build_demo
from tests.e2e import run

FANWEN = [sys.executable, "-m", "crawler"]


def numbers(line: str) -> dict[str, int]:
    """`685 pages, 270 new articles, ...` as {"pages": 685, "new articles": 270, ...}."""
    return {name: int(n) for n, name in re.findall(r"(\d+) ([a-z][a-z ]*?)(?=,|  | →|$)", line)}


def test_demo_stats_runs_and_json_agree(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    done = run([*FANWEN, "demo", "--db", str(db), "--articles", str(MIN_ARTICLES)])
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no warning, no traceback in a normal run
    summary, archive_line = done.stdout.strip().splitlines()
    said = numbers(summary.split(": ", 1)[1])
    stats = json.loads(run([*FANWEN, "stats", "--db", str(db), "--json"]).stdout)
    (runs,) = [json.loads(line) for line in run([*FANWEN, "runs", "--db", str(db), "--json"]).stdout.splitlines()]
    runs_text = run([*FANWEN, "runs", "--db", str(db)]).stdout
    assert said == numbers(runs_text.split("finished", 1)[1].strip())
    assert "304" not in runs_text and "304" not in summary
    assert (said["pages"], said["copies"], said["errors"]) == (runs["pages"], runs["copies"], runs["errors"])
    assert (said["pages"], said["copies"]) == (stats["pages"], stats["copies"])
    assert said["new articles"] == stats["articles"] and said["copies"] > 0
    assert f"{stats['copies']} copies, {stats['pages']} pages" in archive_line


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_refused_connection_is_one_line_with_the_count(tmp_path: Path) -> None:
    port = free_port()  # nothing listens: every connection is refused
    db = tmp_path / "a.sqlite"
    done = run([*FANWEN, "crawl", f"http://127.0.0.1:{port}/", "--db", str(db),
                "-s", "RETRY_TIMES=1"])
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].endswith(f"ERROR: 127.0.0.1:{port}: connection refused (1 request given up)")  # robots.txt; RFC 9309 then disallows the site
    assert done.stdout.startswith("crawl finished in ")
    said = numbers(done.stdout.split(": ", 1)[1])
    # The start URL is never requested (the site is disallowed once robots.txt is
    # unreachable), so no page failed; the host's one error line is the error.
    assert (said["failed"], said["errors"]) == (0, 1)
    (runs,) = [json.loads(line) for line in run([*FANWEN, "runs", "--db", str(db), "--json"]).stdout.splitlines()]
    assert (runs["failed"], runs["errors"]) == (0, 1)


def test_a_crawl_that_cannot_start_says_why(tmp_path: Path) -> None:
    done = run([*FANWEN, "crawl", "http://127.0.0.1:9/", "--db", str(tmp_path / "a.sqlite"),
                "-s", "CLEAN_MIN_CHARS=abc"])
    assert done.returncode == 3
    assert done.stderr.strip() == ("Error: the crawl failed: ValueError: invalid literal for "
                                   "int() with base 10: 'abc'")
    assert "unknown" not in done.stdout + done.stderr


@pytest.mark.parametrize("seed", [1, 2026])
def test_demo_builds_for_every_size_its_help_allows(seed: int) -> None:
    for articles in range(MIN_ARTICLES, MIN_ARTICLES + 6):
        assert len(build_demo(seed=seed, articles=articles).plan.a) == articles


def test_demo_help_states_the_true_minimum() -> None:
    result = CliRunner().invoke(main, ["demo", "--articles", str(MIN_ARTICLES - 1)])
    assert result.exit_code == 2 and f"x>={MIN_ARTICLES}" in result.output
    assert f"at least {MIN_ARTICLES}" in CliRunner().invoke(main, ["demo", "-h"]).output
    with pytest.raises(ValueError, match=f"at least {MIN_ARTICLES}"):
        build_demo(articles=MIN_ARTICLES - 1)
