"""The Chinese full-text index against substring ground truth."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawler.archive import fts
from crawler.archive.db import Archive
from crawler.archive.filters import Filters
from crawler.archive.query import search
from crawler.archive.searchquery import QueryError
from tests import archive_rows

ALPHABET = "我们学习工作安全中国人民的了心得体会"
WORDS = ["Python", "SQL", "v2.0", "C++", "e-mail", "(精选)", "，", "。", "！"]
SITES = ["a.test", "b.test", "c.test"]


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(5, 40)):
        if rng.random() < 0.15:
            parts.append(rng.choice(WORDS))
        else:
            parts.append("".join(rng.choices(ALPHABET, k=rng.randint(1, 8))))
        if rng.random() < 0.1:
            parts.append(rng.choice([" ", "\n"]))
    return "".join(parts)


def article(i: int, title: str, text: str, **extra: object) -> dict:
    return {
        "canonical_url": f"http://x.test/{i}", "url": f"http://x.test/{i}",
        "site": SITES[i % 3], "title": title, "text": text,
        "paragraphs": json.dumps(text.split("\n"), ensure_ascii=False),
        "category": json.dumps(["作文", f"分类{i % 2}"], ensure_ascii=False),
        "tags": json.dumps([f"标签{i % 4}"], ensure_ascii=False),
        "published_at": f"2024-0{1 + i % 9}-1{i % 10}", "chars": len(text), **extra,
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Archive, dict[int, tuple[str, str]]]:
    rng = random.Random(5)
    archive = Archive(Path(tmp_path_factory.mktemp("fts")) / "a.sqlite")
    docs = {}
    for i in range(80):
        title, text = random_text(rng)[:12], random_text(rng)
        with archive.transaction():
            docs[archive_rows.insert_article(archive, article(i, title, text))] = (title, text)
    return archive, docs


def truth(docs: dict[int, tuple[str, str]], term: str) -> set[int]:
    term = term.lower()
    return {i for i, (t, x) in docs.items() if term in t.lower() or term in x.lower()}


def found(archive: Archive, query: str, **filters: Any) -> set[int]:
    return {h.id for h in search(archive.db, query, Filters(**filters), limit=None)}


def substrings(docs: dict[int, tuple[str, str]], length: int, count: int) -> list[str]:
    rng = random.Random(length)
    texts = [x for _, x in docs.values() if len(x) > length]
    out: list[str] = []
    while len(out) < count:
        text = rng.choice(texts)
        start = rng.randrange(len(text) - length)
        piece = text[start:start + length]
        if not any(c.isspace() or c == '"' for c in piece):
            out.append(piece)
    return out


@pytest.mark.parametrize("length", [1, 2, 3, 8])
def test_chinese_queries_equal_substring_truth(corpus, length: int) -> None:
    archive, docs = corpus
    queries = substrings(docs, length, 25) + ["".join(random.Random(length).choices(ALPHABET, k=length))]
    if length == 1:
        queries += list(ALPHABET)
    for query in queries:
        assert found(archive, f'"{query}"') == truth(docs, query), query


@pytest.mark.parametrize("length", [1, 2, 3, 4, 8])
def test_the_index_alone_equals_substring_truth(corpus, length: int) -> None:
    """No verification against the text: the MATCH rows themselves are exact."""
    archive, docs = corpus
    for query in substrings(docs, length, 25) + ["学习 工作", "Python 我"]:
        expression = fts.match_expression(f'"{query}"')[1]
        rows = archive.db.execute(
            f"SELECT rowid FROM {fts.FTS_TABLE} WHERE {fts.FTS_TABLE} MATCH ?", [expression]
        )
        wanted = truth(docs, query) if " " not in query else {
            i for i, (t, x) in docs.items()
            if any(query.lower().replace(" ", sep) in f.lower() for f in (t, x) for sep in " \n")
        }
        assert {row[0] for row in rows} == wanted, query


@pytest.mark.parametrize("query", ["python", "PYTHON", "Py", "v2.0", "c++", "e-mail", "(精选)",
                                   "，我", "L", "Python我", "n我们", "不存在的词"])
def test_mixed_and_punctuated_queries_equal_truth(corpus, query: str) -> None:
    archive, docs = corpus
    assert found(archive, f'"{query}"') == truth(docs, query)


def test_boolean_operators(corpus) -> None:
    archive, docs = corpus
    a, b = truth(docs, "学习"), truth(docs, "安全")
    assert found(archive, "学习 安全") == a & b
    assert found(archive, "学习 AND 安全") == a & b
    assert found(archive, "学习 OR 安全") == a | b
    assert found(archive, "学习 NOT 安全") == a - b
    assert found(archive, "(学习 OR 安全) NOT 中") == (a | b) - truth(docs, "中")


def test_phrase_with_space_matches_across_whitespace(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.sqlite")
    ids = [archive_rows.insert_article(archive, article(i, "题", t)) for i, t in
           enumerate(["学习 工作", "学习\n工作", "学习工作", "大学习 工作者", "学 习工作"])]
    assert found(archive, '"学习 工作"') == {ids[0], ids[1], ids[3]}
    assert found(archive, '"习 工"') == {ids[0], ids[1], ids[3]}


def test_filters(corpus) -> None:
    archive, docs = corpus
    everything = found(archive, "的")
    rows = {r["id"]: r for r in archive.db.query("SELECT * FROM articles")}
    assert found(archive, "的", site="b.test") == {i for i in everything if rows[i]["site"] == "b.test"}
    assert found(archive, "的", category="分类1") == {
        i for i in everything if "分类1" in json.loads(rows[i]["category"])}
    assert found(archive, "的", tag="标签2") == {
        i for i in everything if "标签2" in json.loads(rows[i]["tags"])}
    since, until = date(2024, 3, 1), date(2024, 5, 19)
    assert found(archive, "的", since=since, until=until) == {
        i for i in everything if "2024-03-01" <= rows[i]["published_at"] <= "2024-05-19"}


def test_ranking_prefers_title_and_snippet_highlights(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.sqlite")
    body = archive_rows.insert_article(archive, article(1, "其他", "前面的文字" * 10 + "安全生产" + "后面" * 10))
    title = archive_rows.insert_article(archive, article(2, "安全生产心得", "我们认真学习。"))
    hits = search(archive.db, "安全生产", marks=("<", ">"))
    assert [h.id for h in hits] == [title, body]
    assert "<安全生产>" in hits[1].snippet and hits[1].snippet.startswith("…")


def test_update_in_place_reindexes(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.sqlite")
    aid = archive_rows.insert_article(archive, article(1, "标题", "旧的内容"))
    archive_rows.replace_article_text(archive, aid, {"text": "新的文字", "title": "新标题"}, "2026-01-01", None)
    fts.index_article(archive.db, aid)
    assert found(archive, "旧") == set() and found(archive, "新的文字") == {aid}
    fts.unindex_article(archive.db, aid)
    assert found(archive, "新") == set()
    fts.index_article(archive.db, aid)
    fts.index_article(archive.db, aid)  # idempotent
    assert found(archive, "新标题") == {aid}


def test_reindex_rebuilds_the_same_answers(corpus) -> None:
    archive, docs = corpus
    before = {q: found(archive, q) for q in ["的", "学习", "中国人"]}
    assert fts.reindex(archive.db) == len(docs)
    assert {q: found(archive, q) for q in before} == before


@pytest.mark.parametrize("query", ["", "   ", "NOT 学习", '"学习', "(学习", "学习)", "学习 OR"])
def test_bad_queries_raise(corpus, query: str) -> None:
    with pytest.raises(QueryError):
        search(corpus[0].db, query)
