"""fanwen serve: datasette with the Chinese search and canned queries."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

pytest.importorskip("datasette")

from crawler.archive.db import Archive  # noqa: E402
from crawler.cli.serve import make_datasette  # noqa: E402
from tests import archive_rows
from tests.test_cli_query import add  # noqa: E402


def get_json(ds, path: str):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def ds(tmp_path: Path):
    path = tmp_path / "archive.sqlite"
    archive = Archive(path)
    add(archive, 1, "安全生产心得", "我们认真学习了安全知识。")
    add(archive, 2, "读书笔记", "读书使人进步。", site="b.test")
    archive_rows.upsert_sighting(archive, {"article_id": 1, "url": "http://c.test/x.html", "site": "c.test",
                             "match": "near", "similarity": 0.9,
                             "first_seen": "2026-01-02T00:00:00Z", "last_seen": "2026-01-02T00:00:00Z"})
    archive.close()
    return make_datasette(path)


def test_search_query_uses_the_chinese_index(ds) -> None:
    rows = get_json(ds, "/archive/search.json?q=安&_shape=array")
    assert [r["id"] for r in rows] == [1]
    assert "【安】" in rows[0]["snippet"]
    assert get_json(ds, "/archive/search.json?q=读书+OR+学习&_shape=array").__len__() == 2


def test_canned_queries_and_descriptions(ds) -> None:
    copies = get_json(ds, "/archive/copies.json?article_id=1&_shape=array")
    assert [r["match"] for r in copies] == ["original", "near"]
    newest = get_json(ds, "/archive/newest_by_site.json?_shape=array")
    assert {r["site"] for r in newest} == {"a.test", "b.test"}
    assert get_json(ds, "/archive/runs.json?_shape=array") == []
    meta = get_json(ds, "/-/metadata.json")
    assert "distinct article" in meta["databases"]["archive"]["tables"]["articles"]["description"]


def get_html(ds, path: str) -> str:
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.status_code)
    return response.text


PAGES = [  # every page docs/serve-*.png shows, plus the database page and the table's JSON
    "/", "/archive", "/archive/search", "/archive/search?q=安全", "/archive/copies?article_id=1",
    "/archive/newest_by_site", "/archive/runs", "/archive/articles",
    "/archive/articles?_search=安全", "/archive/articles.json?_shape=array",
]


def test_every_page_renders_without_error(ds, capsys) -> None:
    for path in PAGES:
        html = get_html(ds, path)
        assert "raised exception" not in html and "message-error" not in html, path
    assert "Traceback" not in capsys.readouterr().err


def test_home_page_lists_the_canned_queries(ds) -> None:
    html = get_html(ds, "/")
    for name in ("search", "copies", "newest_by_site", "runs", "articles"):
        assert f'href="/archive/{name}"' in html, name


@pytest.mark.parametrize("q", ["", '"', "a OR", "NEAR(", "AND"])
def test_search_form_is_empty_safe_and_names_bad_queries(ds, q: str, capsys) -> None:
    html = get_html(ds, f"/archive/search?q={q}")
    assert "raised exception" not in html
    if q:
        assert '<p class="message-error">bad query: ' in html
    else:
        assert "message-error" not in html
    assert "Traceback" not in capsys.readouterr().err


def test_articles_table_is_one_line_per_article_with_a_working_search_box(ds) -> None:
    html = get_html(ds, "/archive/articles")
    headers = re.findall(r'<th class="col-(\w+)', html)
    assert headers == ["id", "title", "site", "published_at", "chars"]
    assert 'name="_search"' in html  # the search box
    found = get_html(ds, "/archive/articles?_search=安全")
    assert "安全生产心得" in found and "读书笔记" not in found
    assert "读书笔记" in get_html(ds, "/archive/articles?_search=读书")
    bad = get_html(ds, '/archive/articles?_search="')
    assert "bad query: unbalanced double quote" in bad and "raised exception" not in bad
    everything = get_html(ds, "/archive/articles?_nocol=category")  # columns still choosable
    assert "col-text" in everything
    rows = get_json(ds, "/archive/articles.json?_shape=array")
    assert "text" in rows[0]  # the JSON API keeps every column


def test_long_text_is_truncated_in_html(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite"
    archive = Archive(path)
    add(archive, 1, "长文", "很长的文章。" * 200)
    archive.close()
    html = get_html(make_datasette(path), "/archive/articles?_col=text")
    assert "很长的文章。" * 200 not in html and "…" in html
