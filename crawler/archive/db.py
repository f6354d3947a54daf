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
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler.archive.access import connect_readonly, write_problem
from crawler.archive.schema import SCHEMA_VERSION, migrate
from crawler.runcounts import run_counts


class ArchiveError(Exception):
    """The archive file cannot be used (corrupt, not SQLite, newer schema)."""




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
