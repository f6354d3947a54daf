"""End to end: a scheduled run a day later fetches only what changed.

Run 1 archives the demo site (revision 0). The server then serves revision 1
(12 new articles on top of the lists, one article edited, one deleted) and
run 2, with ``ARCHIVE_REFRESH_DAYS=0`` so that every archived article is due,
must refetch all list pages, get 304 for unchanged articles, archive the new
ones, keep the edited text as a version and mark the deleted page gone.
Run 3, with the default refresh period, skips every archived article.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.demo.server import DemoServer
from crawler.demo.site import DemoSite, build_demo
from tests.e2e import archived_urls, consistency_problems, crawl, query, run

MAX_FULL_SHARE = 0.10  # the bound on unchanged article pages downloaded in full


class Runs:
    """The three crawls, with the archive's state captured after run 2."""

    def __init__(self, db: Path, rev0: DemoSite, rev1: DemoSite) -> None:
        self.db, self.rev0, self.rev1 = db, rev0, rev1
        self.summaries: list[dict[str, Any]] = []
        self.after_second: dict[str, list[tuple[Any, ...]]] = {}
        self.lists_after_first: set[str] = set()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    db = tmp_path_factory.mktemp("incremental") / "archive.sqlite"
    state = Runs(db, build_demo(), build_demo(revision=1))
    with DemoServer(state.rev0) as server:
        state.summaries.append(crawl(db, server.proxy_url))
        state.lists_after_first = {
            url for (url,) in query(db, "SELECT url FROM pages WHERE kind = 'list'")
        }
        server.swap_site(state.rev1)
        state.summaries.append(crawl(db, server.proxy_url, ARCHIVE_REFRESH_DAYS=0))
        # The ledger keys pages by URL, so run 3 overwrites run 2's rows: look now.
        state.after_second["pages"] = query(
            db, "SELECT url, kind, http_status, run_id FROM pages WHERE run_id = 2"
        )
        state.summaries.append(crawl(db, server.proxy_url))
    return state


def _article_pages(site: DemoSite) -> set[str]:
    manifest = site.manifest
    urls = {a["page_urls"][0] for a in manifest["articles"]}
    return urls | {c["url"] for c in manifest["copies"]}


def test_second_run_fetches_every_list_page(runs: Runs) -> None:
    """Every list page of run 1 again, and the list pages the new articles created."""
    fetched = {url for url, kind, status, _ in runs.after_second["pages"]
               if status == 200 and kind == "list"}
    assert len(runs.lists_after_first) > 40
    assert runs.lists_after_first - fetched == set()
    added = {u for u in runs.rev1.manifest["revision"]["added_pages"] if "/list_" in u}
    assert added and added - fetched == set()


def test_second_run_downloads_few_unchanged_articles(runs: Runs) -> None:
    delta = runs.rev1.manifest["revision"]
    touched = set(delta["changed_pages"]) | set(delta["added_pages"]) | set(delta["removed_pages"])
    unchanged = _article_pages(runs.rev0) & _article_pages(runs.rev1) - touched
    rows = {url: status for url, kind, status, _ in runs.after_second["pages"]}
    full = sorted(u for u in unchanged if rows.get(u) == 200)
    not_modified = [u for u in unchanged if rows.get(u) == 304]
    share = len(full) / len(unchanged)
    print(f"\nsecond run: {len(full)} of {len(unchanged)} unchanged article pages downloaded "
          f"in full ({share:.1%}), {len(not_modified)} answered 304")
    assert share <= MAX_FULL_SHARE, full[:10]
    assert len(not_modified) >= 0.9 * len(unchanged)
    second = runs.summaries[1]
    # An unchanged first page still downloaded in full answered 304 first: one of
    # its parts 2+ changed (its related links), so the article was read whole again.
    assert second["not_modified"] == len(not_modified) + len(full) + len(
        [u for u in set(delta["changed_pages"]) if rows.get(u) == 304]
    )


def test_second_run_rechecks_every_part_of_due_multipage_articles(runs: Runs) -> None:
    """Part 1 answering 304 does not leave parts 2+ unchecked: each is asked for
    conditionally (or the article was refetched whole because one changed)."""
    parts = {u for a in runs.rev0.manifest["articles"] for u in a["page_urls"][1:]}
    rows = {url: status for url, kind, status, _ in runs.after_second["pages"]}
    assert len(parts) > 10
    assert sorted(parts - set(rows)) == []
    assert sum(rows[u] == 304 for u in parts) >= 0.8 * len(parts)


def test_second_run_finds_every_new_article(runs: Runs) -> None:
    new = runs.rev1.manifest["revision"]["new"]
    owner = dict(query(runs.db, "SELECT url, article_id FROM sightings"))
    assert [u for u in new if u not in owner] == []
    assert runs.summaries[1]["articles_new"] == len(new)
    originals = dict(query(runs.db, "SELECT canonical_url, id FROM articles"))
    assert all(originals.get(u) == owner[u] for u in new)  # each its own article


def test_edit_is_a_version_and_an_in_place_update(runs: Runs) -> None:
    (url,) = runs.rev1.manifest["revision"]["edited"]
    old = next(a for a in runs.rev0.manifest["articles"] if a["url"] == url)
    new = next(a for a in runs.rev1.manifest["articles"] if a["url"] == url)
    [(article_id, text)] = query(runs.db, "SELECT id, text FROM articles WHERE canonical_url = ?", url)
    assert text == "\n".join(new["paragraphs"])
    versions = query(runs.db, "SELECT article_id, text, run_id FROM article_versions")
    assert versions == [(article_id, "\n".join(old["paragraphs"]), 2)]
    assert runs.summaries[1]["articles_updated"] == 1


def test_deleted_page_is_gone_and_its_article_kept(runs: Runs) -> None:
    (url,) = runs.rev1.manifest["revision"]["deleted"]
    mirror = url.replace("://www.", "://m.")
    pages = dict(query(runs.db, "SELECT url, gone_at FROM pages WHERE http_status = 404 "
                                "AND article_id IS NOT NULL"))
    assert pages.get(url) and pages.get(mirror)
    sightings = dict(query(runs.db, "SELECT url, gone_at FROM sightings WHERE gone_at IS NOT NULL"))
    assert set(sightings) == {url, mirror}
    assert query(runs.db, "SELECT count(*) FROM articles WHERE canonical_url = ?", url) == [(1,)]


def test_third_run_skips_archived_articles(runs: Runs) -> None:
    third = runs.summaries[2]
    assert third["articles_new"] == third["not_modified"] == 0
    # Pages linked only from inside skipped articles (related-only, mirror "more"
    # links) are not even discovered: the skip saves their requests too.
    assert third["skipped"] >= 0.9 * len(_article_pages(runs.rev1))
    assert third["pages"] < 0.2 * runs.summaries[0]["pages"]


def test_archive_is_sound_and_complete(runs: Runs) -> None:
    assert consistency_problems(runs.db) == []
    expected = {a["url"] for a in runs.rev1.manifest["articles"]}
    assert expected - archived_urls(runs.db) == set()
    total = runs.summaries[0]["articles_new"] + len(runs.rev1.manifest["revision"]["new"])
    assert query(runs.db, "SELECT count(*) FROM articles") == [(total,)]  # the deleted one kept


def test_runs_json_reports_each_run(runs: Runs) -> None:
    done = run([sys.executable, "-m", "crawler", "runs", "--db", str(runs.db), "--json"])
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows] == [3, 2, 1]
    assert all(r["status"] == "ok" and r["finish_reason"] == "finished" for r in rows)
    third, second, first = rows
    assert first["articles_new"] == runs.summaries[0]["articles_new"] > 0
    assert (second["articles_new"], second["articles_updated"], second["gone"]) == (12, 1, 2)
    assert second["not_modified"] == runs.summaries[1]["not_modified"]
    assert third["skipped"] == runs.summaries[2]["skipped"]
    assert second["args"]["settings"]["ARCHIVE_REFRESH_DAYS"] == "0"
