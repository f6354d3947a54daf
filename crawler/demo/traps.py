"""Crawler traps of site A, answered dynamically because they never end.

Neither the calendar nor the search is disallowed in robots.txt: real sites
rarely bother, so the crawler has to bound them itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from crawler.demo.layouts_a import head

Link = tuple[str, str]


def parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def calendar_page(day: date, links: Sequence[Link]) -> str:
    """One day of the archive calendar, with prev/next day links forever."""
    try:
        prev_day, next_day = day - timedelta(days=1), day + timedelta(days=1)
    except OverflowError:
        prev_day = next_day = day
    items = (
        "".join(f'<li><a href="{h}">{escape(t)}</a></li>\n' for h, t in links)
        or "<li>当日无文章</li>\n"
    )
    return (
        head(f"{day.isoformat()}文章归档_爱学范文网", "gb2312")
        + f'<body>\n<div class="calendar"><h2>{day.isoformat()} 发布的文章</h2>\n<ul>\n{items}</ul>\n'
        + f'<a href="/calendar/?d={prev_day.isoformat()}">前一天</a> '
        + f'<a href="/calendar/?d={next_day.isoformat()}">后一天</a></div>\n</body></html>\n'
    )


def search_page(query: str, page: int, hits: Sequence[Link]) -> str:
    """Search results: every page links page+1, so the pagination never ends."""
    q = escape(query)
    items = "".join(f'<li><a href="{h}">{escape(t)}</a></li>\n' for h, t in hits)
    prev = f'<a href="/search.php?q={q}&amp;page={page - 1}">上一页</a> ' if page > 1 else ""
    return (
        head(f"搜索:{query} 第{page}页_爱学范文网", "gb2312")
        + f'<body>\n<div class="search"><h2>“{q}”的搜索结果</h2>\n<ul class="list_news">\n{items}</ul>\n'
        + f'<div class="pages">{prev}<a href="/search.php?q={q}&amp;page={page + 1}">下一页</a></div>\n'
        + "</div>\n</body></html>\n"
    )


def member_page() -> str:
    """Behind robots.txt; a crawler that ignores robots ends up here."""
    return (
        head("会员登录_爱学范文网", "gb2312")
        + '<body><form action="/member/login.php" method="post"><input name="user" />'
        + '<input name="pwd" type="password" /></form></body></html>\n'
    )


def robots_txt(sitemap: str | None = None) -> str:
    lines = ["User-agent: *", "Disallow: /member/", "Disallow: /plus/", "Disallow: /data/", ""]
    if sitemap:
        lines.insert(-1, f"Sitemap: {sitemap}")
    return "\n".join(lines)
