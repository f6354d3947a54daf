"""End to end: incremental runs on a site that gives the crawler no help.

Its article URLs (``/zuowen/c2107175.html``) match no profile pattern, so
its article pages are read as pages of unknown kind (``other``) and found to
be articles by their content; it sends no ETag or Last-Modified, so a
refetch can only be compared by its text. Run 2 (nothing due) must not
download any archived article page; run 3 (everything due) downloads them
all and must find every one unchanged.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.demo.corpus import TOPICS, ProseGenerator
from crawler.demo.server import DemoServer
from tests.e2e import fast_settings, query, run

HOST = "www.zwdaquan.test"
ARTICLES = 24


class PlainSite:
    """A home page, a paginated list and articles; no validators, no known URL shape."""

    def __init__(self, seed: int = 7, articles: int = ARTICLES) -> None:
        rng = random.Random(seed)
        gen = ProseGenerator(rng)
        ids = rng.sample(range(2_000_000, 3_000_000), articles)
        self.articles: dict[str, tuple[str, list[str]]] = {}
        for aid in ids:
            topic = rng.choice(TOPICS)
            self.articles[f"/zuowen/c{aid}.html"] = (
                gen.title("zuowen", topic), gen.paragraphs("zuowen", topic, 6, 700))

    def respond(self, method: str, host: str, target: str,
                headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        html = self._page(target.split("?")[0])
        status, body = (404, b"<h1>404</h1>") if html is None else (200, html.encode("utf-8"))
        return status, {"Content-Type": "text/html; charset=utf-8",
                        "Content-Length": str(len(body))}, b"" if method == "HEAD" else body

    def _page(self, path: str) -> str | None:
        paths = sorted(self.articles)
        half = len(paths) // 2
        if path == "/":
            return _html("作文大全", '<a href="/zuowen/">作文</a>')
        if path in ("/zuowen/", "/zuowen/list_2.html"):
            chunk = paths[:half] if path == "/zuowen/" else paths[half:]
            links = "".join(f'<li><a href="{p}">{self.articles[p][0]}</a></li>' for p in chunk)
            return _html("作文", f'<ul>{links}</ul><a href="/zuowen/list_2.html">下一页</a>')
        if path in self.articles:
            title, paragraphs = self.articles[path]
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            return _html(title, f'<h1>{title}</h1><div class="content">{body}</div>')
        return None


def _html(title: str, inner: str) -> str:
    return (f"<html><head><meta charset='utf-8'><title>{title}_作文大全</title></head>"
            f"<body><div class='nav'><a href='/'>首页</a></div>{inner}</body></html>")


def crawl(db: Path, proxy_url: str, **settings: Any) -> dict[str, Any]:
    args = [sys.executable, "-m", "crawler", "crawl", f"http://{HOST}/", "--db", str(db), "--json"]
    for name, value in {**fast_settings(proxy_url), **settings}.items():
        args += ["-s", f"{name}={value}"]
    done = run(args)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_stats(db: Path, run_id: int) -> dict[str, Any]:
    return dict(json.loads(query(db, "SELECT stats FROM runs WHERE id = ?", run_id)[0][0]))


def full_downloads(db: Path, run_id: int) -> list[str]:
    """Archived article pages this run downloaded in full (the ledger keeps the last fetch)."""
    return [url for (url,) in query(
        db, "SELECT url FROM pages WHERE run_id = ? AND article_id IS NOT NULL "
            "AND http_status = 200", run_id)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Any, Any]]:
    db = tmp_path_factory.mktemp("novalidators") / "archive.sqlite"
    full: dict[Any, Any] = {}
    with DemoServer(PlainSite()) as server:  # type: ignore[arg-type]
        for run_id, settings in ((1, {}), (2, {}), (3, {"ARCHIVE_REFRESH_DAYS": 0})):
            crawl(db, server.proxy_url, **settings)
            full[run_id] = full_downloads(db, run_id)
            if run_id == 1:  # the ledger keeps the last fetch: look now
                full["kinds"] = query(db, "SELECT kind, count(*) FROM pages "
                                          "WHERE article_id IS NOT NULL GROUP BY kind")
    return db, full


def test_first_run_archives_every_article_as_a_page_of_unknown_kind(runs) -> None:
    db, full = runs
    assert len(full[1]) == ARTICLES
    assert full["kinds"] == [("other", ARTICLES)]
    assert query(db, "SELECT count(*) FROM articles") == [(ARTICLES,)]


def test_second_run_downloads_no_archived_article(runs) -> None:
    db, full = runs
    print(f"\nno validators, nothing due: {len(full[2])} of {ARTICLES} archived article "
          "pages downloaded in full")
    assert full[2] == []
    assert run_stats(db, 2).get("incremental/skipped") == ARTICLES


def test_due_refetch_with_the_same_text_counts_as_unchanged(runs) -> None:
    db, full = runs
    assert len(full[3]) == ARTICLES  # due and no validators: only a full GET can tell
    stats = run_stats(db, 3)
    assert stats.get("store/unchanged") == ARTICLES
    assert "store/articles_updated" not in stats and "store/articles_new" not in stats
    assert query(db, "SELECT count(*) FROM article_versions") == [(0,)]
