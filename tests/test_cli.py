"""The fanwen CLI: one clear line and the documented exit code for every bad input."""

from __future__ import annotations

from click.testing import CliRunner

from crawler.archive.db import Archive
from crawler.cli import main
from tests import archive_rows


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_stats_on_missing_archive_is_one_line_exit_1(tmp_path) -> None:
    result = invoke("stats", "--db", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "no archive at" in result.output


def test_corrupt_archive_is_one_line_exit_1(tmp_path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    for command in ("stats", "runs"):
        result = invoke(command, "--db", str(bad))
        assert result.exit_code == 1, command
        assert "not a usable fanwen archive" in result.output
        assert "Traceback" not in result.output


def test_crawl_rejects_bad_urls_and_settings(tmp_path) -> None:
    db = str(tmp_path / "a.sqlite")
    result = invoke("crawl", "ftp://x.cn/", "--db", db)
    assert result.exit_code == 2 and "not an http(s) URL" in result.output
    result = invoke("crawl", "http://x.cn/", "--db", db, "-s", "NOEQUALS")
    assert result.exit_code == 2 and "NAME=VALUE" in result.output
    result = invoke("crawl", "http://x.cn/", "--db", db, "--profile", "nosuch")
    assert result.exit_code == 2 and "unknown profile" in result.output
    # Refused before Redis is asked: workers have no archive to emit skipped records from.
    result = invoke("crawl", "http://x.cn/", "--db", db, "--redis", "redis://127.0.0.1:9/0",
                    "--emit-archived")
    assert result.exit_code == 2 and "--emit-archived is for a local crawl" in result.output


def test_crawl_into_corrupt_archive_fails_before_crawling(tmp_path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 500)
    result = invoke("crawl", "http://x.cn/", "--db", str(bad))
    assert result.exit_code == 1 and "not a usable fanwen archive" in result.output
    assert bad.read_bytes() == b"garbage" * 500  # nothing overwritten


def test_stats_and_runs_report_an_archive(tmp_path) -> None:
    db = tmp_path / "a.sqlite"
    archive = Archive(db)
    run = archive_rows.start_run(archive, {"spider": "template"}, ["www.a.test"], "test")
    archive_rows.finish_run(archive, run, "ok", "finished", {"response_received_count": 7, "store/articles_new": 3})
    archive.close()
    result = invoke("stats", "--db", str(db), "--json")
    assert result.exit_code == 0 and '"runs": 1' in result.output
    result = invoke("runs", "--db", str(db))
    assert result.exit_code == 0
    assert "7 pages, 3 new articles" in result.output and "www.a.test" in result.output  # the summary line's words


def test_every_command_has_an_example_in_its_help() -> None:
    for name, command in main.commands.items():
        assert "Example" in (command.help or ""), name
