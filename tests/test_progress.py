"""The live progress line: what it shows, and that it stays silent off a terminal."""

from __future__ import annotations

import io

from scrapy import signals

from crawler.extensions.progress import ProgressLine


def test_line_counts_pages_articles_copies_and_errors(make_crawler) -> None:
    crawler = make_crawler()
    crawler.stats.open_spider()
    for key, value in {
        "response_received_count": 120, "store/articles_new": 30, "dedupe/exact": 4,
        "store/sightings_new": 36, "incremental/not_modified": 7, "crawl/page_errors": 3,
        "log_count/ERROR": 1,
    }.items():
        crawler.stats.set_value(key, value)
    line = ProgressLine(crawler, 1.0, io.StringIO()).line()
    assert "pages 120" in line and "new 30" in line and "copies 6" in line
    # the summary line's words and numbers (crawler.runcounts), no bare "304"
    assert "not modified 7" in line and "failed 3" in line and "errors 1" in line
    assert "304" not in line and "pages/min" in line


def test_silent_when_stderr_is_not_a_terminal(make_crawler, monkeypatch) -> None:
    crawler = make_crawler()
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    progress = ProgressLine.from_crawler(crawler)
    crawler.signals.send_catch_log(signals.spider_opened, spider=None)
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert progress.loop is None  # never started: not connected to the crawl
    assert stream.getvalue() == ""


def test_forced_progress_writes_a_carriage_return_line(make_crawler) -> None:
    crawler = make_crawler()
    crawler.stats.open_spider()
    stream = io.StringIO()
    progress = ProgressLine(crawler, 1.0, stream)
    progress.show()
    assert stream.getvalue().startswith("\r") and "pages 0" in stream.getvalue()
