"""extract_page: profile selectors, the density fallback, and robustness."""

from __future__ import annotations

import time

import pytest

from crawler.extraction.extract import RawPage, breadcrumb_parts, extract_page, parse_html
from crawler.extraction.metadata import build_article
from crawler.extraction.profiles import get_profile

PARA = "<p>春天来了，万物复苏，田野里一片生机勃勃的景象，农民们开始了新一年的耕作。</p>"
GENERIC = get_profile("generic")


def page(body: str, head: str = "<title>春天_范文网</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_profile_body_title_and_drop() -> None:
    html = page(f'<h1 class="title">春天</h1><div class="content">{PARA * 3}'
                '<div class="download_card">下载文档</div><script>a("x")</script></div>')
    raw = extract_page(html, "http://x.com/a/1.html", get_profile("ruiwen"))
    assert raw.title == "春天" and raw.head_title == "春天_范文网"
    assert raw.body_html and "万物复苏" in raw.body_html
    assert "下载文档" not in raw.body_html and "a(" not in raw.body_html
    assert raw.profile == "ruiwen"


def test_related_blocks_never_in_body() -> None:
    html = page(f'<div class="content">{PARA * 3}<div class="related"><a href="/1">相关一</a>'
                f'<a href="/2">相关二</a></div><ul><li><a href="/3">推荐三</a></li><li>'
                '<a href="/4">推荐四</a></li></ul></div>')
    body = extract_page(html, "http://x.com/", GENERIC).body_html or ""
    for word in ("相关一", "推荐三", "推荐四"):
        assert word not in body


def test_unwrap_links_keeps_the_word() -> None:
    html = page(f'<div class="content">{PARA * 2}<p>今年的<a class="channel_keylink" href="/k">工作总结</a>如下。</p></div>')
    raw = extract_page(html, "http://x.com/", get_profile("powereasy"))
    assert "今年的工作总结如下" in (raw.body_html or "").replace("\n", "")
    assert "channel_keylink" not in (raw.body_html or "")


def test_tiny_or_linky_selector_match_falls_back_to_density() -> None:
    html = page('<div class="content"><a href="/1">菜单一</a><a href="/2">菜单二</a></div>'
                f'<div class="zhengwen">{PARA * 4}</div>')
    body = extract_page(html, "http://x.com/", GENERIC).body_html or ""
    assert "万物复苏" in body and "菜单一" not in body


def test_logo_h1_is_not_the_title() -> None:
    html = page('<h1 class="logo">范文网</h1><div class="t"><h1>春天的作文</h1></div>' + PARA,
                "<title>春天的作文_范文网</title>")
    assert extract_page(html, "http://x.com/", GENERIC).title == "春天的作文"


def test_meta_canonical_breadcrumb_info_tags() -> None:
    html = page(
        '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zw/">作文</a> &gt; 春天</div>'
        '<div class="info">时间：2023-05-06 来源：本站</div><div class="tags"><a>春天</a><a>作文</a></div>'
        f'<div class="content">{PARA * 2}</div>',
        '<title>春天</title><meta name="Description" content=" 描述 "><meta property="og:title" content="春">'
        '<link rel="canonical" href="/zw/1.html">',
    )
    raw = extract_page(html, "http://x.com/zw/1.html?from=m", GENERIC)
    assert raw.meta["description"] == "描述" and raw.meta["og:title"] == "春"
    assert raw.canonical == "http://x.com/zw/1.html"
    assert raw.breadcrumb == ["首页", "作文", "春天"]
    assert raw.info_text == "时间：2023-05-06 来源：本站"
    assert raw.tags == ["春天", "作文"]


def test_breadcrumb_without_selector_found_by_label() -> None:
    html = page(f'<p class="x">您的位置：<a href="/">范文网</a>&gt;&gt;<a href="/a/">党团</a>&gt;&gt;正文</p>{PARA}')
    assert extract_page(html, "http://x.com/", GENERIC).breadcrumb == ["范文网", "党团", "正文"]


def test_breadcrumb_separators() -> None:
    root = parse_html('<div>首页 » 作文 › 小学 / 三年级 → 春天</div>')
    assert root is not None
    div = root.xpath("//div")[0]
    assert breadcrumb_parts(div) == ["首页", "作文", "小学", "三年级", "春天"]


@pytest.mark.parametrize(
    "html",
    ["", "   ", "\x00\x01\x02", "<", "<html", "<div><p>未闭合的段落", "\ufffd" * 1000,
     "<html><body><div class='content'>" + "<a>x</a>" * 5000, "<?xml version='1.0'?><a/>",
     "<![CDATA[x]]><!-- c -->"],
    ids=range(10),
)
def test_never_raises_on_broken_input(html: str) -> None:
    raw = extract_page(html, "http://x.com/", GENERIC)
    assert isinstance(raw, RawPage)
    build_article([raw], GENERIC)


def test_truncated_page_still_yields_text() -> None:
    html = page(f'<div class="content">{PARA * 3}')[:-40]
    raw = extract_page(html, "http://x.com/", GENERIC)
    assert "万物复苏" in (raw.body_html or "")


def test_ten_thousand_levels_of_nesting() -> None:
    html = page("<div>" * 10000 + PARA + "</div>" * 10000)
    raw = extract_page(html, "http://x.com/", GENERIC)
    build_article([raw], GENERIC)  # lxml caps the depth; must simply not raise


def test_five_megabyte_page_is_extracted_whole() -> None:
    """Robustness, not speed (speed is benchmarks' job): a 5 MB page neither
    crashes nor loses its text; the bound only catches a runaway (quadratic) path."""
    filler = '<div class="nav"><a href="/x">导航链接</a></div>' * 60000
    paras = "".join(PARA.replace("春天", f"第{i}个春天") for i in range(20000))
    html = page(filler + f'<div class="content">{paras}</div>')
    assert len(html.encode()) > 5_000_000
    start = time.perf_counter()
    article = build_article([extract_page(html, "http://x.com/", GENERIC)], GENERIC)
    assert time.perf_counter() - start < 120
    assert article.chars > 500_000


P3 = ["实习期间，我跟随指导老师学习了大量书本上学不到的知识。我深知，只有不断学习，才能跟上时代发展的步伐。",
      "在过去的一年里，我始终坚持以高标准严格要求自己，认真完成领导交办的各项任务。书中有一句话让我印象深刻。",
      "春天来了，小河边的柳树抽出了嫩绿的新芽。放学的路上，我看见一位老奶奶提着沉重的菜篮子，便主动上前帮忙。"]


@pytest.mark.parametrize("rows", [
    "".join(f"<div><p>{p}</p></div>" for p in P3[:2]),
    "<table>" + "".join(f"<tr><td>{p}</td></tr>" for p in P3) + "</table>",
    "".join(f"<section><p><span>{p}</span></p></section>" for p in P3),
])
def test_one_wrapper_per_paragraph_keeps_every_paragraph(rows: str) -> None:
    """A short text whose paragraphs each sit in their own div, row or section: the block
    holding them all is the body, not its longest paragraph's wrapper."""
    html = f'<html><head><title>军训心得体会_范文网</title></head><body><h1>军训心得体会</h1><div id="c">{rows}</div></body></html>'
    profile = get_profile("generic")
    article = build_article([extract_page(html, "http://www.x.test/a/1.html", profile)], profile)
    assert article.paragraphs == [p for p in P3 if p in rows]


def test_an_info_line_inside_the_heading_is_not_the_title() -> None:
    """PHPCMS's default template: ``<h1>标题<br/><span>date 来源：… 评论：0</span></h1>``."""
    html = ('<html><head><title>军训心得体会</title></head><body><div id="Article"><h1>军训心得体会<br />'
            '<span>2023-03-11 17:26:49&nbsp;&nbsp;来源：人民网&nbsp;&nbsp;评论：<a href="#c">0</a> 点击：'
            '<span id="hits"></span></span></h1><div class="content">'
            + "".join(f"<p>{p}</p>" for p in P3) + "</div></div></body></html>")
    profile = get_profile("generic")
    article = build_article([extract_page(html, "http://www.x.test/show-12-345-1.html", profile)], profile)
    assert (article.title, article.published_at, article.origin) == ("军训心得体会", "2023-03-11T17:26:49", "人民网")
    assert article.paragraphs == P3


def test_a_title_in_a_plain_div_is_found_by_what_the_title_tag_starts_with() -> None:
    """No heading element; <title> is "标题-站名" with a site name of no telling suffix.
    The element showing "标题" is the title, and the date line under it is read."""
    html = ('<html><head><title>写给爸爸的信-好范文</title></head><body><div class="a7x">写给爸爸的信</div>'
            '<div class="b2q">2020-02-10 书信</div><div class="c9z">'
            + "".join(f"<p>{p}</p>" for p in P3) + "</div></body></html>")
    profile = get_profile("generic")
    article = build_article([extract_page(html, "http://www.x.test/shuxin/1.html", profile)], profile)
    assert (article.title, article.published_at) == ("写给爸爸的信", "2020-02-10")
