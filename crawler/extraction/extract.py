"""HTML to the raw parts of an article page, driven by a site profile.

The profile's CSS selectors are tried first because they are exact for known
template families; when no body selector yields a real text block (missing,
tiny, or mostly links) the generic main-block finder in ``density`` takes over.
Everything here is pure: a string in, a ``RawPage`` out, no network, no state,
and no exception for any input, because one broken page must never stop a
crawl.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import cast
from urllib.parse import urljoin

import lxml.etree as etree
import lxml.html
from parsel.csstranslator import HTMLTranslator

from crawler.extraction.density import (
    find_main_block,
    link_density,
    prose_score,
    prune_link_blocks,
    text_len,
    visible_len,
)
from crawler.extraction.entries import first_entry_block
from crawler.extraction.flatten import DEPTH_ERROR, flatten_deep
from crawler.extraction.infolines import info_lines, looks_like_info
from crawler.extraction.listing import ListingSignals, ListsBelow, listing_signals, lists_below
from crawler.extraction.profiles import GENERIC, Profile
from crawler.extraction.teasers import drop_teaser_tails

logger = logging.getLogger(__name__)

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
_TRANSLATOR = HTMLTranslator()
_END_OF_DOCUMENT = re.compile(r"</(?:html|body)\s*>", re.I)
_WS = re.compile(r"[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+")
# Breadcrumb separators between the links of a "当前位置" line.
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|»|›|→|/|＞|＞＞|＞+|→)\s*")
_CRUMB_LABEL = re.compile(
    r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|现在的位置|所在位置|位置)\s*[:：]?\s*"
)
_CRUMB_TEXT = re.compile(r"(?:当前位置|您的位置|你的位置|现在的位置|所在位置)\s*[:：]")
# Body candidates smaller than this (non-link characters) send us to the fallback.
MIN_BODY_CHARS = 60
MAX_LINK_DENSITY = 0.5
# A generic match is narrowed to an inner block holding at least this share of its prose.
NARROW_SHARE = 0.75
_MAX_CRUMB_CHARS = 300
_SECTION_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_MAX_INFO_CHARS = 300
# "标题_栏目_站名", "标题 | 站名", "标题 - 站名": what separates <title>'s segments.
TITLE_SEP = re.compile(r"\s*(?:_|\||｜|\s[-–—]\s|--|——)\s*")
_MIN_TITLE_CHARS = 6
_TITLE_ENDS = frozenset("-_|｜—–:： ")  # what follows the title in <title>: the site's name
_EARLY_LINES = 200  # how far a page's info line is looked for without its body
# A boilerplate selector never removes the page's main text: a match holding this share
# of the page's visible characters is a wrapper (ASP.NET pages put everything in a
# <form>, 0.97-1.0 of the text on the real pages), not boilerplate; a comment thread
# under a short post held 0.18.
WRAPPER_SHARE = 0.9
_ALWAYS_DROP = frozenset({"script", "style", "noscript", "iframe", "select", "textarea"})


@dataclass
class RawPage:
    """What one page says, before cleaning: the input of ``metadata.build_article``."""

    url: str
    title: str | None = None
    head_title: str | None = None
    body_html: str | None = None
    breadcrumb: list[str] = field(default_factory=list)
    info_lines: list[str] = field(default_factory=list)  # the first is the page's own
    tags: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    profile: str = ""
    listing: ListingSignals = field(default_factory=lambda: ListingSignals())
    below: ListsBelow = field(default_factory=lambda: ListsBelow())  # lists under the body

    @property
    def info_text(self) -> str:
        """The page's own info line: the first of ``info_lines``."""
        return self.info_lines[0] if self.info_lines else ""


def norm_ws(text: str | None) -> str:
    """Collapse every kind of (full-width, non-breaking, zero-width) space to one space."""
    return _WS.sub(" ", text or "").strip()


@cache
def _xpath(css: str) -> etree.XPath | None:
    """Compile a profile CSS selector once; a broken selector logs and matches nothing."""
    try:
        return etree.XPath(_TRANSLATOR.css_to_xpath(css))
    except Exception:  # cssselect raises several types; a profile typo must not crash
        logger.warning("invalid CSS selector in profile: %r", css)
        return None


def select(root: lxml.html.HtmlElement, css: str) -> list[lxml.html.HtmlElement]:
    """Elements matching ``css`` under ``root`` (document order)."""
    xp = _xpath(css)
    if xp is None:
        return []
    try:
        # The HTML parser makes every element an HtmlElement (ElementBase + HtmlMixin).
        return cast("list[lxml.html.HtmlElement]",
                    [e for e in xp(root) if isinstance(e, etree.ElementBase)])
    except etree.XPathError:
        return []


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """lxml document or None for input that holds no document at all."""
    if not html or not html.strip():
        return None
    # libxml2 drops everything after an </html>; browsers ignore the tag (and </body>)
    # and keep adding to the body. Pages that include a whole header document
    # ("…</html><!--end header--><div class="content">…") lost their text to that.
    html = _END_OF_DOCUMENT.sub("", html.replace("\x00", ""))
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
        if any(DEPTH_ERROR in entry.message for entry in _PARSER.error_log):
            root = lxml.html.document_fromstring(flatten_deep(html), parser=_PARSER)
        return root
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        try:  # "<html" alone and similar fragments
            return lxml.html.document_fromstring(f"<html><body>{html}</body></html>", parser=_PARSER)
        except (etree.ParserError, ValueError, etree.XMLSyntaxError):
            return None


def extract_page(html: str, url: str, profile: Profile) -> RawPage:
    """The raw parts of one page; never raises (a failure yields an empty page)."""
    page = RawPage(url=url, profile=profile.name)
    try:
        root = parse_html(html)
        if root is not None:
            _fill(page, root, url, profile)
    except Exception:  # last line of defence: log and return what we have
        logger.exception("extraction failed for %s", url)
    return page


def _fill(page: RawPage, root: lxml.html.HtmlElement, url: str, profile: Profile) -> None:
    page.meta = _meta(root)
    page.canonical = _canonical(root, url)
    heads = root.xpath("//title")
    page.head_title = norm_ws(heads[0].text_content()) or None if heads else None
    title_el = _title_element(root, profile, page.head_title)
    page.title, heading_info = _heading_parts(title_el)
    shown = _title_by_text(root, page.head_title) if title_el is None else None
    if shown is not None:  # a heading set in a <div> or <td>: the title as the page shows it
        page.title = norm_ws(shown.text_content())
    page.breadcrumb = _breadcrumb(root, profile)
    # The info lines are read twice: once the body is known, up to just under it (below
    # that, a comment's "发表于 …" or another post's byline), and first on the whole page
    # for one line, the last resort (in what the drop selectors remove, or further down).
    profile_info = _profile_info(root, profile)
    # Without a heading element the lines are read from the element showing the <title>'s
    # title, else from the top.
    title_line = title_el if title_el is not None else shown
    first_line = info_lines(root, title_line, max_lines=_EARLY_LINES, wanted=1, with_fields=True)
    page.tags = _tags(root, profile)
    _remove(root, profile.drop + profile.related, keep=title_el)
    for css in profile.unwrap_links:
        for link in select(root, css):
            link.drop_tag()
    page.listing = listing_signals(root)
    body = _body(root, profile)
    if body is not None:
        page.below = lists_below(body)
        drop_teaser_tails(body)
        prune_link_blocks(body)
        page.body_html = lxml.html.tostring(body, encoding="unicode")
    near = info_lines(root, title_line, body) if body is not None else []
    page.info_lines = list(dict.fromkeys(profile_info + heading_info + near + first_line))


def _meta(root: lxml.html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("name") or el.get("property") or el.get("itemprop")
        content = el.get("content")
        if key and content is not None:
            out.setdefault(key.strip().lower(), norm_ws(content))
    return out


def _canonical(root: lxml.html.HtmlElement, url: str) -> str | None:
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return urljoin(url, cast(str, el.get("href")).strip())
    return None


def _title_element(
    root: lxml.html.HtmlElement, profile: Profile, head_title: str | None
) -> lxml.html.HtmlElement | None:
    """The title candidate that agrees best with <title>, else the first candidate.

    A bare ``h1`` often holds the site logo, which also appears in <title> (as
    its suffix); the article heading is the one <title> starts with.
    """
    candidates: list[tuple[lxml.html.HtmlElement, str]] = []
    for css in profile.title:
        for el in select(root, css)[:10]:
            text = norm_ws(el.text_content())
            if text and len(text) <= 200 and all(el is not c for c, _ in candidates):
                candidates.append((el, text))
    if not candidates:
        return None
    if head_title:
        for el, text in candidates:
            if head_title.startswith(text):
                return el
        inside = [(el, text) for el, text in candidates if text in head_title]
        if inside:
            return max(inside, key=lambda c: len(c[1]))[0]
    # A lower heading (h2+) is a section title unless <title> agrees with it.
    return next((el for el, _ in candidates if el.tag not in _SECTION_HEADINGS), None)


def _heading_parts(heading: lxml.html.HtmlElement | None) -> tuple[str | None, list[str]]:
    """The heading's title, and the info line some templates set inside it.

    PHPCMS's default article template prints ``<h1>标题<br/><span>2023-03-11 17:26:49
    来源：… 评论：0</span></h1>``: the info is the heading's last element, after a
    ``<br>`` or not; it is not part of the title.
    """
    if heading is None:
        return None, []
    text = norm_ws(heading.text_content()) or None
    last = heading[-1] if len(heading) else None
    if last is None or not isinstance(last.tag, str) or last.tag == "br":
        return text, []
    info = norm_ws(last.text_content())
    rest = norm_ws("".join(_text_before(heading, last)))
    if info and rest and looks_like_info(info):
        return rest, [info]
    return text, []


def _text_before(heading: lxml.html.HtmlElement, last: lxml.html.HtmlElement) -> list[str]:
    """The heading's text up to its last element (that element's tail included after it)."""
    parts = [heading.text or ""]
    for child in heading:
        if child is last:
            break
        parts += [child.text_content() if child.tag != "br" else " ", child.tail or ""]
    return parts + [last.tail or ""]


def _title_by_text(root: lxml.html.HtmlElement, head_title: str | None) -> lxml.html.HtmlElement | None:
    """The first element outside links whose text is what <title> starts with, up to a
    separator ("标题_栏目_站名", "标题-站名"): the heading of pages that set it in a
    ``<td>``, a ``<font>`` or a ``<div>`` of no telling class."""
    head = norm_ws(head_title)
    first = TITLE_SEP.split(head)[0].strip()
    if len(first) < _MIN_TITLE_CHARS:
        return None
    for node in root.xpath("//body//text()[contains(., $lead)]", lead=first[:_MIN_TITLE_CHARS]):
        el = _owner(node)
        for _ in range(3):  # the title may be cut into a few inline pieces ("…(图)")
            if el is None or el.tag in ("a", "body", "title"):
                break
            text = norm_ws(el.text_content())
            if text == first or (len(text) >= _MIN_TITLE_CHARS and head.startswith(text)
                                 and head[len(text):len(text) + 1] in _TITLE_ENDS):
                return el
            el = el.getparent()
    return None


def _breadcrumb(root: lxml.html.HtmlElement, profile: Profile) -> list[str]:
    el: lxml.html.HtmlElement | None
    for css in profile.breadcrumb:
        for el in select(root, css):
            parts = breadcrumb_parts(el)
            if parts and len("".join(parts)) <= _MAX_CRUMB_CHARS:
                return parts
    # No selector: the element whose own text starts with "当前位置：".
    for node in root.xpath("(//body//text()[contains(., '位置')])[position() <= 20]"):
        if not _CRUMB_TEXT.search(str(node)):
            continue
        el = _block_of(_owner(node))
        if el is not None:
            parts = breadcrumb_parts(el)
            if parts and len("".join(parts)) <= _MAX_CRUMB_CHARS:
                return parts
    return []


def breadcrumb_parts(el: lxml.html.HtmlElement) -> list[str]:
    """Link texts and separator-split loose text of a breadcrumb, in order."""
    chunks: list[tuple[bool, str]] = []
    in_link = 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "a" and not in_link:
                chunks.append((True, node.text_content()))
            elif not in_link:
                chunks.append((False, node.text or ""))
            in_link += node.tag == "a"
        else:
            in_link -= node.tag == "a"
            if node is not el and not in_link:
                chunks.append((False, node.tail or ""))
        if len(chunks) > 200:
            break
    parts: list[str] = []
    for is_link, text in chunks:
        text = norm_ws(text)
        pieces = [text] if is_link else _CRUMB_SEP.split(_CRUMB_LABEL.sub("", text))
        parts.extend(p.strip() for p in pieces if p.strip())
    return [p for p in parts if not _CRUMB_LABEL.fullmatch(p)]


def _profile_info(root: lxml.html.HtmlElement, profile: Profile) -> list[str]:
    """The text of the profile's info element, if it has one and it is line-sized; the
    generic profile's selectors are guesses, so its match must also read as one."""
    for css in profile.info:
        texts = [norm_ws(el.text_content()) for el in select(root, css)]
        text = " ".join(t for t in texts if t)
        if text and len(text) <= _MAX_INFO_CHARS and (profile.name != GENERIC or looks_like_info(text)):
            return [text]
    return []


def _owner(node: etree._ElementUnicodeResult) -> lxml.html.HtmlElement | None:
    """The element whose content a text node is (a tail belongs to the parent)."""
    el = cast("lxml.html.HtmlElement | None", node.getparent())  # an HTML tree's elements
    return el.getparent() if el is not None and node.is_tail else el


def _block_of(el: lxml.html.HtmlElement | None) -> lxml.html.HtmlElement | None:
    while el is not None and el.tag in ("span", "strong", "b", "em", "font", "label", "a", "i"):
        el = el.getparent()
    return el


def _tags(root: lxml.html.HtmlElement, profile: Profile) -> list[str]:
    for css in profile.tags:
        tags = [norm_ws(el.text_content()) for el in select(root, css)]
        tags = [t for t in tags if t and len(t) <= 30]
        if tags:
            return list(dict.fromkeys(tags))
    return []


def _remove(
    root: lxml.html.HtmlElement, selectors: tuple[str, ...], keep: lxml.html.HtmlElement | None
) -> None:
    """Drop boilerplate elements (keeping their tail text), sparing the title's ancestors.

    All selectors run as one XPath union: one pass over the tree instead of forty.
    """
    protected = set(keep.iterancestors()) if keep is not None else set()
    xp = _union(tuple(dict.fromkeys(selectors)))
    if xp is None:
        return
    body = root.find("body")
    page_chars = visible_len(body if body is not None else root)
    for el in xp(root):
        if el in protected or el.getparent() is None:
            continue
        if el.tag not in _ALWAYS_DROP and page_chars and visible_len(el) >= WRAPPER_SHARE * page_chars:
            continue  # an ASP.NET <form> or a mis-named wrapper around the whole page
        el.drop_tree()


@cache
def _union(selectors: tuple[str, ...]) -> etree.XPath | None:
    parts = []
    for css in selectors:
        try:
            parts.append(_TRANSLATOR.css_to_xpath(css))
        except Exception:  # cssselect raises several types; skip the broken one
            logger.warning("invalid CSS selector in profile: %r", css)
    return etree.XPath(" | ".join(parts)) if parts else None


def _body(root: lxml.html.HtmlElement, profile: Profile) -> lxml.html.HtmlElement | None:
    """Profile body selector when it gives real text, else the density finder.

    A family profile's selectors are exact and tried in order. The generic
    profile's are a union of many families' names, several of which match on
    one page (``div.content`` of a sidebar widget, ``div.article`` of the
    text): there every match competes with the density finder's block on
    prose, and the best wins.
    """
    if profile.name == GENERIC:
        return _best_generic_body(root, profile)
    fallback = None
    for css in profile.body:
        matches = select(root, css)
        if not matches:
            continue
        best = max(matches[:20], key=text_len)
        if _is_real_text(best):
            return best
        fallback = fallback if fallback is not None else best
    found = find_main_block(root)
    if found is not None:
        return found
    return fallback


def _is_real_text(el: lxml.html.HtmlElement) -> bool:
    density = link_density(el)
    return text_len(el) * (1 - density) >= MIN_BODY_CHARS and density < MAX_LINK_DENSITY


def _best_generic_body(root: lxml.html.HtmlElement, profile: Profile) -> lxml.html.HtmlElement | None:
    # Each distinct match once; only the winner is narrowed (narrowing scores its subtree).
    matches = {el: None for css in profile.body for el in select(root, css)[:20]}
    candidates = [el for el in matches if _is_real_text(el)]
    found = find_main_block(root)
    if found is not None:
        candidates.append(found)
    if not candidates:
        return None
    best = max(candidates, key=prose_score)
    return first_entry_block(best if best is found else _narrow(best))


def _narrow(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The prose block inside a generic selector's match, when it holds nearly all its text.

    Generic selectors (``div#content``, ``article``) are page wrappers on many
    unknown sites: the match then also holds the byline row, tag row and
    comments. A template family's own selector is exact and is never narrowed.
    """
    inner = find_main_block(body)
    if inner is None or inner is body or body not in inner.iterancestors():
        return body
    prose = text_len(body) * (1 - link_density(body))
    return inner if text_len(inner) * (1 - link_density(inner)) >= NARROW_SHARE * prose else body
