"""Datasette hooks: the Chinese index's query rewrite and snippets as SQL functions.

Datasette's own search box sends raw text to FTS5, which cannot know about
fanwen's n-gram tokens; the canned ``search`` query calls these instead, so
the web page finds exactly what ``fanwen search`` finds.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from crawler.archive.fts import match_expression
from crawler.archive.searchquery import parse, positive_terms
from crawler.archive.snippet import snippet


def fts_expression(query: str | None) -> str:
    """``fanwen_fts(:q)``: the FTS5 MATCH expression for a fanwen query."""
    return match_expression(query or "")[1]


def query_snippet(text: str | None, query: str | None) -> str:
    """``fanwen_snippet(text, :q)``: hits marked with 【】 (datasette escapes HTML)."""
    return snippet(text, positive_terms(parse(query or "")), ("【", "】"))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("fanwen_fts", 1, fts_expression, deterministic=True)
    conn.create_function("fanwen_snippet", 2, query_snippet, deterministic=True)
