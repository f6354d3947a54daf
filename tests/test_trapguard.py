"""TrapGuardMiddleware and PatternBudgetMiddleware on spider output and requests."""

from __future__ import annotations

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse

from crawler.extraction.extract import RawPage
from crawler.items import ArticleRecord
from crawler.middlewares.patternbudget import PatternBudgetMiddleware
from crawler.middlewares.trapguard import TrapGuardMiddleware
from crawler.traps import budget_for

SITE = "http://a.test"
SPIDER = Spider(name="test")  # signal handlers are called with one


def response(path: str, kind: str = "other") -> HtmlResponse:
    url = SITE + path
    return HtmlResponse(url, body=b"<html></html>", request=Request(url, meta={"page_kind": kind}))


def article(url: str, text: str = "正文" * 60) -> ArticleRecord:
    raw = RawPage(url=url, body_html=f"<div><p>{text}</p></div>")
    return ArticleRecord(url=url, canonical_url=url, site="a.test", fetched_at="", raw_pages=[raw])


def link(path: str, kind: str, priority: int = 0) -> Request:
    return Request(SITE + path, meta={"page_kind": kind}, priority=priority)


@pytest.fixture
def crawler(make_crawler):
    return make_crawler(CRAWL_PATTERN_BUDGET=2, CRAWL_PATTERN_BUDGET_PER_HIT=1,
                        CRAWL_CALENDAR_BUDGET=1, CRAWL_MAX_LINKS_PER_PAGE=3)


def test_a_capped_page_keeps_parts_articles_and_lists_first(crawler) -> None:
    guard = TrapGuardMiddleware.from_crawler(crawler)
    links = [link(f"/o/{i}.php", "other") for i in range(5)] + [
        link("/zw/list_2.html", "list"), link("/zw/1234567.html", "article"),
        link("/zw/7654321_2.html", "part"), link("/zw/7654322.html", "article")]
    out = list(guard.process_spider_output(response("/links.html"), links))
    assert [r.url for r in out] == [SITE + p for p in (
        "/zw/7654321_2.html", "/zw/1234567.html", "/zw/7654322.html")]
    assert crawler.stats.get_value("trap/links_capped") == 6


def test_an_unproductive_pattern_is_cut_off_and_a_productive_one_is_not(crawler) -> None:
    guard = TrapGuardMiddleware.from_crawler(crawler)
    downloads = PatternBudgetMiddleware.from_crawler(crawler)
    # farm pages: no article, links only to their own pattern
    out = list(guard.process_spider_output(response("/trap/1000.html", "article"),
                                           [link("/trap/2000.html", "article", 20)]))
    assert out[0].priority < 0  # an unproven pattern is fetched after everything else
    assert list(guard.process_spider_output(response("/trap/1001.html", "article"),
                                            [link("/trap/2001.html", "article")])) == []
    assert list(guard.process_spider_output(response("/zw/"), [link("/trap/3000.html", "article")])) == []
    with pytest.raises(IgnoreRequest):
        downloads.process_request(link("/trap/9999.html", "article"))
    for n in range(5):  # real articles: each yields its item
        item = article(f"{SITE}/zw/{100 + n}.html")
        assert list(guard.process_spider_output(response(f"/zw/{100 + n}.html", "article"), [item])) == [item]
    downloads.process_request(link("/zw/999.html", "article"))
    downloads.process_request(link("/trap/9999_2.html", "part"))  # parts of an article pass
    assert crawler.stats.get_value("trap/budget_refused") == 1


def test_a_dropped_item_takes_its_credit_back(crawler) -> None:
    guard = TrapGuardMiddleware.from_crawler(crawler)
    page = response("/zw/100.html", "article")
    item = article(page.url)
    list(guard.process_spider_output(page, [item]))
    budget = budget_for(crawler)
    assert budget.productive["a.test/zw/N.html"] == 1
    guard.item_dropped(item, page, Exception("short"), SPIDER)
    assert budget.productive["a.test/zw/N.html"] == 0
    kept = article(page.url)
    list(guard.process_spider_output(page, [kept]))
    guard.item_scraped(kept, page, SPIDER)
    assert budget.productive["a.test/zw/N.html"] == 1 and not guard.credited


def test_an_empty_article_shaped_page_is_no_yield(crawler) -> None:
    """A link farm of article-shaped URLs yields empty items: they must not keep it open."""
    guard = TrapGuardMiddleware.from_crawler(crawler)
    farm = response("/trap/1000.html", "article")
    out = list(guard.process_spider_output(farm, [article(farm.url, ""), link("/trap/2000.html", "article", 20)]))
    assert budget_for(crawler).productive["a.test/trap/N.html"] == 0
    assert [r.priority for r in out if isinstance(r, Request)] == [-10]


def test_new_links_to_other_patterns_count_calendars_do_not(crawler) -> None:
    guard = TrapGuardMiddleware.from_crawler(crawler)
    budget = budget_for(crawler)
    out = list(guard.process_spider_output(response("/archives/2024/01/05/"), [
        link("/archives/2024/01/06/", "list"), link("/archives/2024/01/", "list")]))
    assert budget.productive["a.test/archives/N/N/N/"] == 0
    assert all(r.priority <= -40 for r in out)
    list(guard.process_spider_output(response("/zw/"), [link("/zw/1234567.html", "article")]))
    assert budget.productive["a.test/zw/"] == 1
    list(guard.process_spider_output(response("/zw/list_2.html"), [link("/zw/1234567.html", "article")]))
    assert budget.productive["a.test/zw/list_N.html"] == 0  # seen before: nothing new


def test_errors_are_judged_from_signals(crawler) -> None:
    guard = TrapGuardMiddleware.from_crawler(crawler)
    request = link("/x/1.html", "other")
    guard.response_received(HtmlResponse(request.url, status=404, request=request), request, SPIDER)
    assert budget_for(crawler).judged["a.test/x/N.html"] == 1
