"""Honour ``Retry-After`` on 429/503 answers: Scrapy's RetryMiddleware does not.

Scrapy retries a 429 or 503 at once, as fast as the download slot allows;
a small template site that asked for a pause is hit again within
milliseconds. This middleware sits just before RetryMiddleware on the way
back (a higher order number sees responses first) and, when the answer
carries ``Retry-After``, holds that site's download slot for exactly the
asked pause from the moment the answer arrived: the slot's delay becomes
the pause with no jitter, its clock starts now, and the requests already
on their way are told not to let AutoThrottle lower it. Nothing but the
clock ends the pause (an unrelated good answer used to, and the retry
then left at once); then the site's own delay and jitter come back
(AutoThrottle, when on, eases down from the pause by itself). A pause
longer than ``RETRY_AFTER_MAX_SECONDS`` is not waited for within the run:
the request is not retried and the next scheduled run tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic
from typing import Any, Self

from scrapy import Request, Spider
from scrapy.core.downloader import Downloader, Slot
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import call_later

logger = logging.getLogger(__name__)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After value (delta-seconds or HTTP-date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass
class Pause:
    """A slot on hold: until when (monotonic), and the delay and jitter it had."""

    until: float
    delay: float
    jitter: float
    timer: Any = None


class RetryAfterMiddleware:
    def __init__(self, crawler: Crawler, codes: set[int], max_seconds: float,
                 stats: StatsCollector | None = None) -> None:
        self.crawler = crawler
        self.codes = codes
        self.max_seconds = max_seconds
        self.stats = stats
        self.pauses: dict[str, Pause] = {}  # slot key -> its pause
        self.call_later: Callable[..., Any] = call_later  # the reactor's timer; tests pass a fake

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("RETRY_AFTER_ENABLED"):
            raise NotConfigured("RETRY_AFTER_ENABLED is off")
        codes = {int(c) for c in settings.getlist("RETRY_AFTER_HTTP_CODES")}
        return cls(crawler, codes, settings.getfloat("RETRY_AFTER_MAX_SECONDS"), crawler.stats)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        if response.status not in self.codes:
            return response
        header = response.headers.get(b"Retry-After")
        pause = retry_after_seconds(header.decode("latin-1") if header else None)
        downloader = self._downloader()
        if pause is None or downloader is None:
            return response
        key = downloader.get_slot_key(request)
        if pause > self.max_seconds:
            self._inc("retryafter/too_long")
            logger.warning("%s asks to come back in %.0fs (> RETRY_AFTER_MAX_SECONDS); "
                           "not retried in this run: %s", key, pause, request.url)
            request.meta["dont_retry"] = True
            return response
        slot = downloader.slots.get(key)
        if slot is not None:
            self.hold(key, slot, pause)
        self._inc("retryafter/paused")
        logger.info("%s answered %s with Retry-After %.0fs: pausing the site", key,
                    response.status, pause)
        return response

    def hold(self, key: str, slot: Slot, pause: float) -> None:
        """Send nothing through ``slot`` for ``pause`` seconds from now."""
        now = monotonic()
        held = self.pauses.get(key)
        if held is None:
            held = self.pauses[key] = Pause(now + pause, slot.delay, slot.jitter)
        elif held.timer is not None:
            held.timer.cancel()
        held.until = max(held.until, now + pause)
        slot.delay, slot.jitter, slot.lastseen = held.until - now, 0.0, now
        for request in slot.active:  # answers already on their way must not lower the delay
            request.meta["autothrottle_dont_adjust_delay"] = True
        held.timer = self.call_later(held.until - now, self.release, key, slot)

    def release(self, key: str, slot: Slot) -> None:
        """The pause is over: the slot's own delay and jitter again."""
        held = self.pauses.pop(key, None)
        if held is None:
            return
        if not self._throttled():
            slot.delay = held.delay  # AutoThrottle, when on, eases down by itself
        slot.jitter = held.jitter
        for request in slot.active:
            request.meta.pop("autothrottle_dont_adjust_delay", None)

    def _downloader(self) -> Downloader | None:
        engine = self.crawler.engine
        return engine.downloader if engine is not None else None

    def _throttled(self) -> bool:
        return self.crawler.settings.getbool("AUTOTHROTTLE_ENABLED")

    def _inc(self, key: str) -> None:
        if self.stats:
            self.stats.inc_value(key)
