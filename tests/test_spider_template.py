"""TemplateSpider's callbacks on saved responses: what it follows, what it yields."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.items import ArticleRecord
from crawler.spiders.template import TemplateSpider, parse_start_urls

ARTICLE = """<html><head><meta charset="gb2312"><title>学习心得体会_爱学范文网</title></head><body>
<div class="breadcrumbs">当前位置:<a href="/">爱学范文网</a>&gt;&gt;<a href="/xinde/">心得体会</a>&gt;&gt;学习心得体会</div>
<h1 class="title">学习心得体会</h1>
<div class="info">时间:2023-05-06 10:12 来源:求是</div>
<div class="content">
<p>这次学习让我对工作有了新的认识，我们在实践中不断总结经验，提高了解决问题的能力。</p>
<p>在学习过程中，大家积极发言，认真讨论，形成了很多有价值的意见和建议，收获很大。</p>
<p>今后我们要把学到的知识运用到实际工作中去，以更加饱满的热情投入到各项任务当中。</p>
<div class="pages"><a href="/xinde/1234567.html">1</a><a href="/xinde/1234567_2.html?PHPSESSID=abc">2</a><a href="/xinde/1234567_3.html">3</a></div>
</div>
<div class="related"><a href="/xinde/7654321.html">另一篇心得</a><a href="/search.php?q=x&page=2">搜索</a>
<a href="/print.php?id=1234567">打印本文</a><a href="http://other.test/1111111.html">外站</a></div>
</body></html>"""

PART = ARTICLE.replace("这次学习让我", "第二页里我").replace("在学习过程中", "第二页中").replace(
    "今后我们要", "第二页最后"
)


def response(url: str, html: str, **meta) -> HtmlResponse:
    request = Request(url, meta={"page_kind": "article", **meta})
    return HtmlResponse(url, body=html.encode("gbk"), request=request,
                        headers={"Content-Type": "text/html; charset=gb2312"})


@pytest.fixture
def spider(make_crawler) -> TemplateSpider:
    crawler = make_crawler()
    return TemplateSpider.from_crawler(crawler, start_urls="http://www.a.test/")


def test_article_page_asks_for_part_two_and_follows_related(spider) -> None:
    out = list(spider.parse(response("http://www.a.test/xinde/1234567.html", ARTICLE)))
    requests = [r for r in out if isinstance(r, Request)]
    urls = {r.url for r in requests}
    assert "http://www.a.test/xinde/7654321.html" in urls  # related link followed
    assert not any("search.php" in u or "print.php" in u or "other.test" in u for u in urls)
    assert not any("PHPSESSID" in u for u in urls)
    part = [r for r in requests if r.callback == spider.parse_part]
    assert [r.url for r in part] == ["http://www.a.test/xinde/1234567_2.html"]
    assert not any(isinstance(r, ArticleRecord) for r in out)  # not finished before its parts


def test_parts_are_stitched_into_one_item(spider) -> None:
    first = list(spider.parse(response("http://www.a.test/xinde/1234567.html", ARTICLE)))
    to_part2 = next(r for r in first if isinstance(r, Request) and r.callback == spider.parse_part)
    item = to_part2.cb_kwargs["item"]
    second = list(spider.parse_part(response(to_part2.url, PART), item=item))
    to_part3 = next(r for r in second if isinstance(r, Request) and r.callback == spider.parse_part)
    assert to_part3.url == "http://www.a.test/xinde/1234567_3.html"
    third = list(spider.parse_part(response(to_part3.url, PART), item=item))
    items = [r for r in third if isinstance(r, ArticleRecord)]
    assert len(items) == 1
    assert items[0].page_urls == [
        "http://www.a.test/xinde/1234567.html",
        "http://www.a.test/xinde/1234567_2.html",
        "http://www.a.test/xinde/1234567_3.html",
    ]
    assert len(items[0].raw_pages) == 3


def test_list_page_yields_no_item(spider) -> None:
    html = "<html><body><ul class='list'>" + "".join(
        f"<li><a href='/xinde/{1000000 + i}.html'>第{i}篇</a></li>" for i in range(20)
    ) + "</ul><div class='pages'><a href='/xinde/list_2.html'>下一页</a></div></body></html>"
    out = list(spider.parse(response("http://www.a.test/xinde/list_1.html", html, page_kind="list")))
    assert all(isinstance(r, Request) for r in out)
    assert "http://www.a.test/xinde/list_2.html" in {r.url for r in out}
    assert len(out) == 21


def test_article_without_parts_is_one_item(spider) -> None:
    html = ARTICLE.replace('<div class="pages">', '<div class="x">').replace("1234567_", "9")
    out = list(spider.parse(response("http://www.a.test/xinde/1234567.html", html)))
    items = [r for r in out if isinstance(r, ArticleRecord)]
    assert len(items) == 1 and items[0].canonical_url == "http://www.a.test/xinde/1234567.html"


@pytest.mark.parametrize("bad", ["", "ftp://x.cn/", "http:///nohost", "not a url at all"])
def test_bad_start_urls_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_start_urls(bad)


def test_start_urls_accept_commas_and_bare_hosts() -> None:
    assert parse_start_urls("www.a.cn, http://b.cn/x/") == ["http://www.a.cn", "http://b.cn/x/"]
