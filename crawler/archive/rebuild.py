"""Rebuild an archive's derived tables from a replay, keeping its history.

``fanwen reextract`` replays the WARC captures into a *new* archive file
(articles, sightings, texts, versions, near and full-text indexes built by
the normal pipelines, as a fresh crawl builds them), then this module moves
the old file's history into it and swaps it in:

* ``runs`` are copied before the replay, so the replay's run gets the next id;
* ``pages`` (the ledger of every fetch, with its WARC record) are the old
  rows, pointed at the rebuilt articles (a page the replay did not reach as
  an article points at none);
* ``article_versions`` are kept, re-attached through their article's pages;
* a sighting keeps the first-seen time and run it had.

Copy groups are connected components that never split on their own, so
updating the old file in place could not give what a fresh crawl gives when
a changed rule separates two texts; a rebuild does. The swap is one
``os.replace``: a reader sees the old archive or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any


def _connect(path: Path, old: Path | None = None) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
    if old is not None:
        conn.execute("ATTACH DATABASE ? AS old", [str(old)])
    return conn


def start_urls(db: Path, since: int | None, sites: list[str]) -> list[str]:
    """The start URLs of the runs to replay (``since`` and later), on ``sites`` if given."""
    conn = _connect(db)
    try:
        rows = conn.execute("SELECT args FROM runs WHERE id >= ? ORDER BY id", [since or 0])
        urls = [url for (args,) in rows for url in json.loads(args or "{}").get("start_urls", [])]
    finally:
        conn.close()
    from crawler.links import site_of

    return [u for u in dict.fromkeys(urls) if not sites or site_of(u) in sites]


def _columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def copy_runs(new: Path, old: Path) -> None:
    """The old runs into the new file, before the replay opens its own."""
    conn = _connect(new, old)
    try:
        cols = ", ".join(_columns(conn, "runs"))
        conn.execute(f"INSERT INTO main.runs ({cols}) SELECT {cols} FROM old.runs")
    finally:
        conn.close()


def transplant(new: Path, old: Path) -> None:
    """Old pages, versions and first-seen times into the rebuilt archive (one transaction)."""
    conn = _connect(new, old)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TEMP TABLE replayed AS SELECT url, article_id FROM main.pages")
        conn.execute("DELETE FROM main.pages")
        cols = ", ".join(c for c in _columns(conn, "pages") if c != "article_id")
        conn.execute(
            f"INSERT INTO main.pages ({cols}, article_id) SELECT {cols}, "
            "(SELECT article_id FROM replayed r WHERE r.url = o.url) FROM old.pages o"
        )
        vcols = [c for c in _columns(conn, "article_versions") if c not in ("id", "article_id")]
        conn.execute(
            f"INSERT INTO main.article_versions ({', '.join(vcols)}, article_id) "
            f"SELECT {', '.join('v.' + c for c in vcols)}, (SELECT n.article_id FROM "
            "old.sightings s JOIN main.sightings n ON n.url = s.url "
            "WHERE s.article_id = v.article_id ORDER BY n.id LIMIT 1) "
            "FROM old.article_versions v ORDER BY v.id"
        )
        conn.execute(
            "UPDATE main.sightings AS n SET first_seen = o.first_seen, run_id = o.run_id "
            "FROM old.sightings o WHERE o.url = n.url AND o.first_seen < n.first_seen"
        )
        conn.execute(
            "UPDATE main.articles SET first_seen = (SELECT min(first_seen) FROM main.sightings s "
            "WHERE s.article_id = articles.id), run_id = (SELECT run_id FROM main.sightings s "
            "WHERE s.article_id = articles.id ORDER BY first_seen, id LIMIT 1)"
        )
        conn.execute("COMMIT")
    finally:
        conn.close()


_CHANGES = {
    # pages whose extracted text is not the one they had
    "texts_changed": "SELECT count(*) FROM main.sightings n JOIN main.texts nt ON nt.id = n.text_id "
    "JOIN old.sightings o ON o.url = n.url JOIN old.texts ot ON ot.id = o.text_id "
    "WHERE nt.hash != ot.hash",
    "articles_text_changed": "SELECT count(*) FROM main.articles n JOIN old.articles o "
    "ON o.canonical_url = n.canonical_url WHERE n.text IS NOT o.text",
    # articles none of whose pages was a sighting before (a page newly read as an article)
    "articles_added": "SELECT count(*) FROM main.articles a WHERE NOT EXISTS (SELECT 1 FROM "
    "main.sightings n JOIN old.sightings o ON o.url = n.url WHERE n.article_id = a.id)",
    "articles_removed": "SELECT count(*) FROM old.articles a WHERE NOT EXISTS (SELECT 1 FROM "
    "old.sightings o JOIN main.sightings n ON n.url = o.url WHERE o.article_id = a.id)",
    # a new article holding pages of several old ones / an old one spread over several new
    "articles_merged": "SELECT count(*) FROM (SELECT n.article_id FROM main.sightings n JOIN "
    "old.sightings o ON o.url = n.url GROUP BY n.article_id HAVING count(DISTINCT o.article_id) > 1)",
    "articles_split": "SELECT count(*) FROM (SELECT o.article_id FROM old.sightings o JOIN "
    "main.sightings n ON n.url = o.url GROUP BY o.article_id HAVING count(DISTINCT n.article_id) > 1)",
    "articles_before": "SELECT count(*) FROM old.articles",
    "articles_after": "SELECT count(*) FROM main.articles",
}


def changes(new: Path, old: Path) -> dict[str, int]:
    """What the rebuild changed, keyed by page URL (sightings are pages)."""
    conn = _connect(new, old)
    try:
        return {name: int(conn.execute(sql).fetchone()[0]) for name, sql in _CHANGES.items()}
    finally:
        conn.close()


def swap(new: Path, old: Path) -> None:
    """Replace ``old`` by ``new`` atomically; both must be closed by everyone else.

    The new file is switched out of WAL first (one self-contained file), and
    the old file's WAL is checkpointed away, so no stale ``-wal`` can be
    applied to the file that takes its name.
    """
    for path, mode in ((new, "DELETE"), (old, "WAL")):
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"PRAGMA journal_mode={mode}")
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{old}{suffix}").unlink(missing_ok=True)
    os.replace(new, old)


def discard(new: Path) -> None:
    """Remove a rebuild that did not finish (and its side files)."""
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        Path(f"{new}{suffix}").unlink(missing_ok=True)


def report_line(found: dict[str, Any]) -> str:
    return ("{texts_changed} page texts changed ({articles_text_changed} article texts); "
            "articles {articles_before} → {articles_after}: {articles_added} added, "
            "{articles_removed} removed, {articles_merged} merged, {articles_split} split"
            ).format(**found)
