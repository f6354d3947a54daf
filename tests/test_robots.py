"""RobotsPolicyMiddleware: RFC 9309 for a robots.txt that fails (unit level; e2e in test_e2e_hostile)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.internet.error import TimeoutError as TxTimeoutError

from crawler.middlewares.robots import RobotsPolicyMiddleware


def middleware(make_crawler, answer):
    crawler = make_crawler(ROBOTSTXT_TIMEOUT=1.5, ROBOTSTXT_RETRY_TIMES=0)
    asked: list[Request] = []

    async def download_async(request: Request) -> Response:
        asked.append(request)
        if isinstance(answer, Exception):
            raise answer
        return Response(request.url, status=answer, request=request)

    crawler.engine = SimpleNamespace(download_async=download_async)
    return RobotsPolicyMiddleware.from_crawler(crawler), crawler, asked


def verdict(mw: RobotsPolicyMiddleware, url: str) -> bool:
    request = Request(url)
    parser = asyncio.run(mw.robot_parser(request))
    try:
        mw.process_request_2(parser, request)
    except IgnoreRequest:
        return False
    return True


@pytest.mark.parametrize("answer,allowed", [
    (404, True), (410, True), (500, False), (503, False), (TxTimeoutError(), False),
    (ConnectionRefusedError(), False),
])
def test_failed_robots_txt_per_rfc_9309(make_crawler, answer, allowed: bool, caplog) -> None:
    mw, crawler, asked = middleware(make_crawler, answer)
    assert verdict(mw, "http://a.test/private/1.html") is allowed
    assert verdict(mw, "http://a.test/") is allowed  # asked once per site
    assert len(asked) == 1
    assert asked[0].meta["download_timeout"] == 1.5 and asked[0].meta["max_retry_times"] == 0
    warnings = [r for r in caplog.records if r.levelname == "WARNING" and "robots.txt" in r.message]
    # A host that is down gets the unreachable-hosts summary's line instead (an INFO here).
    down = isinstance(answer, ConnectionRefusedError)
    assert len(warnings) == (0 if allowed or down else 1)
    assert crawler.stats.get_value("robotstxt/site_disallowed") == (None if allowed else 1)
