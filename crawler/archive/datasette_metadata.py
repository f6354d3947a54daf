"""What datasette shows about the archive: descriptions and canned queries.

Kept as data here (not in a YAML file) so the search query can share the
rank window with ``fanwen search``.
"""

from __future__ import annotations

from typing import Any

from crawler.archive.query import RANK_WINDOW

SEARCH_SQL = f"""
select a.id, a.title, a.site, a.published_at, fanwen_snippet(a.text, :q) as snippet
from (select rowid as id, rank as score from articles_fts
      where articles_fts match fanwen_fts(:q) order by rowid desc limit {RANK_WINDOW}) r
join articles a on a.id = r.id
order by r.score limit 50
"""
COPIES_SQL = """
select s.article_id, a.title, s.match, s.similarity, s.url, s.site, s.origin,
       s.first_seen, s.last_seen, s.gone_at
from sightings s join articles a on a.id = s.article_id
where s.article_id = :article_id order by s.first_seen, s.id
"""
NEWEST_SQL = """
select site, id, title, published_at, first_seen from (
  select site, id, title, published_at, first_seen,
         row_number() over (partition by site order by first_seen desc, id desc) as n
  from articles)
where n <= 10 order by site, n
"""
RUNS_SQL = """
select id, started_at, finished_at, status, finish_reason, sites,
       json_extract(stats, '$."store/articles_new"') as articles_new,
       json_extract(stats, '$."response_received_count"') as pages
from runs order by id desc
"""
TABLES = {
    "articles": "One row per distinct article: clean text, metadata, JSON lists as text.",
    "sightings": "Every URL an article was seen at: original, url, exact or near copy.",
    "pages": "The crawl ledger: every fetched URL, its status and validators.",
    "runs": "One row per crawl run, with its arguments and Scrapy stats (JSON).",
    "article_versions": "Texts an article had before a refetch changed it.",
    "articles_fts": "Chinese full-text index (n-gram tokens); query it with the search query.",
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for the archive opened under the name ``database``."""
    queries = {
        "search": {"title": "Search articles (Chinese, any length)", "sql": SEARCH_SQL,
                   "description": 'Terms, "phrases", AND, OR, NOT: as `fanwen search`.'},
        "copies": {"title": "Copies of an article across sites", "sql": COPIES_SQL},
        "newest_by_site": {"title": "Newest articles by site", "sql": NEWEST_SQL},
        "runs": {"title": "Runs", "sql": RUNS_SQL},
    }
    tables: dict[str, Any] = {name: {"description": text} for name, text in TABLES.items()}
    for shadow in ("data", "idx", "docsize", "config", "docs"):
        tables[f"articles_fts_{shadow}"] = {"hidden": True}
    return {
        "title": "fanwen archive",
        "databases": {database: {"tables": tables, "queries": queries}},
    }
