"""End to end: the archive is a function of the web, not of the scheduler.

The same demo sites are crawled three times into fresh archives, each in a
different scheduling order: Scrapy's default (depth-first, 32 concurrent),
one request at a time, and breadth-first with FIFO queues. The archives must
hold the same copy groups, the same canonical URL and text per group, and
the same sightings with the same labels; and in each, the copying site's 40
articles must name www.aixuefw.test as the original.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from crawler.archive.provenance import copy_graph
from crawler.demo.model import HOST_A, HOST_B
from crawler.demo.server import DemoServer
from crawler.demo.site import DemoSite, build_demo
from tests.e2e import consistency_problems, crawl, query

ARTICLES = 120  # still 40 copies on www.wenmi8.test (planner: max(40, n // 6))
ORDERS: dict[str, dict[str, Any]] = {
    "default": {},
    "one_at_a_time": {"CONCURRENT_REQUESTS": 1},
    "breadth_first": {
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
    },
}
Group = frozenset[str]


class Crawls:
    def __init__(self, site: DemoSite) -> None:
        self.site = site
        self.dbs: dict[str, Path] = {}


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Crawls:
    state = Crawls(build_demo(articles=ARTICLES))
    with DemoServer(state.site) as server:
        for name, settings in ORDERS.items():
            db = tmp_path_factory.mktemp(name) / "archive.sqlite"
            crawl(db, server.proxy_url, **settings)
            state.dbs[name] = db
    return state


def groups(db: Path) -> dict[Group, dict[str, Any]]:
    """Each copy group (its sighting URLs) with what the archive made of it."""
    members: dict[int, set[tuple[str, str]]] = {}
    for article_id, url, match in query(db, "SELECT article_id, url, match FROM sightings"):
        members.setdefault(article_id, set()).add((url, match))
    articles = {
        row[0]: row[1:] for row in query(
            db, "SELECT id, canonical_url, url, site, title, published_at, text, decided_by, "
                "text_url FROM articles")
    }
    out = {}
    for article_id, seen in members.items():
        canonical, url, site, title, published, text, rule, text_url = articles[article_id]
        out[frozenset(u for u, _ in seen)] = {
            "canonical_url": canonical, "url": url, "site": site, "title": title,
            "published_at": published, "text": hashlib.sha1(text.encode()).hexdigest(),
            "decided_by": rule, "text_url": text_url, "sightings": frozenset(seen),
        }
    return out


def test_three_orders_give_identical_archives(crawls: Crawls) -> None:
    found = {name: groups(db) for name, db in crawls.dbs.items()}
    base = found["default"]
    for name, other in found.items():
        assert set(other) == set(base), f"{name}: copy groups differ"
        differ = [sorted(g)[0] for g in base if other[g] != base[g]]
        print(f"\n{name}: {len(other)} groups, {len(differ)} differ from the default order")
        assert differ == [], name


def test_copying_site_is_never_first(crawls: Crawls) -> None:
    copies = crawls.site.manifest["copies"]
    from_b = [c for c in copies if c["host"] == HOST_B]
    assert len(from_b) == 40
    for name, db in crawls.dbs.items():
        owner = dict(query(db, "SELECT url, article_id FROM sightings"))
        original = dict(query(db, "SELECT id, canonical_url FROM articles"))
        right = [c for c in from_b if original[owner[c["url"]]] == c["copy_of"]]
        from crawler.archive.db import Archive

        archive = Archive(db)
        try:
            [pair] = [r for r in copy_graph(archive.db, HOST_B) if r["site_a"] == HOST_A]
        finally:
            archive.close()
        print(f"\n{name}: {len(right)}/40 copies point at their original; "
              f"fanwen copies: {HOST_A} first {pair['a_first']}, {HOST_B} first {pair['b_first']}")
        assert len(right) == 40, name
        assert (pair["shared"], pair["a_first"], pair["b_first"]) == (40, 40, 0), name


def test_every_rule_that_decided_is_recorded(crawls: Crawls) -> None:
    for db in crawls.dbs.values():
        rules = dict(query(db, "SELECT decided_by, count(*) FROM articles GROUP BY 1"))
        assert set(rules) <= {"only", "date", "origin", "chars", "url"}
        shared = query(db, "SELECT count(*) FROM articles WHERE decided_by != 'only'")[0][0]
        assert shared == 40  # the copied articles; a mirror alone decides nothing
        assert consistency_problems(db) == []


def test_show_names_the_rule_that_decided(crawls: Crawls) -> None:
    import json

    from click.testing import CliRunner

    from crawler.cli.query import show

    copy = next(c for c in crawls.site.manifest["copies"] if c["host"] == HOST_B)
    result = CliRunner().invoke(show, [copy["url"], "--db", str(crawls.dbs["default"]), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert (record["url"], record["decided_by"], record["text_from"]) == (
        copy["copy_of"], "date", copy["copy_of"])
    text = CliRunner().invoke(show, [copy["url"], "--db", str(crawls.dbs["default"])]).output
    assert "decided by date (earliest publication date shown on its page)" in text
