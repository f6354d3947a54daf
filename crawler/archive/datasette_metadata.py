"""What datasette shows about the archive: descriptions and canned queries.

Kept as data here (not in a YAML file) so the search query can share the
rank window with ``fanwen search``.
"""

from __future__ import annotations

from typing import Any

from crawler.archive.query import RANK_WINDOW

# An empty or malformed :q matches nothing (fanwen_fts), and the page says why.
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
# The numbers of crawler.runcounts.run_counts, as `fanwen runs` shows them.
RUNS_SQL = """
select id, started_at, finished_at, status, finish_reason, sites,
       coalesce(json_extract(stats, '$."ledger/pages"'),
                json_extract(stats, '$."response_received_count"'), 0) as pages,
       coalesce(json_extract(stats, '$."store/articles_new"'), 0) as articles_new,
       max(0, coalesce(json_extract(stats, '$."store/sightings_new"'), 0)
              - coalesce(json_extract(stats, '$."store/articles_new"'), 0)) as copies,
       coalesce(json_extract(stats, '$."incremental/not_modified"'), 0) as not_modified,
       coalesce(json_extract(stats, '$."crawl/page_errors"'), 0) as failed,
       coalesce(json_extract(stats, '$."log_count/ERROR"'), 0) as errors
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


QUERIES = {  # name: (title, what it answers), in the order the home page lists them
    "search": ("Search articles", 'Chinese of any length: terms, "phrases", AND, OR, NOT, '
               "as `fanwen search`"),
    "copies": ("Copies of an article", "every site and URL an article was seen at, "
               "with each copy's cited origin"),
    "newest_by_site": ("Newest articles by site", "the ten newest of each site"),
    "runs": ("Runs", "what each crawl did"),
}


def home_html(database: str) -> str:
    """The home page's guide: the canned queries first, then the tables."""
    items = "".join(f'<li><a href="/{database}/{name}">{title}</a>: {what}</li>'
                    for name, (title, what) in QUERIES.items())
    return (f"<p>What the crawler archived: one row per distinct article, and every place "
            f"it was seen.</p><ul>{items}<li><a href=\"/{database}/articles\">Articles</a>: "
            f"the table, with a search box</li></ul>")


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for the archive opened under the name ``database``."""
    sql = {"search": SEARCH_SQL, "copies": COPIES_SQL, "newest_by_site": NEWEST_SQL,
           "runs": RUNS_SQL}
    queries = {name: {"title": title, "description": what[0].upper() + what[1:] + ".",
                      "sql": sql[name], "hide_sql": True} for name, (title, what) in QUERIES.items()}
    tables: dict[str, Any] = {name: {"description": text} for name, text in TABLES.items()}
    # The search box runs through fanwen's index (datasette_plugin overrides escape_fts).
    tables["articles"].update({"fts_table": "articles_fts", "fts_pk": "id", "label_column": "title"})
    for shadow in ("data", "idx", "docsize", "config", "docs"):
        tables[f"articles_fts_{shadow}"] = {"hidden": True}
    return {
        "title": "fanwen archive",
        "description_html": home_html(database),
        "databases": {database: {"tables": tables, "queries": queries,
                                 "description_html": home_html(database)}},
    }
