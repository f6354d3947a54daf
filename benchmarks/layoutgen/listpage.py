"""List pages: many sibling links of one shape, a pager, sometimes blurbs of real-looking prose.

A list must never be archived. The hard ones are drawn on purpose: a URL
that looks like an article's, long blurbs that together read like running
text, a channel introduction paragraph, no pager, random class names.
"""

from __future__ import annotations

import random

from benchmarks.layoutgen import charset, chrome
from benchmarks.layoutgen.markup import esc
from benchmarks.layoutgen.naming import STYLES as NAMINGS
from benchmarks.layoutgen.naming import Namer
from benchmarks.layoutgen.page import GeneratedPage, Truth
from benchmarks.layoutgen.prose import ProseSource
from benchmarks.layoutgen.urls import ARTICLE_SHAPES, LIST_SHAPES, ListUrls, article_path
from benchmarks.layoutgen.vocab import CHANNELS, SITES, SUB_SLUGS

ITEM_STYLES = ("ul_li", "dl_blurb", "div_h3_p", "table", "pic")
BLURBS = {"none": 0, "short": 40, "long": 120}
PAGER_STYLES = ("full", "numbers", "prev_next", "none")


def _item(style: str, href: str, title: str, blurb: str, date: str, img: int) -> str:
    t = esc(title)
    b = esc(blurb)
    if style == "ul_li":
        more = f"<p>{b}</p>" if blurb else ""
        return f'<li><a href="{href}" title="{t}">{t}</a><span>{date}</span>{more}</li>'
    if style == "dl_blurb":
        more = f'<dd>{b}<a href="{href}">[详细]</a></dd>' if blurb else ""
        return f'<dl><dt><a href="{href}">{t}</a></dt>{more}</dl>'
    if style == "div_h3_p":
        more = f"<p>{b}</p>" if blurb else ""
        return f'<div><h3><a href="{href}">{t}</a></h3>{more}<span>{date}</span></div>'
    if style == "table":
        more = f"<br />{b}" if blurb else ""
        return f'<tr><td><a href="{href}">{t}</a>{more}</td><td>{date}</td></tr>'
    more = f"<p>{b}</p>" if blurb else ""
    return (f'<li><a href="{href}"><img src="/uploads/{img}.jpg" alt="{t}" /></a>'
            f'<p><a href="{href}">{t}</a></p>{more}</li>')


def _items_html(style: str, items: list[str], attr: str) -> str:
    if style in ("ul_li", "pic"):
        return f"<ul{attr}>{''.join(items)}</ul>"
    if style == "table":
        return f"<table{attr}>{''.join(items)}</table>"
    return f"<div{attr}>{''.join(items)}</div>"


def _pager(urls: ListUrls, page: int, total: int, style: str, namer: Namer) -> str:
    if style == "none":
        return ""
    links = []
    if style in ("full", "prev_next"):
        links.append(f'<a href="{urls.page(1)}">首页</a>')
        if page > 1:
            links.append(f'<a href="{urls.page(page - 1)}">上一页</a>')
    if style in ("full", "numbers"):
        for p in range(max(1, page - 3), min(total, page + 4) + 1):
            links.append(f"<span>{p}</span>" if p == page else f'<a href="{urls.page(p)}">{p}</a>')
    if style in ("full", "prev_next") and page < total:
        links.append(f'<a href="{urls.page(page + 1)}">下一页</a>')
        links.append(f'<a href="{urls.page(total)}">末页</a>')
    count = f"<span>共{total}页 {total * 20}条</span>" if style == "full" else ""
    return f"<div{namer.attr('pager')}>{count}{' '.join(links)}</div>"


def list_page(index: int, rng: random.Random, prose: ProseSource) -> GeneratedPage:
    channel, slug = rng.choice(CHANNELS)
    site, host = rng.choice(SITES)
    naming = rng.choice(NAMINGS)
    namer = Namer(rng, naming)
    shape, sub = rng.choice(list(LIST_SHAPES)), rng.choice(SUB_SLUGS)
    total = rng.randint(2, 60)
    page = rng.randint(1, total)
    urls = ListUrls(shape, rng, slug, sub, page)
    url = f"http://{host}{urls.page(page)}"
    art_shape = rng.choice(list(ARTICLE_SHAPES))
    style, blurb_kind = rng.choice(ITEM_STYLES), rng.choice(list(BLURBS))
    items = [_item(style, article_path(art_shape, rng, slug, sub), prose.title(),
                   prose.blurb(rng.randint(BLURBS[blurb_kind], BLURBS[blurb_kind] * 2)) if BLURBS[blurb_kind] else "",
                   f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   rng.randint(1, 999))
             for _ in range(rng.randint(8, 40))]
    pager_style = rng.choice(PAGER_STYLES)
    intro = ""
    if rng.random() < 0.3:
        intro = (f"<p>{esc(channel)}栏目为您提供最新最全的{esc(channel)}范文，"
                 f"包括{esc(channel)}模板、{esc(channel)}格式等内容，欢迎大家阅读参考。</p>")
    heading = rng.choice((f"<h1>{esc(channel)}</h1>", f"<h2>{esc(channel)}</h2>",
                          f"<div{namer.named('title')}>{esc(channel)}</div>", ""))
    column = (heading + intro + _items_html(style, items, namer.attr("list"))
              + _pager(urls, page, total, pager_style, namer))
    cs = charset.draw(rng)
    title = rng.choice((f"{channel}_{site}", f"{channel}_第{page}页_{site}", f"{channel}大全-{site}"))
    sidebar, _ = chrome.sidebar(namer, rng, lambda: article_path(art_shape, rng, slug, sub),
                                chrome.hot_titles(rng), chrome.hot_teasers(rng))
    html = (f"{chrome.head(title, charset.meta_charset(cs), rng)}<body>{chrome.header(site, namer, rng)}"
            f"{chrome.breadcrumb(site, channel, slug, None, namer, rng)[0]}"
            f"<div{namer.attr('wrapper')}><div{namer.attr('wrapper')}>{column}</div>"
            f"{sidebar if rng.random() < 0.7 else ''}</div>{chrome.footer(site, namer, rng)[0]}</body></html>")
    truth = Truth("list", url, channel)
    truth.parts = {"url": shape, "items": style, "blurbs": blurb_kind, "pager": pager_style,
                   "naming": naming, "charset": cs, "intro": "yes" if intro else "no",
                   "count": "8-19" if len(items) < 20 else "20-40"}
    data, content_type = charset.encode(html, cs)
    return GeneratedPage(index, data, content_type, truth)
