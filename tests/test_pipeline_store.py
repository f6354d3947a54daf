"""Dedupe + store pipelines against a real archive file."""

from __future__ import annotations

import sqlite3

from tests.conftest import cleaned_item, store_records

OTHER_ESSAY = "春天来了，公园里的花都开了。\n孩子们在草地上放风筝，笑声传得很远很远。"
ESSAY = "第一段，我们认真学习了新的工作方法。\n第二段，大家都有很多收获和体会。"


def run_items(crawler, items):
    return store_records(crawler, items)


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_copy_becomes_a_sighting_not_a_second_article(make_crawler, archive_path) -> None:
    items = [
        cleaned_item("http://a.test/x/1234567.html", ESSAY),
        cleaned_item("http://b.test/y/7654321.html", ESSAY.replace("，", ", "), site="b.test"),
    ]
    out = run_items(make_crawler(), items)
    assert [i.match for i in out] == ["original", "exact"]
    assert out[0].article_id == out[1].article_id
    assert rows(archive_path, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(archive_path, "SELECT url, match FROM sightings ORDER BY id") == [
        ("http://a.test/x/1234567.html", "original"),
        ("http://b.test/y/7654321.html", "exact"),
    ]


def test_second_run_adds_no_rows(make_crawler, archive_path) -> None:
    item = lambda: cleaned_item("http://a.test/x/1234567.html", ESSAY)  # noqa: E731
    run_items(make_crawler(), [item()])
    out = run_items(make_crawler(), [item()])
    assert out[0].match == "url"
    assert rows(archive_path, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(archive_path, "SELECT count(*) FROM sightings") == [(1,)]
    assert rows(archive_path, "SELECT count(*) FROM runs") == [(2,)]


def test_different_texts_are_different_articles(make_crawler, archive_path) -> None:
    out = run_items(
        make_crawler(),
        [cleaned_item("http://a.test/1111111.html", ESSAY), cleaned_item("http://a.test/2222222.html", OTHER_ESSAY)],
    )
    assert [i.match for i in out] == ["original", "original"]
    assert rows(archive_path, "SELECT count(*) FROM articles") == [(2,)]


def test_mirror_seen_first_hands_the_article_to_its_canonical_page(make_crawler, archive_path) -> None:
    mobile = cleaned_item("http://m.a.test/x/1234567.html", ESSAY, title="标题-手机版")
    mobile.canonical_url = "http://www.a.test/x/1234567.html"  # its rel=canonical
    desktop = cleaned_item("http://www.a.test/x/1234567.html", ESSAY, title="标题", author="张三")
    out = run_items(make_crawler(), [mobile, desktop])
    assert [i.match for i in out] == ["original", "url"]
    assert rows(archive_path, "SELECT canonical_url, url, title, author FROM articles") == [
        ("http://www.a.test/x/1234567.html", "http://www.a.test/x/1234567.html", "标题", "张三")
    ]
    assert rows(archive_path, "SELECT url, match FROM sightings ORDER BY id") == [
        ("http://m.a.test/x/1234567.html", "url"),
        ("http://www.a.test/x/1234567.html", "original"),
    ]


def test_changed_canonical_page_keeps_the_old_text_as_a_version(make_crawler, archive_path) -> None:
    url = "http://a.test/x/1234567.html"
    run_items(make_crawler(), [cleaned_item(url, ESSAY)])
    out = run_items(make_crawler(), [cleaned_item(url, ESSAY + "\n新增的一段。")])
    assert out[0].match == "url"
    assert rows(archive_path, "SELECT text FROM articles") == [(ESSAY + "\n新增的一段。",)]
    assert rows(archive_path, "SELECT text FROM article_versions") == [(ESSAY,)]


def test_search_index_follows_an_in_place_update(make_crawler, archive_path) -> None:
    from crawler.archive.db import Archive
    from crawler.archive.query import search

    url = "http://a.test/x/1234567.html"
    run_items(make_crawler(), [cleaned_item(url, ESSAY)])
    run_items(make_crawler(), [cleaned_item(url, ESSAY.replace("收获", "进步"))])
    archive = Archive(archive_path)
    try:
        assert [hit.id for hit in search(archive.db, "进步")] == [1]
        assert list(search(archive.db, "收获")) == []
    finally:
        archive.close()
