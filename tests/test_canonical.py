"""The canonical rule (pure) and copy groups through the real dedupe + store pipelines,
fed the same pages in every order."""

from __future__ import annotations

import hashlib
import itertools
import random
import sqlite3

import pytest

from crawler.archive.canonical import Candidate, choose
from crawler.demo.corpus import TOPICS, ProseGenerator
from tests.conftest import cleaned_item, store_records


def cand(n: int, url: str, published: str | None = None, origin: str | None = None,
         chars: int = 1000, canonical: str | None = None, **kw) -> Candidate:
    site = url.split("/")[2]
    return Candidate(n, url, canonical or url, site, published, origin, chars, **kw)


A, B, C = "http://www.a.test/1.html", "http://www.b.test/2.html", "http://www.c.test/3.html"


def test_earliest_day_wins_and_same_day_is_a_tie() -> None:
    group = [cand(1, B, "2024-03-01", chars=900), cand(2, A, "2024-03-05T08:00", chars=2000)]
    assert (choose(group).original.url, choose(group).rule) == (B, "date")
    tie = [cand(1, B, "2024-03-01T23:59", chars=900), cand(2, A, "2024-03-01T00:01", chars=950)]
    assert (choose(tie).original.url, choose(tie).rule) == (A, "chars")


def test_an_undated_page_is_not_ruled_out_by_a_date() -> None:
    group = [cand(1, A, None, chars=1000), cand(2, B, "2024-01-01", chars=1000)]
    assert (choose(group).original.url, choose(group).rule) == (A, "url")


def test_the_site_others_name_as_origin_wins() -> None:
    group = [cand(1, B, origin="来源：www.c.test"), cand(2, C),
             cand(3, A, origin="文秘吧", site_names=("爱学网",))]
    assert (choose(group).original.url, choose(group).rule) == (C, "origin")
    named = [cand(1, A, site_names=("爱学范文网",)), cand(2, B, origin="爱学范文网")]
    assert choose(named).original.url == A
    generic = [cand(1, B, site_names=("首页",), chars=900), cand(2, A, origin="本站首页")]
    assert choose(generic).rule == "chars"  # "首页" names no site


def test_a_mirror_is_its_desktop_page_and_the_desktop_page_is_the_original() -> None:
    mobile = cand(1, "http://m.a.test/1.html", "2024-01-01", canonical=A)
    group = [mobile, cand(2, A, None), cand(3, B, "2024-02-01")]
    decision = choose(group)
    assert (decision.original.url, decision.rule) == (A, "date")


def test_text_is_the_originals_when_complete_else_the_most_complete() -> None:
    group = [cand(1, A, "2024-01-01", chars=950), cand(2, B, "2024-05-01", chars=1000)]
    assert choose(group).text_source.url == A
    short = [cand(1, A, "2024-01-01", chars=500), cand(2, B, "2024-05-01", chars=1000)]
    assert (choose(short).original.url, choose(short).text_source.url) == (A, B)
    partial = [cand(1, A, "2024-01-01", complete=False), cand(2, B, "2024-05-01", chars=900)]
    assert choose(partial).text_source.url == B


def test_the_decision_does_not_depend_on_the_order_of_the_group() -> None:
    group = [cand(1, A, None, chars=1000), cand(2, B, "2024-01-01", chars=1000),
             cand(3, C, "2024-01-01", chars=1200), cand(4, "http://m.a.test/1.html", canonical=A)]
    assert len({choose(list(p)) .original.url for p in itertools.permutations(group)}) == 1


# --- copy groups through the pipelines ------------------------------------------------
def essay(seed: int) -> list[str]:
    rng = random.Random(seed)
    gen = ProseGenerator(rng)
    return gen.paragraphs("zongjie", rng.choice(TOPICS), 10, 1200)


def chain_pages() -> list:
    """A ≈ B and B ≈ C, A ≉ C (each step keeps ~60% of the paragraphs), and D alone."""
    base, other, third = essay(1), essay(2), essay(3)
    a = base
    b = base[:6] + other[:4]
    c = base[3:6] + other[:4] + third[:3]
    d = essay(4)
    pages = [("http://www.a.test/zw/1111111.html", a, "2024-01-01"),
             ("http://www.b.test/zw/2222222.html", b, "2024-02-01"),
             ("http://www.c.test/zw/3333333.html", c, "2024-03-01"),
             ("http://www.d.test/zw/4444444.html", d, "2024-01-15")]
    items = []
    for url, paragraphs, day in pages:
        item = cleaned_item(url, "\n".join(paragraphs), published_at=day)
        items.append(item)
    return items


def archive_state(path) -> tuple:
    conn = sqlite3.connect(path)
    try:
        groups: dict[int, set[str]] = {}
        for aid, url in conn.execute("SELECT article_id, url FROM sightings"):
            groups.setdefault(aid, set()).add(url)
        rows = conn.execute("SELECT id, canonical_url, text, decided_by FROM articles")
        arts = {aid: (c, hashlib.sha1(t.encode()).hexdigest(), r) for aid, c, t, r in rows}
        labels = frozenset(conn.execute("SELECT url, match FROM sightings"))
        return frozenset((frozenset(g), arts[aid]) for aid, g in groups.items()), labels
    finally:
        conn.close()


def test_chain_is_one_group_whatever_the_order(make_crawler, archive_path, tmp_path) -> None:
    from crawler.dedup import minhash as mh
    from crawler.dedup.nearindex import NearIndex

    a, b, c, _ = chain_pages()
    jac = NearIndex.__new__(NearIndex)
    jac.shingle_size = 5
    sim = lambda x, y: mh.jaccard(jac.shingles(x.article.text), jac.shingles(y.article.text))  # noqa: E731
    assert sim(a, b) >= 0.4 and sim(b, c) >= 0.4 and sim(a, c) < 0.4  # a real chain
    states = set()
    for n, order in enumerate(itertools.permutations(range(4))):
        path = tmp_path / f"p{n}.sqlite"
        crawler = make_crawler(ARCHIVE_PATH=str(path))
        items = chain_pages()
        store_records(crawler, [items[i] for i in order])
        states.add(archive_state(path))
    assert len(states) == 1, "24 orders gave different archives"
    [(groups, labels)] = states
    by_size = sorted(groups, key=lambda g: len(g[0]))
    assert [len(g) for g, _ in by_size] == [1, 3]
    chain, (canonical, _, rule) = by_size[1]
    assert (canonical, rule) == ("http://www.a.test/zw/1111111.html", "date")
    assert dict(labels)["http://www.c.test/zw/3333333.html"] == "near"


@pytest.mark.parametrize("first", ["copy", "original"])
def test_original_takes_over_when_it_arrives_second(make_crawler, archive_path, first) -> None:
    text = "\n".join(essay(5))
    original = cleaned_item("http://www.a.test/zw/1111111.html", text, published_at="2024-01-01")
    copy = cleaned_item("http://www.b.test/zw/2222222.html", text + "\n文秘吧小编整理。", published_at="2024-06-01")
    crawler = make_crawler()
    store_records(crawler, [copy, original] if first == "copy" else [original, copy])
    conn = sqlite3.connect(archive_path)
    assert conn.execute("SELECT canonical_url, text, decided_by, text_url FROM articles").fetchall() == [
        (original.url, text, "date", original.url)]
    assert dict(conn.execute("SELECT url, match FROM sightings")) == {
        original.url: "original", copy.url: "near"}
    assert conn.execute("SELECT count(*) FROM article_versions").fetchone() == (0,)  # same run
