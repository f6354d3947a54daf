"""Read captured exchanges back: one record by its place, or a whole file.

A file's last record may be torn (power loss while it was written; a SIGKILL
cannot tear one, see :mod:`crawler.warc.files`): :func:`scan` stops there
with a logged skip instead of failing, so everything before it stays usable.
Payloads are read raw (``raw_stream``): the bytes the server sent, still
content-encoded when it encoded them, exactly what Scrapy's middlewares
received during the crawl.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from crawler.warc.files import SUFFIX, Location

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Capture:
    """One response or revisit record: its HTTP answer and WARC identity."""

    kind: str  # response | revisit
    uri: str
    record_id: str
    date: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # empty for a revisit: the payload is its referred record's
    profile: str | None = None
    refers_to: str | None = None  # WARC-Refers-To: the record holding an identical payload
    location: Location | None = None

    @property
    def http_head(self) -> bytes:
        lines = [self.status_line, *(f"{k}: {v}" for k, v in self.headers)]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    status_line: str = ""


def _capture(record: Any, location: Location | None) -> Capture:
    http = record.http_headers
    headers = record.rec_headers
    return Capture(
        kind=record.rec_type, uri=headers.get_header("WARC-Target-URI"),
        record_id=headers.get_header("WARC-Record-ID"), date=headers.get_header("WARC-Date"),
        status=int(http.get_statuscode() or 0) if http and record.rec_type != "request" else 0,
        headers=list(http.headers) if http else [], body=record.raw_stream.read(),
        profile=headers.get_header("WARC-Profile"), refers_to=headers.get_header("WARC-Refers-To"),
        location=location,
        status_line=f"{http.protocol} {http.statusline}" if http else "",
    )


def read_at(directory: Path, location: Location) -> Capture:
    """The response or revisit record at ``location`` (a ``pages`` row's warc columns)."""
    with open(Path(directory) / location.file, "rb") as handle:
        handle.seek(location.offset)
        blob = handle.read(location.length)
    for record in ArchiveIterator(BytesIO(blob)):
        return _capture(record, location)
    raise ValueError(f"no WARC record at {location.file}:{location.offset}")


def scan(path: Path, types: frozenset[str] = frozenset({"response", "revisit"})
         ) -> Iterator[Capture]:
    """Every complete record of ``types`` in one file, in order; a torn tail is skipped."""
    pending: Capture | None = None  # held until the record after it proves it complete
    last: Location | None = None
    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        while (record := _next_record(records, path)) is not None:
            capture = _capture(record, None) if record.rec_type in types else None
            records.read_to_end(record)
            last = Location(path.name, records.get_record_offset(), records.get_record_length())
            if pending is not None:
                yield pending
            pending = replace(capture, location=last) if capture is not None else None
    if last is not None and not _complete_member(path, last):
        logger.warning("%s: skipping a torn record at its end (offset %d)", path.name, last.offset)
        return
    if pending is not None:
        yield pending
    end = last.offset + last.length if last is not None else 0
    if end < path.stat().st_size:  # bytes warcio could not even start a record with
        logger.warning("%s: skipping a torn record at its end (offset %d)", path.name, end)


def _next_record(records: ArchiveIterator, path: Path) -> Any:
    try:
        return next(records)
    except StopIteration:
        return None
    except Exception as exc:  # noqa: BLE001 - warcio raises several kinds on a damaged member
        logger.warning("%s: skipping an unreadable record (%s: %s)", path.name,
                       type(exc).__name__, exc)
        return None


def _complete_member(path: Path, where: Location) -> bool:
    """Whether the gzip member at ``where`` ends with its trailer (a torn write does not)."""
    with open(path, "rb") as handle:
        handle.seek(where.offset)
        blob = handle.read(where.length)
    member = zlib.decompressobj(wbits=31)
    try:
        member.decompress(blob)
    except zlib.error:
        return False
    return member.eof


def warc_files(directory: Path, prefix: str = "fanwen-") -> list[Path]:
    """The set's files in write order (run, then start time, then sequence)."""
    return sorted(Path(directory).glob(f"{prefix}*{SUFFIX}"))


def run_of(name: str) -> int | None:
    """The run number in a file name (``fanwen-r00042-…``)."""
    part = name.split("-")[1] if name.count("-") >= 2 else ""
    return int(part[1:]) if part.startswith("r") and part[1:].isdigit() else None


def payload_of(directory: Path, capture: Capture) -> Capture:
    """An identical-payload revisit with its referred record's body (searched in the
    files of the same run: a run's digest map is its own)."""
    if capture.kind != "revisit" or not capture.refers_to or capture.location is None:
        return capture
    run_prefix = "-".join(capture.location.file.split("-")[:3])
    for path in warc_files(directory, run_prefix):
        for found in scan(path, frozenset({"response"})):
            if found.record_id == capture.refers_to:
                return replace(capture, body=found.body)
    raise LookupError(f"{capture.uri}: the record its revisit refers to is missing")
