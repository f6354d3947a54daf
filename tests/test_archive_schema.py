"""Archive schema: migrations run once, even when processes race to open a new file."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ProcessPoolExecutor

import pytest

from crawler.archive.db import Archive, ArchiveError
from crawler.archive.schema import SCHEMA_VERSION
from tests import archive_rows


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
        archive_rows.insert_article(archive, {"canonical_url": "http://a.test/1", "title": "心得",
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


def _v5_archive(path) -> None:
    """An archive as fanwen wrote it before v6: the copier seen first is the original."""
    import sqlite_utils

    from crawler.archive import schema

    db = sqlite_utils.Database(path)
    for step in schema.MIGRATIONS[:5]:
        step(db)
    db.table("runs").insert({"id": 1, "status": "ok", "finish_reason": "finished"})
    db.table("articles").insert({
        "id": 1, "canonical_url": "http://www.b.test/2.html", "url": "http://www.b.test/2.html",
        "site": "www.b.test", "title": "标题", "text": ESSAY_TEXT, "paragraphs": "[]",
        "chars": len(ESSAY_TEXT), "content_hash": "h", "category": '["作文"]', "tags": "[]",
        "published_at": "2024-06-01", "first_seen": "2025-01-01", "last_seen": "2025-01-01",
        "run_id": 1,
    })
    db.table("sightings").insert({"article_id": 1, "url": "http://www.b.test/2.html",
                            "site": "www.b.test", "match": "original",
                            "published_at": "2024-06-01", "first_seen": "2025-01-01",
                            "last_seen": "2025-01-01", "run_id": 1})
    db.conn.commit()
    db.conn.execute("PRAGMA user_version = 5")
    db.conn.close()


ESSAY_TEXT = "\n".join(["我们认真学习了新的工作方法，大家都有很多收获和体会。"] * 6)


def test_a_v5_archive_is_upgraded_and_its_original_re_decided_by_evidence(
        tmp_path, make_crawler) -> None:
    from tests.conftest import cleaned_item, store_records

    path = tmp_path / "old.sqlite"
    _v5_archive(path)
    archive = Archive(path)
    db = archive.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT canonical_url, text_id IS NOT NULL, chars, category FROM sightings"
                      ).fetchall() == [("http://www.b.test/2.html", 1, len(ESSAY_TEXT), '["作文"]')]
    assert db.execute("SELECT decided_by, text_url FROM articles").fetchall() == [
        ("arrival", "http://www.b.test/2.html")]
    archive.close()
    # The original page, crawled after the upgrade, shows an earlier date: it takes over,
    # and the article's old values are kept as a version (an earlier run published them).
    crawler = make_crawler(ARCHIVE_PATH=str(path))
    original = cleaned_item("http://www.a.test/1.html", ESSAY_TEXT, published_at="2024-01-01")
    store_records(crawler, [original])
    db = Archive(path).db
    assert db.execute("SELECT canonical_url, decided_by FROM articles").fetchall() == [
        ("http://www.a.test/1.html", "date")]
    assert dict(db.execute("SELECT url, match FROM sightings").fetchall()) == {
        "http://www.a.test/1.html": "original", "http://www.b.test/2.html": "exact"}
    assert db.execute("SELECT url, reason FROM article_versions").fetchall() == [
        ("http://www.b.test/2.html", "original")]
    db.conn.close()
