"""A rotating set of ``.warc.gz`` files, appended one exchange at a time.

Each record is its own gzip member, serialised in memory and appended with
one ``write`` followed by a flush, so a process killed at any instant leaves
every earlier record complete on disk (only power loss could tear the last
one, which :mod:`crawler.warc.reader` detects and skips). Files are named by
run and sequence, ``fanwen-r00042-20260101T120000Z-00001.warc.gz`` (without a
run: ``fanwen-20260101T120000Z-p4242-00001.warc.gz``), opened
with ``x`` (never overwriting), and start with a ``warcinfo`` record; a new
file starts when the next write would pass ``max_size``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from warcio.warcwriter import WARCWriter

from crawler import __version__

logger = logging.getLogger(__name__)
SUFFIX = ".warc.gz"


@dataclass(frozen=True)
class Location:
    """Where a record sits: a file of the set (name only) and its byte range."""

    file: str
    offset: int
    length: int

    def as_meta(self) -> dict[str, Any]:
        return {"file": self.file, "offset": self.offset, "length": self.length}


def serialise(record: Any) -> bytes:
    """One record as one gzip member."""
    out = BytesIO()
    WARCWriter(out, gzip=True).write_record(record)
    return out.getvalue()


class WarcFileSet:
    def __init__(self, directory: Path, run: int | None, max_size: int,
                 info: dict[str, str] | None = None) -> None:
        self.directory = Path(directory)
        self.max_size = max_size
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        # Without a run (distributed workers sharing a WARC_DIR) the pid keeps names apart.
        self.prefix = (f"fanwen-r{run:05d}-{stamp}" if run is not None
                       else f"fanwen-{stamp}-p{os.getpid()}")
        self.info = {"software": f"fanwen/{__version__} (warcio)", "format": "WARC File Format 1.0",
                     **(info or {})}
        self.sequence = 0
        self._file: BinaryIO | None = None
        self._name = ""
        self.bytes_written = 0

    def append(self, records: list[Any]) -> Location:
        """Write ``records`` together (response first, then its request); the first's place."""
        blobs = [serialise(record) for record in records]
        size = sum(map(len, blobs))
        out = self._current(size)
        offset = out.tell()
        out.write(b"".join(blobs))
        out.flush()
        self.bytes_written += size
        return Location(self._name, offset, len(blobs[0]))

    def _current(self, incoming: int) -> BinaryIO:
        if self._file is not None and self._file.tell() + incoming > self.max_size:
            self.close()
        if self._file is None:
            self._open_next()
        assert self._file is not None
        return self._file

    def _open_next(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.sequence += 1
        self._name = f"{self.prefix}-{self.sequence:05d}{SUFFIX}"
        self._file = open(self.directory / self._name, "xb")  # noqa: SIM115 - kept open across calls
        from crawler.warc.records import BUILDER

        self._file.write(serialise(BUILDER.create_warcinfo_record(self._name, self.info)))
        self._file.flush()
        logger.info("writing WARC %s", self.directory / self._name)

    def close(self) -> None:
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())  # a closed file is complete even after power loss
            self._file.close()
            self._file = None
