"""Page-level kind rules: is this page an article to archive, or a list?

URL patterns decide the pages whose shape a profile knows; every other page,
and every page whose URL only *looks* like an article's, is judged by what it
holds. An article has a title and one block of running text; a list has many
title links with at most a blurb between them (``crawler.extraction.listing``). The URL
stays evidence: a ``page``/``PageNo``/``p`` parameter, ``list`` or ``index_N``
in the path, or a pager on the page lower the bar for "list".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
from parsel import Selector

from crawler.extraction.density import first_text_link, is_teaser_list
from crawler.extraction.extract import TITLE_SEP, RawPage
from crawler.extraction.infolines import lines_after
from crawler.extraction.listing import TITLE_LINK_CHARS
from crawler.links import PageKind

MIN_ARTICLE_CHARS = 120  # lists are told by their structure (is_listing); this is a short essay
MAX_LINK_DENSITY = 0.25  # share of the block's text that sits inside links
# A body of this many links holding more than this share of its text is a title list.
MIN_BODY_LINKS = 5
MAX_BODY_LINK_SHARE = 0.5
SENTENCE_END = re.compile(r"[。！？；…]")
MIN_SENTENCES = 3
# Verse: this many lines of text of at most this many characters, most of the body's lines.
MIN_VERSE_LINES = 6
MAX_VERSE_LINE = 30
VERSE_SHARE = 0.8
# Without any title a page must hold plainly running text (real 2005-era pages: 1,000+).
MIN_UNTITLED_CHARS = 300
MIN_UNTITLED_SENTENCES = 6
# A page that marks itself as an article (says_article) needs only this much text.
MIN_MARKED_CHARS = 80
MIN_MARKED_CLAUSES = 2
# A teaser (a linked title and an excerpt) is short; a page showing one as its densest
# prose has a list of title links beside it.
MAX_TEASER_CHARS = 400
MIN_TEASER_PAGE_LINKS = 3  # the teaser's own and two more: a tag page of three results
# A channel's introduction (150-300 characters on real template sites) over a list of
# at least this many items; an article's lists below its text are labelled as related.
MAX_INTRO_CHARS = 400
MIN_LIST_BELOW = 10
MIN_TOPIC_BLOCKS = 2
CLAUSE_END = re.compile(r"[。！？；…，,]")
_DATED = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


@dataclass(frozen=True)
class ListRule:
    """Thresholds on ``ListingSignals`` that make a page a list.

    Measured on 4 real list pages and 67 real article pages (gne), 69 real pages
    with truth (cwced) and the project's 75 pages: the real lists have their
    longest run at 0.02-0.07 of their prose and at most 222 characters; articles
    at 0.11 and more, or over 600 characters (a Wikipedia article of 500 links).
    """

    min_title_links: int
    max_longest_share: float
    max_longest_run: int
    min_similar_runs: int = 0


LIST_RULE = ListRule(min_title_links=8, max_longest_share=0.12, max_longest_run=500)
# Blurb-sized runs (a list's longest blurb: up to ~250 characters) admit a larger share:
# generated articles never fall below 0.29, real ones with runs this short not below 0.3.
BLURB_LIST_RULE = ListRule(min_title_links=8, max_longest_share=0.2, max_longest_run=260)
# Title links and no prose anywhere: a bare list of titles and dates, however few its
# characters (its footer then holds a large share of them).
BARE_LIST_RULE = ListRule(min_title_links=8, max_longest_share=1.0, max_longest_run=100)
# Many blurbs of one size (runs of 100+ characters, each at least a third of the longest,
# the longest no more than an excerpt): picture or heading lists with 200-350-character
# blurbs, whatever the URL and pager. Generated articles have at most 4 such runs (a text
# cut by links), the real ones (gne, cwced) at most 5 and then a longest run of 980+
# characters; the generated long-blurb lists 6 or more, the tieba list 11.
REPEATED_BLURB_RULE = ListRule(
    min_title_links=6, max_longest_share=1.0, max_longest_run=400, min_similar_runs=6
)
# With list evidence in the URL or a pager: fewer, longer blurbs still make a list.
EVIDENCED_LIST_RULE = ListRule(min_title_links=5, max_longest_share=0.25, max_longest_run=500)
LIST_URL_HINT = re.compile(
    r"(?i)(?:[?&](?:page|pageno|pn|pagenum|pageindex|totalresult)=\d+|/(?:list|lists|category|"
    r"tag|tags|search|archives?)(?:[/_.-]|$)|[/_-]list[_-]?\d+|/index_\d+\.|/page/\d+|/\d+/\d+/?$)"
)


@dataclass(frozen=True)
class Verdict:
    """Whether a page is archived as an article, and the reason in a word or two."""

    is_article: bool
    reason: str


def judge_page(raw: RawPage, url: str, kind: PageKind) -> Verdict:
    """The spider's one decision for a fetched page.

    ``kind`` is what the URL rules said: ARTICLE (a profile's article pattern),
    LIST (a list pattern: evidence, since generic list patterns also match
    ``/s?id=`` article URLs) or OTHER (no rule matched). Every page is checked
    for a listing; LIST and OTHER pages must also show running text, an
    ARTICLE page only some text (the clean pipeline's CLEAN_MIN_CHARS judges).
    """
    if (
        is_listing(raw, url, evidenced=kind is PageKind.LIST)
        or is_link_body(raw) or is_teaser_body(raw) or is_intro_over_list(raw)
    ):
        return Verdict(False, "list page")
    if kind is not PageKind.ARTICLE and not looks_like_article(raw):
        return Verdict(False, "no running text")
    return Verdict(True, "article")


def is_listing(raw: RawPage, url: str, evidenced: bool = False) -> bool:
    """Many title links with only blurbs between them; list evidence admits longer blurbs."""
    signals = raw.listing
    evidenced = evidenced or signals.pager or bool(LIST_URL_HINT.search(url))
    rules = (LIST_RULE, BLURB_LIST_RULE, BARE_LIST_RULE, REPEATED_BLURB_RULE) + (
        (EVIDENCED_LIST_RULE,) if evidenced else ()
    )
    return any(
        signals.title_links >= rule.min_title_links
        and signals.longest_run_share <= rule.max_longest_share
        and signals.longest_run <= rule.max_longest_run
        and signals.similar_runs >= rule.min_similar_runs
        for rule in rules
    )


def looks_like_article(raw: RawPage) -> bool:
    """A title and a body of at least a few sentences that is not mostly links.

    A page that says it is an article (a dated info line, ``og:type`` article,
    an ``article:published_time``) may be short: a news flash, a photo story.
    A page with no title at all (no ``<title>``, no heading: old pages saved
    without their head) needs a longer text: it is archived untitled rather
    than lost.
    """
    if not raw.body_html:
        return False
    text, chars, link_chars, _ = _body_counts(raw.body_html)
    if not (raw.title or raw.head_title):
        if chars < MIN_UNTITLED_CHARS or len(SENTENCE_END.findall(text)) < MIN_UNTITLED_SENTENCES:
            return False
    elif is_verse(raw.body_html):  # a poem: lines, no punctuation
        if chars < MIN_MARKED_CHARS:
            return False
    elif says_article(raw):  # a clause is enough: some pages never write a full stop
        if chars < MIN_MARKED_CHARS or len(CLAUSE_END.findall(text)) < MIN_MARKED_CLAUSES:
            return False
    elif chars < MIN_ARTICLE_CHARS or len(SENTENCE_END.findall(text)) < MIN_SENTENCES:
        return False
    return link_chars / (chars + link_chars) <= MAX_LINK_DENSITY


def is_verse(body_html: str) -> bool:
    """Six or more short lines of text, not links: a poem, a song, a couplet list.

    Verse has no sentence punctuation to count; its lines are what a list's links
    would be, except that they are text.
    """
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    lines = [line.text for line in lines_after(root, None) if line.prose]
    verse = [line for line in lines if len(line) <= MAX_VERSE_LINE]
    return len(verse) >= MIN_VERSE_LINES and len(verse) >= len(lines) * VERSE_SHARE


def is_link_body(raw: RawPage) -> bool:
    """The block chosen as the body is a list of titles: most of its text is in links.

    A bare title list whose only prose is a sidebar's teasers can slip past the
    run rules (its longest run is a teaser); at an article-looking URL it would be
    archived as a text of titles and dates. The density finder discounts links, so
    a chosen block that is still mostly links means the page has no prose block.
    """
    html = raw.body_html
    if not html or html.count("<a ") + html.count("<a>") < MIN_BODY_LINKS:
        return False  # most article bodies: no second parse of the body
    _, chars, link_chars, links = _body_counts(html)
    return links >= MIN_BODY_LINKS and link_chars > MAX_BODY_LINK_SHARE * (chars + link_chars)


def is_teaser_body(raw: RawPage) -> bool:
    """The chosen body is another page's teaser, or several: text headed by a link elsewhere.

    On a bare title list whose only prose is a sidebar's "本站推荐" item (a linked title
    and two or three sentences of excerpt), that excerpt is the page's densest prose.
    An article's own text is not introduced by a link to another page; its heading is
    not a link, or is a link to itself.
    """
    if raw.listing.title_links < MIN_TEASER_PAGE_LINKS or not raw.body_html:
        return False
    block = lxml.html.fragment_fromstring(raw.body_html, create_parent="div")
    link = first_text_link(block)
    if link is None:
        return False
    anchor = re.sub(r"\s+", "", link.text_content())
    href = urljoin(raw.url, (link.get("href") or "").strip())
    own = {raw.title or "", TITLE_SEP.split(raw.head_title or "")[0]}
    if len(anchor) < TITLE_LINK_CHARS or anchor in own or _same_page(href, raw.url):
        return False
    text = sum(len(re.sub(r"\s+", "", t)) for t in block.xpath(".//text()[not(ancestor::a)]"))
    if text <= MAX_TEASER_CHARS:
        return True
    # Longer: several teasers in a row (a tag or search page of 3-4 results with long
    # excerpts), each headed by a link built like the first one.
    return is_teaser_list(block)


def is_intro_over_list(raw: RawPage) -> bool:
    """A short text above a long list in its column, the list not introduced as related
    articles, or above two or more topical blocks of lists: a channel's or a 专题's
    introduction ("本栏目…", "专题导读：…")."""
    below = raw.below
    if not raw.body_html or (below.titles < MIN_LIST_BELOW and below.topic_blocks < MIN_TOPIC_BLOCKS):
        return False
    _, chars, _, _ = _body_counts(raw.body_html)
    return chars <= MAX_INTRO_CHARS


def _same_page(href: str, url: str) -> bool:
    """``href`` is ``url`` itself (or nothing to follow: "#", "javascript:…")."""
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https"):
        return True
    here = urlsplit(url)
    return (parts.netloc, parts.path.rstrip("/")) == (here.netloc, here.path.rstrip("/"))


def _body_counts(body_html: str) -> tuple[str, int, int, int]:
    """The body's text outside links, its length, the length of its link text, its links."""
    block = Selector(text=body_html)
    text = "".join(block.xpath("//text()[not(ancestor::a)]").getall())
    linked = "".join(block.xpath("//a//text()").getall())
    links = len(block.xpath("//a[normalize-space()]"))
    return text, len(re.sub(r"\s+", "", text)), len(re.sub(r"\s+", "", linked)), links


def says_article(raw: RawPage) -> bool:
    """The page marks itself as one article: its heading is what <title> starts with,
    a dated info line, or article metadata."""
    if raw.meta.get("og:type", "").lower() in ("article", "news"):
        return True
    if raw.title and raw.head_title and raw.head_title != raw.title and raw.head_title.startswith(raw.title):
        return True
    if any(key in raw.meta for key in ("article:published_time", "pubdate", "publishdate")):
        return True
    return bool(_DATED.search(raw.info_text or ""))
