"""Generic main-block finder for pages no profile selector understands.

A small cousin of readability / GeneralNewsExtractor: every paragraph-like
node scores by its length and, above all, its Chinese punctuation (prose has
commas and full stops, navigation has none); the score flows to its container
(full) and the container's parent (half), and the container with the best
score discounted by its link density wins. All traversals are iterative
because template pages nest absurdly deep.
"""

from __future__ import annotations

import re

import lxml.etree as etree
import lxml.html

from crawler.extraction.labels import is_label_only
from crawler.extraction.listing import TITLE_LINK_CHARS, are_twins

# Prose punctuation. ASCII marks count only before a space: URLs, dates and file names
# ("http://www.x.gov.cn/", "2019.09.18") are full of dots and colons but are not prose.
_PUNCT = re.compile(r"[，。！？；：、“”‘’《》（）]|[,.!?;:](?=\s)")
_SPACE = re.compile(r"\s+")
_INLINE = frozenset(
    {"span", "font", "strong", "b", "em", "i", "u", "a", "small", "big", "sup", "sub", "label", "center"}
)
_PARAGRAPH = frozenset({"p", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6"})
# Rows that hold one paragraph each in one-row-per-paragraph bodies: ``<div>text</div>``,
# ``<div><p>text</p></div>``, ``<section><p>…</p></section>``, ``<td>text</td>``.
_ROW_WRAPPERS = frozenset({"div", "section", "td"})
_SKIP = frozenset({"script", "style", "a", "nav", "header", "footer", "aside", "head", "title",
                   "select", "option", "textarea", "button", "form", "noscript"})
_PRUNABLE = frozenset({"p", "div", "ul", "ol", "dl", "table", "section", "nav", "aside"})
MIN_PARAGRAPH_CHARS = 10
# A list of teasers: this many items or more, nearly all opening with a title link.
MIN_TEASER_ITEMS = 3
MAX_LOOSE_CHARS = 20  # text of a list's own between its items ("、", a count), not prose
TEASER_ITEM_SHARE = 0.8
# A line of verse (no punctuation) and a line break inside text: what punctuation is
# to prose. A shorter line alone is a label ("此致", "一、").
VERSE_LINE_SCORE = 0.5
MIN_VERSE_LINE_CHARS = 4
MAX_VERSE_LINE_CHARS = 30
MAX_PROMO_CHARS = 200  # a promo line longer than this is prose that happens to hold links
_NOT_IN_LINK = etree.XPath(".//text()[not(ancestor::a)]")
MIN_BLOCK_CHARS = 30
_CANDIDATES = 15


_NON_WORD = re.compile(r"[\W_]+")


def text_len(el: lxml.html.HtmlElement) -> int:
    """Characters of text, whitespace excluded (Chinese text has no word spaces)."""
    return len(_SPACE.sub("", el.text_content()))


_VISIBLE_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style)]")


def visible_len(el: lxml.html.HtmlElement) -> int:
    """``text_len`` without script and style text: what a reader of the page sees."""
    return sum(len(_SPACE.sub("", t)) for t in _VISIBLE_TEXT(el))


def _link_chars(el: lxml.html.HtmlElement) -> int:
    return sum(len(_SPACE.sub("", a.text_content())) for a in el.iter("a"))


def link_density(el: lxml.html.HtmlElement) -> float:
    """Share of the text that sits inside links: high for menus and related lists."""
    total = text_len(el)
    return min(1.0, _link_chars(el) / total) if total else 1.0


def _breaks(el: lxml.html.HtmlElement) -> int:
    """``<br>`` children followed by a line of verse: a short line without punctuation
    (a footer's lines of contacts and notices have theirs)."""
    return sum(
        1 for child in el
        if child.tag == "br" and 0 < len(tail := (child.tail or "").strip()) <= MAX_VERSE_LINE_CHARS
        and not _PUNCT.search(tail)
    )


def _own_text(el: lxml.html.HtmlElement) -> str:
    """Text directly in ``el`` (its text and the tails of its children): br-separated prose."""
    return (el.text or "") + "".join(c.tail or "" for c in el)


def _block(el: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement | None:
    while el is not None and el.tag in _INLINE:
        el = el.getparent()
    return el


def _paragraph_score(text: str, breaks: int = 0) -> float:
    """Punctuation and length; line breaks count as a verse's punctuation, and a short
    line alone (a line of a poem set one per ``<p>``) still counts a little."""
    chars = len(_SPACE.sub("", text))
    if chars < MIN_PARAGRAPH_CHARS:
        return VERSE_LINE_SCORE if chars >= MIN_VERSE_LINE_CHARS and not _PUNCT.search(text) else 0.0
    return 1.0 + len(_PUNCT.findall(text)) + VERSE_LINE_SCORE * breaks + min(chars / 100, 3.0)


def _scores(root: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, float]:
    scores: dict[lxml.html.HtmlElement, float] = {}
    # Parent block -> scores of its one-paragraph divs (see _promote_div_paragraphs).
    div_paragraphs: dict[lxml.html.HtmlElement, list[float]] = {}
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP or tag in _INLINE:
            continue
        wrapped = False  # a paragraph alone in its own div (<div><p>…</p></div>)
        if tag in _PARAGRAPH:
            full = el.text_content()
            score = _paragraph_score(full, _breaks(el)) * (1 - min(1.0, _link_chars(el) / max(1, len(full))))
            holder = _block(el.getparent())
            wrapped = holder is not None and holder.tag in _ROW_WRAPPERS and _holds_only(holder, el)
        else:
            score = _paragraph_score(_own_text(el) + _inline_text(el), _breaks(el))
            holder = el
        if score <= 0 or holder is None:
            continue
        holder = _unwrapped(holder)
        scores[holder] = scores.get(holder, 0.0) + score
        parent = _block(holder.getparent())
        if parent is not None:
            parent = _unwrapped(parent)  # one key per wrapper chain, as for holders
            scores[parent] = scores.get(parent, 0.0) + score / 2
            if wrapped or (tag in _ROW_WRAPPERS and _is_text_div(el)):
                div_paragraphs.setdefault(parent, []).append(score)
    _promote_div_paragraphs(scores, div_paragraphs)
    return scores


def _holds_only(holder: lxml.html.HtmlElement, paragraph: lxml.html.HtmlElement) -> bool:
    """``holder``'s one element child is ``paragraph`` and it has no text of its own."""
    return (
        paragraph.getprevious() is None and paragraph.getnext() is None
        and not (holder.text or "").strip() and not (paragraph.tail or "").strip()
    )


def _is_text_div(el: lxml.html.HtmlElement) -> bool:
    """A div holding one run of text (inline children only, no ``<br>``): a paragraph."""
    return all(isinstance(child.tag, str) and child.tag in _INLINE for child in el)


def _promote_div_paragraphs(
    scores: dict[lxml.html.HtmlElement, float],
    div_paragraphs: dict[lxml.html.HtmlElement, list[float]],
) -> None:
    """Score one-div-per-paragraph bodies as ``<p>`` bodies: the block holding two or
    more text divs gets their full score (not half) and its parent the half.

    Otherwise each div is its own best container and a short essay written as
    ``<div>paragraph</div>`` rows loses to its longest paragraph, or to a comment
    list beside it. A single text div keeps its own score: an article that is one
    unbroken run in one div must not be outscored by the wrapper holding its comments.
    """
    for parent, found in div_paragraphs.items():
        if len(found) < 2:
            continue
        total = sum(found)
        scores[parent] = scores.get(parent, 0.0) + total / 2
        grand = _block(parent.getparent())
        if grand is not None:
            grand = _unwrapped(grand)
            scores[grand] = scores.get(grand, 0.0) + total / 2


def _unwrapped(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The outermost wrapper that holds ``el`` alone: ``<div><div>paragraph</div></div>``.

    Sites wrap every paragraph in one or two bare divs; without this the score
    of the paragraphs never reaches the block that holds them all.
    """
    parent = el.getparent()
    # getprevious/getnext are O(1); len() of an lxml element walks all its children.
    while (
        parent is not None
        and el.getprevious() is None
        and el.getnext() is None
        and parent.tag not in ("body", "html")
    ):
        if (parent.text or "").strip() or (el.tail or "").strip():
            break
        el, parent = parent, parent.getparent()
    return el


def _inline_text(el: lxml.html.HtmlElement) -> str:
    """Text of direct inline children other than links (bold words inside br-prose)."""
    return "".join(c.text_content() for c in el if c.tag in _INLINE and c.tag != "a")


def prose_score(el: lxml.html.HtmlElement) -> float:
    """How much article prose a block holds: punctuation and length, less its links."""
    text = el.text_content()
    return _paragraph_score(text) * (1 - link_density(el))


def find_main_block(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element most likely to hold the article text, or None if nothing is prose."""
    scores = _scores(root)
    if not scores:
        return None
    top = sorted(scores, key=scores.__getitem__, reverse=True)[:_CANDIDATES]
    # A list of teasers (related articles each with an excerpt) can outscore a short
    # article beside it: it is a candidate only when nothing else is.
    texts = [el for el in top if not is_teaser_list(el)] or top
    best = max(texts, key=lambda el: scores[el] * (1 - link_density(el)))
    if text_len(best) < MIN_BLOCK_CHARS:
        return None
    return best


def is_teaser_list(el: lxml.html.HtmlElement) -> bool:
    """A block whose items (its children, three or more) each open with a title link built
    like the others: a list of other pages with their excerpts, not one article's text.

    An article opening with a link (a download card) is not one: its other children
    open with text.
    """
    if len(_SPACE.sub("", _own_text(el))) > MAX_LOOSE_CHARS:
        return False  # running text of its own (a <br>-separated body), not items
    items = [child for child in el
             if isinstance(child.tag, str) and child.tag not in _INLINE and child.text_content().strip()]
    if len(items) < MIN_TEASER_ITEMS:
        return False
    heads = [first_text_link(item) for item in items]
    titled = [head for head in heads if head is not None and _anchor_len(head) >= TITLE_LINK_CHARS]
    if len(titled) < TEASER_ITEM_SHARE * len(items) or heads[0] is None:
        return False
    return all(are_twins(heads[0], head) for head in titled[1:])


def first_text_link(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The link holding ``el``'s first visible text, if that text is inside one."""
    first = el.xpath("(.//text()[normalize-space()])[1]")
    if not first:
        return None
    owner = first[0].getparent()
    owner = owner.getparent() if first[0].is_tail and owner is not None else owner
    while owner is not None and owner is not el.getparent():
        if owner.tag == "a":
            return owner
        owner = owner.getparent()
    return None


def _anchor_len(link: lxml.html.HtmlElement) -> int:
    return len(_SPACE.sub("", link.text_content()))


def prune_link_blocks(body: lxml.html.HtmlElement) -> None:
    """Remove link lists (related articles, tag clouds, pagers) left inside a body.

    Profiles drop the known ones by selector; this catches the unknown ones: a
    block of two or more links that is mostly link text, or a short block that is
    a single link ("下载文档", "点击查看").
    """
    stack = list(body)
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if el.tag in _PRUNABLE and _is_link_block(el):
            el.drop_tree()
            continue
        stack.extend(el)


def _is_link_block(el: lxml.html.HtmlElement) -> bool:
    links = [a for a in el.iter("a") if a.text_content().strip()]
    if not links:
        return False
    if text_len(el) <= MAX_PROMO_CHARS and is_label_only("".join(_NOT_IN_LINK(el))):
        return True  # "推荐阅读：<a>…</a>", "【推荐】<a>…</a>": labels around links
    density = link_density(el)
    if len(links) >= 2:
        return density > 0.6
    return _word_link_density(el) > 0.9 and text_len(el) < 60


def _word_link_density(el: lxml.html.HtmlElement) -> float:
    """Link density over letters and digits only: "★ <a>推荐文章</a> ★" is all link;
    the stars and brackets around a promoted link are decoration, not prose."""
    total = len(_NON_WORD.sub("", el.text_content()))
    linked = sum(len(_NON_WORD.sub("", a.text_content())) for a in el.iter("a"))
    return min(1.0, linked / total) if total else 1.0
