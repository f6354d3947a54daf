"""How a run is judged and summarised; the one-line drop log."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import cast

from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.settings import Settings

from crawler.health import failures, notes
from crawler.items import ArticleRecord
from crawler.logformatter import QuietLogFormatter


def test_flaky_pages_and_robots_failures_do_not_fail_a_run() -> None:
    stats = {"finish_reason": "finished", "retry/max_reached": 2, "robotstxt/site_disallowed": 1,
             "junk/soft_404": 1, "junk/replacement_chars": 2, "log_count/WARNING": 3}
    assert failures(stats) == []
    assert notes(stats) == ["2 requests gave up after retries",
                            "1 sites skipped: robots.txt failed (5xx/unreachable)",
                            "3 junk pages not archived"]


def test_what_fails_a_run() -> None:
    assert failures({"finish_reason": "shutdown", "log_count/ERROR": 2}) == [
        "closed: shutdown", "2 errors logged"]


def test_a_dropped_page_is_one_line_unless_debug() -> None:
    item = ArticleRecord(url="http://a.test/1.html", canonical_url="", site="a.test", fetched_at="",
                       raw_pages=["<html>" * 1000])
    for level, lines in (("INFO", 1), ("DEBUG", 2)):
        spider = cast(Spider, SimpleNamespace(crawler=SimpleNamespace(settings=Settings({
            "LOG_LEVEL": level, "DEFAULT_DROPITEM_LOG_LEVEL": "INFO"}))))
        entry = QuietLogFormatter().dropped(item, DropItem("too short"), None, spider)
        message = entry["msg"] % entry["args"]
        assert entry["level"] == logging.INFO
        assert message.startswith("Dropped http://a.test/1.html: too short")
        assert len(message.splitlines()) == lines
