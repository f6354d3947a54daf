"""CleanPipeline: raw pages in, article fields out; empty pages dropped with a reason."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem

from crawler.extraction.extract import extract_page
from crawler.extraction.profiles import get_profile
from crawler.items import ArticleRecord
from pipelines.clean import CleanPipeline

PAGE = """<html><head><title>读书心得_测试范文网</title></head><body>
<div class="breadcrumbs">当前位置:<a href="/">测试范文网</a>&gt;&gt;<a href="/xd/">心得体会</a>&gt;&gt;读书心得</div>
<h1 class="title">读书心得</h1><div class="info">时间:2023年5月6日 来源:人民日报 作者:李明</div>
<div class="content"><p>以下是小编精心整理的读书心得，欢迎阅读，希望大家能够喜欢。</p>
<p>读完这本书，我对人生有了新的理解，许多过去想不明白的问题一下子清楚了。</p>
<p>书中的主人公在困难面前从不低头，这种精神深深地打动了我，也让我反思自己在工作和学习中遇到挫折时的表现，今后我要向他学习。</p>
<p>想了解更多心得体会的资讯,请访问:心得体会</p></div></body></html>"""


def item_for(html: str, url: str = "http://www.t.test/xd/1234567.html") -> ArticleRecord:
    raw = extract_page(html, url, get_profile("dedecms"))
    return ArticleRecord(url=url, canonical_url=url, page_url=url, site="www.t.test",
                       fetched_at="2026-01-01T00:00:00Z", profile="dedecms", raw_pages=[raw])


def test_article_fields_filled(make_crawler) -> None:
    pipeline = CleanPipeline.from_crawler(make_crawler())
    item = pipeline.process_item(item_for(PAGE))
    article = item.article
    assert article.title == "读书心得"
    assert article.category == ["心得体会"]
    assert article.breadcrumb == ["测试范文网", "心得体会", "读书心得"]
    assert (article.published_at, article.origin, article.author) == ("2023-05-06", "人民日报", "李明")
    assert article.paragraphs[0].startswith("读完这本书")
    assert len(article.paragraphs) == 2
    assert item.site_names  # what the site calls itself: evidence for the original
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
    archived = {"url": "http://www.t.test/1.html", "text": "正文" * 80, "archived": True}
    assert pipeline.process_item(archived) is archived


def test_a_users_dict_item_is_cleaned_like_a_record(make_crawler) -> None:
    """A user's own spider may yield plain dicts: itemadapter reads them."""
    pipeline = CleanPipeline.from_crawler(make_crawler())
    text = "第一段，我们认真学习了新的工作方法。\x07\n" + "第二段，大家都有很多收获和体会。" * 6
    record = pipeline.process_item({"url": "http://www.t.test/a/1.html", "title": "标题\x1b",
                                    "text": text, "author": "李明"})
    assert isinstance(record, ArticleRecord) and record.article is not None
    assert (record.site, record.page_url) == ("www.t.test", "http://www.t.test/a/1.html")
    assert record.article.title == "标题" and record.article.author == "李明"
    assert record.article.paragraphs[0] == "第一段，我们认真学习了新的工作方法。"
