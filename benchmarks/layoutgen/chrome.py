"""Page chrome shared by article and list pages: head, header and nav, breadcrumb, sidebar, footer.

None of it is article text; all of it is on every page of a template site,
so an extractor that keys on "the biggest block of text" meets it everywhere.
Sidebars carry prose teasers on purpose (they read like article text).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benchmarks.layoutgen.markup import esc
from benchmarks.layoutgen.naming import Namer
from benchmarks.layoutgen.vocab import CHANNELS, DISCLAIMER_LINES, RELATED_TITLES, TEASER_TEXTS


def head(title: str, meta_charset: str | None, rng: random.Random, description: str = "") -> str:
    meta = ""
    if meta_charset:
        meta = rng.choice((f'<meta http-equiv="Content-Type" content="text/html; charset={meta_charset}" />',
                           f'<meta charset="{meta_charset}">'))
    desc = f'<meta name="description" content="{esc(description)}" />' if description else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{esc(title)}</title>"
            f'<meta name="keywords" content="范文,{esc(title[:8])}" />{desc}'
            '<link rel="stylesheet" href="/css/style.css" /></head>')


def head_title(title: str, channel: str, site: str, rng: random.Random) -> str:
    return rng.choice((f"{title}_{channel}_{site}", f"{title}-{site}", f"{title} - {channel} - {site}",
                       f"{title}|{site}", title, f"{title}_{site}"))


def header(site: str, namer: Namer, rng: random.Random) -> str:
    channels = rng.sample(CHANNELS, 6)
    nav = "".join(f'<li><a href="/{slug}/">{esc(name)}</a></li>' for name, slug in channels)
    welcome = f"<span>您好,欢迎来到{esc(site)}!</span>" if rng.random() < 0.4 else ""
    search = '<form action="/search.php"><input name="q" /><button>搜索</button></form>'
    return (f'<div{namer.attr("nav")}>{welcome}<a href="/" class="logo">{esc(site)}</a>{search}'
            f'<ul><li><a href="/">首页</a></li>{nav}</ul></div>')


def breadcrumb(site: str, channel: str, slug: str, title: str | None, namer: Namer,
               rng: random.Random) -> tuple[str, list[str]]:
    """(HTML, cores): the label, when there is one, is what must not reach the text."""
    if rng.random() < 0.2:
        return "", []
    sep = rng.choice(("&gt;", "&gt;&gt;", " » ", " / ", "→"))
    label = rng.choice(("当前位置：", "您现在的位置：", "位置：", ""))
    last = f"{sep}{esc(title)}" if title and rng.random() < 0.5 else (f"{sep}正文" if title else "")
    return (f'<div{namer.attr("breadcrumb")}>{label}<a href="/">{esc(site)}</a>{sep}'
            f'<a href="/{slug}/">{esc(channel)}</a>{last}</div>', [label.rstrip("：")] if label else [])


def sidebar(namer: Namer, rng: random.Random, link: Callable[[], str],
            titles: list[str], teasers: list[str]) -> tuple[str, list[str]]:
    """Hot lists and, sometimes, prose teasers (which read like article text); (HTML, cores)."""
    parts = ["<h3>热门文章</h3><ul>" + "".join(
        f'<li><a href="{link()}">{esc(t)}</a></li>' for t in titles) + "</ul>"]
    cores = ["热门文章", *titles]
    if teasers:
        parts.append("<h3>最新推荐</h3>" + "".join(
            f'<div><a href="{link()}">{esc(t[:16])}</a><p>{esc(t)}</p></div>' for t in teasers))
        cores += ["最新推荐", *(t[:16] for t in teasers)]
    return f'<div{namer.attr("sidebar")}>{"".join(parts)}</div>', cores


def hot_titles(rng: random.Random) -> list[str]:
    return rng.sample(RELATED_TITLES, rng.randint(5, 10))


def hot_teasers(rng: random.Random) -> list[str]:
    return rng.sample(TEASER_TEXTS, 2) if rng.random() < 0.4 else []


def footer(site: str, namer: Namer, rng: random.Random) -> tuple[str, list[str]]:
    lines = [f"Copyright © 2008-2024 {esc(site)} 版权所有"]
    lines += rng.sample(DISCLAIMER_LINES, rng.randint(1, 2))
    cores = ["版权所有"] + ["ICP备案号"] * any("ICP" in x for x in lines)
    return f'<div{namer.attr("footer")}>' + "<br />".join(lines) + "</div>", cores
