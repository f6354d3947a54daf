"""JSON lines out of the archive: one article per line, streamed, atomic.

A line is spliced together from bytes, never decoded to ``str`` and
re-encoded (at ~9 KB a record, that round trip was most of the cost):

* SQLite's ``json_object`` builds the small fields before and after the
  text (``id`` … ``author``, ``chars`` … ``last_seen``, the sightings);
* ``paragraphs`` is copied as stored: the archive stores it as JSON
  (``json.dumps(..., ensure_ascii=False)``, see ``db.py``), so it needs no
  parsing (SQLite's ``json()`` over it halved the speed);
* ``text`` is quoted by byte replacement (:func:`_quote_text`): the archive
  holds no control character JSON would have to escape.

Non-ASCII stays UTF-8, never ``\\u`` escapes. Rows are read in batches and
written as one chunk per batch, so memory is flat. The one read statement
sees one snapshot (WAL), so an export taken during a crawl is consistent.

Files are written to a temporary name in the same directory and renamed
into place only when complete: an interrupted export (Ctrl-C, a full disk)
leaves no file under the final name. A symlink is followed, so its target
is what gets replaced (the link stays a link). A target that exists and is
not a regular file (a device such as ``/dev/full``, a FIFO, ``/dev/stdout``)
is written directly: renaming over it would replace the device node or pipe
with a plain file.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import sqlite_utils

from crawler.archive.columns import EXPORTED_META
from crawler.archive.filters import Filters

PROGRESS_EVERY = 2000  # records between progress callbacks
CHUNK_ROWS = 256  # records per fetch and per write (~2 MB at 9 KB a record)
GZIP_LEVEL = 6  # gzip's own default: what people expect of a .gz
_IOV_MAX = min(1024, os.sysconf("SC_IOV_MAX") if hasattr(os, "sysconf") else 1024)

_SIGHTING = (
    "json_object('url', s.url, 'site', s.site, 'match', s.match, 'similarity', s.similarity, "
    "'origin', s.origin, 'first_seen', s.first_seen, 'last_seen', s.last_seen, "
    "'gone_at', s.gone_at{warc})"
)
# `export --warc`: where the page's raw capture is (docs/warc.md); null when not captured.
_WARC = (
    ", 'warc', (SELECT json_object('file', p.warc_file, 'offset', p.warc_offset, "
    "'length', p.warc_length) FROM pages p WHERE p.url = s.url AND p.warc_file IS NOT NULL)"
)
SIGHTINGS_SQL = (
    f"json((SELECT json_group_array({_SIGHTING}) FROM "
    "(SELECT * FROM sightings WHERE article_id = a.id ORDER BY id) s))"
)
# The article's identity, then its metadata as listed once in columns.py.
_HEAD = ", ".join([
    "'id', a.id, 'url', a.url, 'canonical_url', a.canonical_url, 'site', a.site",
    *(column.export_sql("a") for column in EXPORTED_META),
])
# Every key of a record, in order (docs/export-schema.json lists the same).
RECORD_KEYS = ("id", "url", "canonical_url", "site", *(c.name for c in EXPORTED_META), "text",
               "paragraphs", "chars", "content_hash", "first_seen", "last_seen")
_TAIL = (
    "'chars', a.chars, 'content_hash', a.content_hash, 'first_seen', a.first_seen, "
    "'last_seen', a.last_seen"
)
RECORD_SQL = (
    f"json_object({_HEAD}, 'text', a.text, 'paragraphs', json(coalesce(a.paragraphs, '[]')), "
    f"{_TAIL}{{extra}})"
)
# The export's columns: head object, text, paragraphs, tail object (see iter_chunks).
PARTS_SQL = (
    f"CAST(json_object({_HEAD}) AS BLOB), CAST(a.text AS BLOB), "
    f"CAST(coalesce(a.paragraphs, '[]') AS BLOB), CAST(json_object({_TAIL}{{extra}}) AS BLOB)"
)


class ExportError(ValueError):
    """The export cannot be made as asked (said in one line for the user)."""


@dataclass(frozen=True)
class ExportSpec:
    filters: Filters = field(default_factory=Filters)
    run: int | None = None  # articles first archived by this run
    new_since_run: int | None = None  # articles first archived after this run
    with_sightings: bool = False
    with_warc: bool = False  # each sighting's WARC record (implies with_sightings)


def _extra(with_sightings: bool, with_warc: bool = False) -> str:
    sightings = SIGHTINGS_SQL.format(warc=_WARC if with_warc else "")
    return f", 'sightings', {sightings}" if with_sightings or with_warc else ""


def record_sql(with_sightings: bool) -> str:
    """The SQL expression giving one article's JSON record (alias ``a``)."""
    return RECORD_SQL.format(extra=_extra(with_sightings))


def export_query(spec: ExportSpec) -> tuple[str, list[Any]]:
    clauses, params = spec.filters.sql()
    if spec.run is not None:
        clauses.append("a.run_id = ?")
        params.append(spec.run)
    if spec.new_since_run is not None:
        clauses.append("a.run_id > ?")
        params.append(spec.new_since_run)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    columns = PARTS_SQL.format(extra=_extra(spec.with_sightings, spec.with_warc))
    return f"SELECT {columns} FROM articles a{where} ORDER BY a.id", params


def check_runs(db: sqlite_utils.Database, spec: ExportSpec) -> None:
    """A run id that names no run is a typo, not an empty export."""
    for run_id in (spec.run, spec.new_since_run):
        if run_id is not None and not db.execute(
            "SELECT 1 FROM runs WHERE id = ?", [run_id]
        ).fetchone():
            raise ExportError(f"no run #{run_id} in the archive (see `fanwen runs`)")


def iter_batches(db: sqlite_utils.Database, spec: ExportSpec) -> Iterator[list[Any]]:
    """The export's rows, CHUNK_ROWS at a time (one batch in memory)."""
    check_runs(db, spec)
    sql, params = export_query(spec)
    cursor = db.conn.execute(sql, params)
    while rows := cursor.fetchmany(CHUNK_ROWS):
        yield rows


def batch_parts(rows: list[Any]) -> list[bytes]:
    """A batch of rows as the pieces of complete UTF-8 JSON lines (see the module
    docstring); joined, they are the batch's lines."""
    parts: list[bytes] = []
    add = parts.extend
    quote = _quote_text
    for head, text, paragraphs, tail in rows:
        if text is None:
            add((head[:-1], b',"text":null,"paragraphs":', paragraphs, b",", tail[1:], b"\n"))
        else:
            add((head[:-1], b',"text":"', quote(text), b'","paragraphs":', paragraphs, b",",
                 tail[1:], b"\n"))
    return parts


def format_batch(rows: list[Any]) -> bytes:
    """A batch of rows as complete UTF-8 JSON lines."""
    return b"".join(batch_parts(rows))


def iter_chunks(db: sqlite_utils.Database, spec: ExportSpec) -> Iterator[bytes]:
    """The export as chunks of complete UTF-8 JSON lines, in one thread."""
    for rows in iter_batches(db, spec):
        yield format_batch(rows)


def _quote_text(raw: bytes) -> bytes:
    """The inside of a UTF-8 text's JSON string, without decoding it.

    JSON needs only ``\\``, ``"`` and control characters escaped; non-ASCII
    stays as it is (what ``json.dumps(..., ensure_ascii=False)`` gives). The
    archive stores no control character but the paragraph break
    (``db.plain_text``), so three byte replacements are the whole job; the
    first two rarely find anything, and then copy nothing.
    """
    return raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n")


def write_export(db: sqlite_utils.Database, spec: ExportSpec, out: IO[bytes],
                 progress: Callable[[int], None] | None = None) -> int:
    """Write the export's lines to ``out``, one batch at a time; returns how many.

    Into a plain file or pipe the pieces of a batch go out in one gathered
    ``writev``, so the ~2 MB of a batch is never copied into one buffer
    first; anything else (gzip) gets the joined batch. One thread on purpose:
    a writer thread measured slower (the formatting and SQLite's row reading
    contend for the GIL more than they overlap).
    """
    fd = _plain_fd(out)
    count = next_report = 0
    for rows in iter_batches(db, spec):
        if fd is None:
            out.write(format_batch(rows))
        else:
            _write_all(fd, batch_parts(rows))
        count += len(rows)
        if progress and count >= next_report:
            progress(count)
            next_report = count + PROGRESS_EVERY
    if progress:
        progress(count)
    return count


def _plain_fd(out: IO[bytes]) -> int | None:
    """The descriptor behind an unbuffered or buffered OS file (flushed), else None."""
    if not isinstance(out, (io.FileIO, io.BufferedWriter)) or not hasattr(os, "writev"):
        return None
    try:
        fd = out.fileno()
    except (OSError, ValueError):
        return None
    out.flush()
    return fd


def _write_all(fd: int, parts: list[bytes]) -> None:
    """``os.writev`` of every part, IOV_MAX at a time, finishing any short write."""
    for start in range(0, len(parts), _IOV_MAX):
        chunk = parts[start : start + _IOV_MAX]
        done = os.writev(fd, chunk)
        if done < sum(map(len, chunk)):  # interrupted or a full pipe buffer: rare
            rest = memoryview(b"".join(chunk))[done:]
            while rest:
                rest = rest[os.write(fd, rest):]


@contextmanager
def atomic_file(path: Path, compress: bool | None = None) -> Iterator[IO[bytes]]:
    """A binary stream that appears at ``path`` only once closed cleanly
    (gzip when ``compress``, by default when the name ends in .gz)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb", buffering=0) as raw:
            with _maybe_gzip(raw, path.name.endswith(".gz") if compress is None else compress) as out:
                yield out
            os.fsync(raw.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 is for the temp name only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def direct_file(path: Path, compress: bool) -> Iterator[IO[bytes]]:
    """A device, FIFO or terminal opened for writing in place (no rename possible)."""
    with open(path, "wb", buffering=0) as raw, _maybe_gzip(raw, compress) as out:
        yield out


@contextmanager
def _maybe_gzip(raw: IO[bytes], compress: bool) -> Iterator[IO[bytes]]:
    if compress:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=GZIP_LEVEL) as packed:
            yield cast(IO[bytes], packed)
    else:
        yield raw


def export_target(path: Path) -> tuple[Path, bool]:
    """Where to write for ``path`` and whether atomically (temp file + rename).

    A symlink resolves to its target, so the link survives and the file it
    points at is replaced; what exists but is not a regular file (device,
    FIFO, socket) is written in place, never renamed over.
    """
    if _names_a_descriptor(path):
        return path, False
    target = path.resolve() if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target, True
    if stat.S_ISDIR(mode):
        raise ExportError(f"{path} is a directory; give a file name")
    return target, stat.S_ISREG(mode)


_DESCRIPTOR_LINK = re.compile(r"^/(?:proc/(?:self|\d+)|dev)/fd/\d+$")


def _names_a_descriptor(path: Path) -> bool:
    """Whether ``path`` leads through /dev/fd/N or /proc/self/fd/N (/dev/stdout
    does): an open descriptor the caller redirected, to be written, not replaced."""
    seen = 0
    while seen < 40:
        if _DESCRIPTOR_LINK.match(os.path.abspath(path)):
            return True
        if not path.is_symlink():
            return False
        path = Path(os.path.join(os.path.dirname(path), os.readlink(path)))
        seen += 1
    return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_to_file(db: sqlite_utils.Database, spec: ExportSpec, path: Path,
                   progress: Callable[[int], None] | None = None) -> int:
    """Write the export to ``path`` (gzip if the name given ends in .gz):
    atomically for a regular file, in place for a device or pipe."""
    check_runs(db, spec)  # fail before a temp file exists
    target, atomic = export_target(path)
    compress = path.name.endswith(".gz")
    opener = atomic_file(target, compress) if atomic else direct_file(target, compress)
    with opener as out:
        return write_export(db, spec, out, progress)
