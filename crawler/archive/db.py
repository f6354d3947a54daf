"""The archive as a Python object: open, migrate, read and write.

One ``Archive`` wraps one sqlite-utils ``Database`` in WAL mode. Writes that
belong together (an article, its sighting, its pages) go in one transaction,
so a crawl killed at any moment leaves either all of them or none.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.archive.access import connect_readonly, write_problem
from crawler.archive.fts import index_article
from crawler.archive.schema import SCHEMA_VERSION, migrate
from crawler.runcounts import run_counts


class ArchiveError(Exception):
    """The archive file cannot be used (corrupt, not SQLite, newer schema)."""


def _pk(value: Any) -> int:
    """The rowid sqlite-utils reports after an insert (never None after one)."""
    if value is None:
        raise ArchiveError("insert reported no row id")
    return int(value)


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Every C0 control except the paragraph break, as a space: see plain_text.
_CONTROLS_TO_SPACE = str.maketrans(dict.fromkeys((c for c in range(32) if c != 10), " "))


def plain_text(text: str) -> str:
    """``text`` as the archive stores it: no control character but ``\\n``.

    The cleaner already drops them; holding the archive to it lets export
    JSON-quote a text with three byte replacements instead of a scan for
    characters JSON must escape (see ``export._quote_text``).
    """
    return text.translate(_CONTROLS_TO_SPACE)


def dumps(value: Any) -> str:
    """JSON as stored in the archive: UTF-8 Chinese, not ``\\u`` escapes."""
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class Counts:
    articles: int
    sightings: int
    copies: int
    sites: int
    pages: int
    runs: int


class Archive:
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        """Open (creating and migrating) the archive; ``read_only`` opens an existing
        one for reading without touching any file (see :meth:`_open_readonly`)."""
        self.path = Path(path)
        if read_only and self._open_readonly():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            migrate(self.db)
        except (sqlite3.DatabaseError, RuntimeError) as exc:
            raise ArchiveError(f"{self.path}: not a usable fanwen archive ({exc})") from exc

    def _open_readonly(self) -> bool:
        """Read without writing: True when opened so; False when an older
        schema must be migrated first and the file can be written."""
        try:
            conn = connect_readonly(self.path)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not a usable fanwen archive ({exc})") from exc
        problem = None
        if not tables:
            problem = "empty, not an archive yet (run `fanwen crawl` or `fanwen demo` first)"
        elif version > SCHEMA_VERSION:
            problem = f"schema v{version} is newer than this fanwen (v{SCHEMA_VERSION}); upgrade"
        elif version < SCHEMA_VERSION and write_problem(self.path):
            problem = f"schema v{version} needs an upgrade, which needs write access"
        if problem or version < SCHEMA_VERSION:
            conn.close()
            if problem:
                raise ArchiveError(f"{self.path}: {problem}")
            return False
        self.db = sqlite_utils.Database(conn)
        return True

    def close(self) -> None:
        self.db.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all (nested: savepoint)."""
        with self.db.atomic():
            yield

    # --- runs -------------------------------------------------------------
    def start_run(self, args: dict[str, Any], sites: list[str], version: str) -> int:
        table = self.db.table("runs")
        with self.transaction():
            table.insert(
                {
                    "started_at": utc_now(), "status": "running", "version": version,
                    "args": dumps(args), "sites": dumps(sites),
                }
            )
        return _pk(table.last_pk)

    def finish_run(self, run_id: int, status: str, reason: str, stats: dict[str, Any]) -> None:
        with self.transaction():
            self.db.table("runs").update(
                run_id,
                {
                    "finished_at": utc_now(), "status": status, "finish_reason": reason,
                    "stats": dumps(stats),
                },
            )

    # --- reads ---------------------------------------------------------------
    def article_text(self, article_id: int) -> str | None:
        row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    # --- writes -------------------------------------------------------------
    def insert_article(self, record: dict[str, Any]) -> int:
        if record.get("text"):
            record = {**record, "text": plain_text(record["text"])}
        table = self.db.table("articles")
        table.insert(record)
        article_id = _pk(table.last_pk)
        index_article(self.db, article_id)  # the search index moves with the archive
        return article_id

    def upsert_sighting(self, record: dict[str, Any]) -> bool:
        """Insert the sighting of ``record['url']``, or refresh its last_seen.

        Returns True when the URL was new to the archive.
        """
        existing = self.db.execute(
            "SELECT id FROM sightings WHERE url = ?", [record["url"]]
        ).fetchone()
        if existing:
            self.db.execute(
                "UPDATE sightings SET last_seen = ?, last_run_id = ? WHERE id = ?",
                [record["last_seen"], record.get("last_run_id"), existing[0]],
            )
            self.db.execute(
                "UPDATE articles SET last_seen = max(last_seen, ?) WHERE id = ?",
                [record["last_seen"], record["article_id"]],
            )
            return False
        self.db.table("sightings").insert(record)
        self.db.execute(
            "UPDATE articles SET last_seen = max(last_seen, ?) WHERE id = ?",
            [record["last_seen"], record["article_id"]],
        )
        return True

    def record_pages(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.db.table("pages").upsert_all(rows, pk="url", alter=False)

    # --- incremental crawling ---------------------------------------------------
    def page_state(self, url: str) -> dict[str, Any] | None:
        """The ledger row of a page the archive holds an article of, whatever its
        kind (None otherwise)."""
        rows = list(
            self.db.query(
                "SELECT url, fetched_at, etag, last_modified, article_id, gone_at, run_id "
                "FROM pages WHERE url = ? AND article_id IS NOT NULL",
                [url],
            )
        )
        return rows[0] if rows else None

    def part_urls(self, url: str) -> list[str]:
        """Parts 2+ of the multi-page article whose first page is ``url``."""
        row = self.db.execute("SELECT parts FROM sightings WHERE url = ?", [url]).fetchone()
        return list(json.loads(row[0])) if row and row[0] else []

    def unfinished_run_ids(self) -> set[int]:
        """Runs that stopped before their queue was done: killed, interrupted, crashed.

        Their pages were stored, but the links on them may never have been
        followed; the next run fetches those pages in full again.
        """
        rows = self.db.execute(
            "SELECT id FROM runs WHERE finish_reason IS NULL OR finish_reason != 'finished'"
        )
        return {row[0] for row in rows}

    def touch_page(self, url: str, now: str, run_id: int | None) -> None:
        """A 304: the page is as archived; only the seen times move."""
        with self.transaction():
            self.db.execute(
                "UPDATE pages SET fetched_at = ?, http_status = 304, run_id = ?, gone_at = NULL "
                "WHERE url = ?",
                [now, run_id, url],
            )
            self.db.execute(
                "UPDATE sightings SET last_seen = ?, last_run_id = ?, gone_at = NULL WHERE url = ?",
                [now, run_id, url],
            )
            self.db.execute(
                "UPDATE articles SET last_seen = max(last_seen, ?) "
                "WHERE id = (SELECT article_id FROM sightings WHERE url = ?)",
                [now, url],
            )

    def mark_gone(self, url: str, now: str, status: int, run_id: int | None) -> None:
        """The page now answers 404/410: remember when; the article stays."""
        with self.transaction():
            self.db.execute(
                "UPDATE pages SET gone_at = coalesce(gone_at, ?), http_status = ?, run_id = ? "
                "WHERE url = ?",
                [now, status, run_id, url],
            )
            self.db.execute(
                "UPDATE sightings SET gone_at = coalesce(gone_at, ?) WHERE url = ?", [now, url]
            )

    def due_article_urls(self, sites: list[str], fetched_before: str) -> list[str]:
        """Archived article pages of ``sites`` not fetched since ``fetched_before``."""
        marks = ",".join("?" for _ in sites)
        rows = self.db.execute(
            f"SELECT url FROM pages WHERE site IN ({marks}) AND article_id IS NOT NULL "
            "AND kind IN ('article', 'other') AND gone_at IS NULL AND fetched_at < ? "
            "ORDER BY fetched_at",
            [*sites, fetched_before],
        )
        return [row[0] for row in rows]

    def replace_article_text(self, article_id: int, fields: dict[str, Any], now: str,
                             run_id: int | None) -> None:
        """Keep the current text as a version, then update the article in place."""
        self.db.execute(
            "INSERT INTO article_versions (article_id, title, text, paragraphs, content_hash, "
            "first_seen, replaced_at, run_id) SELECT id, title, text, paragraphs, content_hash, "
            "first_seen, ?, ? FROM articles WHERE id = ?",
            [now, run_id, article_id],
        )
        self.update_article(article_id, fields)

    def update_article(self, article_id: int, fields: dict[str, Any]) -> None:
        """Update in place; the search index follows (its old tokens removed first)."""
        if fields.get("text"):
            fields = {**fields, "text": plain_text(fields["text"])}
        self.db.table("articles").update(article_id, fields)
        index_article(self.db, article_id)

    # --- reads for the CLI --------------------------------------------------
    def counts(self) -> Counts:
        def one(sql: str) -> int:
            return int(self.db.execute(sql).fetchone()[0])

        return Counts(
            articles=one("SELECT count(*) FROM articles"),
            sightings=one("SELECT count(*) FROM sightings"),
            copies=one("SELECT count(*) FROM sightings WHERE match != 'original'"),
            sites=one("SELECT count(DISTINCT site) FROM sightings"),
            pages=one("SELECT count(*) FROM pages"),
            runs=one("SELECT count(*) FROM runs"),
        )

    def site_counts(self) -> list[dict[str, Any]]:
        sql = """
            SELECT s.site, count(*) AS sightings,
                   sum(s.match = 'original') AS originals,
                   sum(s.match != 'original') AS copies
            FROM sightings s GROUP BY s.site ORDER BY sightings DESC
        """
        return [dict(row) for row in self.db.query(sql)]

    def runs(self, last: int) -> list[dict[str, Any]]:
        rows = self.db.query("SELECT * FROM runs ORDER BY id DESC LIMIT ?", [last])
        return [run_summary(row) for row in rows]

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def run_summary(row: dict[str, Any]) -> dict[str, Any]:
    """A ``runs`` row with its JSON decoded and the headline numbers pulled out."""
    stats = json.loads(row.get("stats") or "{}")
    return {
        "id": row["id"], "started_at": row["started_at"], "finished_at": row["finished_at"],
        "status": row["status"], "finish_reason": row["finish_reason"], "version": row["version"],
        "sites": json.loads(row.get("sites") or "[]"),
        "args": json.loads(row.get("args") or "{}"),
        **run_counts(stats),  # the numbers the crawl's own summary line showed
        "error_types": {
            key.rsplit("/", 1)[-1]: value
            for key, value in stats.items()
            if key.startswith("downloader/exception_type_count/") and not key.endswith("IgnoreRequest")
        },
        "seconds": stats.get("elapsed_time_seconds"),
    }
