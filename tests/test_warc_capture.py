"""The WARC capture middleware and its file set, without a crawl: records as sent and
received, revisits, rotation, and a torn last record skipped on read."""

from __future__ import annotations

import gzip
import logging
import os
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.warc.capture import WarcCaptureMiddleware
from crawler.warc.files import Location
from crawler.warc.reader import read_at, scan, warc_files
from crawler.warc.records import IDENTICAL, NOT_MODIFIED

BODY = "<html><body><p>范文正文</p></body></html>".encode("gb18030")


@pytest.fixture
def middleware(make_crawler, tmp_path: Path):
    made: list[WarcCaptureMiddleware] = []

    def make(**settings) -> WarcCaptureMiddleware:
        crawler = make_crawler(WARC_DIR=str(tmp_path / "warc"), **settings)
        crawler.stats.open_spider()
        made.append(WarcCaptureMiddleware.from_crawler(crawler))
        return made[-1]

    yield make
    for mw in made:
        mw.spider_closed(None)  # type: ignore[arg-type]


def exchange(mw: WarcCaptureMiddleware, url: str, status: int = 200, body: bytes = BODY,
             **headers: str) -> Request:
    request = Request(url, headers={"Accept-Encoding": "gzip, deflate", "User-Agent": "fanwen"})
    response = HtmlResponse(url, status=status, body=body, request=request,
                            headers={"Content-Type": "text/html; charset=gb2312",
                                     "Transfer-Encoding": "chunked", **headers})
    assert mw.process_response(request, response) is response
    return request


def test_request_and_response_records_as_sent_and_received(middleware, tmp_path: Path) -> None:
    mw = middleware()
    request = exchange(mw, "http://www.a.test/x/1.html?p=2")
    where = Location(**request.meta["fanwen_warc"])
    capture = read_at(tmp_path / "warc", where)
    assert (capture.kind, capture.status, capture.body) == ("response", 200, BODY)
    assert ("Transfer-Encoding", "chunked") not in capture.headers  # the body is de-chunked
    [path] = warc_files(tmp_path / "warc")
    kinds = [c.kind for c in scan(path, frozenset({"warcinfo", "response", "request"}))]
    assert kinds == ["warcinfo", "response", "request"]
    raw = gzip.decompress(path.read_bytes()).decode("latin-1")
    assert "GET /x/1.html?p=2 HTTP/1.1\r\nHost: www.a.test\r\n" in raw
    assert "Accept-Encoding: gzip, deflate" in raw  # what Scrapy's middlewares set


def test_identical_payload_and_not_modified_are_revisits(middleware, tmp_path: Path) -> None:
    mw = middleware()
    first = exchange(mw, "http://www.a.test/1.html")
    second = exchange(mw, "http://m.a.test/1.html")
    again = exchange(mw, "http://www.a.test/1.html", status=304, body=b"")
    directory = tmp_path / "warc"
    original = read_at(directory, Location(**first.meta["fanwen_warc"]))
    copy = read_at(directory, Location(**second.meta["fanwen_warc"]))
    assert (copy.kind, copy.profile, copy.refers_to) == ("revisit", IDENTICAL, original.record_id)
    assert copy.body == b""
    not_modified = read_at(directory, Location(**again.meta["fanwen_warc"]))
    assert (not_modified.kind, not_modified.profile, not_modified.status) == (
        "revisit", NOT_MODIFIED, 304)
    assert mw.stats.get_value("warc/revisit/identical_payload") == 1


def test_files_rotate_at_the_size_limit_each_with_warcinfo(middleware, tmp_path: Path) -> None:
    mw = middleware(WARC_MAX_SIZE=3000)
    for number in range(6):
        exchange(mw, f"http://www.a.test/{number}.html", body=BODY + os.urandom(1200))
    mw.spider_closed(None)
    paths = warc_files(tmp_path / "warc")
    assert len(paths) >= 3 and all(p.stat().st_size <= 3000 for p in paths)
    assert [p.name.rsplit("-", 1)[1] for p in paths][:2] == ["00001.warc.gz", "00002.warc.gz"]
    for path in paths:
        first = next(iter(scan(path, frozenset({"warcinfo", "response"}))))
        assert first.kind == "warcinfo"


def test_a_torn_last_record_is_skipped_with_a_warning(middleware, tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    mw = middleware()
    for number in range(3):
        exchange(mw, f"http://www.a.test/{number}.html", body=BODY + bytes([number]))
    [path] = warc_files(tmp_path / "warc")
    mw.spider_closed(None)
    last = [c.location for c in scan(path)][-1]
    assert last is not None
    path.write_bytes(path.read_bytes()[:last.offset + last.length // 2])  # power loss mid-write
    with caplog.at_level(logging.WARNING):
        uris = [c.uri for c in scan(path)]
    assert uris == [f"http://www.a.test/{n}.html" for n in range(2)]  # the complete ones
    assert "torn record" in caplog.text


def test_off_when_disabled(make_crawler) -> None:
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        WarcCaptureMiddleware.from_crawler(make_crawler(WARC_ENABLED=False))


def test_replay_index_answers_the_last_full_capture(middleware, tmp_path: Path) -> None:
    from crawler.warc.replay import ReplayIndex

    mw = middleware()
    exchange(mw, "http://www.a.test/1.html", body=b"old")
    exchange(mw, "http://www.a.test/1.html", body=b"new")
    exchange(mw, "http://www.a.test/2.html", body=b"new")  # identical payload: a revisit
    exchange(mw, "http://www.a.test/1.html", status=304, body=b"")  # passed over
    index = ReplayIndex(tmp_path / "warc")
    assert [index.answer(u)[1] for u in ("http://www.a.test/1.html",  # type: ignore[index]
                                         "http://www.a.test/2.html")] == [b"new", b"new"]
    assert index.answer("http://www.a.test/3.html") is None
