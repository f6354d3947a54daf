"""End to end: `fanwen demo` crawls the bundled sites into SQLite, checked
against the demo's ground-truth manifest; a second run adds no rows."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo.site import build_demo


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def jaccard(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    return len(x & y) / len(x | y) if x | y else 1.0


def run_demo(db: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "crawler", "demo", "--db", str(db), "--json"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # not a terminal (as under cron): no progress, no log lines, one summary line
    assert done.stderr == ""
    assert len(done.stdout.strip().splitlines()) == 1
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> tuple[Path, dict, dict]:
    db = tmp_path_factory.mktemp("demo") / "archive.sqlite"
    summary = run_demo(db)
    return db, summary, build_demo().manifest


def query(db: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def article_of(db: Path) -> dict[str, int]:
    return dict(query(db, "SELECT url, article_id FROM sightings"))


def test_every_real_article_archived_once(crawled) -> None:
    db, _, manifest = crawled
    owner = article_of(db)
    expected = [a["url"] for a in manifest["articles"]]
    assert [url for url in expected if url not in owner] == []
    assert len({owner[url] for url in expected}) == len(expected)
    assert query(db, "SELECT count(*) FROM articles") == [(len(expected),)]


def test_copies_are_sightings_of_their_original(crawled) -> None:
    db, _, manifest = crawled
    owner = article_of(db)
    matches = dict(query(db, "SELECT url, match FROM sightings"))
    wrong = [c for c in manifest["copies"] if owner.get(c["url"]) != owner[c["copy_of"]]]
    assert wrong == []
    originals = dict(query(db, "SELECT article_id, url FROM sightings WHERE match = 'original'"))
    for copy in manifest["copies"]:
        assert matches[copy["url"]] in {"original", "url", "exact", "near"}
        if originals[owner[copy["url"]]] == copy["copy_of"]:  # its original is the canonical copy
            # a mirror declaring its desktop page canonical is a `url` match
            allowed = {"exact", "url"} if copy["edit"] == "exact" else {"exact", "near"}
            assert matches[copy["url"]] in allowed, copy
    kinds = {kind for (kind,) in query(db, "SELECT DISTINCT match FROM sightings")}
    assert {"original", "exact", "near", "url"} <= kinds


def test_copies_names_the_original_site_first_for_every_copy(crawled) -> None:
    """The copying site is never reported first, however the crawl met the pages."""
    db, _, manifest = crawled
    done = subprocess.run(
        [sys.executable, "-m", "crawler", "copies", "--db", str(db), "--site", "www.wenmi8.test",
         "--json"], capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    pairs = {(r["site_a"], r["site_b"]): r for r in map(json.loads, done.stdout.splitlines())}
    pair = pairs[("www.aixuefw.test", "www.wenmi8.test")]
    copied = sum(c["host"] == "www.wenmi8.test" for c in manifest["copies"])
    assert (pair["shared"], pair["a_first"], pair["b_first"]) == (copied, copied, 0) == (40, 40, 0)


def test_nothing_but_articles_archived(crawled) -> None:
    db, _, manifest = crawled
    allowed = {a["url"] for a in manifest["articles"]} | {c["url"] for c in manifest["copies"]}
    archived = {url for (url,) in query(db, "SELECT url FROM sightings")}
    assert archived - allowed == set()
    assert archived & set(manifest["non_article_urls"]) == set()


def test_texts_are_complete_and_clean(crawled) -> None:
    db, _, manifest = crawled
    rows = {url: text for url, text in query(db, "SELECT canonical_url, text FROM articles")}
    texts = dict(query(db, "SELECT s.url, a.text FROM sightings s JOIN articles a ON a.id = s.article_id"))
    for article in manifest["articles"]:
        expected = "\n".join(article["paragraphs"])
        if article["url"] in rows:  # this page is the canonical copy: exact text
            assert rows[article["url"]] == expected, article["url"]
        else:  # a copy was seen first; it must still be this text
            assert jaccard(texts[article["url"]], expected) > 0.7, article["url"]
    leaks = [(p, u) for u, t in rows.items() for p in manifest["boilerplate_phrases"] if p in t]
    assert leaks == []


def test_metadata_matches_the_manifest(crawled) -> None:
    db, _, manifest = crawled
    fields = "title, category, published_at, origin, author"
    rows = {r[0]: r[1:] for r in query(db, f"SELECT canonical_url, {fields} FROM articles")}
    checked = 0
    for article in manifest["articles"]:
        if article["url"] not in rows:
            continue
        title, category, published_at, origin, author = rows[article["url"]]
        assert (title, json.loads(category), published_at, origin, author) == (
            article["title"], article["category"], article["published_at"],
            article["origin"], article["author"],
        ), article["url"]
        checked += 1
    assert checked >= 0.8 * len(manifest["articles"])


def test_traps_bounded(crawled) -> None:
    _, summary, manifest = crawled
    assert summary["pages"] <= 1.5 * manifest["real_pages"]
    assert summary["errors"] == 0


def test_second_run_adds_no_rows(crawled) -> None:
    db, _, _ = crawled
    tables = ("articles", "sightings")
    before = {t: query(db, f"SELECT count(*) FROM {t}") for t in tables}
    summary = run_demo(db)
    assert summary["articles_new"] == 0
    assert {t: query(db, f"SELECT count(*) FROM {t}") for t in tables} == before
    assert query(db, "SELECT count(*), sum(status = 'ok') FROM runs") == [(2, 2)]
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
