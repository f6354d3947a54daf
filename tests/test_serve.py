"""fanwen serve: datasette with the Chinese search and canned queries."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("datasette")

from crawler.archive.db import Archive  # noqa: E402
from crawler.cli.serve import make_datasette  # noqa: E402
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
    archive.upsert_sighting({"article_id": 1, "url": "http://c.test/x.html", "site": "c.test",
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
