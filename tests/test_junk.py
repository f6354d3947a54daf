"""crawler.extraction.junk and NotArticleMiddleware: garbage bytes and soft 404s are not articles."""

from __future__ import annotations

import random

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse

from crawler.extraction.decode import decode_html
from crawler.extraction.extract import extract_page
from crawler.extraction.junk import (
    JunkLimits,
    decoding_problem,
    not_article_reason,
    skeleton,
    soft_404,
)
from crawler.extraction.profiles import get_profile
from crawler.items import ArticleRecord
from crawler.middlewares.notarticle import NotArticleMiddleware
from crawler.runner import project_settings

LIMITS = JunkLimits.from_settings(project_settings())
PROSE = "我们认真学习了安全生产知识，在实践中不断总结经验，提高了解决问题的能力。" * 8
SOFT = ("<html><head><title>页面不存在_范文网</title></head><body><div class='content'>"
        "<p>抱歉，您访问的页面不存在或已被删除，请返回首页继续浏览。</p></div></body></html>")


def test_random_bytes_are_a_decoding_problem() -> None:
    rng = random.Random(1)
    for body in (rng.randbytes(64 * 1024), bytes(rng.choice(range(0x81, 0xFF)) for _ in range(20_000))):
        decoded = decode_html(body, "text/html")
        assert decoding_problem(decoded.text, decoded.replaced, LIMITS) is not None


def test_real_pages_pass_even_with_a_few_bad_bytes() -> None:
    body = f"<html><body><p>{PROSE}</p></body></html>".encode("gbk")
    damaged = body[:200] + b"\xff\xfe" + body[200:]
    for page in (body, damaged):
        decoded = decode_html(page, "text/html; charset=gbk")
        assert decoding_problem(decoded.text, decoded.replaced, LIMITS) is None
    assert decoding_problem("标题\x07\x1b" + PROSE, 0, LIMITS) is None  # debris, not garbage


@pytest.mark.parametrize("title,text,expected", [
    ("页面不存在", "抱歉，您访问的页面不存在。", True),
    ("404 Not Found", "", True),
    ("范文网", "对不起，找不到您要的页面，请返回首页。", True),
    ("找不到工作怎么办", PROSE, False),  # a real article that says 找不到: long
    ("读书心得", "短文一篇，读后很有收获。", False),
])
def test_soft_404(title: str, text: str, expected: bool) -> None:
    assert soft_404(title, None, text, LIMITS) is expected


def test_not_article_reason_reads_the_page_like_a_crawl() -> None:
    raw = extract_page(SOFT, "http://a.test/zw/1.html", get_profile("generic"))
    assert not_article_reason(SOFT, 0, raw.title, raw.head_title, raw.body_html, LIMITS) == "soft_404"


def response(url: str, html: str, status: int = 200) -> HtmlResponse:
    return HtmlResponse(url, status=status, body=html.encode(), request=Request(url),
                        headers={"Content-Type": "text/html; charset=utf-8"})


def item_for(page: HtmlResponse) -> ArticleRecord:
    raw = extract_page(page.text, page.url, get_profile("generic"))
    return ArticleRecord(url=page.url, canonical_url=page.url, site="a.test", fetched_at="", raw_pages=[raw])


def test_middleware_drops_junk_with_a_reason_and_keeps_articles(make_crawler) -> None:
    crawler = make_crawler()
    mw = NotArticleMiddleware.from_crawler(crawler)
    good = response("http://a.test/zw/2.html", f"<html><body><div class='content'><p>{PROSE}</p></div></body></html>")
    soft = response("http://a.test/zw/1.html", SOFT)
    assert list(mw.process_spider_output(good, [item_for(good)]))
    assert list(mw.process_spider_output(soft, [item_for(soft), Request("http://a.test/")])) != []
    assert not [x for x in mw.process_spider_output(soft, [item_for(soft)]) if isinstance(x, ArticleRecord)]
    assert crawler.stats.get_value("junk/soft_404") == 2


def test_a_page_in_the_template_of_a_known_error_page_is_not_an_article(make_crawler) -> None:
    crawler = make_crawler()
    mw = NotArticleMiddleware.from_crawler(crawler)
    template = "<html><body><div class='box'><div class='msg'><p>{}</p></div></div></body></html>"
    error = response("http://a.test/missing.html", template.format("出错了"), status=404)
    mw.response_received(error, Request(error.url), Spider(name="test"))
    assert skeleton(error.text) in mw.error_templates["a.test"]
    looks_alike = response("http://a.test/zw/3.html", template.format("温馨提示：请稍后再试。"))
    assert mw.reason(item_for(looks_alike), looks_alike) == "error_template"
    other_site = response("http://b.test/zw/3.html", looks_alike.text)
    assert mw.reason(item_for(other_site), other_site) is None
