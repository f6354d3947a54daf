"""The demo site a day later: new articles on top, one edit, one deletion,
every other page byte-identical with the same validators."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from crawler.demo.site import DemoSite, build_demo


@pytest.fixture(scope="module")
def sites() -> tuple[DemoSite, DemoSite]:
    return build_demo(), build_demo(revision=1)


def _key(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.netloc, parts.path


def _get(site: DemoSite, url: str, headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
    host, path = _key(url)
    return site.respond("GET", host, path, headers or {})


def test_revision_zero_says_nothing_changed(sites) -> None:
    rev0, _ = sites
    delta = rev0.manifest["revision"]
    assert delta["number"] == 0
    assert delta["new"] == delta["edited"] == delta["deleted"] == delta["changed_pages"] == []


def test_untouched_pages_keep_bytes_and_validators(sites) -> None:
    rev0, rev1 = sites
    delta = rev1.manifest["revision"]
    touched = {_key(u) for k in ("changed_pages", "added_pages", "removed_pages") for u in delta[k]}
    same = [k for k in rev0.pages if k not in touched]
    assert len(same) > 0.85 * len(rev0.pages)
    assert all(rev0.pages[k] == rev1.pages[k] for k in same)
    assert {k for k in rev1.pages if rev0.pages.get(k) != rev1.pages[k]} == {
        k for k in touched if k in rev1.pages
    }


def test_new_articles_top_their_lists(sites) -> None:
    _, rev1 = sites
    delta = rev1.manifest["revision"]
    assert len(delta["new"]) == 12
    for url in delta["new"]:
        host, path = _key(url)
        sub = path.rsplit("/", 1)[0] + "/"
        status, _, body = _get(rev1, f"http://{host}{sub}list_1.html")
        assert status == 200 and path.encode() in body
        assert _get(rev1, url)[0] == 200
    manifest_urls = {a["url"] for a in rev1.manifest["articles"]}
    assert set(delta["new"]) <= manifest_urls


def test_older_entries_pushed_to_page_two(sites) -> None:
    rev0, rev1 = sites
    pushed = 0
    for key, page in rev0.pages.items():
        if key[1].endswith("/list_1.html") and key[0] == "www.aixuefw.test":
            page2 = rev1.pages.get((key[0], key[1].replace("list_1", "list_2")))
            last = page.body.rsplit(b'<li><a href="', 1)[-1].split(b'"', 1)[0].split(b"?")[0]
            pushed += bool(page2 and last in page2.body and last not in rev1.pages[key].body)
    assert pushed >= 2  # the subs with a full page 1 that got a new article


def test_edited_article_has_new_text_and_validators(sites) -> None:
    rev0, rev1 = sites
    (url,) = rev1.manifest["revision"]["edited"]
    before = next(a for a in rev0.manifest["articles"] if a["url"] == url)
    after = next(a for a in rev1.manifest["articles"] if a["url"] == url)
    assert after["paragraphs"] != before["paragraphs"] and after["title"] == before["title"]
    old_status, old_headers, _ = _get(rev0, url)
    status, headers, body = _get(rev1, url, {"If-None-Match": old_headers["ETag"]})
    assert status == 200 and headers["ETag"] != old_headers["ETag"]
    assert headers["Last-Modified"] != old_headers["Last-Modified"]
    assert after["paragraphs"][len(after["paragraphs"]) // 2][-20:] in body.decode("gbk")


def test_deleted_article_is_gone_everywhere(sites) -> None:
    _, rev1 = sites
    (url,) = rev1.manifest["revision"]["deleted"]
    path = _key(url)[1]
    assert _get(rev1, url)[0] == 404
    assert _get(rev1, f"http://m.aixuefw.test{path}")[0] == 404
    assert url not in {a["url"] for a in rev1.manifest["articles"]}
    linking = [k for k, p in rev1.pages.items() if path.encode() in p.body]
    assert linking == []


def test_unchanged_article_still_answers_304(sites) -> None:
    rev0, rev1 = sites
    delta = rev1.manifest["revision"]
    touched = set(delta["changed_pages"]) | set(delta["removed_pages"])
    for art in rev0.manifest["articles"][:40]:
        if art["url"] in touched:
            continue
        status, headers, _ = _get(rev0, art["url"])
        if status != 200:
            continue  # the flaky article's first answer is a 500
        status, _, body = _get(rev1, art["url"], {"If-None-Match": headers["ETag"]})
        assert (status, body) == (304, b"")


def test_revisions_are_deterministic() -> None:
    assert build_demo(revision=1).pages == build_demo(revision=1).pages
    two = build_demo(revision=2).manifest["revision"]
    assert two["number"] == 2 and len(two["new"]) == 12
