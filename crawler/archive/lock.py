"""One crawl per archive at a time.

An advisory ``flock`` on ``<archive>.lock``: the kernel drops it when the
process dies, however it dies, so a crashed or ``kill -9``-ed run never
leaves a stale lock behind. The holder's pid is written into the file only
to make the "locked" message useful.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

_HELD: dict[Path, IO[str]] = {}


class ArchiveLocked(Exception):
    """Another process is crawling into this archive."""


def lock_path(archive: str | Path) -> Path:
    return Path(f"{archive}.lock").resolve()


def acquire(archive: str | Path) -> bool:
    """Take the archive's crawl lock; True if this call took it, False if this
    process already holds it. Raises ArchiveLocked when another process does."""
    path = lock_path(archive)
    if path in _HELD:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise ArchiveLocked(f"{archive} is being crawled by pid {holder}; try again later") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    _HELD[path] = handle
    return True


def release(archive: str | Path) -> None:
    handle = _HELD.pop(lock_path(archive), None)
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
