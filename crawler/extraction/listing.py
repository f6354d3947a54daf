"""What makes a page a list: many title links, each with at most a short blurb.

A list page (a channel, a paginated list, a search or tag page, a forum's
thread list) and an article page can look alike to a URL rule and to a text
density score: both have a block with a few hundred characters of prose. They
differ in how the prose is laid out. On a list, title links come one after the
other and the text between two of them is a blurb, a date, a byline; on an
article the text runs for paragraphs without a link, and the title links
(related articles, a 推荐阅读 line) sit around or between long runs of prose.

These signals are measured on the whole page before any boilerplate is
removed, because the listing is exactly what boilerplate rules would strip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree as etree
import lxml.html

from crawler.extraction.labels import is_label_only

_SPACE = re.compile(r"\s+")
_SKIP = frozenset({"script", "style", "noscript", "head", "title", "select", "option", "textarea"})
# Anchor text this long is a title, not a keyword link, a page number or "更多>>".
TITLE_LINK_CHARS = 6
# Page links of a pager; not 首页, which is also every nav's home link.
_PAGER = re.compile(r"^(?:下一页|下页|尾页|末页|上一页|上页|next|last|›|»|>>|>)$", re.I)
_INLINE = frozenset({"a", "span", "font", "strong", "b", "em", "i", "u", "small", "big", "label"})
# Words of a promo label; a label without one ("·", "[范文]") may prefix list items.
_REC_WORD = re.compile(r"推荐|阅读|相关|延伸|猜你|喜欢|感兴趣|更多|查看|点击|热门|精彩|必读|看看")
MAX_LABEL_CHARS = 20
_PAGE_NUMBER = re.compile(r"^\s*\[?\d{1,4}\]?\s*$")
MIN_PAGE_NUMBERS = 3
# A run this long is a paragraph or a blurb, not a date, a byline or a label.
BLURB_RUN_CHARS = 100
# A column: the body's parent and grandparent (an introduction's box, then the page column).
COLUMN_CLIMB = 2
ITEM_KEY_DEPTH = 3
# What ends an article's column: a heading (of a related list, a ranking, the comments),
# a related label ("相关文章", "【…】相关文章：", "猜你喜欢"), 上一篇/下一篇.
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "caption"})
_AFTER_TEXT = re.compile(r"^[【\[]?(?:相关|推荐|猜你|热门|热点|延伸|看过|大家都在看|最新|精彩|更多|本类|排行)"
                         r"|相关(?:文章|推荐|阅读|范文)|排行|评论|留言")
_ARTICLE_END = re.compile(r"上一篇|下一篇")
MIN_BLOCK_TITLES = 5  # a 专题 block: a heading over at least this many titles
# Items of one list: within this many title links, or links, of each other.
TWIN_REACH = 3


@dataclass(frozen=True)
class ListingSignals:
    """How list-like the page's text is; see the module docstring."""

    title_links: int = 0  # links whose anchor is title-like
    prose_chars: int = 0  # characters outside links (visible text only)
    longest_run: int = 0  # the most characters between two title links
    pager: bool = False  # the page links to a next/last page
    # Runs of at least BLURB_RUN_CHARS and a third of the longest: a list's blurbs are
    # many runs of about one size; an article's text is one long run (or a few, split by
    # links).
    similar_runs: int = 0

    @property
    def longest_run_share(self) -> float:
        """Share of the page's prose in its longest run without a title link: small on lists."""
        return self.longest_run / self.prose_chars if self.prose_chars else 0.0


def listing_signals(root: lxml.html.HtmlElement) -> ListingSignals:
    """Walk the page's visible text once, cutting it into runs at each title link."""
    body = root.find("body")
    titles, prose, run, pager = 0, 0, 0, False
    runs: list[int] = []
    links: list[lxml.html.HtmlElement] = []  # every visible link, in order
    cutters: list[int] = []  # positions in ``links`` of the title links that end a run
    numbers: dict[lxml.html.HtmlElement, int] = {}  # container -> page-number links in it
    line = ""  # the current line's text outside links, up to MAX_LABEL_CHARS + 1 of its end
    in_link = hidden = 0
    for event, el in etree.iterwalk(body if body is not None else root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP:
                hidden += 1
            elif tag == "a" and not hidden:
                anchor = len(_SPACE.sub("", el.text_content()))
                pager = pager or bool(_PAGER.match(el.text_content().strip()))
                _count_page_number(el, numbers)
                if anchor >= TITLE_LINK_CHARS and not in_link:
                    titles += 1
                    if not is_recommendation_label(line):
                        runs.append(run)
                        cutters.append(len(links))
                        run = 0
                links.append(el)
                in_link += 1
            elif not hidden and not in_link:
                line = _line(line, tag, el.text)
                chars = len(_SPACE.sub("", el.text or ""))
                prose, run = prose + chars, run + chars
        else:
            if tag in _SKIP:
                hidden -= 1
            elif tag == "a" and in_link:
                in_link -= 1
            if not hidden and not in_link:
                line = _line(line, tag, el.tail)
                chars = len(_SPACE.sub("", el.tail or ""))
                prose, run = prose + chars, run + chars
    runs.append(run)
    runs = _join_across_lone_links(runs, cutters, links)
    longest = max(runs)
    similar = sum(r >= max(BLURB_RUN_CHARS, longest / 3) for r in runs)
    pager = pager or any(n >= MIN_PAGE_NUMBERS for n in numbers.values())
    return ListingSignals(titles, prose, longest, pager, similar)


def _join_across_lone_links(
    runs: list[int], cutters: list[int], links: list[lxml.html.HtmlElement]
) -> list[int]:
    """Runs joined across every title link with no structural twin among the title links
    and the links next to it.

    A list's links come in a series of items built alike (``li>a``, ``dt>a``,
    ``div.item>h3>a``). A title link that stands alone in running text (a
    "★ <a>…</a>" line between two paragraphs of a short essay) is not an item:
    cutting the essay at it would make its halves look like a list's blurbs.
    """
    joined = [runs[0]]
    for i, position in enumerate(cutters):
        link = links[position]
        near = [links[p] for p in cutters[max(0, i - TWIN_REACH): i + 1 + TWIN_REACH] if p != position]
        near += links[max(0, position - TWIN_REACH): position] + links[position + 1: position + 1 + TWIN_REACH]
        if any(are_twins(link, other) for other in near):
            joined.append(runs[i + 1])
        else:
            joined[-1] += runs[i + 1]
    return joined


def are_twins(a: lxml.html.HtmlElement, b: lxml.html.HtmlElement) -> bool:
    """Two links as deep under their common container, through wrappers of the same tags
    and alike classes: two items of one list."""
    up_a, up_b = list(a.iterancestors()), list(b.iterancestors())
    common = set(up_b)
    depth = next((i for i, el in enumerate(up_a) if el in common), None)
    if depth is None or depth >= len(up_b) or up_b[depth] is not up_a[depth]:
        return False  # not the same number of levels down from the container
    return all(
        x.tag == y.tag and _alike_classes(x.get("class"), y.get("class"))
        for x, y in zip(up_a[:depth], up_b[:depth], strict=True)
    )


def _alike_classes(a: str | None, b: str | None) -> bool:
    """One class name in common, or no class on one of them (a list's first item or the
    current one often carries an extra "top"/"on" class, the others none)."""
    names_a, names_b = set((a or "").split()), set((b or "").split())
    return not names_a or not names_b or bool(names_a & names_b)


def _count_page_number(link: lxml.html.HtmlElement, numbers: dict[lxml.html.HtmlElement, int]) -> None:
    """Count a link whose anchor is a page number ("8", "9") under its pager container.

    A pager of numbers alone ("8 9 10 11 12") is as much a pager as "下一页". The
    container is the link's parent, or the list around it for ``<li><a>``: a calendar
    widget's day links sit one per table cell and never add up.
    """
    if not _PAGE_NUMBER.match(link.text_content()):
        return
    box = link.getparent()
    if box is not None and box.tag == "li":
        box = box.getparent()
    if box is not None:
        numbers[box] = numbers.get(box, 0) + 1


def _line(line: str, tag: str, text: str | None) -> str:
    """The line after ``text``: a block's edge or a ``<br>`` starts a new one."""
    if tag not in _INLINE:
        line = ""
    return (line + _SPACE.sub("", text or ""))[-(MAX_LABEL_CHARS + 1):]


def is_recommendation_label(line: str) -> bool:
    """The text before a link on its line introduces a recommendation ("延伸阅读：",
    "猜你感兴趣：", "【相关阅读】", "【推荐】"), whether the line is a ``<p>`` or a
    ``<br>``-separated line.

    Such a line inside running text is a recommendation, not a list item: it must not
    cut the article's prose into list-sized runs. A list item's link comes first on
    its line or after a bullet, a date or a category, not after a promo label.
    """
    return (
        0 < len(line) <= MAX_LABEL_CHARS
        and bool(_REC_WORD.search(line))
        and is_label_only(line)
    )


@dataclass(frozen=True)
class ListsBelow:
    """The lists that follow an article-looking block in its column (``lists_below``)."""

    titles: int = 0  # the largest list of title links built alike, before any heading
    topic_blocks: int = 0  # headed blocks of MIN_BLOCK_TITLES+ such links, headed not as related


def lists_below(body: lxml.html.HtmlElement) -> ListsBelow:
    """What follows ``body`` in its column: a list right under it, and headed blocks of
    lists, up to an article's own markers (上一篇/下一篇).

    A channel page sets a short introduction right above its list, a 专题 page above
    several blocks of lists each under a topical heading; the density finder takes the
    introduction for the text. An article's lists below its text come under a heading
    or a label that says what they are ("相关文章", "本类排行", "猜你喜欢").
    """
    column = body
    for _ in range(COLUMN_CLIMB):
        parent = column.getparent()
        if parent is None or parent.tag == "html":
            break
        column = parent
        if parent.tag == "body":
            break  # a page of one column
    inside = set(body.iter())
    sections: list[tuple[bool, dict[tuple[tuple[str, str], ...], int]]] = [(False, {})]  # (topical, groups)
    after = False
    for el in column.iter():
        if el is body:
            after = True
        if not after or el in inside or not isinstance(el.tag, str):
            continue
        if el.tag != "a":
            own = _SPACE.sub("", el.text or "")
            if _ARTICLE_END.search(own):
                break  # 上一篇/下一篇: an article's column
            related = bool(own and is_recommendation_label(own)) or bool(_AFTER_TEXT.search(own))
            if el.tag in _HEADINGS or related:
                heading = _SPACE.sub("", el.text_content())
                sections.append((el.tag in _HEADINGS and not related and not _AFTER_TEXT.search(heading), {}))
            continue
        if len(_SPACE.sub("", el.text_content())) >= TITLE_LINK_CHARS:
            groups = sections[-1][1]
            key = _item_key(el)
            groups[key] = groups.get(key, 0) + 1
    first = max(sections[0][1].values(), default=0)
    blocks = sum(topical and max(groups.values(), default=0) >= MIN_BLOCK_TITLES for topical, groups in sections[1:])
    return ListsBelow(first, blocks)


def _item_key(link: lxml.html.HtmlElement) -> tuple[tuple[str, str], ...]:
    """The tags and first class names of a link's three wrappers: alike for one list's items."""
    key = []
    for up in link.iterancestors():
        names = (up.get("class") or "").split()
        key.append((str(up.tag), names[0] if names else ""))
        if len(key) == ITEM_KEY_DEPTH:
            break
    return tuple(key)
