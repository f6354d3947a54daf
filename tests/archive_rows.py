"""Rows written straight into an archive, for tests that need a given state.

Crawls write through :class:`crawler.archive.writer.ArchiveWriter` only; these
helpers build fixtures (an article with set values, a finished run, a gone
page) without a crawl, the way an older fanwen or another tool might have
left them.
"""

from __future__ import annotations

from typing import Any

from crawler.archive.db import Archive
from crawler.archive.fts import index_article
from crawler.archive.values import dumps, plain_text
from crawler.clock import utc_now


def start_run(archive: Archive, args: dict[str, Any], sites: list[str], version: str) -> int:
    table = archive.db.table("runs")
    with archive.transaction():
        table.insert({"started_at": utc_now(), "status": "running", "version": version,
                      "args": dumps(args), "sites": dumps(sites)})
    return int(table.last_pk or 0)


def finish_run(archive: Archive, run_id: int, status: str, reason: str,
               stats: dict[str, Any]) -> None:
    with archive.transaction():
        archive.db.table("runs").update(run_id, {
            "finished_at": utc_now(), "status": status, "finish_reason": reason,
            "stats": dumps(stats)})


def article_text(archive: Archive, article_id: int) -> str | None:
    row = archive.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
    return row[0] if row else None


def insert_article(archive: Archive, record: dict[str, Any]) -> int:
    if record.get("text"):
        record = {**record, "text": plain_text(record["text"])}
    table = archive.db.table("articles")
    table.insert(record)
    article_id = int(table.last_pk or 0)
    index_article(archive.db, article_id)
    return article_id


def upsert_sighting(archive: Archive, record: dict[str, Any]) -> bool:
    """Insert the sighting of ``record['url']`` or refresh its last_seen; True when new."""
    db = archive.db
    existing = db.execute("SELECT id FROM sightings WHERE url = ?", [record["url"]]).fetchone()
    if existing:
        db.execute("UPDATE sightings SET last_seen = ?, last_run_id = ? WHERE id = ?",
                   [record["last_seen"], record.get("last_run_id"), existing[0]])
    else:
        db.table("sightings").insert(record)
    db.execute("UPDATE articles SET last_seen = max(last_seen, ?) WHERE id = ?",
               [record["last_seen"], record["article_id"]])
    return not existing


def mark_gone(archive: Archive, url: str, now: str, status: int, run_id: int | None) -> None:
    with archive.transaction():
        archive.db.execute("UPDATE pages SET gone_at = coalesce(gone_at, ?), http_status = ?, "
                           "run_id = ? WHERE url = ?", [now, status, run_id, url])
        archive.db.execute("UPDATE sightings SET gone_at = coalesce(gone_at, ?) WHERE url = ?",
                           [now, url])


def replace_article_text(archive: Archive, article_id: int, fields: dict[str, Any], now: str,
                         run_id: int | None) -> None:
    """Keep the current text as a version, then update the article in place."""
    archive.db.execute(
        "INSERT INTO article_versions (article_id, title, text, paragraphs, content_hash, "
        "first_seen, replaced_at, run_id) SELECT id, title, text, paragraphs, content_hash, "
        "first_seen, ?, ? FROM articles WHERE id = ?", [now, run_id, article_id])
    if fields.get("text"):
        fields = {**fields, "text": plain_text(fields["text"])}
    from crawler.archive.fts import unindex_article

    unindex_article(archive.db, article_id)
    archive.db.table("articles").update(article_id, fields)
    index_article(archive.db, article_id)
