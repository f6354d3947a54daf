"""The page's info lines: short lines of labelled facts ("时间：… 来源：… 作者：… 浏览：12").

Templates print them under the title, at the top or the end of the body, after
it, glued into a ``<br>``-separated text, in brackets, with or without labels.
What a reader sees as *one line* is the unit here: text between block edges
and ``<br>``s. So an info line inside a ``<br>``-run body is found on its own,
and a date inside a comment's ``<li>`` is not taken for the page's date (its
line also holds the comment).

The first info line after the title is the page's; later ones, read only down
to just under the body, fill in what it lacks: an origin or author (a byline
under the text), a date as templates print it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

import lxml.etree as etree
import lxml.html

from crawler.extraction.labels import AUTHOR_RES, ORIGIN_RE

_SPACE = re.compile(r"[\s\u00a0\u3000]+")
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "title", "select", "option",
                        "textarea"})
# Tags that end a line (and a paragraph, textclean); inline tags (a, span, font …) do not.
BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "tr", "td", "th", "tbody", "thead", "blockquote", "pre", "section", "article", "center", "hr",
    "br", "header", "footer", "figure", "figcaption", "caption", "address", "form", "main", "aside",
    "nav", "body", "html",
})
# Inline boxes a template sets side by side ("<span>出处：互联网</span><span>文/杨帆</span>"):
# their texts are separate fields, as the reader sees them spaced.
_SPACED = frozenset({"span", "font", "em", "i", "b", "strong", "label", "small"})
MAX_LINES = 1500  # lines read after the title: a long body's end, and what follows it
TAIL_LINES = 4  # lines of prose after the body that may still be its byline
MAX_LINE_CHARS = 300  # longer is text, not an info line
_FIELD_LABEL = re.compile(  # case-insensitive for "Tags："
    r"(?:发布时间|更新时间|发表时间|时间|日期|来源|出处|稿源|供稿|作者|撰稿|发布者|标签|关键词|关键字|tags|编辑|"
    r"发表于|发布于|转载自)\s*[:：]"
    # a date label needs no colon before its date ("发布时间 2005/03/15 22:36:13")
    r"|(?:发布|更新|发表)?(?:时间|日期)\s+(?=(?:19|20)\d{2}\s*[-/.年])",
    re.I,
)
_TIME = r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)"
# Dates a template prints (a letter's "2023年5月6日" is its text, but not when labelled,
# timed or zero-padded).
MACHINE_DATE = re.compile(
    rf"(?:19|20)\d{{2}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}{_TIME}?"
    rf"|(?:(?:发布|更新|发表|上传)?(?:时间|日期)\s*[:：]?|发表于|发布于|更新于)\s*"
    rf"(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日?{_TIME}?"
    rf"|(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日?{_TIME}"
    # zero-padded ("2014年08月17日"): a template prints it; a letter's writer does not
    r"|(?:19|20)\d{2}\s*年\s*(?:0\d\s*月\s*\d{1,2}|\d{1,2}\s*月\s*0\d)\s*日?"
)
# A line led by a date ("2023-05-06", "发表于 2023-4-1 20:15"): the info line of pages that
# print the date with no 时间/日期 label.
_DATE_LEAD = re.compile(
    r"^\s*(?:发表于|发布于|更新于|发表|posted on)?\s*[:：]?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}",
    re.I,
)
MAX_DATE_LINE = 60
NEAR_TITLE_LINES = 5  # the lines under a heading where an unlabelled date is the page's
_CLAUSE_END = re.compile(r"[，。！？；,]")
_SENTENCE_END = re.compile(r"[。！？!?]")  # a line of facts has none; a line of text does
_CN_DATE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?")
_ACCOUNT_ID = re.compile(r"[（(]\s*(?:ID|微信号|微信ID|公众号)\s*[:：]\s*[\w.-]+\s*[）)]", re.I)
_COUNT_FIELD = re.compile(
    r"(?:浏览|阅读|点击|人气|访问|评论|热度)(?:次数|量|数)?\s*[:：]?\s*[(（]?\s*\d+\s*[)）]?\s*次?"
)
# The page tools an info line carries: "字号：大 中 小", "【打印】", "[收藏]", "分享到：".
_PAGE_TOOLS = re.compile(
    r"字[号体]\s*[:：]?\s*(?:[大中小]\s*){0,3}|(?:[TＴ]\s*){2,3}|打印(?:本页|此文)?|收藏(?:本页|本文)?|"
    r"关闭(?:窗口|本页)?|返回顶部|我要评论|发表评论|分享到\s*[:：]?|默认|加入收藏"
)
# What every info line holds (a digit of a date or count, or a label's word): a cheap
# test before the labelled values are taken out one pattern at a time.
_INFO_HINT = re.compile(r"\d|来源|出处|稿源|转载|转自|摘自|选自|供稿|作者|撰|文\s*[/／]|记者|编辑|责编|发布")
_INFO_WORDS = re.compile(r"(?:发布|更新|发表|上传)?(?:时间|日期|于)|发布|更新|发表")
_WORD = re.compile(r"[\W_]+")
MAX_INFO_LINE = 120


def is_info_line(line: str) -> bool:
    """A line of labelled facts only: 来源/作者/时间/浏览 with their values, dates, counts.

    Info lines come in every order and spelling ("信息来源：X | 作者 Y",
    "[来源]X 撰稿：Y", "（2017-05-27 文章来源：网络整理）", "2019/07/19"), with page
    tools beside them ("字号：大 中 小"); what they have in common is that nothing is
    left once the labelled values go.
    """
    if len(line) > MAX_INFO_LINE or not _INFO_HINT.search(line):
        return False
    rest = MACHINE_DATE.sub(" ", line)
    dated = rest != line
    fields = 0
    for pattern in (ORIGIN_RE, *AUTHOR_RES, _COUNT_FIELD, _ACCOUNT_ID):
        rest, n = pattern.subn(" ", rest)
        fields += n
    if fields:  # beside a labelled field, a plain "2023年11月09日" is the page's date too
        rest = _CN_DATE.sub(" ", rest)
    if dated or fields:
        rest = _PAGE_TOOLS.sub(" ", rest)
    return bool(dated or fields) and not _WORD.sub("", _INFO_WORDS.sub("", rest)).strip()


def looks_like_info(line: str) -> bool:
    """Labelled facts, a labelled line or a template's date: what a selector guessing at
    an info element (``div.info``) must hold to be one (not a list of user names)."""
    return is_info_line(line) or is_labelled_line(line) or has_machine_date(line)


def holds_field(line: str) -> bool:
    """The line gives a date, an origin or an author."""
    return has_machine_date(line) or bool(ORIGIN_RE.search(line)) or any(p.search(line) for p in AUTHOR_RES)


def has_machine_date(line: str) -> bool:
    """The line holds a date as a template prints it (dashed, labelled, timed or padded)."""
    return bool(MACHINE_DATE.search(line))


def is_labelled_line(line: str) -> bool:
    """A line led by a field label ("发布时间：…", "作者:zboygirl 阅读(1660) …"), or a
    short one holding one, or one holding two, and no sentence: the info lines with free
    text in them ("活动时间：5月6日上午，地点在操场。" is the article's)."""
    if len(line) > MAX_LINE_CHARS or not _FIELD_LABEL.search(line) or _SENTENCE_END.search(line):
        return False
    return bool(_FIELD_LABEL.match(line.lstrip("[【（( "))) or len(line) <= 100 or (
        len(_FIELD_LABEL.findall(line)) >= 2
    )


class Line(NamedTuple):
    """One line as a reader sees it, and whether any of it is outside links."""

    text: str
    prose: bool


def info_lines(
    root: lxml.html.HtmlElement,
    title: lxml.html.HtmlElement | None,
    body: lxml.html.HtmlElement | None = None,
    max_lines: int = MAX_LINES,
    wanted: int = 0,
    with_fields: bool = False,
) -> list[str]:
    """The info lines after ``title`` (from the top without one), first first.

    With ``body``, reading stops a few lines of prose after it: a byline sits right
    under the text, while the lines further down belong to comments, other posts
    of a blog page or other articles' teasers. Lines of links (related lists,
    上一篇/下一篇) are not counted. A line led by a date right under the title
    ("2005-06-14 03:25:55", "http://… 2005年03月21日 11:21 《理财周刊》") is an info
    line too: pages with no labels print it so. ``wanted``: stop after that many;
    ``with_fields``: only lines holding a date, an origin or an author (not a tag line).
    """
    found: list[str] = []
    for number, line in enumerate(lines_after(root, title, body)):
        if number >= max_lines:
            break
        text = line.text
        if not line.prose:
            continue  # all links: a calendar's or an archive's date, a related title
        dated = (number < NEAR_TITLE_LINES and _dated_near_title(text)) or _date_led(text)
        if not (dated or is_info_line(text) or is_labelled_line(text)) or text in found:
            continue
        if not with_fields or holds_field(text):
            found.append(text)
            if len(found) == wanted:
                break
    return found


def _date_led(line: str) -> bool:
    """A short line led by a date with no sentence after it ("2005-06-14 03:25:55 (370)";
    not "1995年9月1日，他发行了…")."""
    lead = _DATE_LEAD.match(line)
    return bool(lead) and len(line) <= MAX_DATE_LINE and not _CLAUSE_END.search(line, lead.end() if lead else 0)


def _dated_near_title(line: str) -> bool:
    return (
        len(line) <= 80 and bool(MACHINE_DATE.search(line))
        and not _FIELD_LABEL.search(line) and not _SENTENCE_END.search(line)
    )


def lines_after(
    root: lxml.html.HtmlElement,
    start: lxml.html.HtmlElement | None,
    until: lxml.html.HtmlElement | None = None,
) -> Iterator[Line]:
    """The visible lines of the page after ``start`` (from the top without one), in order,
    up to TAIL_LINES lines of prose after ``until`` ends."""
    hidden = in_link = 0
    tail = -1  # prose lines read after ``until``; -1 before it ends
    buf: list[str] = []
    unlinked: list[str] = []
    for event, el in _events_after(root, start):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE:
                hidden += 1
            if tag in BLOCK_TAGS and (line := _flush(buf, unlinked)):
                yield line
                tail += tail >= 0 and line.prose
            in_link += tag == "a"
            if not hidden:
                _add(buf, unlinked, (" " if tag in _SPACED else "") + (el.text or ""), in_link)
            continue
        if event == "end":
            hidden -= tag in _INVISIBLE and hidden > 0
            in_link -= tag == "a" and in_link > 0
            if tag in BLOCK_TAGS and (line := _flush(buf, unlinked)):
                yield line
                tail += tail >= 0 and line.prose
            if el is until:
                tail = 0
        if not hidden and el is not root:  # "end", or "tail": the text after ``start``
            _add(buf, unlinked, (" " if tag in _SPACED else "") + (el.tail or ""), in_link)
        if tail > TAIL_LINES:
            return
    if line := _flush(buf, unlinked):
        yield line


def _events_after(
    root: lxml.html.HtmlElement, start: lxml.html.HtmlElement | None
) -> Iterator[tuple[str, lxml.html.HtmlElement]]:
    """``iterwalk`` events in document order from just after ``start`` to the end: its
    tail, then each following sibling's subtree, then the closing of each ancestor
    and its following siblings. Not only <body>: broken pages leave headings outside it."""
    if start is None:
        yield from etree.iterwalk(root, events=("start", "end"))
        return
    yield "tail", start
    node = start
    while node is not root:
        for sibling in node.itersiblings():
            yield from etree.iterwalk(sibling, events=("start", "end"))
        parent = node.getparent()
        if parent is None:
            return
        yield "end", parent
        node = parent


def _add(buf: list[str], unlinked: list[str], text: str | None, in_link: int) -> None:
    buf.append(text or "")
    if not in_link:
        unlinked.append(text or "")


def _flush(buf: list[str], unlinked: list[str]) -> Line | None:
    text = _SPACE.sub(" ", "".join(buf)).strip()
    prose = bool(_WORD.sub("", "".join(unlinked)))
    buf.clear()
    unlinked.clear()
    return Line(text, prose) if text else None
