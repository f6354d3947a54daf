"""Read-only archives: every read command reads, changes nothing; writers stop at once.

Permissions do not bind root, so when the tests run as root the commands run
with the effective uid of ``nobody`` (in this process: the interpreter cannot
be started again as a user who may not read it). The archive then lives in
its own world-readable directory instead of pytest's private tmp_path.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import crawler.archive.export  # noqa: F401  (imported before dropping privileges)
import crawler.archive.lock  # noqa: F401
import crawler.archive.provenance  # noqa: F401
import crawler.archive.query  # noqa: F401
import crawler.extraction.profiles  # noqa: F401
import crawler.runner  # noqa: F401
from crawler.archive.db import Archive
from crawler.cli import main
from crawler.cli.common import EXIT_LOCKED, EXIT_READ_ONLY
from tests.test_cli_query import add

NOBODY = 65534
READS = [["stats"], ["stats", "--json"], ["runs"], ["search", "安全"], ["show", "1"],
         ["export"], ["copies"]]


@contextmanager
def unprivileged() -> Iterator[None]:
    """Act as ``nobody`` when root (whom file modes do not stop)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def folder() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="fanwen-ro-"))
    path.chmod(0o755)
    yield path
    path.chmod(0o755)
    shutil.rmtree(path)


@pytest.fixture
def archive_file(folder: Path) -> Path:
    path = folder / "archive.sqlite"
    archive = Archive(path)
    add(archive, 1, "安全生产心得", "我们认真学习了安全知识。")
    archive.close()
    path.chmod(0o644)
    return path


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def invoke(*args: object):
    with unprivileged():
        return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("where", ["file", "directory"])
def test_every_read_command_reads_a_read_only_archive(archive_file: Path, where: str) -> None:
    folder = archive_file.parent
    archive_file.chmod(0o444)
    if where == "directory":
        folder.chmod(0o555)
    before = snapshot(folder)
    for args in READS:
        result = invoke(*args, "--db", archive_file)
        assert result.exit_code == 0, (args, result.output)
        assert "readonly" not in result.output
    assert "安全生产心得" in invoke("search", "安全", "--db", archive_file).output
    assert snapshot(folder) == before


def test_read_commands_create_or_change_no_file(archive_file: Path) -> None:
    folder = archive_file.parent
    before = snapshot(folder)
    for args in READS:
        assert invoke(*args, "--db", archive_file).exit_code == 0, args
    assert snapshot(folder) == before  # no -wal/-shm left, the file byte for byte the same


def test_stats_on_an_empty_file_writes_no_schema(folder: Path) -> None:
    empty = folder / "empty.sqlite"
    empty.touch()
    result = invoke("stats", "--db", empty)
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "empty, not an archive yet" in result.output
    assert empty.stat().st_size == 0 and snapshot(folder) == {"empty.sqlite": snapshot(folder)["empty.sqlite"]}
    missing = invoke("stats", "--db", folder / "sub" / "none.sqlite")
    assert missing.exit_code == 1 and not (folder / "sub").exists()


@pytest.mark.parametrize("where", ["file", "directory"])
@pytest.mark.parametrize("command", [["crawl", "http://127.0.0.1:9/"], ["reindex"]])
def test_writers_stop_at_once_with_exit_5(archive_file: Path, where: str, command: list[str]) -> None:
    folder = archive_file.parent
    if where == "file":
        archive_file.chmod(0o444)
    else:
        folder.chmod(0o555)
    before = snapshot(folder)
    result = invoke(*command, "--db", archive_file)
    assert result.exit_code == EXIT_READ_ONLY, result.output
    assert result.output.count("\n") == 1 and result.output.startswith("Error: ")
    assert "Traceback" not in result.output
    assert snapshot(folder) == before  # no lock file, no run row: nothing was started


def test_crawl_into_a_read_only_directory_without_archive(folder: Path) -> None:
    folder.chmod(0o555)
    result = invoke("crawl", "http://127.0.0.1:9/", "--db", folder / "new.sqlite")
    assert result.exit_code == EXIT_READ_ONLY
    assert f"cannot write in {folder}" in result.output
    assert list(folder.iterdir()) == []


def test_reindex_while_a_crawl_holds_the_archive_is_exit_4(archive_file: Path) -> None:
    from crawler.archive.lock import lock_path

    holder = subprocess.Popen(  # another process holding the crawl lock, as a crawl does
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
         "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
         str(lock_path(archive_file))], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = CliRunner().invoke(main, ["reindex", "--db", str(archive_file)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == EXIT_LOCKED
    assert "is being crawled" in result.output and "Traceback" not in result.output


def test_serve_reads_an_archive_in_a_read_only_directory(archive_file: Path) -> None:
    pytest.importorskip("datasette")
    import asyncio

    from crawler.cli.serve import make_datasette

    folder = archive_file.parent
    archive_file.chmod(0o444)
    folder.chmod(0o555)
    before = snapshot(folder)
    from datasette.app import Datasette

    # Lazy imports (thread pool, templates) happen now, while the interpreter's files are readable.
    asyncio.run(Datasette(memory=True).client.get("/_memory.json?sql=select+1"))
    with unprivileged():
        ds = make_datasette(archive_file)
        response = asyncio.run(ds.client.get("/archive/search.json?q=安全&_shape=array"))
    assert response.status_code == 200, response.text
    assert [row["title"] for row in response.json()] == ["安全生产心得"]
    assert snapshot(folder) == before


def test_scrapy_crawl_into_a_read_only_archive_is_refused_before_any_request(
        make_crawler, monkeypatch) -> None:
    from unittest.mock import Mock

    from crawler.extensions import archive as archive_module

    monkeypatch.setattr(archive_module, "write_problem", lambda path: f"{path} is read-only")
    crawler = make_crawler()
    crawler.engine = Mock()
    extension = archive_module.ArchiveExtension.from_crawler(crawler)
    extension.spider_opened(Mock())
    crawler.engine.close_spider.assert_called_once()
    assert crawler.engine.close_spider.call_args[0][1] == "archive_read_only"
    assert extension.writer.run_id is None  # no run opened, nothing written
