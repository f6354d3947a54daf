"""JSON lines out of the archive: one article per line, streamed, atomic.

Each line is built by SQLite's ``json_object`` from the stored columns (the
JSON lists are already JSON in the archive), so Python only moves strings:
that is what makes the export fast (no per-record ``json.loads``/``dumps``)
and its memory flat (one cursor, one row at a time). SQLite writes non-ASCII
as UTF-8, never ``\\u`` escapes. The one read statement sees one snapshot
(WAL), so an export taken during a crawl is consistent.

Files are written to a temporary name in the same directory and renamed
into place only when complete: an interrupted export (Ctrl-C, a full disk)
leaves no file under the final name.
"""

from __future__ import annotations

import gzip
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import sqlite_utils

from crawler.archive.filters import Filters

PROGRESS_EVERY = 2000  # records between progress callbacks
GZIP_LEVEL = 6  # gzip's own default: what people expect of a .gz

_SIGHTING = (
    "json_object('url', s.url, 'site', s.site, 'match', s.match, 'similarity', s.similarity, "
    "'first_seen', s.first_seen, 'last_seen', s.last_seen)"
)
SIGHTINGS_SQL = (
    f"json((SELECT json_group_array({_SIGHTING}) FROM "
    "(SELECT * FROM sightings WHERE article_id = a.id ORDER BY id) s))"
)
RECORD_SQL = (
    "json_object('id', a.id, 'url', a.url, 'canonical_url', a.canonical_url, 'site', a.site, "
    "'title', a.title, 'category', json(coalesce(a.category, '[]')), "
    "'tags', json(coalesce(a.tags, '[]')), 'published_at', a.published_at, "
    "'origin', a.origin, 'author', a.author, 'text', a.text, "
    "'paragraphs', json(coalesce(a.paragraphs, '[]')), 'chars', a.chars, "
    "'content_hash', a.content_hash, 'first_seen', a.first_seen, 'last_seen', a.last_seen"
    "{extra})"
)


class ExportError(ValueError):
    """The export cannot be made as asked (said in one line for the user)."""


@dataclass(frozen=True)
class ExportSpec:
    filters: Filters = field(default_factory=Filters)
    run: int | None = None  # articles first archived by this run
    new_since_run: int | None = None  # articles first archived after this run
    with_sightings: bool = False


def record_sql(with_sightings: bool) -> str:
    """The SQL expression giving one article's JSON record (alias ``a``)."""
    return RECORD_SQL.format(extra=f", 'sightings', {SIGHTINGS_SQL}" if with_sightings else "")


def export_query(spec: ExportSpec) -> tuple[str, list[Any]]:
    clauses, params = spec.filters.sql()
    if spec.run is not None:
        clauses.append("a.run_id = ?")
        params.append(spec.run)
    if spec.new_since_run is not None:
        clauses.append("a.run_id > ?")
        params.append(spec.new_since_run)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return f"SELECT {record_sql(spec.with_sightings)} FROM articles a{where} ORDER BY a.id", params


def check_runs(db: sqlite_utils.Database, spec: ExportSpec) -> None:
    """A run id that names no run is a typo, not an empty export."""
    for run_id in (spec.run, spec.new_since_run):
        if run_id is not None and not db.execute(
            "SELECT 1 FROM runs WHERE id = ?", [run_id]
        ).fetchone():
            raise ExportError(f"no run #{run_id} in the archive (see `fanwen runs`)")


def iter_lines(db: sqlite_utils.Database, spec: ExportSpec) -> Iterator[str]:
    """The export's JSON lines (without newline), one row in memory at a time."""
    check_runs(db, spec)
    sql, params = export_query(spec)
    for (line,) in db.conn.execute(sql, params):
        yield line


def write_lines(lines: Iterator[str], out: IO[str],
                progress: Callable[[int], None] | None = None) -> int:
    count = 0
    for line in lines:
        out.write(line)
        out.write("\n")
        count += 1
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
    if progress:
        progress(count)
    return count


@contextmanager
def atomic_text_file(path: Path) -> Iterator[IO[str]]:
    """A UTF-8 text stream that appears at ``path`` only once closed cleanly."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as raw:
            binary: IO[bytes] = raw
            if path.name.endswith(".gz"):
                binary = cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=GZIP_LEVEL))
            with io.TextIOWrapper(binary, encoding="utf-8", newline="\n") as text:
                yield text
                text.flush()
                if binary is not raw:
                    binary.close()
                raw.flush()
                os.fsync(raw.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 is for the temp name only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_to_file(db: sqlite_utils.Database, spec: ExportSpec, path: Path,
                   progress: Callable[[int], None] | None = None) -> int:
    """Write the export to ``path`` (gzip if it ends in .gz), atomically."""
    lines = iter_lines(db, spec)
    check_runs(db, spec)  # fail before a temp file exists
    with atomic_text_file(path) as out:
        return write_lines(lines, out, progress)
