"""HTML of the mobile mirror (no known family) and of site B (xuexila family).

The mirror deliberately matches none of the profiles in crawler/extraction/profiles, so
the generic extractor must find its body by density; site B follows the
xuexila markup with PowerEasy breadcrumbs and junk after "猜你喜欢".
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from crawler.demo.model import HOST_A, NAME_A, NAME_B

Link = tuple[str, str]

M_FOOT = "爱学范文手机版 返回顶部"
B_COPYRIGHT = "Copyright 2012-2023 文秘吧 版权所有"


def _items(links: Sequence[Link]) -> str:
    return "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>\n' for h, t in links)


def mobile_page(title: str, inner: str, desktop: str) -> str:
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">\n'
        f"<title>{escape(title)}-{NAME_A}手机版</title>\n"
        f'<link rel="canonical" href="{desktop}">\n</head>\n<body>\n'
        '<header class="m-head"><a href="/" class="logo">爱学范文</a><a href="/zuowen/" class="m-cat">分类</a></header>\n'
        f"{inner}"
        f'<footer class="m-foot"><a href="{desktop}">电脑版</a> {M_FOOT}</footer>\n</body>\n</html>\n'
    )


def mobile_article(title: str, when: str, paragraphs: Sequence[str], more: Sequence[Link]) -> str:
    paras = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    return (
        f'<section class="m-title"><h2>{escape(title)}</h2><span class="m-time">{when}</span></section>\n'
        f'<section class="m-art">\n{paras}</section>\n'
        f'<section class="m-more"><h4>相关阅读</h4><ul>\n{_items(more)}</ul></section>\n'
    )


def mobile_list(title: str, links: Sequence[Link], next_link: Link | None) -> str:
    nxt = f'<a class="m-next" href="{next_link[0]}">{next_link[1]}</a>\n' if next_link else ""
    return f'<section class="m-list"><h3>{escape(title)}</h3><ul>\n{_items(links)}</ul>\n{nxt}</section>\n'


def b_head(title: str) -> str:
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"<title>{escape(title)}_{NAME_B}</title>\n"
        '<link rel="stylesheet" href="/Skin/default.css" />\n</head>\n<body>\n'
        '<div class="header"><a href="/">文秘吧</a> <a href="/Article/List/List_85.html">工作总结</a> '
        '<a href="/Article/List/List_86.html">心得体会</a> <a href="/Article/List/List_87.html">演讲稿</a> '
        '<a href="/Article/List/List_88.html">作文</a></div>\n'
    )


def b_foot() -> str:
    return f'<div class="footer"><p>{B_COPYRIGHT}</p><p>本站文章仅供学习参考</p></div>\n</body>\n</html>\n'


def b_article(
    title: str,
    crumbs: Sequence[Link],
    when: str,
    author: str | None,
    paragraphs: Sequence[str],
    recommend: Sequence[Link],
    likes: Sequence[Link],
    junk: Sequence[str],
) -> str:
    """xuexila body: intro line, text, p[style] recommendations, then 猜你喜欢 junk."""
    path = " &gt;&gt; ".join(f'<a href="{h}">{escape(t)}</a>' for h, t in crumbs)
    byline = f"发布时间：{when}" + (f"　作者：{escape(author)}" if author else "")
    lines = [f"<p>{escape(title)}怎么写？下面是文秘吧小编为大家整理的相关范文，仅供参考。</p>"]
    rec = iter(recommend)
    for i, para in enumerate(paragraphs):
        lines.append(f"<p>{escape(para)}</p>")
        if i % 4 == 2:
            link = next(rec, None)
            if link:
                lines.append(
                    f'<p style="text-indent:2em;color:#c00"><strong>★ <a href="{link[0]}">'
                    f"{escape(link[1])}</a> ★</strong></p>"
                )
    lines.append("<h3>猜你喜欢</h3>")
    lines.append(f"<ul>\n{_items(likes)}</ul>")
    lines.extend(f"<p>{escape(j)}</p>" for j in junk)
    body = "\n".join(lines)
    return (
        b_head(title)
        + f'<div class="list_path">您现在的位置：{path} &gt;&gt; 正文</div>\n'
        + f'<div class="ar_title"><h1>{escape(title)}</h1><div class="ar_info">{byline}</div></div>\n'
        + f'<div class="con_article con_main">\n{body}\n</div>\n'
        + b_foot()
    )


def b_list(title: str, links: Sequence[Link]) -> str:
    items = "".join(f'<li><h4><a href="{escape(h)}">{escape(t)}</a></h4></li>\n' for h, t in links)
    return (
        b_head(title)
        + f'<div class="list_path">您现在的位置：<a href="/">{NAME_B}</a> &gt;&gt; {escape(title)}</div>\n'
        + f'<div class="channel_m_m"><ul class="r_list">\n{items}</ul></div>\n'
        + b_foot()
    )


def b_home(lists: Sequence[Link], latest: Sequence[Link]) -> str:
    return (
        b_head("首页")
        + f'<div class="channels"><ul>\n{_items(lists)}</ul></div>\n'
        + f'<div class="latest"><ul class="r_list">\n{_items(latest)}</ul></div>\n'
        + f'<div class="links">友情链接:<a href="http://{HOST_A}/">{NAME_A}</a></div>\n'
        + b_foot()
    )
