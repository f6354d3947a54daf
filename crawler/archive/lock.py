"""One crawl per archive at a time.

An advisory ``flock`` on ``<archive>.lock``: the kernel drops it when the
process dies, however it dies, so a crashed or ``kill -9``-ed run never
leaves a stale lock behind. The holder's pid is written into the file only
to make the "locked" message useful.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import IO

_HELD: dict[Path, IO[str]] = {}
_PID_WAIT = 0.1  # seconds; the holder writes its pid microseconds after taking the lock
_PID_READS = 10


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
        holder = _holder(handle)
        handle.close()
        who = f"pid {holder}" if holder else "another process"
        raise ArchiveLocked(f"{archive} is being crawled by {who}; try again later") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    _HELD[path] = handle
    return True


def _holder(handle: IO[str]) -> str:
    """The holder's pid as it writes it just after taking the lock: two processes
    starting together can find the lock taken and the pid not written yet (or the
    last run's still there), so the file is read once the holder has had time to."""
    for _ in range(_PID_READS):
        time.sleep(_PID_WAIT)
        handle.seek(0)
        holder = handle.read().strip()
        if holder:
            return holder
    return ""


def release(archive: str | Path) -> None:
    handle = _HELD.pop(lock_path(archive), None)
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
