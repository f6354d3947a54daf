"""HTML of site A (DedeCMS/ruiwen family, GBK) as real template farms write it.

Boilerplate placement varies with ``Article.layout`` on purpose: the intro,
promo, download card and "相关文章"/"延伸阅读" blocks sit sometimes inside
``div.content`` and sometimes beside it, because that is what an extractor
meets on real sites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from crawler.demo.model import HOST_A, HOST_M, NAME_A, Article, Sub

Link = tuple[str, str]  # (href, text)

GREETING = "您好,欢迎来到爱学范文!"
COPYRIGHT = "Copyright&copy; 2005-2023 爱学范文网 版权所有"
COPYRIGHT_TEXT = "Copyright© 2005-2023 爱学范文网 版权所有"
REPOST = "本站部分内容转载自互联网，如有侵权，敬请告知"
DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)


@dataclass
class Blocks:
    """Links and snippets around one article page, prepared by the planner."""

    related: list[Link] = field(default_factory=list)
    recommend: list[Link] = field(default_factory=list)
    seen: list[Link] = field(default_factory=list)
    snippets: list[str] = field(default_factory=list)
    likes: list[Link] = field(default_factory=list)
    prev: Link | None = None
    next: Link | None = None


def intro_sentence(title: str, variant: int) -> str:
    if variant % 2:
        return f"下面是小编整理的{title}，欢迎浏览。"
    return f"以下是小编精心整理的{title}，欢迎阅读，希望大家能够喜欢。"


def promo_sentence(channel_name: str) -> str:
    return f"想了解更多{channel_name}的资讯,请访问:"


def _ul(links: Sequence[Link], css: str = "") -> str:
    items = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>\n' for h, t in links)
    cls = f' class="{css}"' if css else ""
    return f"<ul{cls}>\n{items}</ul>"


def head(title: str, charset_meta: str | None, extra: str = "") -> str:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}" />\n'
        if charset_meta
        else ""
    )
    return (
        f'{DOCTYPE}\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n{meta}'
        f"<title>{escape(title)}</title>\n{extra}"
        '<link href="//static.aixuefw.test/css/style.css" rel="stylesheet" type="text/css" />\n'
        '<script type="text/javascript" src="//static.aixuefw.test/js/common.js"></script>\n'
        "</head>\n"
    )


def top_bar(channels: Sequence[tuple[str, str]], mobile_url: str) -> str:
    nav = " ".join(f'<a href="/{slug}/">{escape(name)}</a>' for slug, name in channels)
    return (
        f'<div class="top"><span class="welcome">{GREETING}</span> '
        '<a href="/member/login.php">登录</a> <a href="/member/reg.php">注册</a> '
        f'<a href="{mobile_url}">手机版</a></div>\n'
        f'<div class="nav"><a href="//{HOST_A}/">首页</a> {nav}</div>\n'
    )


def sidebar(hot_tags: Sequence[Link], search_words: Sequence[str], day: str) -> str:
    tags = " ".join(f'<a href="{h}">{escape(t)}</a>' for h, t in hot_tags)
    searches = " ".join(
        f'<a href="/search.php?q={w}&amp;page=1">{escape(w)}</a>' for w in search_words
    )
    return (
        '<div class="sidebar">\n'
        f'<div class="hot_tags"><h3>热门标签</h3>{tags}</div>\n'
        f'<div class="hot_search"><h3>热门搜索</h3>{searches}</div>\n'
        f'<div class="calendar"><h3>文章日历</h3><a href="/calendar/?d={day}">{day}</a></div>\n'
        "</div>\n"
    )


def footer(mobile_url: str) -> str:
    return (
        f'<div class="footer"><p>{COPYRIGHT} <a href="{mobile_url}">手机版</a></p>\n'
        f"<p>{REPOST}</p>\n<p>备案号:京ICP备00000000号</p></div>\n"
        '<script type="text/javascript">a("tongji");</script>\n'
    )


def breadcrumbs(art: Article) -> str:
    crumbs = [f'<a href="/">{NAME_A}</a>']
    if art.sub is not None:
        crumbs.append(f'<a href="/{art.sub.channel}/">{art.sub.channel_name}</a>')
        crumbs.append(f'<a href="{art.sub.path}">{art.sub.name}</a>')
    return f'<div class="breadcrumbs">当前位置:{"&gt;&gt;".join(crumbs)}&gt;&gt;{escape(art.title)}</div>\n'


def info_line(art: Article) -> str:
    tags = " ".join(f'<a href="/tags/{slug}.html">{escape(word)}</a>' for word, slug in art.tags)
    when = ""
    if art.published is not None and art.date_style != "none":
        p = art.published
        when = {
            "datetime": p.strftime("%Y-%m-%d %H:%M"),
            "date": p.strftime("%Y-%m-%d"),
            "cn": f"{p.year}年{p.month}月{p.day}日",
        }[art.date_style]
    parts = [f"标签:{tags}", f"时间:{when}"]
    if art.origin and not art.origin_in_body:
        parts.append(f"来源:{escape(art.origin)}")
    if art.author:
        parts.append(f"作者:{escape(art.author)}")
    return f'<div class="info">{" ".join(parts)}</div>\n'


def keyword_linked(text: str, tags: Sequence[tuple[str, str]]) -> str:
    """Wrap the first mention of a tag word in a channel_keylink, as PowerEasy does."""
    out = escape(text)
    for word, slug in tags:
        if word in out:
            link = f'<a class="channel_keylink" href="/tags/{slug}.html">{escape(word)}</a>'
            return out.replace(word, link, 1)
    return out


def body_paragraphs(art: Article, paragraphs: Sequence[str], first: int) -> str:
    lines = []
    for i, para in enumerate(paragraphs):
        if para.startswith("篇") and para[1:].isdigit() and art.layout % 2:
            lines.append(f"<h3>{para}</h3>")
            continue
        text = keyword_linked(para, art.tags) if (first + i) % 3 == 1 else escape(para)
        lines.append(f"<p>{text}</p>")
        if (first + i) % 5 == 2:
            lines.append(f'<script type="text/javascript">a("common_{(i % 3) + 1}");</script>')
    return "\n".join(lines) + "\n"


def pager(paths: Sequence[str], current: int) -> str:
    """The in-article / in-list pager: 上一页 1 2 3 下一页 (末页 on lists)."""
    parts = []
    if current > 0:
        parts.append(f'<a href="{paths[current - 1]}">上一页</a>')
    for i, path in enumerate(paths):
        parts.append(
            f'<span class="thisclass">{i + 1}</span>'
            if i == current
            else f'<a href="{path}">{i + 1}</a>'
        )
    if current < len(paths) - 1:
        parts.append(f'<a href="{paths[current + 1]}">下一页</a>')
    return f'<div class="pages">{" ".join(parts)}</div>\n'


def _related_blocks(art: Article, blocks: Blocks, inside: bool) -> tuple[str, str]:
    """Returns (html placed inside div.content, html placed after it)."""
    rel = f"【{escape(art.title)}】相关文章:"
    seen = f"看过《{escape(art.title)}》的人还看了以下文章"
    snippets = "".join(f"<p>{escape(s)}</p>\n" for s in blocks.snippets)
    prenext = '<div class="prenext">'
    if blocks.prev:
        prenext += f'上一篇:<a href="{blocks.prev[0]}">{escape(blocks.prev[1])}</a> '
    if blocks.next:
        prenext += f'下一篇:<a href="{blocks.next[0]}">{escape(blocks.next[1])}</a>'
    prenext += "</div>\n"
    likes = f'<div class="likes"><h3>猜你喜欢</h3>{_ul(blocks.likes)}</div>\n'
    excellent = f'<div class="excellent_articles_box"><h3>{seen}</h3>{_ul(blocks.seen)}</div>\n'
    if art.layout == 1 and inside:
        within = f"<p><strong>{rel}</strong></p>\n{_ul(blocks.related)}\n<p>推荐阅读:</p>\n{_ul(blocks.recommend)}\n"
        after = (
            excellent
            + f'<div class="yanshen"><h3>延伸阅读</h3>\n{snippets}</div>\n'
            + likes
            + prenext
        )
        return within, after
    if art.layout == 2 and inside:
        within = f"<div><p>延伸阅读</p>\n{snippets}</div>\n"
        after = (
            f'<div class="related"><h3>{rel}</h3>{_ul(blocks.related)}</div>\n'
            f'<div class="tuijian">推荐阅读:{_ul(blocks.recommend)}</div>\n'
            + excellent
            + likes
            + prenext
        )
        return within, after
    after = (
        f'<div class="related"><h3>{rel}</h3>{_ul(blocks.related)}</div>\n'
        f'<div class="tuijian">推荐阅读:{_ul(blocks.recommend)}</div>\n'
        + excellent
        + f'<div class="yanshen"><h3>延伸阅读</h3>\n{snippets}</div>\n'
        + likes
        + prenext
    )
    return "", after


def article_page(
    art: Article, part: int, blocks: Blocks, chrome: tuple[str, str, str], charset_meta: str | None
) -> str:
    """One part of an article; `chrome` is (top bar, sidebar, footer) html."""
    top, side, foot = chrome
    mobile = f"http://{HOST_M}{art.path}"
    foot = foot.replace(f'href="http://{HOST_M}/"', f'href="{mobile}"')  # 手机版 -> this article
    keywords = ",".join(w for w, _ in art.tags)
    extra = (
        f'<meta name="keywords" content="{escape(keywords)}" />\n'
        f'<meta name="description" content="{escape(art.paragraphs[0][:60])}" />\n'
        f'<meta name="mobile-agent" content="format=html5;url={mobile}" />\n'
    )
    last = part == len(art.parts) - 1
    first_index = sum(len(p) for p in art.parts[:part])
    content = '<div class="content">\n'
    if part == 0 and art.intro:
        content += f"<p>{intro_sentence(escape(art.title), art.aid)}</p>\n"
    content += body_paragraphs(art, art.parts[part], first_index)
    if last and art.origin_in_body and art.origin:
        content += f"<p>来源 {escape(art.origin)}</p>\n"
    inside, after = _related_blocks(art, blocks, inside=last)
    card = (
        f'<div class="download_card"><a href="/plus/download.php?id={art.aid}">下载文档</a></div>\n'
    )
    if last:
        channel = art.sub.channel_name if art.sub else NAME_A
        href = f"/{art.sub.channel}/" if art.sub else "/"
        content += f'<p>{promo_sentence(channel)}<a href="{href}">{channel}</a></p>\n'
        if art.layout != 1:
            content += card
        content += inside
    content += "</div>\n"
    if len(art.parts) > 1:
        content += pager(art.part_paths, part)
    if last and art.layout == 1:
        content += card
    links = "".join(f'<a href="{escape(h)}">{escape(t)}</a> ' for h, t in art.extra_links)
    tools = f'<div class="tools"><a href="/print.php?id={art.aid}">打印本文</a> {links}</div>\n'
    return (
        head(f"{art.title}_{NAME_A}", charset_meta, extra)
        + "<body>\n"
        + top
        + breadcrumbs(art)
        + '<div class="main"><div class="article">\n'
        + f'<h1 class="title">{escape(art.title)}</h1>\n'
        + info_line(art)
        + content
        + tools
        + (after if last else "")
        + "</div>\n"
        + side
        + "</div>\n"
        + foot
        + "</body>\n</html>\n"
    )


def list_page(
    title: str, crumbs: str, items: Sequence[Link], pager_html: str, chrome: tuple[str, str, str]
) -> str:
    """Sub index, list_N, tag and channel pages: ruiwen-style .list_news."""
    top, side, foot = chrome
    return (
        head(f"{title}_{NAME_A}", "gb2312")
        + "<body>\n"
        + top
        + f'<div class="breadcrumbs">当前位置:{crumbs}</div>\n'
        + f'<div class="main"><div class="list"><h2>{escape(title)}</h2>\n'
        + _ul(items, "list_news")
        + "\n"
        + pager_html
        + "</div>\n"
        + side
        + "</div>\n"
        + foot
        + "</body>\n</html>\n"
    )


def list_pager(sub: Sub, pages: int, current: int) -> str:
    if pages <= 1:
        return ""
    paths = [f"{sub.path}list_{i}.html" for i in range(1, pages + 1)]
    html = pager(paths, current)
    return html.replace("</div>", f' <a href="{paths[-1]}">末页</a></div>')


def print_page(art: Article) -> str:
    paras = "".join(f"<p>{escape(p)}</p>\n" for p in art.paragraphs)
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
        f'<title>{escape(art.title)} - 打印</title></head>\n<body onload="window.print()">\n'
        f'<h2>{escape(art.title)}</h2>\n<div id="printbody">\n{paras}</div>\n'
        f'<p><a href="{art.path}">返回原文</a></p></body></html>\n'
    )
