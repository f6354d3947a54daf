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


def test_an_archive_with_the_bigram_index_is_rebuilt_with_trigrams(tmp_path) -> None:
    from crawler.archive import fts, schema
    from crawler.archive.query import search

    path = tmp_path / "a.sqlite"
    archive = Archive(path)
    with archive.transaction():
        archive.insert_article({"canonical_url": "http://a.test/1", "title": "心得",
                                "text": "我们的学习心得体会", "paragraphs": "[]"})
    # The v3 layout: bigram tokens, one prefix index.
    fts.drop_fts(archive.db)
    archive.db.execute(f"CREATE VIRTUAL TABLE {fts.FTS_TABLE} USING fts5(title, text, "
                       "content='', tokenize='ascii', prefix='1')")
    archive.db.execute(f"CREATE TABLE {fts.DOCS_TABLE} (article_id INTEGER PRIMARY KEY, "
                       "title TEXT, text_hash TEXT NOT NULL)")
    archive.db.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index(schema._v5_trigram_fts)}")
    archive.close()
    archive = Archive(path)
    sql = archive.db.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                             [fts.FTS_TABLE]).fetchone()[0]
    assert "prefix='1 2'" in sql
    for query in ("学", "学习", "学习心得", "我们的学习心得体会"):
        assert [hit.id for hit in search(archive.db, query)] == [1], query
