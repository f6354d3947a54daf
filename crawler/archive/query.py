"""Reading the archive: ranked Chinese search, and one article with its provenance.

Ranking is bm25 over every match when a query matches at most
:data:`RANK_WINDOW` articles. FTS5 has no early termination for bm25, so a
query as common as 我们 (in nearly every article) would cost ~2 µs per match;
beyond the window the newest RANK_WINDOW matches are ranked instead, which
bounds latency whatever the archive size. Matching itself is never cut:
``limit=None`` returns every match.

Search runs in two steps on purpose: FTS5 ranks ids alone (with a join only
when a filter needs article columns), then only the top ``limit`` articles
are read for titles and snippets. Reading text inside the ranked query would
drag every match's text through the sorter.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from typing import Any

import sqlite_utils

from crawler.archive.export import record_sql
from crawler.archive.filters import Filters
from crawler.archive.fts import FTS_TABLE, match_expression
from crawler.archive.ngrams import fold
from crawler.archive.searchquery import Node, matches, positive_terms
from crawler.archive.snippet import snippet

logger = logging.getLogger(__name__)
RANK_WINDOW = 1500  # matches ranked at most: ~3 µs each, so ~5 ms worst case


@dataclass(frozen=True)
class Hit:
    id: int
    title: str | None
    site: str | None
    url: str | None
    published_at: str | None
    score: float
    snippet: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def ranked_ids(db: sqlite_utils.Database, expression: str, filters: Filters,
               limit: int | None) -> list[tuple[int, float]]:
    """(article id, bm25 score) best first; lower scores are better in FTS5."""
    clauses, params = filters.sql()
    join = f" JOIN articles a ON a.id = {FTS_TABLE}.rowid" if clauses else ""
    where = "".join(f" AND {c}" for c in clauses)
    sql = (
        f"SELECT {FTS_TABLE}.rowid AS id, {FTS_TABLE}.rank AS score FROM {FTS_TABLE}{join} "
        f"WHERE {FTS_TABLE} MATCH ?{where}"
    )
    if limit is None:
        sql += " ORDER BY score"
    else:
        window = max(RANK_WINDOW, int(limit))
        sql = (f"SELECT id, score FROM ({sql} ORDER BY {FTS_TABLE}.rowid DESC LIMIT {window}) "
               f"ORDER BY score LIMIT {int(limit)}")
    return list(db.execute(sql, [expression, *params]).fetchall())


def search(db: sqlite_utils.Database, query: str, filters: Filters | None = None,
           limit: int | None = 20, marks: tuple[str, str] = ("[", "]")) -> list[Hit]:
    """Articles matching ``query``, best first, with highlighted snippets.

    Raises QueryError for a malformed query. Every hit is checked against the
    real text, so a stale index row can hide a hit but never invent one.
    """
    node, expression = match_expression(query)
    ranked = ranked_ids(db, expression, filters or Filters(), limit)
    rows = _articles_by_id(db, [aid for aid, _ in ranked])
    terms = positive_terms(node)
    hits = []
    for aid, score in ranked:
        row = rows.get(aid)
        if row is None or not _verified(node, row):
            logger.warning("index row %s is stale; run `fanwen reindex`", aid)
            continue
        hits.append(Hit(aid, row["title"], row["site"], row["url"], row["published_at"],
                        -score, snippet(row["text"], terms, marks)))
    return hits


def _verified(node: Node, row: dict[str, Any]) -> bool:
    return matches(node, [fold(row["title"] or ""), fold(row["text"] or "")])


def _articles_by_id(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    sql = f"SELECT id, title, site, url, published_at, text FROM articles WHERE id IN ({marks})"
    return {row["id"]: row for row in db.query(sql, ids)}


def resolve(db: sqlite_utils.Database, id_or_url: str) -> int | None:
    """The article an id, a sighting URL, or a canonical/original URL names."""
    if id_or_url.isdigit():
        row = db.execute("SELECT id FROM articles WHERE id = ?", [int(id_or_url)]).fetchone()
        return row[0] if row else None
    row = db.execute(
        "SELECT article_id FROM sightings WHERE url = ? UNION ALL "
        "SELECT id FROM articles WHERE canonical_url = ? OR url = ? LIMIT 1",
        [id_or_url, id_or_url, id_or_url],
    ).fetchone()
    return row[0] if row else None


def article_detail(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    """The export record of an article plus every sighting with its provenance."""
    row = db.execute(
        f"SELECT {record_sql(False)} FROM articles a WHERE a.id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    record = json.loads(row[0])
    record["sightings"] = list(
        db.query(
            "SELECT url, site, match, similarity, origin, seen_title, published_at, "
            "first_seen, last_seen, gone_at, run_id FROM sightings "
            "WHERE article_id = ? ORDER BY first_seen, id",
            [article_id],
        )
    )
    return record
