"""A related-articles block written as paragraphs: heading, then title link and teaser pairs.

Some templates print their "相关文章" block inside the body with the same ``<p>``
markup as the article::

    <p><strong>相关文章：</strong></p>
    <p><a href="/a/7701.html">下雪了作文300字</a></p>
    <p>昨天夜里，天空中飘起了鹅毛大雪……</p>
    <p><a href="/a/7702.html">冬天来了作文300字</a></p>
    <p>冬天来了，北风呼呼地刮着……</p>

The link lines go with the other link blocks, but the teasers are whole sentences
of other articles and read as prose. What gives the block away is its shape, not its
wording: a label-only heading, then link lines, each followed by at most one
paragraph, to the end of the container. A recommendation in the middle of an article
(label, link, then the article's next paragraphs) has two prose paragraphs in a row
and is left to the line rules, which remove the label and links and keep the text.
"""

from __future__ import annotations

import re

import lxml.etree as etree
import lxml.html

from crawler.extraction.labels import is_label_only

_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_IN_LINK = etree.XPath(".//text()[not(ancestor::a)]")
_BLOCKS = frozenset({"p", "div", "li", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "section"})
MAX_HEADING_CHARS = 20
MAX_HEADING_CHILDREN = 3  # <p><strong><font>相关文章</font></strong></p>
MIN_PAIRS = 2  # one link and one teaser could be a mid-text recommendation


def drop_teaser_tails(body: lxml.html.HtmlElement) -> None:
    """Remove every heading + (link line, teaser) tail found among sibling blocks."""
    for parent in list(body.iter()):  # a list: dropping must not disturb the walk
        if not isinstance(parent.tag, str):
            continue
        kids = [kid for kid in parent if isinstance(kid.tag, str)]
        start = _teaser_tail_start(kids)
        if start is not None:
            for kid in kids[start:]:
                kid.drop_tree()


def _teaser_tail_start(kids: list[lxml.html.HtmlElement]) -> int | None:
    """Index of the heading that opens a teaser tail running to the last sibling."""
    for i, kid in enumerate(kids):
        if kid.tag in _BLOCKS and _is_heading(kid) and _is_teaser_list(kids[i + 1:]):
            return i
    return None


def _is_heading(el: lxml.html.HtmlElement) -> bool:
    """A short label with no link: "相关文章：", "【相关阅读】", "猜你喜欢"."""
    if len(el) > MAX_HEADING_CHILDREN:
        return False  # a container, not a label: skip reading its whole text
    text = _SPACE.sub("", el.text_content())
    return (
        0 < len(text) <= MAX_HEADING_CHARS
        and not any(True for _ in el.iter("a"))
        and bool(_CJK.search(text))
        and is_label_only(text)
    )


def _is_teaser_list(rest: list[lxml.html.HtmlElement]) -> bool:
    """Link lines, each followed by at most one text paragraph, and nothing else."""
    links = 0
    after_link = False
    for el in rest:
        if not el.text_content().strip() and el.find(".//img") is None:
            continue  # an empty spacer paragraph
        if _is_link_line(el):
            links, after_link = links + 1, True
        elif after_link and el.tag in _BLOCKS and _SPACE.sub("", el.text_content()):
            after_link = False  # the one teaser a link may have
        else:
            return False
    return links >= MIN_PAIRS


def _is_link_line(el: lxml.html.HtmlElement) -> bool:
    """A block that is one or more links and nothing but labels around them."""
    return (
        el.tag in _BLOCKS
        and any(a.text_content().strip() for a in el.iter("a"))
        and is_label_only(_SPACE.sub("", "".join(_NOT_IN_LINK(el))))
    )
