"""Reading the archive: ranked Chinese search, and one article with its provenance.

A ranked search (``limit`` given) never asks FTS5 for bm25: FTS5's bm25
first counts every match of every phrase for its IDF, and for a query as
common as 我们 (in nearly every article) that is a scan of the whole index,
growing with the archive. Instead:

1. FTS5 returns the newest :data:`SCORE_WINDOW` matching ids, unranked; it
   stops there, so a common term costs no more than a rare one;
2. those candidates are scored in Python with FTS5's bm25 formula (same
   constants and title weight), counting the terms in the stored text as
   bytes (:func:`bm25_scores`), document frequency taken over the window;
3. only the top ``limit`` articles are read in full, verified and snippeted.

So a ranked search ranks the newest matches, not all of them; matching is
never cut: ``limit=None`` returns every match, ordered by FTS5's own bm25.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import sqlite_utils

from crawler.archive.export import record_sql
from crawler.archive.filters import Filters
from crawler.archive.fts import FTS_TABLE, match_expression
from crawler.archive.ngrams import fold
from crawler.archive.searchquery import Node, matches, positive_terms, term_pattern
from crawler.archive.snippet import snippet

logger = logging.getLogger(__name__)
RANK_WINDOW = 1500  # matches datasette's search box ranks with FTS5's bm25
SCORE_WINDOW = 200  # newest matches `search` ranks: read and scored in Python, ~15 µs each
TITLE_WEIGHT = 4.0  # as in fts.RANK: a title hit weighs four body hits
BM25_K1, BM25_B = 1.2, 0.75  # FTS5's bm25 constants


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
    """(article id, bm25 score) best first, over every match; lower scores are better.

    FTS5's bm25 scans every match (its IDF counts them all), so this is for
    ``limit=None``; ranked top-k searches go through :func:`newest_ids`.
    """
    sql, params = _match_sql(expression, filters, f"{FTS_TABLE}.rank AS score")
    sql += " ORDER BY score"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return list(db.execute(sql, params).fetchall())


def newest_ids(db: sqlite_utils.Database, expression: str, filters: Filters,
               window: int) -> list[int]:
    """The newest ``window`` matching article ids (FTS5 stops after them)."""
    sql, params = _match_sql(expression, filters, "")
    sql += f" ORDER BY {FTS_TABLE}.rowid DESC LIMIT {int(window)}"
    return [aid for (aid,) in db.execute(sql, params)]


def _match_sql(expression: str, filters: Filters, extra: str) -> tuple[str, list[Any]]:
    clauses, params = filters.sql()
    join = f" JOIN articles a ON a.id = {FTS_TABLE}.rowid" if clauses else ""
    where = "".join(f" AND {c}" for c in clauses)
    columns = f"{FTS_TABLE}.rowid AS id" + (f", {extra}" if extra else "")
    return (f"SELECT {columns} FROM {FTS_TABLE}{join} WHERE {FTS_TABLE} MATCH ?{where}",
            [expression, *params])


def bm25_scores(rows: list[tuple[int, str | None, bytes | None]],
                terms: list[str]) -> dict[int, float]:
    """FTS5's bm25 (title weight 4, k1 1.2, b 0.75; higher is better) of (id, title, text).

    ``text`` is UTF-8 bytes: a term without letters or spaces (any Chinese
    term) is counted there as bytes, never decoding the text. Document length
    is the title's characters plus the text's bytes. Document frequencies and
    the average length are those of ``rows`` (the candidate window), not of
    the whole archive; that only changes how the terms of an OR query weigh.
    """
    counters = [_counter(t) for t in dict.fromkeys(terms)]
    counts: dict[int, list[tuple[int, int]]] = {}
    lengths: dict[int, int] = {}
    for aid, title, text in rows:
        title, text = fold(title or ""), text or b""
        counts[aid] = [(in_title(title), in_text(text)) for in_title, in_text in counters]
        lengths[aid] = len(title) + len(text)
    n = len(rows)
    avg = (sum(lengths.values()) / n if n else 0.0) or 1.0
    idf = []
    for i in range(len(counters)):
        df = sum(1 for c in counts.values() if c[i][0] or c[i][1])
        idf.append(max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6))
    scores = {}
    for aid, per_term in counts.items():
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[aid] / avg)
        total = 0.0
        for weight, (in_title, in_text) in zip(idf, per_term, strict=True):
            tf = TITLE_WEIGHT * in_title + in_text
            total += weight * tf * (BM25_K1 + 1) / (tf + norm)
        scores[aid] = total
    return scores


def _counter(term: str) -> tuple[Callable[[str], int], Callable[[bytes], int]]:
    """Occurrence counters of ``term`` in a folded title and in UTF-8 text bytes."""
    pattern = term_pattern(term)
    folded = fold(term)
    if folded == folded.upper() and not any(c.isspace() for c in folded):
        needle = folded.encode("utf-8", "surrogatepass")  # no case to fold: count bytes
        return (lambda title: title.count(folded)), (lambda text: text.count(needle))
    return (lambda title: len(pattern.findall(title))), (
        lambda text: len(pattern.findall(fold(text.decode("utf-8", "replace")))))


def search(db: sqlite_utils.Database, query: str, filters: Filters | None = None,
           limit: int | None = 20, marks: tuple[str, str] = ("[", "]")) -> list[Hit]:
    """Articles matching ``query``, best first, with highlighted snippets.

    Raises QueryError for a malformed query. Every hit is checked against the
    real text, so a stale index row can hide a hit but never invent one.
    """
    node, expression = match_expression(query)
    filters = filters or Filters()
    terms = positive_terms(node)
    if limit is None:
        ranked = [(aid, -score) for aid, score in ranked_ids(db, expression, filters, None)]
        rows = _articles_by_id(db, [aid for aid, _ in ranked])
    else:
        window = newest_ids(db, expression, filters, max(SCORE_WINDOW, int(limit)))
        scores = bm25_scores(_scoring_rows(db, window), terms)
        ranked = sorted(scores.items(), key=lambda item: (-item[1], -item[0]))[:int(limit)]
        rows = _articles_by_id(db, [aid for aid, _ in ranked])
    hits = []
    for aid, score in ranked:
        row = rows.get(aid)
        if row is None or not _verified(node, row):
            logger.warning("index row %s is stale; run `fanwen reindex`", aid)
            continue
        hits.append(Hit(aid, row["title"], row["site"], row["url"], row["published_at"],
                        score, snippet(row["text"], terms, marks)))
    return hits


def count_matches(db: sqlite_utils.Database, query: str, filters: Filters | None = None) -> int:
    """How many articles the index matches for ``query`` (QueryError if malformed)."""
    _, expression = match_expression(query)
    sql, params = _match_sql(expression, filters or Filters(), "")
    return int(db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def site_problem(db: sqlite_utils.Database, site: str) -> str | None:
    """Why ``--site SITE`` can match nothing, or None when articles come from it.

    Articles belong to the site they were first archived from; a mirror or a
    copying site holds only sightings, so filtering by it finds nothing.
    """
    if db.execute("SELECT 1 FROM articles WHERE site = ? LIMIT 1", [site]).fetchone():
        return None
    copies = db.execute("SELECT count(*) FROM sightings WHERE site = ?", [site]).fetchone()[0]
    if not copies:
        return f"no site {site!r} in the archive (`fanwen stats` lists the sites)"
    firsts = [row[0] for row in db.execute(
        "SELECT a.site FROM sightings s JOIN articles a ON a.id = s.article_id "
        "WHERE s.site = ? GROUP BY a.site ORDER BY count(*) DESC LIMIT 3", [site])]
    return (f"{site} holds only copies ({copies}) of articles first archived from "
            f"{', '.join(firsts)}; --site matches the site an article was first archived from")


def _verified(node: Node, row: dict[str, Any]) -> bool:
    return matches(node, [fold(row["title"] or ""), fold(row["text"] or "")])


def _scoring_rows(db: sqlite_utils.Database,
                  ids: list[int]) -> list[tuple[int, str | None, bytes | None]]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = f"SELECT id, title, CAST(text AS BLOB) FROM articles WHERE id IN ({marks})"
    return list(db.conn.execute(sql, ids))


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


RULES = {
    "only": "no copy on another site",
    "date": "earliest publication date shown on its page",
    "origin": "the site the copies name as their origin (来源)",
    "chars": "most complete text",
    "url": "tie-break on the canonical URL",
    "arrival": "first seen (archived before fanwen decided by evidence)",
}


def decision(db: sqlite_utils.Database, article_id: int) -> dict[str, Any]:
    """Which rule chose the article's original, and whose text it carries."""
    rule, text_url = db.execute(
        "SELECT decided_by, text_url FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    return {"decided_by": rule, "decided_by_rule": RULES.get(rule or "", rule),
            "text_from": text_url}


def article_detail(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    """The export record of an article plus every sighting with its provenance."""
    row = db.execute(
        f"SELECT {record_sql(False)} FROM articles a WHERE a.id = ?", [article_id]
    ).fetchone()
    if row is None:
        return None
    record = json.loads(row[0])
    record.update(decision(db, article_id))
    record["sightings"] = list(
        db.query(
            "SELECT url, site, match, similarity, origin, seen_title, published_at, "
            "first_seen, last_seen, gone_at, run_id FROM sightings "
            "WHERE article_id = ? ORDER BY first_seen, id",
            [article_id],
        )
    )
    return record
