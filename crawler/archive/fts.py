"""The Chinese full-text index: an FTS5 table of character n-gram tokens.

``articles_fts`` is *contentless* (``content=''``): the archive already holds
every text once in ``articles``, and a second copy of ~1,500 characters per
article would double the file. Tokens are made in Python (see
:mod:`crawler.archive.ngrams`), so any SQLite client can query the table with
plain ``MATCH`` and the expression :func:`match_expression` returns.

A contentless table on SQLite 3.40 forgets what it indexed (3.43's
``contentless_delete`` is not available), yet removing a row needs exactly
the tokens it was given. ``articles_fts_docs`` therefore keeps, per indexed
article, the title and a hash of the text it was indexed from; the text is
found again in ``articles`` or, after an in-place update, in
``article_versions``. When it cannot be found, unindexing refuses (a wrong
delete would corrupt the index silently) and ``fanwen reindex`` rebuilds.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from typing import Any

import sqlite_utils

from crawler.archive.ngrams import index_tokens
from crawler.archive.searchquery import Node, parse, to_fts

logger = logging.getLogger(__name__)
FTS_TABLE = "articles_fts"
DOCS_TABLE = "articles_fts_docs"
# Title hits weigh more than body hits: a title is what the article is about.
RANK = "bm25(4.0, 1.0)"
REINDEX_BATCH = 500  # rows per executemany: constant memory, few round trips


class StaleIndexError(RuntimeError):
    """The text an article was indexed from is gone; only a reindex can fix it."""


def create_fts(db: sqlite_utils.Database,
               progress: Callable[[int], None] | None = None) -> None:
    """Migration: the index tables, filled from any articles already archived."""
    # prefix='1 2': one- and two-character queries are prefix queries; without
    # the prefix indexes FTS5 would merge the doclists of every trigram
    # starting with them.
    db.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        "title, text, content='', tokenize='ascii', prefix='1 2')"
    )
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', '{RANK}')")
    db.execute(
        f"CREATE TABLE {DOCS_TABLE} (article_id INTEGER PRIMARY KEY, "
        "title TEXT, text_hash TEXT NOT NULL)"
    )
    _fill(db, progress)


def drop_fts(db: sqlite_utils.Database) -> None:
    """Migration: remove the index tables (before building them anew)."""
    db.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    db.execute(f"DROP TABLE IF EXISTS {DOCS_TABLE}")


def text_hash(text: str | None) -> str:
    data = (text or "").encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def match_expression(query: str) -> tuple[Node, str]:
    """The parsed query and its FTS5 expression (QueryError if malformed)."""
    node = parse(query)
    return node, to_fts(node)


def _insert(db: sqlite_utils.Database, rows: list[tuple[int, str | None, str | None]]) -> None:
    db.conn.executemany(
        f"INSERT INTO {FTS_TABLE}(rowid, title, text) VALUES (?, ?, ?)",
        [(aid, index_tokens(title), index_tokens(text)) for aid, title, text in rows],
    )
    db.conn.executemany(
        f"INSERT INTO {DOCS_TABLE}(article_id, title, text_hash) VALUES (?, ?, ?)",
        [(aid, title, text_hash(text)) for aid, title, text in rows],
    )


def index_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Make the index agree with the article's current title and text.

    Idempotent; after an in-place update the old tokens are removed first.
    """
    row = db.execute("SELECT title, text FROM articles WHERE id = ?", [article_id]).fetchone()
    indexed = _indexed(db, article_id)
    if row is None:
        unindex_article(db, article_id)
        return
    if indexed is not None:
        if indexed == (row[0], text_hash(row[1])):
            return
        unindex_article(db, article_id)
    _insert(db, [(article_id, row[0], row[1])])


def unindex_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Remove the article's tokens (no-op if it was never indexed)."""
    indexed = _indexed(db, article_id)
    if indexed is None:
        return
    title, wanted = indexed
    text = _indexed_text(db, article_id, wanted)
    if text is None:
        raise StaleIndexError(
            f"article {article_id}: the text it was indexed from is gone; run `fanwen reindex`"
        )
    db.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, text) VALUES ('delete', ?, ?, ?)",
        [article_id, index_tokens(title), index_tokens(text)],
    )
    db.execute(f"DELETE FROM {DOCS_TABLE} WHERE article_id = ?", [article_id])


def _indexed(db: sqlite_utils.Database, article_id: int) -> tuple[str | None, str] | None:
    row = db.execute(
        f"SELECT title, text_hash FROM {DOCS_TABLE} WHERE article_id = ?", [article_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def _indexed_text(db: sqlite_utils.Database, article_id: int, wanted: str) -> str | None:
    """The article's current or an earlier text whose hash is ``wanted``."""
    rows = db.execute(
        "SELECT text FROM articles WHERE id = ? UNION ALL "
        "SELECT text FROM (SELECT text FROM article_versions WHERE article_id = ? ORDER BY id DESC)",
        [article_id, article_id],
    )
    return next((text or "" for (text,) in rows if text_hash(text) == wanted), None)


def _article_batches(db: sqlite_utils.Database) -> Iterator[list[Any]]:
    cursor = db.conn.execute("SELECT id, title, text FROM articles ORDER BY id")
    while batch := cursor.fetchmany(REINDEX_BATCH):
        yield batch


def _fill(db: sqlite_utils.Database, progress: Callable[[int], None] | None = None) -> int:
    done = 0
    for batch in _article_batches(db):
        _insert(db, batch)
        done += len(batch)
        if progress:
            progress(done)
    return done


def reindex(db: sqlite_utils.Database, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from ``articles`` in one transaction.

    Interrupted, it leaves the previous index; finished, it merges the index
    into one segment, which is what makes queries fast. Returns the count.
    """
    with db.atomic():
        db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
        db.execute(f"DELETE FROM {DOCS_TABLE}")
        done = _fill(db, progress)
    optimize(db)
    return done


def optimize(db: sqlite_utils.Database) -> None:
    """Merge the index's segments (run after bulk loads; crawls automerge)."""
    with db.atomic():
        db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
