"""RetryAfterMiddleware: a 429/503 with Retry-After holds the site's download slot
for exactly the asked pause; only the clock ends it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from time import monotonic
from types import SimpleNamespace
from typing import cast

from scrapy import Request
from scrapy.core.downloader import Slot
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.settings import Settings

from crawler.middlewares.retryafter import RetryAfterMiddleware, retry_after_seconds
from crawler.runner import project_settings


def test_retry_after_values() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0.0  # in the past
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


class FakeDownloader:
    def __init__(self) -> None:
        self.slots = {"a.example": Slot(concurrency=4, delay=0.25, jitter=0)}

    def get_slot_key(self, request: Request) -> str:
        return "a.example"


class FakeTimer:
    def __init__(self) -> None:
        self.calls: list[tuple[float, Callable[..., object], tuple]] = []

    def __call__(self, delay: float, func, *args) -> SimpleNamespace:
        self.calls.append((delay, func, args))
        return SimpleNamespace(cancel=lambda: None)

    def fire(self) -> None:
        delay, func, args = self.calls.pop()
        func(*args)


def make(autothrottle: bool = False) -> tuple[RetryAfterMiddleware, Slot, FakeTimer]:
    downloader = FakeDownloader()
    crawler = cast(Crawler, SimpleNamespace(  # only what the middleware reads
        engine=SimpleNamespace(downloader=downloader),
        settings=Settings({"AUTOTHROTTLE_ENABLED": autothrottle}),
    ))
    mw = RetryAfterMiddleware(crawler, {429, 503}, 300.0)
    mw.call_later = timer = FakeTimer()
    return mw, downloader.slots["a.example"], timer


def answer(status: int, retry_after: str | None = None) -> tuple[Request, Response]:
    request = Request("http://a.example/x.html")
    headers = {"Retry-After": retry_after} if retry_after else {}
    return request, Response(request.url, status=status, headers=headers, request=request)


def test_pause_held_until_its_time_whatever_else_answers() -> None:
    """Changed with issue 16: a good answer used to end the pause (retry after 0.09 s)."""
    mw, slot, timer = make()
    slot.jitter = 0.5
    in_flight = Request("http://a.example/other.html")
    slot.active.add(in_flight)
    request, response = answer(503, "7")
    assert mw.process_response(request, response) is response  # RetryMiddleware retries it
    assert not request.meta.get("dont_retry")
    assert (slot.delay, slot.jitter) == (7.0, 0.0)  # exact: no random 0.5x..1.5x
    assert monotonic() - slot.lastseen < 1  # counted from this answer, not the last send
    assert in_flight.meta["autothrottle_dont_adjust_delay"] is True
    mw.process_response(*answer(200))
    assert slot.delay == 7.0  # another answer does not end it
    assert timer.calls[-1][0] == 7.0
    timer.fire()
    assert (slot.delay, slot.jitter) == (0.25, 0.5)
    assert "autothrottle_dont_adjust_delay" not in in_flight.meta


def test_a_second_pause_extends_the_first() -> None:
    mw, slot, timer = make()
    mw.process_response(*answer(503, "2"))
    mw.process_response(*answer(429, "5"))
    assert 4.9 < slot.delay <= 5.0 and 4.9 < timer.calls[-1][0] <= 5.0


def test_no_header_or_other_status_changes_nothing() -> None:
    mw, slot, _ = make()
    mw.process_response(*answer(503))
    mw.process_response(*answer(500, "30"))
    assert slot.delay == 0.25


def test_too_long_a_pause_is_left_to_the_next_run() -> None:
    mw, slot, _ = make()
    request, response = answer(429, "3600")
    mw.process_response(request, response)
    assert request.meta["dont_retry"] is True and slot.delay == 0.25


def test_autothrottle_eases_down_by_itself() -> None:
    mw, slot, timer = make(autothrottle=True)
    mw.process_response(*answer(429, "5"))
    timer.fire()
    assert slot.delay == 5.0  # AutoThrottle's next adjustment halves it towards its target


def test_enabled_before_retry_middleware_in_project_settings() -> None:
    settings = project_settings()
    order = settings.getdict("DOWNLOADER_MIDDLEWARES")["crawler.middlewares.retryafter.RetryAfterMiddleware"]
    assert order > 550 and settings.getbool("RETRY_AFTER_ENABLED")
    assert {"429", "503"} <= {str(code) for code in settings.getlist("RETRY_HTTP_CODES")}
