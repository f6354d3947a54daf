"""Whether an archive can be written, and reading one that cannot.

A crawl or ``reindex`` into an archive it cannot write must stop before
fetching anything, in one line (:func:`write_problem`). Read commands must
work on an archive in a read-only file or directory and never create or
change a file (:func:`connect_readonly`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

_EFFECTIVE = os.access in os.supports_effective_ids  # setuid and root: ask as the process acts


def _can(path: Path, mode: int) -> bool:
    return os.access(path, mode, effective_ids=_EFFECTIVE)


def write_problem(db: Path) -> str | None:
    """Why the archive at ``db`` cannot be written (one line), or None.

    SQLite writes beside the file too (``-wal``, ``-shm``, journal) and the
    crawl lock is ``<db>.lock``, so the directory must be writable as well.
    """
    if db.exists():
        if not _can(db, os.R_OK | os.W_OK):
            return f"{db} is read-only: a crawl or reindex must write it"
        folder = db.parent
    else:
        folder = next((p for p in db.absolute().parents if p.exists()), Path("/"))
    if not _can(folder, os.W_OK | os.X_OK):
        return f"cannot write in {folder}: the archive needs its directory writable"
    return None


def connect_readonly(db: Path) -> sqlite3.Connection:
    """A connection that reads ``db`` and writes nothing, leaving no file behind.

    Where the archive can be written, an ordinary connection with
    ``query_only``: SQLite removes the ``-wal``/``-shm`` it needs when the
    last connection closes (a ``mode=ro`` one would leave them). Where it
    cannot, ``mode=ro``, which needs the ``-shm`` a live writer keeps; with no
    writer, ``immutable``: no process can be changing a file nobody may write.
    """
    uri = f"file:{quote(str(db.absolute()))}"
    if write_problem(db) is None:
        conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
        return conn
    if Path(f"{db}-shm").exists():
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA user_version").fetchone()
            return conn
        except sqlite3.OperationalError:  # the -shm is there but not ours to map
            conn.close()
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None)
