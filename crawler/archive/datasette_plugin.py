"""Datasette hooks: fanwen's Chinese search in SQL, safe on any input, and a
readable articles table.

Datasette's own search box sends raw text to FTS5, which cannot know about
fanwen's n-gram tokens. Here ``fanwen_fts(:q)`` (the canned ``search`` query)
and ``escape_fts(:search)`` (the articles table's search box, overridden)
both turn a fanwen query into the index's expression, so the web pages find
exactly what ``fanwen search`` finds. An empty or malformed query matches
nothing instead of raising (SQLite would show only "user-defined function
raised exception"); the page says what is wrong through
``fanwen_problem`` in the templates (``templates/``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from datasette import hookimpl

from crawler.archive.fts import match_expression
from crawler.archive.searchquery import QueryError, parse, positive_terms
from crawler.archive.snippet import snippet

# 'Ā': the index holds case-folded text only (ngrams.fold), so this token never occurs.
NO_MATCH = '"\u0100"'
# What the articles table shows unless the user picks columns: one line per article.
ARTICLE_COLUMNS = ("title", "site", "published_at", "chars")
SEARCH_ARGS = ("q", "_search")  # the canned search query's and the table search box's


def query_problem(query: str | None) -> str | None:
    """What is wrong with a fanwen query, or None (an empty query is not wrong: no search)."""
    if not (query or "").strip():
        return None
    try:
        match_expression(query or "")
    except ValueError as exc:  # QueryError, or a term with nothing to search for
        return f"bad query: {exc}"
    return None


def fts_expression(query: str | None) -> str:
    """``fanwen_fts(:q)``: the FTS5 MATCH expression for a fanwen query (no match when bad)."""
    try:
        return match_expression(query or "")[1]
    except ValueError:
        return NO_MATCH


def query_snippet(text: str | None, query: str | None) -> str:
    """``fanwen_snippet(text, :q)``: hits marked with 【】 (datasette escapes HTML)."""
    try:
        terms = positive_terms(parse(query or ""))
    except QueryError:
        terms = []
    return snippet(text, terms, ("【", "】"))


@hookimpl(trylast=True)  # after datasette's own functions: our escape_fts replaces theirs
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("fanwen_fts", 1, fts_expression, deterministic=True)
    conn.create_function("fanwen_snippet", 2, query_snippet, deterministic=True)
    conn.create_function("escape_fts", 1, fts_expression, deterministic=True)


@hookimpl
def extra_template_vars(request: Any) -> dict[str, Any]:
    """``fanwen_problem``: why the page's search query cannot run, for the templates."""
    if request is None:
        return {}
    problems = (query_problem(request.args.get(name)) for name in SEARCH_ARGS)
    return {"fanwen_problem": next((p for p in problems if p), None)}


ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    """The articles table's HTML page shows id, title, site, date and chars by
    default (the full text would fill the first screen); ``_col``/``_nocol``
    in the URL still choose, and the JSON API keeps every column."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def with_columns(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and _is_articles_page(scope, datasette):
                scope = {**scope, "query_string": _default_columns(scope["query_string"])}
            await app(scope, receive, send)

        return with_columns

    return wrap


def _is_articles_page(scope: dict[str, Any], datasette: Any) -> bool:
    return any(scope.get("path") == f"/{name}/articles" for name in datasette.databases)


def _default_columns(query_string: bytes) -> bytes:
    args = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    if any(name in ("_col", "_nocol") for name, _ in args):
        return query_string
    extra = "&".join(f"_col={column}" for column in ARTICLE_COLUMNS).encode()
    return query_string + b"&" + extra if query_string else extra
