"""body_paragraphs and strip_boilerplate: structure, normalisation, boilerplate rules."""

from __future__ import annotations

import pytest

from crawler.extraction.profiles import get_profile
from crawler.extraction.textclean import body_paragraphs, normalize_text, strip_boilerplate

GENERIC = get_profile("generic")
REAL = "春天来了，万物复苏，田野里一片生机勃勃的景象。"


def test_blocks_and_br_make_paragraphs() -> None:
    html = "<div>甲段<br>乙段<br/><br/>丙段<p>丁段</p><ul><li>戊</li><li>己</li></ul><h3>庚</h3>辛</div>"
    assert body_paragraphs(html, GENERIC) == ["甲段", "乙段", "丙段", "丁段", "戊", "己", "庚", "辛"]


@pytest.mark.parametrize("heading", ["一、总体要求", "（一）加强学习", "篇1", "第二篇", "3.工作安排"])
def test_bold_heading_at_paragraph_start_is_its_own_paragraph(heading: str) -> None:
    html = f"<div><p><strong>{heading}</strong>正文内容在这里。</p></div>"
    assert body_paragraphs(html, GENERIC) == [heading, "正文内容在这里。"]


def test_bold_words_inside_a_sentence_stay_inline() -> None:
    html = "<div><p>我们要<strong>一、二</strong>齐抓，<b>重点</b>突破。</p></div>"
    assert body_paragraphs(html, GENERIC) == ["我们要一、二齐抓，重点突破。"]


def test_normalisation() -> None:
    assert normalize_text("\u3000\u3000Ａｂｃ１２３\u00a0\u200b中文，标点！ \t x") == "Abc123 中文，标点！ x"


def test_scripts_and_styles_have_no_text() -> None:
    assert body_paragraphs("<div>正文<script>var a=1;</script><style>p{}</style></div>", GENERIC) == ["正文"]


def test_profile_stop_markers_cut_the_tail() -> None:
    html = f"<div><p>{REAL}</p><p>猜你喜欢：</p><p>别的文章</p></div>"
    assert body_paragraphs(html, get_profile("xuexila")) == [REAL]


def test_stop_marker_before_any_text_is_only_dropped() -> None:
    assert body_paragraphs(f"<div><p>相关文章</p><p>{REAL}</p></div>", GENERIC) == [REAL]


@pytest.mark.parametrize(
    "line",
    ["您好,欢迎来到爱学范文!", "当前位置:爱学范文网>>党团范文>>标题", "标签:时间:", "推荐度:★★★★",
     "时间:2023-05-06 来源:求是 推荐访问:范文", "下载文档", "想了解更多党团范文的资讯,请访问:党团范文",
     "上一篇：春天的作文", "Copyright© 2005-2023 爱学范文网 版权所有",
     "本站部分内容转载自互联网，如有侵权，敬请告知", "上一页 1 2 3 下一页", "本文链接：http://x.com/1.html",
     "【提示】本文档来源自网络，转发文档请保留以上标记"],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    assert strip_boilerplate([REAL, line, REAL + "二"], None)[0] == [REAL, REAL + "二"]


@pytest.mark.parametrize(
    "marker",
    ["【春节作文】相关文章：", "相关推荐", "推荐阅读:", "猜你喜欢", "延伸阅读",
     "看过《春节作文》的人还看了以下文章"],
)
def test_everything_after_a_stop_line_is_removed(marker: str) -> None:
    assert strip_boilerplate([REAL, marker, "在工程实践中，监理往往重视合同管理。"], None)[0] == [REAL]


@pytest.mark.parametrize(
    "line",
    ["时间：2023年5月6日下午 地点：三楼会议室", "春节作文（通用3篇）", "一、正确认识群众路线的重要性",
     "相关文章指出，这一做法值得推广，各地纷纷效仿，取得了良好的效果，群众普遍满意。" * 4,
     "我们整理了全年的工作经验，希望明年做得更好。"],
)
def test_real_text_is_kept(line: str) -> None:
    assert strip_boilerplate([REAL, line], None)[0] == [REAL, line]


def test_glued_intro_is_cut_not_the_paragraph() -> None:
    # The teaser question leading into the intro is part of the formula; the speech is kept.
    paras = [REAL, "那么婚礼主持词应该怎么写呢？下面是小编为大家收集的婚礼主持词范文，希望你喜欢。各位来宾大家好！", REAL + "二"]
    assert strip_boilerplate(paras, None)[0] == [REAL, "各位来宾大家好！", REAL + "二"]
    later = [REAL, REAL + "二", REAL + "三", "这是为什么呢？下面是小编为大家收集的范文，希望你喜欢。各位来宾大家好！"]
    assert strip_boilerplate(later, None)[0][-1] == "这是为什么呢？各位来宾大家好！"


def test_lead_intro_paragraphs_are_removed_whole() -> None:
    paras = ["在平日的学习、工作和生活里，大家都写过作文吧。", "以下是小编精心整理的春节作文，欢迎阅读，希望大家能够喜欢。", REAL]
    assert strip_boilerplate(paras, None)[0] == [REAL]


def test_trailing_origin_and_author_are_lifted() -> None:
    clean, found = strip_boilerplate([REAL, "（作者：张三）", "来源 求是"], None)
    assert clean == [REAL]
    assert found == {"origin": "求是", "author": "张三"}


def test_leading_byline_is_lifted() -> None:
    clean, found = strip_boilerplate(["文/李四", REAL, REAL + "二", REAL + "三", REAL + "四"], None)
    assert found == {"author": "李四"} and clean[0] == REAL


def test_title_line_and_site_name_lines() -> None:
    clean, _ = strip_boilerplate(["春天的作文", REAL, "爱学范文网", "欢迎访问爱学范文网"], "春天的作文", ["爱学范文网"])
    assert clean == [REAL]


@pytest.mark.parametrize("line", [
    "— END —", "------分隔线----------------------------", "（全文完）",
    "看了“军训心得体会”的人还看了本站其他心得体会栏目的精彩文章。",
    "图片来源于网络，如有侵权请联系删除",
    "希望对你有帮助，更多精彩内容请关注范文网。",
    "以上内容仅供参考，更多精彩内容请关注本站。",
])
def test_separators_pointers_and_half_promos_go_whole(line: str) -> None:
    """Found by an independent probe of template pages (2026-12-07): each was kept whole
    or in part ("希望对你有帮助，")."""
    assert strip_boilerplate([REAL, REAL + "二", line], None)[0] == [REAL, REAL + "二"]


def test_a_date_right_under_a_paragraph_goes_one_under_a_signature_stays() -> None:
    """Layoutgen seed 53, page 1371: "2022年12月19日" alone under an essay's last paragraph
    is the page's date line; under "学生：张三" it is the letter's date, its text."""
    assert strip_boilerplate([REAL, REAL + "二", "2022年12月19日"], None)[0] == [REAL, REAL + "二"]
    letter = [REAL, "此致", "敬礼！", "学生：张三", "2022年12月19日"]
    assert strip_boilerplate(letter, None)[0] == letter
