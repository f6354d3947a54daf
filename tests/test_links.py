"""URL canonicalisation and URL-level page kinds, on the URL shapes of REAL_SITES.md."""

import pytest

from crawler.extraction.profiles import get_profile
from crawler.links import (
    PageKind,
    absolute_url,
    canonical_url,
    first_part_url,
    part_number,
    url_kind,
)

GENERIC = get_profile("generic")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://WWW.Example.com:80/a/1234567.html?PHPSESSID=ab12#top", "http://www.example.com/a/1234567.html"),
        ("http://www.example.com/fanwen/index.html", "http://www.example.com/fanwen/"),
        ("http://www.example.com/plus/list.php?tid=3&sid=9&utm_source=x", "http://www.example.com/plus/list.php?tid=3"),
        ("http://www.example.com/s.php?b=2&a=1", "http://www.example.com/s.php?a=1&b=2"),
        ("http://www.example.com:8080/x/", "http://www.example.com:8080/x/"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url, GENERIC) == expected


def test_mirror_host_maps_to_canonical_host() -> None:
    from dataclasses import replace

    profile = replace(GENERIC, mirrors={"m.example.com": "www.example.com"})
    assert canonical_url("http://m.example.com/a/123456.html", profile) == "http://www.example.com/a/123456.html"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://x.cn/fanwen/gongzuo/1234567.htm", PageKind.ARTICLE),
        ("http://x.cn/fanwen/gongzuo/1234567.html", PageKind.ARTICLE),
        ("http://x.cn/fanwen/gongzuo/1234567_2.html", PageKind.PART),
        ("http://x.cn/yuwen/HTML/yuwen_20230506101200_12345.html", PageKind.ARTICLE),
        ("http://x.cn/a/98765.html", PageKind.ARTICLE),
        ("http://x.cn/plus/view.php?aid=123", PageKind.ARTICLE),
        ("http://x.cn/fanwen/gongzuo/list_3.html", PageKind.LIST),
        ("http://x.cn/Article/List/List_85.html", PageKind.LIST),
        ("http://x.cn/gongzuo/index_11.htm", PageKind.LIST),
        ("http://x.cn/plus/list.php?tid=7", PageKind.LIST),
        ("http://x.cn/fanwen/gongzuo/", PageKind.LIST),
        ("http://x.cn/search.php?q=abc&page=99", PageKind.TRAP),
        ("http://x.cn/calendar/?d=2023-05-06", PageKind.TRAP),
        ("http://x.cn/print.php?id=1234567", PageKind.TRAP),
        ("http://x.cn/uploads/1234567.doc", PageKind.TRAP),
    ],
)
def test_url_kind(url: str, kind: PageKind) -> None:
    assert url_kind(url, GENERIC) is kind


@pytest.mark.parametrize(
    ("url", "number", "first"),
    [
        ("http://x.cn/a/1234567_3.html", 3, "http://x.cn/a/1234567.html"),
        ("http://x.cn/a/1234567.html", 1, "http://x.cn/a/1234567.html"),
        ("http://x.cn/y/HTML/y_20230506101200_12.html", 1, "http://x.cn/y/HTML/y_20230506101200_12.html"),
        ("http://x.cn/y/HTML/y_20230506101200_1234_2.htm", 2, "http://x.cn/y/HTML/y_20230506101200_1234.htm"),
    ],
)
def test_parts(url: str, number: int, first: str) -> None:
    assert part_number(url, GENERIC) == number
    assert first_part_url(url, GENERIC) == first


def test_absolute_url_resolves_protocol_relative_and_rejects_non_web() -> None:
    base = "https://www.x.cn/a/b.html"
    assert absolute_url("//m.x.cn/c.html", base) == "https://m.x.cn/c.html"
    assert absolute_url("../d/1.html", base) == "https://www.x.cn/d/1.html"
    assert absolute_url("javascript:void(0)", base) is None
    assert absolute_url("mailto:a@x.cn", base) is None
    assert absolute_url("", base) is None


BAD_HREFS = ["http://host:99999/", "http://host:abc/", "http://[127.0.0.5]/", "http://[::1/", "//:0/x"]


def test_unparseable_links_raise_badlink_never_a_bare_error() -> None:
    from crawler.links import BadLink, absolute_url, declared_canonical

    for href in BAD_HREFS:
        with pytest.raises(BadLink):
            absolute_url(href, "http://www.a.test/x/")
    page = "http://www.a.test/zw/1234567.html"
    for href in BAD_HREFS:
        assert declared_canonical(href, page, get_profile("generic")) == page
