"""Honour ``Retry-After`` on 429/503 answers: Scrapy's RetryMiddleware does not.

Scrapy retries a 429 or 503 at once, as fast as the download slot allows;
a small template site that asked for a pause is hit again within
milliseconds. This middleware sits just before RetryMiddleware on the way
back (a higher order number sees responses first) and, when the answer
carries ``Retry-After``, raises that site's download delay to the asked
pause, so the retry RetryMiddleware schedules (and everything else for the
site) waits. The site's own delay comes back with its next good answer
(AutoThrottle, when on, then eases down from the pause by itself). A pause
longer than ``RETRY_AFTER_MAX_SECONDS`` is not waited for within the run:
the request is not retried and the next scheduled run tries again.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Self

from scrapy import Request, Spider
from scrapy.core.downloader import Downloader
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

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


class RetryAfterMiddleware:
    def __init__(self, crawler: Crawler, codes: set[int], max_seconds: float,
                 stats: StatsCollector | None = None) -> None:
        self.crawler = crawler
        self.codes = codes
        self.max_seconds = max_seconds
        self.stats = stats
        self.saved_delays: dict[str, float] = {}  # slot key -> its delay before the pause

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("RETRY_AFTER_ENABLED"):
            raise NotConfigured("RETRY_AFTER_ENABLED is off")
        codes = {int(c) for c in settings.getlist("RETRY_AFTER_HTTP_CODES")}
        return cls(crawler, codes, settings.getfloat("RETRY_AFTER_MAX_SECONDS"), crawler.stats)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        downloader = self._downloader()
        if downloader is None:
            return response
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        pause = None
        if response.status in self.codes:
            header = response.headers.get(b"Retry-After")
            pause = retry_after_seconds(header.decode("latin-1") if header else None)
        if pause is None:
            if response.status < 400 and key in self.saved_delays:
                saved = self.saved_delays.pop(key)
                if slot is not None and not self._throttled():
                    slot.delay = saved  # AutoThrottle, when on, eases down by itself
            return response
        if pause > self.max_seconds:
            self._inc("retryafter/too_long")
            logger.warning("%s asks to come back in %.0fs (> RETRY_AFTER_MAX_SECONDS); "
                           "not retried in this run: %s", key, pause, request.url)
            request.meta["dont_retry"] = True
            return response
        if slot is not None:
            self.saved_delays.setdefault(key, slot.delay)
            slot.delay = max(slot.delay, pause)
        self._inc("retryafter/paused")
        logger.info("%s answered %s with Retry-After %.0fs: pausing the site", key,
                    response.status, pause)
        return response

    def _downloader(self) -> Downloader | None:
        engine = self.crawler.engine
        return engine.downloader if engine is not None else None

    def _throttled(self) -> bool:
        return self.crawler.settings.getbool("AUTOTHROTTLE_ENABLED")

    def _inc(self, key: str) -> None:
        if self.stats:
            self.stats.inc_value(key)
