"""Field parsers and build_article over multi-page articles."""

from __future__ import annotations

import pytest

from crawler.extraction.extract import RawPage
from crawler.extraction.metadata import (
    build_article,
    category_path,
    clean_title,
    parse_author,
    parse_date,
    parse_origin,
    parse_tags,
)
from crawler.extraction.profiles import get_profile


@pytest.mark.parametrize(
    "text,expected",
    [("2023-05-06 10:12", "2023-05-06T10:12:00"), ("2023/5/6", "2023-05-06"),
     ("2023年5月6日 10:12", "2023-05-06T10:12:00"), ("二〇二三年五月六日", "2023-05-06"),
     ("二〇二三年十二月三十一日", "2023-12-31"), ("发布时间：2021-04-02 09:05:33", "2021-04-02T09:05:33"),
     ("浏览 2019-01-01 更新时间：2020.2.3", "2020-02-03"), ("2023-05-06T10:12:00+08:00", "2023-05-06T10:12:00"),
     ("２０２３－０５－０６", None), ("２０２３年５月６日", "2023-05-06"), ("2023-13-40", None), ("无日期", None), ("", None)],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("来源：求是", "求是"), ("来源:人民日报 作者:张三", "人民日报"), ("来源 求是", "求是"),
     ("时间:2023-05-06 来源:爱学范文 推荐访问:工作总结", "爱学范文"), ("文章来源：本站原创 点击数：3", "本站原创"),
     ("来源：新华网|编辑：李四", "新华网"), ("作者：张三", None), ("来源：", None)],
)
def test_parse_origin(text: str, expected: str | None) -> None:
    assert parse_origin(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("作者：张三 来源：求是", "张三"), ("文/李四", "李四"), ("责任编辑：王五", "王五"), ("作者：佚名 编辑：赵六", "赵六"),
     ("撰稿：钱七 时间：2023", "钱七"), ("作文/范文", None), ("来源：求是", None)],
)
def test_parse_author(text: str, expected: str | None) -> None:
    assert parse_author(text) == expected


def test_parse_tags() -> None:
    assert parse_tags("标签：工作总结，心得、体会 时间：2023-01-01", ["心得", "范文"]) == ["心得", "范文", "工作总结", "体会"]
    assert parse_tags("标签:时间:", []) == []


def test_clean_title() -> None:
    assert clean_title(" 春天 ", "春天_作文_范文网") == "春天"
    assert clean_title(None, "使先进性教育活动成为“人民满意工程”_党团范文_爱学范文网") == "使先进性教育活动成为“人民满意工程”"
    assert clean_title(None, "2023-2024学年工作计划-范文网", ["范文网"]) == "2023-2024学年工作计划"
    assert clean_title("范文网", "春天 - 范文网", ["范文网"]) == "春天"
    assert clean_title(None, None) is None


def test_category_path() -> None:
    title = "使先进性教育活动成为“人民满意工程”"
    assert category_path(["爱学范文网", "党团范文", title], title) == ["党团范文"]
    assert category_path(["当前位置", "首页", "工作总结", "个人总结", "正文"], "x") == ["工作总结", "个人总结"]
    assert category_path(["首页", "作文", "使先进性教育活动成为..."], title) == ["作文"]


def _page(body: str, **kw: object) -> RawPage:
    return RawPage(url="http://x.com/a/1.html", body_html=f"<div>{body}</div>", **kw)  # type: ignore[arg-type]


def test_build_article_multi_page_stitches_and_drops_repeated_chrome() -> None:
    intro = "<p>本文共3页，请翻页阅读。</p>"
    pages = [
        _page(intro + "<p>第一页的正文，讲了春天。</p>", title="春天", head_title="春天_范文网",
              breadcrumb=["范文网", "作文"], info_lines=["时间：2023-05-06 作者：张三"],
              meta={"author": "范文网"}),
        _page(intro + "<p>第二页的正文，讲了夏天。</p><p>上一页 1 2 3 下一页</p>"),
        _page(intro + "<p>第三页的正文，讲了秋天。</p><p>来源：求是</p>"),
    ]
    article = build_article(pages, get_profile("generic"))
    assert article.title == "春天" and article.category == ["作文"]
    assert article.paragraphs == ["本文共3页，请翻页阅读。", "第一页的正文，讲了春天。", "第二页的正文，讲了夏天。",
                                  "第三页的正文，讲了秋天。"]
    assert article.published_at == "2023-05-06" and article.author == "张三" and article.origin == "求是"
    assert article.text.count("\n") == 3 and article.chars == len(article.text)


def test_build_article_meta_fallbacks_and_site_name_author() -> None:
    page = _page("<p>正文。</p>", head_title="春天 - 范文网",
                 meta={"article:published_time": "2022-01-02T03:04:05Z", "author": "范文网"})
    article = build_article([page], get_profile("generic"))
    assert article.title == "春天" and article.published_at == "2022-01-02T03:04:05"
    assert article.author is None


def test_build_article_empty() -> None:
    assert build_article([], get_profile("generic")).paragraphs == []
    assert build_article([RawPage(url="u")], get_profile("generic")).chars == 0
