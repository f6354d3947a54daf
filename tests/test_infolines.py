"""Info lines as a reader sees them: found after the title, bounded by the body, read right."""

from __future__ import annotations

import lxml.etree as etree
import lxml.html
import pytest

from crawler.extraction.article_from_html import extract_bytes
from crawler.extraction.infolines import info_lines, is_info_line, lines_after
from crawler.extraction.labels import author_of, parse_author, parse_origin


def _page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head><title>题</title></head><body>{body}</body></html>")


def test_a_line_glued_into_a_br_text_is_a_line_of_its_own() -> None:
    root = _page("<h1>标题</h1><div>第一段正文。<br>第二段正文。<br>发布日期:2019-07-28 10:12　来源:央视网<br></div>")
    assert info_lines(root, root.find(".//h1")) == ["发布日期:2019-07-28 10:12 来源:央视网"]


def test_a_comment_date_inside_its_line_is_not_an_info_line() -> None:
    root = _page("<h1>标题</h1><div><p>正文。</p></div><ul><li><span>网友1</span>：写得好。<span>2023-07-15</span></li></ul>")
    assert info_lines(root, root.find(".//h1")) == []


def test_reading_stops_a_few_prose_lines_under_the_body() -> None:
    comments = "".join(f"<p>网友{i}：写得很好，收藏了。</p>" for i in range(6))
    links = "".join(f"<p><a href='/{i}.html'>相关文章标题{i}</a></p>" for i in range(12))
    html = (f"<h1>标题</h1><div id='b'><p>正文。</p></div>{links}<p>来源：人民网</p>{comments}"
            "<p>发表于 2023-07-15 10:00</p>")
    root = _page(html)
    body = root.get_element_by_id("b")
    assert info_lines(root, root.find(".//h1"), body) == ["来源：人民网"]  # link lines not counted
    assert "发表于 2023-07-15 10:00" in info_lines(root, root.find(".//h1"))


def test_a_heading_that_broken_markup_put_under_head_is_still_read_from() -> None:
    root = lxml.html.document_fromstring("<html><head><title>t</title></head><body></body></html>")
    head, body = root.find("head"), root.find("body")
    assert head is not None and body is not None
    root.remove(body)
    head.append(body)  # what libxml2 makes of some CMS include tags in <head>
    h1 = etree.SubElement(body, "h1")
    h1.text = "标题"
    line = etree.SubElement(body, "p")
    line.text = "2005年03月21日 11:21 某某晚报"
    assert [x.text for x in lines_after(root, h1)] == ["2005年03月21日 11:21 某某晚报"]
    assert info_lines(root, h1) == ["2005年03月21日 11:21 某某晚报"]


@pytest.mark.parametrize("line", [
    "字号：大 中 小 2014-10-27 14:15 [来源]人民网 撰稿：李明",
    "[来源]网络整理　[作者]朱宇轩　点击：1281",
    "转载自央视网 阅读量：3722",
    "（日期：2015-05-20 信息来源：中国文明网 作者:袁浩然）",
])
def test_lines_of_labelled_facts_and_page_tools_are_info_lines(line: str) -> None:
    assert is_info_line(line)


@pytest.mark.parametrize("line", [
    "1995年9月1日，他们发行了第一张专辑。",
    "活动时间：2023年5月6日上午九点，地点在学校操场。",
    "记者：你们合作社今年为什么这么早就开始接订单？还有别的原因吗？",
])
def test_text_with_a_date_or_label_in_it_is_not(line: str) -> None:
    assert not is_info_line(line)
    root = _page(f"<h1>标题</h1><p>{'正文。' * 30}</p><p>{line}</p>")
    assert line not in info_lines(root, root.find(".//h1"))


@pytest.mark.parametrize(("line", "origin", "author"), [
    ("文章来源：中国青年报 文/孙宇轩", "中国青年报", "孙宇轩"),
    ("（信息来源：央视网 发布日期:2016年08月23日）", "央视网", None),
    ("稿源：光明日报 文/罗艳 更新时间：2022/06/01 字号：大 中 小", "光明日报", "罗艳"),
    ("文章来源:网络整理 更新时间：2015-01-02 11:00:22", "网络整理", None),
    ("来源：求是作者：张三", "求是", "张三"),
    ("来源：新华社 记者 张三", "新华社", "张三"),
])
def test_a_value_ends_at_the_next_label_however_it_is_written(line: str, origin: str, author: str | None) -> None:
    assert parse_origin(line) == origin
    assert parse_author(line) == author


def test_the_byline_beats_an_editor_line_above_it() -> None:
    assert author_of(["编辑： 金金", "来源： 某某报", "作者：宋怡"]) == "宋怡"
    assert author_of(["（责任编辑：黄帅）"]) == "黄帅"
    assert parse_author("记者：你们今年为什么这么早？") is None


def test_a_linked_date_is_navigation_not_the_pages_date() -> None:
    root = _page('<h1>标题</h1><div id="b"><p>正文。</p></div>'
                 '<div class="calendar"><h3>文章日历</h3><a href="/calendar/?d=2023-05-06">2023-05-06</a></div>')
    assert info_lines(root, root.find(".//h1"), root.get_element_by_id("b")) == []


_TEXT = "".join(f"<p>{f'这是第{i}段正文，讲述了一件很平常的小事，却让人回味无穷。' * 2}</p>" for i in range(4))


@pytest.mark.parametrize("where", ["under the title", "under the text"])
@pytest.mark.parametrize(("info", "date", "origin", "author"), [
    ('来源：<a href="http://www.people.test">人民网</a> 作者：<a href="/u/1">张三</a> 时间：2023-05-06',
     "2023-05-06", "人民网", "张三"),
    ("<ul><li>时间：2023-05-06 10:20</li><li>来源：新华网</li><li>作者：李四</li></ul>",
     "2023-05-06T10:20:00", "新华网", "李四"),
    ('<span class="time">2023年05月06日 星期六</span><span class="src">来源：光明网</span>', "2023-05-06", "光明网", None),
    ("发布者：王五　发布时间：2023.05.06　浏览次数：100", "2023-05-06", None, "王五"),
    ("文章作者：赵六 | 文章来源：中国教育报 | 更新时间：2023/5/6", "2023-05-06", "中国教育报", "赵六"),
    ("供稿：县教育局　责任编辑：孙七　发布日期：2023-05-06", "2023-05-06", "县教育局", "孙七"),
    ("【字体：大 中 小】 2023-05-06 08:00 来源：央广网", "2023-05-06T08:00:00", "央广网", None),
    ('时间：2023-05-06 | 阅读：<span id="hits">123</span>次 | 来源：中国青年网', "2023-05-06", "中国青年网", None),
])
def test_info_lines_of_many_shapes_give_their_fields(
    info: str, date: str, origin: str | None, author: str | None, where: str
) -> None:
    header, footer = (f"<div class='x1'>{info}</div>", "") if where == "under the title" else ("", f"<div>{info}</div>")
    html = (f'<html><head><meta charset="utf-8"><title>一件小事_散文_某某网</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><h1>一件小事</h1>{header}<div class="zw">{_TEXT}</div>'
            f'{footer}<div class="ft">版权所有</div></body></html>')
    article = extract_bytes(html.encode(), "http://www.mou.test/sanwen/123.html").article
    assert (article.published_at, article.origin, article.author) == (date, origin, author)
    assert len(article.paragraphs) == 4


def _article(between: str, after: str = "") -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>一件小事_散文_某某网</title></head><body>'
            f'<h1>一件小事</h1>{between}<div class="zw">{_TEXT}</div>{after}</body></html>').encode()


def test_a_guessed_info_element_must_read_as_one() -> None:
    """The generic profile's ``div.info`` on a portal holds a list of user names; the
    real line follows it."""
    users = '<div class="info">真楚狂湖北襄阳 yangyang13847安徽滁州 凤凰竹2010山东济南</div>'
    article = extract_bytes(_article(users + "<p>2019年11月25日 18:57 来源：参考消息</p>"),
                            "http://www.mou.test/a/1.html").article
    assert (article.published_at, article.origin) == ("2019-11-25T18:57:00", "参考消息")


def test_a_line_far_under_the_text_is_the_last_resort() -> None:
    """A keyword line is the first labelled line; the dated line sits under a comment
    thread, beyond a byline's reach, and is still read when nothing nearer gives a date."""
    comments = "".join(f"<p>网友{i}：写得很好，收藏了。</p>" for i in range(6))
    article = extract_bytes(_article('<div class="tags">Tags：散文 大全</div>',
                                     f"{comments}<p>时间：2015年01月26日 [作者]余超</p>"),
                            "http://www.mou.test/a/2.html").article
    assert (article.published_at, article.author) == ("2015-01-26", "余超")


def test_page_tools_end_a_value() -> None:
    assert parse_origin("2019-09-07 13:43:45 来源: 证券市场红周刊 举报") == "证券市场红周刊"
    assert parse_origin("来源：观察者网 最后更新: 2019-09-07 09:25") == "观察者网"


def test_a_plain_chinese_date_beside_labelled_facts_dates_the_page() -> None:
    """Under the text, after a keyword line: "2022年12月17日" unlabelled, but on a line of
    labelled facts only, so it is the template's date, not a letter's."""
    article = extract_bytes(_article('<div class="tags">关键词：散文 大全</div>',
                                     "<p>2022年12月17日 出处：央视网 作者 郭一鸣 评论：0</p>"),
                            "http://www.mou.test/a/3.html").article
    assert (article.published_at, article.origin, article.author) == ("2022-12-17", "央视网", "郭一鸣")


@pytest.mark.parametrize(("line", "origin"), [
    ("转载请注明出处：范文网 » 军训心得体会", None),  # a request, not a declared origin
    ("图片来源于网络，如有侵权请联系删除", None),  # an image credit
    ("2023-3-21 10:21 | 发布者: admin | 原作者: 张三 | 来自: 人民网", "人民网"),  # Discuz portal
    ("来源：人民网（ID：abc123）", "人民网"),  # a WeChat account id after it
    ("来源：县教育局 手机版", "县教育局"),
])
def test_origin_spellings_and_what_is_not_an_origin(line: str, origin: str | None) -> None:
    assert parse_origin(line) == origin


def test_side_by_side_spans_are_separate_fields() -> None:
    article = extract_bytes(_article('<div class="info"><span>出处：互联网</span><span>文/杨帆</span>'
                                     '<span>日期：2023/3/21</span></div>'), "http://www.mou.test/a/4.html").article
    assert (article.origin, article.author, article.published_at) == ("互联网", "杨帆", "2023-03-21")
