"""One malformed href never costs the page it sits on (issue 16)."""

from __future__ import annotations

from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.items import ArticleRecord
from crawler.spiders.template import TemplateSpider

PROSE = "<p>我们认真学习了安全生产知识，在实践中不断总结经验，提高了解决问题的能力。</p>" * 6
HREFS = ["http://host:99999/", "http://127.0.0.1:abc/", "http://[127.0.0.5]/", "http://[::1/",
         "/zw/7654321.html"]


def test_article_with_malformed_links_is_kept_and_links_counted(make_crawler) -> None:
    crawler = make_crawler()
    spider = TemplateSpider.from_crawler(crawler, start_urls="http://www.a.test/")
    related = "".join(f'<a href="{h}">x</a>' for h in HREFS)
    html = (f'<html><head><title>心得</title><link rel="canonical" href="http://www.a.test:99999/">'
            f'</head><body><h1 class="title">心得</h1><div class="content">{PROSE}</div>'
            f'<div class="related">{related}</div></body></html>')
    url = "http://www.a.test/zw/1234567.html"
    page = HtmlResponse(url, body=html.encode(), request=Request(url, meta={"page_kind": "article"}),
                        headers={"Content-Type": "text/html; charset=utf-8"})
    out = list(spider.parse(page))
    items = [x for x in out if isinstance(x, ArticleRecord)]
    assert len(items) == 1 and items[0].canonical_url == url
    assert "http://www.a.test/zw/7654321.html" in {r.url for r in out if isinstance(r, Request)}
    assert crawler.stats.get_value("crawl/bad_links") == 4
