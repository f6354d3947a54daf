"""The archive's tables, created and migrated in one place.

Migrations are numbered and recorded in ``PRAGMA user_version`` so an archive
written by an older fanwen is upgraded in place, never rebuilt: the archive is
the product and may hold months of crawls.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import sqlite_utils

from crawler.archive.columns import missing_columns

logger = logging.getLogger(__name__)


def _v1(db: sqlite_utils.Database) -> None:
    db.table("runs").create(
        {
            "id": int, "started_at": str, "finished_at": str, "status": str,
            "finish_reason": str, "version": str, "args": str, "sites": str, "stats": str,
        },
        pk="id",
    )
    db.table("articles").create(
        {
            "id": int, "canonical_url": str, "url": str, "site": str, "title": str,
            "category": str, "breadcrumb": str, "tags": str, "published_at": str,
            "origin": str, "author": str, "text": str, "paragraphs": str, "chars": int,
            "content_hash": str, "first_seen": str, "last_seen": str, "run_id": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db.table("articles").create_index(["canonical_url"], unique=True)
    db.table("articles").create_index(["content_hash"])
    db.table("articles").create_index(["site"])
    db.table("sightings").create(
        {
            "id": int, "article_id": int, "url": str, "site": str, "seen_title": str,
            "match": str, "similarity": float, "origin": str, "published_at": str,
            "first_seen": str, "last_seen": str, "gone_at": str, "run_id": int,
            "last_run_id": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("run_id", "runs", "id")],
    )
    db.table("sightings").create_index(["url"], unique=True)
    db.table("sightings").create_index(["article_id"])
    db.table("pages").create(
        {
            "url": str, "requested_url": str, "site": str, "kind": str, "http_status": int,
            "etag": str, "last_modified": str, "fetched_at": str, "article_id": int,
            "error": str, "gone_at": str, "run_id": int,
        },
        pk="url",
    )
    db.table("pages").create_index(["site", "kind"])
    db.table("pages").create_index(["requested_url"])
    # The text an article had before a refetch changed it: updates never lose words.
    db.table("article_versions").create(
        {
            "id": int, "article_id": int, "title": str, "text": str, "paragraphs": str,
            "content_hash": str, "first_seen": str, "replaced_at": str, "run_id": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_versions").create_index(["article_id"])


def _v2_near_index(db: sqlite_utils.Database) -> None:
    """The persisted near-duplicate index (:mod:`crawler.dedup.nearindex`).

    ``near_bands`` is WITHOUT ROWID with the bucket first in its key: a lookup
    is one b-tree seek per band, and the table is its own index.
    ``near_meta`` records the parameters the rows were computed with, so a
    changed setting rebuilds the index instead of comparing incompatible
    signatures.
    """
    db.execute("CREATE TABLE near_meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute(
        "CREATE TABLE near_signatures (article_id INTEGER PRIMARY KEY "
        "REFERENCES articles(id), sig BLOB NOT NULL)"
    )
    db.execute(
        "CREATE TABLE near_bands (bucket INTEGER NOT NULL, article_id INTEGER NOT NULL, "
        "PRIMARY KEY (bucket, article_id)) WITHOUT ROWID"
    )


def _v3_fts(db: sqlite_utils.Database) -> None:
    """The Chinese full-text index (character n-grams in contentless FTS5)."""
    from crawler.archive.fts import create_fts

    create_fts(db)


def _v4_plain_text(db: sqlite_utils.Database) -> None:
    """Article texts hold no control character but ``\n`` (``db.plain_text``)."""
    from crawler.archive.values import plain_text

    fixes = [
        (clean, article_id)
        for article_id, text in db.execute("SELECT id, text FROM articles WHERE text IS NOT NULL")
        if (clean := plain_text(text)) != text
    ]
    db.conn.executemany("UPDATE articles SET text = ? WHERE id = ?", fixes)


def _v5_trigram_fts(db: sqlite_utils.Database) -> None:
    """The full-text index with trigram tokens (``crawler.archive.ngrams``), rebuilt."""
    from crawler.archive.fts import create_fts, drop_fts

    articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    if articles:
        logger.warning("rebuilding the full-text index of %s articles with trigram tokens "
                       "(once per archive, ~10 ms an article)", articles)
    drop_fts(db)
    create_fts(db, _logged_progress(articles))


def _v6_groups(db: sqlite_utils.Database) -> None:
    """Per-sighting facts, so the original of a copy group is decided by evidence.

    ``texts`` holds every distinct text seen (keyed by its SHA-1, so exact
    copies and mirrors share a row) with the group it belongs to; sightings
    gain what the canonical rule reads (declared canonical URL, text, length,
    metadata, site names, completeness, part URLs); articles say which rule
    chose their original and whose text they carry. The near index is re-keyed
    by text (``near_index_for`` rebuilds it on the next crawl). Old archives
    keep their originals: only the original's text is known for them, so
    their copies take part in the rule once refetched (``fanwen crawl --full``).
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS texts (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, "
        "content_hash TEXT, article_id INTEGER REFERENCES articles(id), chars INTEGER, "
        "form_chars INTEGER, text TEXT)"
    )
    db.execute("CREATE INDEX IF NOT EXISTS texts_content_hash ON texts (content_hash)")
    db.execute("CREATE INDEX IF NOT EXISTS texts_article_id ON texts (article_id)")
    _add_columns(db, "sightings", ("canonical_url", "text_id", "chars", "author", "category",
                                   "breadcrumb", "tags", "site_names", "complete", "parts"))
    db.execute("CREATE INDEX IF NOT EXISTS sightings_canonical_url ON sightings (canonical_url)")
    _add_columns(db, "articles", ("decided_by", "text_url"))
    _add_columns(db, "article_versions", ("canonical_url", "url", "site", "published_at",
                                          "origin", "author", "reason"))
    from crawler.dedup.nearindex import create_tables

    db.execute("DROP TABLE IF EXISTS near_bands")
    db.execute("DROP TABLE IF EXISTS near_signatures")
    db.execute("DROP TABLE IF EXISTS near_meta")
    create_tables(db)
    _backfill_groups(db)


_INTEGER_COLUMNS = frozenset({"text_id", "chars", "complete"})


def _add_columns(db: sqlite_utils.Database, table: str, names: tuple[str, ...]) -> None:
    """Idempotent, like the whole migration: a half-upgraded copy can be upgraded again."""
    have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
    for name in (n for n in names if n not in have):
        kind = "INTEGER" if name in _INTEGER_COLUMNS else "TEXT"
        db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


def _backfill_groups(db: sqlite_utils.Database) -> None:
    """The facts an old archive has: each article's own text for its original sighting."""
    from crawler.archive.groups import text_key
    from crawler.dedup.fingerprint import hash_form

    rows = db.execute("SELECT id, text, content_hash, chars FROM articles").fetchall()
    for article_id, text, chash, chars in rows:
        text = text or ""
        db.execute(
            "INSERT OR IGNORE INTO texts (hash, content_hash, article_id, chars, form_chars, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [text_key(text), chash, article_id, chars, len(hash_form(text)), text],
        )
        db.execute(
            "UPDATE sightings SET text_id = (SELECT id FROM texts WHERE hash = ?), chars = ? "
            "WHERE article_id = ? AND match = 'original'", [text_key(text), chars, article_id],
        )
    db.execute(
        "UPDATE sightings SET canonical_url = CASE WHEN match IN ('original', 'url') THEN "
        "(SELECT canonical_url FROM articles a WHERE a.id = article_id) ELSE url END, complete = 1"
    )
    db.execute(
        "UPDATE sightings SET (author, category, breadcrumb, tags) = (SELECT author, category, "
        "breadcrumb, tags FROM articles a WHERE a.id = article_id) WHERE match = 'original'"
    )
    db.execute("UPDATE articles SET decided_by = 'arrival', text_url = url")


def _logged_progress(total: int, every: float = 10.0) -> Callable[[int], None] | None:
    """A log line every ``every`` seconds: a long migration must not look hung.
    (The storage layer logs; it never prints: the CLI decides what reaches a terminal.)"""
    if not total:
        return None
    last = [time.monotonic()]

    def show(done: int) -> None:
        if time.monotonic() - last[0] >= every or done >= total:
            last[0] = time.monotonic()
            logger.warning("rebuilding the search index: %s/%s articles", f"{done:,}", f"{total:,}")

    return show


def _v7_warc(db: sqlite_utils.Database) -> None:
    """Where each page's raw capture sits: a WARC file of the run and its record's bytes."""
    have = {row[1] for row in db.execute("PRAGMA table_info(pages)")}
    for name, kind in (("warc_file", "TEXT"), ("warc_offset", "INTEGER"),
                       ("warc_length", "INTEGER")):
        if name not in have:
            db.execute(f"ALTER TABLE pages ADD COLUMN {name} {kind}")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1, _v2_near_index, _v3_fts, _v4_plain_text, _v5_trigram_fts, _v6_groups, _v7_warc,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> int:
    """Bring ``db`` up to :data:`SCHEMA_VERSION`; returns the version it had.

    The version is read inside a write transaction (BEGIN IMMEDIATE), so two
    processes opening a new archive at once cannot both create its tables.
    Article fields added since (:mod:`crawler.archive.columns`) get their
    columns without a numbered migration.
    """
    found = _user_version(db)
    if found == SCHEMA_VERSION:
        _add_meta_columns(db)
        return found
    db.execute("BEGIN IMMEDIATE")
    try:
        found = _user_version(db)
        if found > SCHEMA_VERSION:
            raise RuntimeError(
                f"archive schema v{found} is newer than this fanwen (v{SCHEMA_VERSION}); "
                "upgrade fanwen"
            )
        for version in range(found, SCHEMA_VERSION):
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    _add_meta_columns(db)
    return found


def _add_meta_columns(db: sqlite_utils.Database) -> None:
    """The columns of article fields listed in ``columns.py`` that this archive lacks."""
    for table in ("articles", "sightings", "article_versions"):
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for name in missing_columns(have, table):
            db.execute(f"ALTER TABLE {table} ADD COLUMN {name} TEXT")


def _user_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])
