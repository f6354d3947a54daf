"""``fanwen copies`` on a small archive built with direct inserts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.archive.db import Archive
from crawler.cli.provenance import copies

# article -> sightings (site, match, first_seen): a.test had 1 and 2 first; b.test had 3.
SIGHTINGS = {
    1: [("a.test", "original", "2024-01-01"), ("b.test", "near", "2024-01-05"),
        ("m.a.test", "url", "2024-01-02")],
    2: [("a.test", "original", "2024-02-01"), ("b.test", "exact", "2024-02-03")],
    3: [("b.test", "original", "2024-03-01"), ("a.test", "near", "2024-03-09"),
        ("c.test", "near", "2024-03-04")],
    4: [("c.test", "original", "2024-04-01")],
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "archive.sqlite"
    archive = Archive(path)
    with archive.transaction():
        for article_id, seen in SIGHTINGS.items():
            archive.db.table("articles").insert({"id": article_id, "text": f"正文{article_id}"})
            for n, (site, match, when) in enumerate(seen):
                archive.db.table("sightings").insert({
                    "article_id": article_id, "url": f"http://{site}/{article_id}/{n}.html",
                    "site": site, "match": match, "first_seen": when, "last_seen": when,
                })
    archive.close()
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(copies, list(args))
    return result.exit_code, result.output


def test_pairs_with_who_had_it_first(db: Path) -> None:
    code, out = run("--db", str(db), "--json")
    assert code == 0
    rows = {(r["site_a"], r["site_b"]): r for r in map(json.loads, out.splitlines())}
    ab = rows[("a.test", "b.test")]
    assert (ab["shared"], ab["a_first"], ab["b_first"], ab["other_first"]) == (3, 2, 1, 0)
    ac = rows[("a.test", "c.test")]
    assert (ac["shared"], ac["a_first"], ac["b_first"], ac["other_first"]) == (1, 0, 0, 1)
    assert ("c.test", "c.test") not in rows and len(rows) == 5
    assert list(rows)[0] == ("a.test", "b.test")  # most shared first


def test_site_filter_and_text_output(db: Path) -> None:
    code, out = run("--db", str(db), "--site", "c.test")
    assert code == 0
    assert out.splitlines() == [
        "a.test <> c.test: 1 shared (a.test first 0, c.test first 0, elsewhere first 1)",
        "b.test <> c.test: 1 shared (b.test first 1, c.test first 0)",
    ]


def test_unknown_site_and_missing_archive_are_user_errors(db: Path, tmp_path: Path) -> None:
    code, out = run("--db", str(db), "--site", "nowhere.test")
    assert code == 1 and "no sightings of site 'nowhere.test'" in out
    code, out = run("--db", str(tmp_path / "none.sqlite"))
    assert code == 1 and "no archive at" in out


def test_archive_without_copies(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    Archive(path).close()
    assert run("--db", str(path)) == (0, "no article is shared between sites\n")
