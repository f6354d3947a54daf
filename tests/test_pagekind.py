"""Page kind: list pages are not archived, short real articles are; listing signals.

The list pages are built like real ones (a DedeCMS ``plus/list.php`` page, a
list at an article-looking URL, a tag page, a Discuz thread list), each with
the site's chrome around it, and run through ``page_verdict``: the same steps
a crawl takes for a fetched page.
"""

from __future__ import annotations

import lxml.html
import pytest

from benchmarks.layoutgen.generate import generate
from crawler.extraction.article_from_html import page_verdict
from crawler.extraction.extract import RawPage
from crawler.extraction.listing import TITLE_LINK_CHARS, ListingSignals, listing_signals
from crawler.extraction.pagekind import is_link_body

NAV = """<div class="top"><a href="/">首页</a> <a href="/zuowen/">作文</a> <a href="/fanwen/">范文</a>
<a href="/jihua/">工作计划</a> <a href="/zongjie/">工作总结</a> <a href="/xinde/">心得体会</a></div>"""
SIDEBAR = """<div class="side"><h3>热门排行</h3><ul>
<li><a href="/a/101.html">2023年个人年终工作总结</a></li><li><a href="/a/102.html">大学生职业生涯规划书</a></li>
<li><a href="/a/103.html">小学生国庆节手抄报内容</a></li><li><a href="/a/104.html">教师师德师风心得体会</a></li>
<li><a href="/a/105.html">关于母爱的作文600字</a></li><li><a href="/a/106.html">企业安全生产责任书</a></li>
<li><a href="/a/107.html">读《红楼梦》有感800字</a></li><li><a href="/a/108.html">入党积极分子思想汇报</a></li>
</ul></div>"""
FOOT = '<div class="foot">Copyright © 2010-2023 晴川范文网 版权所有 鄂ICP备00000000号</div>'

# Blurb pieces: every list item gets its own blurb, cut off like a real one.
TOPICS = ["春节", "元宵节", "植树节", "清明节", "劳动节", "端午节", "建党节", "建军节", "教师节", "国庆节",
          "重阳节", "冬至", "元旦", "妇女节", "青年节", "儿童节", "中秋节", "腊八节", "小年", "除夕"]
BLURB = ("{t}到了，学校组织同学们开展了丰富多彩的主题活动。活动前，班主任老师向我们介绍了{t}的由来和习俗，"
         "同学们听得津津有味。活动中，大家分组合作，有的查找资料，有的动手制作，有的排练节目，每个人都忙得不亦乐乎。"
         "通过这次活动，我们不仅了解了{t}的文化内涵，还")


def html_page(title: str, body: str, head: str = "", charset: str = "utf-8") -> bytes:
    page = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>{head}</head>'
            f"<body>{NAV}{body}{SIDEBAR}{FOOT}</body></html>")
    return page.encode("gbk" if charset == "gb2312" else "utf-8", "xmlcharrefreplace")


def dede_list_page() -> bytes:
    items = "".join(
        f'<li><a href="/jihua/{3300 + i}.html" class="title">{t}活动策划方案</a>'
        f'<span class="info"><small>日期：</small>2023-0{1 + i % 9}-1{i}<small>点击：</small>{120 + i * 7}</span>'
        f'<p class="intro">为了让同学们了解{t}的传统习俗，弘扬中华优秀传统文化，经学校研究决定，开展以“{t}”为主题的系列活动...</p></li>'
        for i, t in enumerate(TOPICS[:8])
    )
    pager = ('<div class="dede_pages"><ul class="pagelist"><li><a href="list.php?tid=5&TotalResult=16&PageNo=1">上一页</a></li>'
             '<li><a href="list.php?tid=5&TotalResult=16&PageNo=1">1</a></li><li class="thisclass">2</li>'
             '<li><span class="pageinfo">共 <strong>2</strong>页<strong>16</strong>条</span></li></ul></div>')
    body = (f'<div class="place">当前位置：<a href="/">主页</a> &gt; <a href="/jihua/">活动方案</a> &gt;</div>'
            f'<div class="listbox"><ul class="e2">{items}</ul></div>{pager}')
    return html_page("活动方案_晴川范文网", body, charset="gb2312")


def list_at_article_url() -> bytes:
    items = "".join(
        f'<div class="art-item"><h3><a href="/html/2023/0320/{13000 + i}.html">关于{t}的作文600字</a></h3>'
        f'<p>{BLURB.format(t=t)}……</p><span class="d">2023-03-{10 + i % 10}</span></div>'
        for i, t in enumerate(TOPICS)
    )
    pager = ('<div class="pagination"><a href="/html/2023/0321/13248.html">1</a> <a href="/html/2023/0321/13248_2.html">2</a> '
             '<a href="/html/2023/0321/13248_3.html">3</a> <a href="/html/2023/0321/13248_2.html">下一页</a> '
             '<a href="/html/2023/0321/13248_9.html">尾页</a></div>')
    body = (f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zuowen/">节日作文</a></div>'
            f'<div class="lists"><h2>节日作文</h2>{items}</div>{pager}')
    return html_page("节日作文_晴川范文网", body)


def tag_page() -> bytes:
    items = "".join(
        f'<dl><dt><a href="/a/{5400 + i}.html">{t}手抄报内容大全</a></dt>'
        f"<dd>{t}手抄报怎么画？一起来看看这些简单又漂亮的{t}手抄报吧。</dd><dd>2022-09-0{1 + i % 9}</dd></dl>"
        for i, t in enumerate(TOPICS[:12])
    )
    body = f'<div class="tag-hd"><h1>标签：手抄报</h1><span>共有相关文章 12 篇</span></div><div class="tag-list">{items}</div>'
    return html_page("手抄报_标签_晴川范文网", body)


def forum_thread_list() -> bytes:
    rows = "".join(
        f'<tbody id="normalthread_{88000 + i}"><tr><th class="common"><a href="thread-{88000 + i}-1-1.html" '
        f'class="s xst">求一篇{t}的演讲稿，明天就要用了</a></th>'
        f'<td class="by"><cite><a href="space-uid-{500 + i}.html">用户{i}</a></cite><em><span>2023-3-{1 + i}</span></em></td>'
        f'<td class="num"><a href="thread-{88000 + i}-1-1.html" class="xi2">{3 + i}</a><em>{120 + 11 * i}</em></td>'
        f'<td class="by"><cite><a href="space-uid-9.html">热心网友</a></cite><em><a href="#">2023-3-{2 + i} 21:0{i % 10}</a></em></td></tr></tbody>'
        for i, t in enumerate(TOPICS[:15])
    )
    body = (f'<div id="pt"><a href="/">晴川论坛</a> <em>›</em> <a href="forum-36-1.html">范文求助</a></div>'
            f'<div id="threadlist"><table summary="forum_36" id="threadlisttableid">{rows}</table></div>'
            '<div class="pg"><strong>1</strong><a href="forum-36-2.html">2</a><a href="forum-36-2.html" class="nxt">下一页</a></div>')
    return html_page("范文求助 - 晴川论坛 - Powered by Discuz!", body, charset="gb2312")


ESSAY = ("今天放学的时候，天突然下起了大雨。我站在教学楼门口，正发愁怎么回家，一把蓝色的雨伞出现在我的头顶。"
         "原来是同桌小林，她把伞往我这边一推，说：“我们一起走吧！”一路上，雨伞几乎都遮在我这边，"
         "她的半边肩膀都淋湿了，却一直笑着和我说话。到了我家楼下，我想把伞还给她，她摆摆手跑进了雨里。"
         "那一刻，我觉得这场雨一点也不冷。")


def short_essay() -> bytes:
    body = (f'<div class="pos">当前位置：<a href="/">首页</a> &gt; <a href="/zuowen/">作文</a></div>'
            f'<div class="zw"><h1>一把雨伞</h1><div class="zw-txt"><p>{ESSAY}</p></div></div>')
    return html_page("一把雨伞_作文_晴川范文网", body)


FLASH = ("3月21日上午，市气象台发布今年首个大风蓝色预警，预计今天下午到夜间全市将出现6至7级偏北大风，"
         "阵风可达8级。请市民注意防范，尽量减少户外活动，加固广告牌、遮阳棚等设施，不在大树和临时搭建物下停留。")


def news_flash(dated: bool = True) -> bytes:
    info = '<div class="kx-info">2023-03-21 10:25 来源：晴川新闻网</div>' if dated else ""
    body = f'<div class="kx"><h1>我市发布大风蓝色预警</h1>{info}<div class="kx-txt"><p>{FLASH}</p></div></div>'
    return html_page("滚动快讯_晴川新闻网", body)  # flash pages often carry the channel's <title>


ARTICLE_PARAS = [
    "为进一步加强校园安全管理，营造安全稳定的校园环境，根据上级有关文件精神，结合我校实际，特制定本方案。",
    "一、工作目标。坚持“安全第一、预防为主”的方针，健全安全管理制度，落实安全责任，杜绝重大安全事故的发生。",
    "二、主要措施。学校成立安全工作领导小组，校长任组长，分管副校长任副组长，各处室负责人为成员，"
    "每月召开一次安全工作会议，分析安全形势，研究解决存在的问题。",
    "三、隐患排查。每周对教学楼、食堂、宿舍、围墙等重点部位进行一次安全检查，发现隐患及时登记、及时整改，"
    "不能立即整改的要采取临时防范措施。",
    "四、安全教育。利用班会、国旗下讲话、黑板报等形式，对学生进行交通、消防、防溺水和食品安全教育，每学期组织两次应急疏散演练。",
]


def article_at_list_url() -> bytes:
    related = "".join(f'<li><a href="/s?id={200 + i}">{t}</a></li>' for i, t in enumerate(
        ["学校消防安全工作方案", "校园食品安全管理制度", "防溺水安全教育方案", "学校安全工作总结", "校园欺凌防治工作方案"]))
    body = (f'<div class="pos">当前位置：<a href="/">首页</a> &gt; <a href="/fangan/">工作方案</a></div>'
            f'<div class="detail"><h1>学校安全工作实施方案</h1><div class="det-info">发布时间：2023-02-27 来源：本站</div>'
            f'<div class="det-txt">{"".join(f"<p>{p}</p>" for p in ARTICLE_PARAS)}</div>'
            f'<div class="xg"><h3>相关方案</h3><ul>{related}</ul></div></div>')
    return html_page("学校安全工作实施方案_工作方案_晴川范文网", body)


def picture_list() -> bytes:
    """Picture items with 150-350-character blurbs of uneven length, no pager, no list URL."""
    items = "".join(
        f'<li><a href="/zuowen/c{2015600 + i}.html"><img src="/uploads/{80 + i}.jpg" alt="" /></a>'
        f'<p><a href="/zuowen/c{2015600 + i}.html">关于{t}的作文600字</a></p>'
        f"<p>{(BLURB.format(t=t) * 2)[: 150 + 25 * i]}……</p></li>"
        for i, t in enumerate(TOPICS[:8])
    )
    body = f'<div class="wrap"><h1>节日作文</h1><ul class="pics">{items}</ul></div>'
    return html_page("节日作文_晴川范文网", body)


def bare_list_numbers_pager() -> bytes:
    """Titles and dates only, a pager of page numbers alone (no 下一页), and a sidebar
    whose two teasers hold the page's longest run of text."""
    items = "".join(
        f'<li><a href="/fayan/c{9276300 + i}.html">在{t}活动推进会上的发言</a><span>2023-0{1 + i % 9}-1{i % 10}</span></li>'
        for i, t in enumerate(TOPICS + TOPICS[:6])
    )
    numbers = "".join(f'<a href="/fayan/3805590_{n}.html">{n}</a> ' for n in range(8, 11))
    teasers = "".join(f'<div><a href="/fayan/c{7902970 + i}.html">{t}发言稿</a><p>{BLURB.format(t=t)[:110]}</p></div>'
                      for i, t in enumerate(TOPICS[:2]))
    body = (f'<div class="box"><h2>发言稿</h2><ul>{items}</ul><div class="page">{numbers}<span>11</span></div></div>'
            f'<div class="aside"><h3>最新推荐</h3>{teasers}</div>')
    return html_page("发言稿_晴川范文网", body)


def bare_list_sidebar_teaser() -> bytes:
    """Titles and dates, and one "本站推荐" teaser in the side (a linked title and three
    sentences): the teaser is the page's only prose and its densest block."""
    items = "".join(
        f'<li><a href="/fayan/c{9276300 + i}.html">在{t}活动推进会上的发言</a><span>2023-05-1{i % 10}</span></li>'
        for i, t in enumerate(TOPICS)
    )
    teaser = ('<div class="tj"><a href="/fayan/c7902970.html">国旗下讲话稿：珍惜时间</a><p>同学们，今天我国旗下'
              '讲话的题目是《珍惜时间》。时间是最公平的，它给每个人的都是一天二十四小时。有的人把时间用在学习和锻炼上，'
              '一年下来收获满满；有的人却把时间浪费在无聊的游戏上。希望同学们珍惜每一分每一秒。</p></div>')
    body = f'<div class="box"><h2>发言稿</h2><ul>{items}</ul></div><div class="aside"><h3>本站推荐</h3>{teaser}</div>'
    return html_page("发言稿_晴川范文网", body)


def poem_page() -> bytes:
    """A poem, one line per ``<br>``: no punctuation to count, at a PHPCMS article URL that
    no URL rule knows."""
    lines = ["春风拂过柳梢头", "燕子衔泥筑新巢", "桃花开满山坡", "孩子们在草地上奔跑", "你是夜空中最亮的星",
             "照亮我回家的路", "无论走得多远", "心中总有一盏灯", "清晨的风吹过山冈", "吹醒了沉睡的村庄",
             "炊烟袅袅升起", "是母亲在灶前忙碌"]
    body = ('<h1>关于春天的诗歌<br><span>2019-01-21 09:45:28&nbsp;来源：市委办公室&nbsp;点击：</span></h1>'
            f'<div class="nr"><p>{"<br />".join(lines)}</p></div>')
    return html_page("关于春天的诗歌_晴川范文网", body)


def channel_with_introduction() -> bytes:
    """A channel page: its name as the heading, a 250-character introduction, then its
    list of titles and dates under it (an independent probe's class, 2026-12-07)."""
    intro = "".join(BLURB.format(t=t)[:60] for t in TOPICS[:4])
    items = "".join(f'<li><a href="/fayan/{7300 + i}.html">在{t}活动推进会上的发言</a><span>2023-05-1{i % 10}</span></li>'
                    for i, t in enumerate(TOPICS[:12]))
    body = (f'<div class="w"><div class="lm-hd"><h1>发言稿</h1><div class="lm-desc"><p>{intro}</p></div></div>'
            f'<ul class="list">{items}</ul></div>')
    return html_page("发言稿_晴川范文网", body)


def topic_with_introduction() -> bytes:
    """A 专题 page: "专题导读：" and 170 characters, then blocks of eight titles each under
    topical headings."""
    intro = "".join(BLURB.format(t=t)[:45] for t in TOPICS[:4])
    blocks = "".join(
        f'<div class="zt-block"><h2>{t}发言稿精选</h2><ul>'
        + "".join(f'<li><a href="/a/{k * 10 + j}.html">{t}主题活动发言稿范文第{j}篇</a></li>' for j in range(8))
        + "</ul></div>" for k, t in enumerate(TOPICS[:3])
    )
    return html_page("发言稿专题_晴川范文网",
                     f'<h1>发言稿专题</h1><div class="zt-intro"><strong>专题导读：</strong>{intro}</div>{blocks}')


def mobile_article_with_lists() -> bytes:
    """A short article on a one-column mobile page, three lists of eight under it, each
    headed as what it is (相关文章, 热门推荐, 最新文章): an article, not a 专题."""
    text = "".join(f"<p>{BLURB.format(t=t)[:70]}</p>" for t in TOPICS[:3])
    blocks = "".join(
        f'<div class="m-box"><h3>{label}</h3><ul>'
        + "".join(f'<li><a href="/m/{k * 10 + j}.html">{t}主题活动发言稿范文第{j}篇</a></li>' for j in range(8))
        + "</ul></div>" for k, (label, t) in enumerate(zip(("相关文章", "热门推荐", "最新文章"), TOPICS, strict=False))
    )
    return (f'<html><head><meta charset="utf-8"><title>春节主题活动发言稿_晴川范文网</title></head><body>'
            f'<h1>春节主题活动发言稿</h1><div class="m-art">{text}</div>{blocks}</body></html>').encode()


def tag_page_of_three() -> bytes:
    """A tag page of three results, each with a 230-character excerpt: the excerpts are
    the page's prose."""
    items = "".join(
        f'<li><h3><a href="/a/{90 + i}.html">{t}活动心得体会范文</a></h3><p class="summary">'
        f'{(BLURB.format(t=t) * 2)[:230]}…</p><span>2023-01-0{i + 1}</span></li>' for i, t in enumerate(TOPICS[:3])
    )
    return html_page("心得体会_晴川范文网", f'<h1>心得体会</h1><ul class="res">{items}</ul>')


def untitled_article() -> bytes:
    """An old news page saved without its head and with no heading element: no title
    anywhere, a long text (real pages of this kind: 1,000-12,000 characters)."""
    text = "".join(f"<p>{BLURB.format(t=t)}</p>" for t in TOPICS[:6])
    return f"<html><body>{NAV}<table><tr><td>{text}</td></tr></table>{FOOT}</body></html>".encode()


MAMA = [
    "我的妈妈是一名护士，她有一双会笑的眼睛，说起话来温柔极了。",
    "妈妈的工作很忙，经常要上夜班。有一次我发高烧，妈妈刚下夜班，顾不上休息就背着我去了医院。",
    "妈妈对我的学习要求很严格。每天晚上，不管多累，她都要检查我的作业，直到我弄懂为止。",
    "这就是我的妈妈，一个平凡而伟大的妈妈。我爱我的妈妈！",
]


def essay_split_by_recommendations() -> bytes:
    """A short essay whose paragraphs (each under 100 characters) are parted by
    recommendation lines: between them no run of text is longer than a list's blurb."""
    recs = ['<p>猜你感兴趣：<a href="/zuowen/3310.html">剩菜剩饭的故事作文</a></p>',
            '<p><strong>延伸阅读：</strong><a href="/zuowen/3311.html">我的爸爸作文400字</a></p>',
            '<p style="color:red">【相关阅读】<a href="/zuowen/3312.html">感恩父母的作文500字</a></p>']
    text = "".join(f"<p>{para}</p>{recs[i] if i < len(recs) else ''}" for i, para in enumerate(MAMA))
    body = f'<div class="wrap"><div class="t">我的妈妈作文400字</div><div class="box">{text}</div></div>'
    return html_page("我的妈妈作文400字_晴川范文网", body)


@pytest.mark.parametrize(
    ("build", "url"),
    [
        (dede_list_page, "http://www.qingchuanfw.com/plus/list.php?tid=5&TotalResult=16&PageNo=2"),
        (list_at_article_url, "http://www.qingchuanfw.com/html/2023/0321/13248.html"),
        (tag_page, "http://www.qingchuanfw.com/tags.php?/%E6%89%8B%E6%8A%84%E6%8A%A5/"),
        (forum_thread_list, "http://bbs.qingchuanfw.com/forum-36-1.html"),
        (picture_list, "http://www.qingchuanfw.com/zuowen/2107175.html"),
        (bare_list_numbers_pager, "http://www.qingchuanfw.com/fayan/3805590.html"),
        (bare_list_sidebar_teaser, "http://www.qingchuanfw.com/fayan/3805591.html"),
        (channel_with_introduction, "http://www.qingchuanfw.com/lanmu/13.html"),
        (topic_with_introduction, "http://www.qingchuanfw.com/zhuanti/208.html"),
        (tag_page_of_three, "http://www.qingchuanfw.com/topic/1697.html"),
    ],
    ids=["dede-list-php", "list-at-article-url", "tag-page", "forum-thread-list", "picture-list",
         "numbers-pager", "sidebar-teaser", "channel-introduction", "topic-introduction", "tag-page-of-three"],
)
def test_list_pages_are_not_archived(build, url: str) -> None:
    verdict = page_verdict(build(), url)
    assert not verdict.archived
    assert verdict.reason == "list page"


@pytest.mark.parametrize(
    ("build", "url", "title", "needle"),
    [
        (short_essay, "http://www.qingchuanfw.com/zuowen/c2107175.html", "一把雨伞", "一把蓝色的雨伞"),
        (news_flash, "http://news.qingchuanfw.com/kuaixun/n8812.shtml", "我市发布大风蓝色预警", "6至7级偏北大风"),
        (article_at_list_url, "http://www.qingchuanfw.com/s?id=123", "学校安全工作实施方案", "应急疏散演练"),
        (essay_split_by_recommendations, "http://www.qingchuanfw.com/zuowen/wodemama.html", "我的妈妈作文400字",
         "一个平凡而伟大的妈妈"),
        (poem_page, "http://www.qingchuanfw.com/show-30-1900-1.html", "关于春天的诗歌", "心中总有一盏灯"),
        (mobile_article_with_lists, "http://m.qingchuanfw.com/fayan/show-3-88.html", "春节主题活动发言稿", "春节到了"),
    ],
    ids=["short-essay-unknown-url", "dated-news-flash", "article-at-list-url", "essay-split-by-recommendations",
         "poem", "mobile-article-with-lists"],
)
def test_short_and_oddly_placed_articles_are_archived(build, url: str, title: str, needle: str) -> None:
    verdict = page_verdict(build(), url)
    assert verdict.archived, verdict.reason
    assert verdict.article is not None
    assert verdict.article.title == title
    assert needle in verdict.article.text
    assert "热门排行" not in verdict.article.text


def test_an_untitled_page_of_running_text_is_archived_untitled() -> None:
    verdict = page_verdict(untitled_article(), "http://news.qingchuanfw.com/36/2005/07/18/1680@2723871.htm")
    assert verdict.archived, verdict.reason
    assert verdict.article is not None and verdict.article.title is None
    assert "热门排行" not in verdict.article.text


def test_title_list_body_is_not_an_article() -> None:
    """Seed 41's page 444 of the layout generator: a bare title list at an article-looking
    URL whose sidebar teaser is the longest run; the chosen block is the list itself."""
    page = next(p for p in generate(41, 445) if p.index == 444)
    verdict = page_verdict(page.body, page.truth.url, page.content_type)
    assert page.truth.kind == "list"
    assert (verdict.archived, verdict.reason) == (False, "list page")


def test_link_body_needs_many_links_and_mostly_link_text() -> None:
    titles = "".join(f'<li><a href="/a/{i}.html">第{i}篇文章的标题和它的副标题</a> 2023-01-0{i}</li>' for i in range(1, 7))
    assert is_link_body(RawPage(url="u", body_html=f"<ul>{titles}</ul>"))
    prose = "<p>" + "正文的一句话，写得比较长一些。" * 10 + "</p>"
    assert not is_link_body(RawPage(url="u", body_html=f"{prose}<ul>{titles}</ul>"))


def test_short_essay_is_short() -> None:
    """The essay case is only meaningful while the essay is under the running-text bar."""
    assert 140 <= len(ESSAY) <= 170


def test_undated_flash_needs_more_text_than_a_dated_one() -> None:
    """The dated info line is what admits the flash (its <title> does not name it):
    undated, under 120 characters of text is no article."""
    assert 80 <= len(FLASH) < 120
    verdict = page_verdict(news_flash(dated=False), "http://news.qingchuanfw.com/kuaixun/n8812.shtml")
    assert not verdict.archived


# --- listing_signals on tiny handmade pages ---------------------------------------------

def signals(body: str) -> ListingSignals:
    return listing_signals(lxml.html.document_fromstring(f"<html><head><title>题</title></head><body>{body}</body></html>"))


def test_title_links_count_only_title_like_anchors() -> None:
    long_anchor = "六" * TITLE_LINK_CHARS
    found = signals(f'<a href="/1">{long_anchor}</a><a href="/">首页</a><a href="/m">更多&gt;&gt;</a>'
                    f'<a href="/2"> {long_anchor[:-1]} </a><a href="/3">{long_anchor}一</a>')
    assert found.title_links == 2


def test_prose_chars_skip_links_scripts_options_and_spaces() -> None:
    found = signals('<p>春天 来了，\n花开了。</p><a href="/1">这是一个链接的标题</a>'
                    '<script>var x = "不算";</script><select><option>选项文字</option></select>'
                    '<style>p{color:red}</style>')
    assert found.prose_chars == len("春天来了，花开了。")


def test_longest_run_is_the_text_between_title_links() -> None:
    found = signals('<p>开头两字</p><a href="/1">第一篇文章的标题</a><p>一二三四五六七八九十</p>'
                    '<a href="/2">第二篇文章的标题</a><span>短</span><a href="/p">上一页</a><em>尾巴</em>')
    assert found.title_links == 2
    assert found.prose_chars == 4 + 10 + 1 + 2
    assert found.longest_run == 10  # "上一页" is too short to cut "短" from "尾巴"
    assert found.longest_run_share == pytest.approx(10 / 17)


def test_short_link_does_not_cut_a_run() -> None:
    found = signals('<p>甲乙丙丁戊<a href="/k">关键词</a>己庚辛壬癸</p><a href="/1">一篇文章的标题</a>')
    assert found.title_links == 1
    assert found.longest_run == 10
    assert found.longest_run_share == 1.0


def test_recommendation_line_does_not_cut_a_run() -> None:
    """A title link after a promo label continues the text; list items end the run."""
    para = "这是一段正文，写了二十多个字的内容。"
    labelled = signals(f'<p>{para}</p><p>猜你感兴趣：<a href="/a/1.html">一篇别的文章标题</a></p><p>{para}</p>')
    items = signals(f'<p>{para}</p><p><a href="/a/1.html">一篇别的文章标题</a></p>'
                    f'<p><a href="/a/2.html">又一篇别的文章标题</a></p><p>{para}</p>')
    assert labelled.title_links == 1 and items.title_links == 2
    assert labelled.longest_run == 2 * len(para) + len("猜你感兴趣：")
    assert items.longest_run == len(para)
    br_lines = signals(f'<div>{para}<br>【相关阅读】<a href="/a/1.html">一篇别的文章标题</a>、'
                       f'<a href="/a/2.html">又一篇别的文章标题</a><br>{para}</div>')
    assert br_lines.longest_run == 2 * len(para) + len("【相关阅读】、")
    categorised = signals(f'<p>{para}</p><p>[范文] <a href="/a/1.html">一篇别的文章标题</a></p>'
                          f'<p>[范文] <a href="/a/2.html">又一篇别的文章标题</a></p><p>{para}</p>')
    assert categorised.longest_run == len(para) + len("[范文]")  # a list item's prefix cuts


def test_a_lone_title_link_in_running_text_does_not_cut_it() -> None:
    """"★ <a>…</a>" between two paragraphs of a short essay: no other link is built like it,
    so it is not a list item, and the essay stays one run (layoutgen seed 37, page 1721)."""
    para = "这是一段正文，写了二十多个字的内容。"
    sidebar = "".join(f'<div><a href="/b/{i}.html">侧栏推荐文章标题{i}</a><p>{para}</p></div>' for i in range(3))
    lone = signals(f'<div class="text"><p>{para}</p><strong>★ </strong><a href="/a/1.html">一篇别的文章标题</a>'
                   f'<br><p>{para}</p></div><div class="side">{sidebar}</div>')
    assert lone.title_links == 4
    assert lone.longest_run == 2 * len(para) + len("★")
    twins = signals(f'<div class="side">{sidebar}</div>')
    assert twins.longest_run == len(para)  # the sidebar's teasers are items: each its own run


def test_similar_runs_count_blurbs_of_one_size() -> None:
    blurb = "这是一段简介文字，" * 12  # 108 characters
    items = "".join(f'<li><a href="/a/{i}.html">第{i}篇文章的标题</a><p>{blurb}</p></li>' for i in range(7))
    assert signals(f"<ul>{items}</ul>").similar_runs == 7
    assert signals(f"<p>{blurb * 4}</p><ul>{items}</ul>").similar_runs == 1  # one long text


def test_page_numbers_under_one_container_are_a_pager() -> None:
    numbers = "".join(f'<a href="/l_{n}.html">{n}</a> ' for n in range(3, 6))
    assert signals(f"<p>正文内容。</p><div class='pg'>{numbers}</div>").pager
    calendar = "".join(f'<td><a href="/day/{n}.html">{n}</a></td>' for n in range(1, 8))
    assert not signals(f"<p>正文内容。</p><table><tr>{calendar}</tr></table>").pager


@pytest.mark.parametrize(
    ("anchor", "pager"),
    [("下一页", True), (" 尾页 ", True), ("Next", True), ("&gt;&gt;", True),
     ("下一篇：春天的作文", False), ("下一页的故事", False), ("2", False)],
)
def test_pager_links(anchor: str, pager: bool) -> None:
    assert signals(f'<p>正文内容。</p><a href="/x">{anchor}</a>').pager is pager


def test_empty_page_has_no_share() -> None:
    found = signals("")
    assert found == ListingSignals()
    assert found.longest_run_share == 0.0


def test_fragment_without_body_is_walked_whole() -> None:
    root = lxml.html.fragment_fromstring('<div><a href="/1">一篇文章的标题</a>说明文字</div>')
    found = listing_signals(root)
    assert (found.title_links, found.prose_chars, found.longest_run) == (1, 4, 4)


def article_with_teasers(home_link: str) -> bytes:
    """A 300-character article followed by twelve related titles, each with a teaser."""
    teasers = "".join(
        f'<li><a href="/fangan/{600 + i}.html">{t}活动工作方案范文</a><p>{BLURB.format(t=t)[:90]}……</p></li>'
        for i, t in enumerate(TOPICS[:12])
    )
    body = (f'<div class="top"><a href="/">{home_link}</a> <a href="/fangan/">工作方案</a></div>'
            f'<div class="detail"><h1>学校安全工作实施方案</h1><div class="det-info">发布时间：2023-02-27</div>'
            f'<div class="det-txt">{"".join(f"<p>{p}</p>" for p in ARTICLE_PARAS)}</div>'
            f'<div class="xg"><h3>相关阅读</h3><ul>{teasers}</ul></div></div>')
    page = (f'<html><head><meta charset="utf-8"><title>学校安全工作实施方案_晴川范文网</title></head>'
            f"<body>{body}{FOOT}</body></html>")
    return page.encode("utf-8")


def test_article_with_teasers_is_archived() -> None:
    """The related teasers (twelve items, each a title link and an excerpt) outweigh the
    300-character article as prose; a list of teasers is no body candidate beside text."""
    verdict = page_verdict(article_with_teasers("网站首页"), "http://www.qingchuanfw.com/fangan/20230227/5521.html")
    assert verdict.archived, verdict.reason
    assert verdict.article is not None and verdict.article.paragraphs == ARTICLE_PARAS


def test_home_link_is_not_list_evidence() -> None:
    verdict = page_verdict(article_with_teasers("首页"), "http://www.qingchuanfw.com/fangan/20230227/5521.html")
    assert verdict.archived, verdict.reason
