"""CleanPipeline: raw pages in, article fields out; empty pages dropped with a reason."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem

from crawler.extraction.extract import extract_page
from crawler.extraction.profiles import get_profile
from crawler.items import ArticlePage
from pipelines.clean import CleanPipeline

PAGE = """<html><head><title>读书心得_测试范文网</title></head><body>
<div class="breadcrumbs">当前位置:<a href="/">测试范文网</a>&gt;&gt;<a href="/xd/">心得体会</a>&gt;&gt;读书心得</div>
<h1 class="title">读书心得</h1><div class="info">时间:2023年5月6日 来源:人民日报 作者:李明</div>
<div class="content"><p>以下是小编精心整理的读书心得，欢迎阅读，希望大家能够喜欢。</p>
<p>读完这本书，我对人生有了新的理解，许多过去想不明白的问题一下子清楚了。</p>
<p>书中的主人公在困难面前从不低头，这种精神深深地打动了我，也让我反思自己在工作和学习中遇到挫折时的表现，今后我要向他学习。</p>
<p>想了解更多心得体会的资讯,请访问:心得体会</p></div></body></html>"""


def item_for(html: str, url: str = "http://www.t.test/xd/1234567.html") -> ArticlePage:
    raw = extract_page(html, url, get_profile("dedecms"))
    return ArticlePage(url=url, canonical_url=url, page_url=url, site="www.t.test",
                       fetched_at="2026-01-01T00:00:00Z", profile="dedecms", raw_pages=[raw])


def test_article_fields_filled(make_crawler) -> None:
    pipeline = CleanPipeline.from_crawler(make_crawler())
    item = pipeline.process_item(item_for(PAGE))
    assert item.title == "读书心得"
    assert item.category == ["心得体会"]
    assert (item.published_at, item.origin, item.author) == ("2023-05-06", "人民日报", "李明")
    assert item.paragraphs[0].startswith("读完这本书")
    assert len(item.paragraphs) == 2
    assert item.chars == len(item.text) and item.content_hash
    assert item.raw_pages == []  # raw HTML released once cleaned


def test_page_without_text_is_dropped_with_reason(make_crawler) -> None:
    crawler = make_crawler()
    pipeline = CleanPipeline.from_crawler(crawler)
    empty = PAGE.replace("读完这本书", "").split('<div class="content">')[0] + "</body></html>"
    with pytest.raises(DropItem, match="no article text"):
        pipeline.process_item(item_for(empty))
    assert crawler.stats.get_value("clean/empty_body") == 1


def test_other_items_pass_through(make_crawler) -> None:
    pipeline = CleanPipeline.from_crawler(make_crawler())
    assert pipeline.process_item({"x": 1}) == {"x": 1}
