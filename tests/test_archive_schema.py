"""Archive schema: migrations run once, even when processes race to open a new file."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ProcessPoolExecutor

import pytest

from crawler.archive.db import Archive, ArchiveError
from crawler.archive.schema import SCHEMA_VERSION


def open_and_count(path: str) -> int:
    archive = Archive(path)
    try:
        return archive.counts().articles
    finally:
        archive.close()


def test_processes_opening_a_new_archive_at_once_all_succeed(tmp_path) -> None:
    path = str(tmp_path / "new.sqlite")
    with ProcessPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(open_and_count, [path] * 8)) == [0] * 8
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_archive_from_a_newer_fanwen_is_refused_not_damaged(tmp_path) -> None:
    path = tmp_path / "future.sqlite"
    Archive(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(ArchiveError, match="newer than this fanwen"):
        Archive(path)
