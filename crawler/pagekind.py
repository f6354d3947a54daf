"""Page-level kind rules: is a page of unknown URL shape an article?

URL patterns decide most pages; for the rest (a site whose article URLs
match no known pattern) the page itself decides: an article has a title
and one block of running text, a list has many short links.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.extract import RawPage

MIN_ARTICLE_CHARS = 200  # a list page's intro blurb is shorter than this
MAX_LINK_DENSITY = 0.25  # share of the block's text that sits inside links
SENTENCE_END = re.compile(r"[。！？；…]")
MIN_SENTENCES = 3


def looks_like_article(raw: RawPage) -> bool:
    if not raw.body_html or not (raw.title or raw.head_title):
        return False
    block = Selector(text=raw.body_html)
    text = "".join(block.xpath("//text()[not(ancestor::a)]").getall())
    linked = "".join(block.xpath("//a//text()").getall())
    chars = len(re.sub(r"\s+", "", text))
    link_chars = len(re.sub(r"\s+", "", linked))
    if chars < MIN_ARTICLE_CHARS or len(SENTENCE_END.findall(text)) < MIN_SENTENCES:
        return False
    return link_chars / (chars + link_chars) <= MAX_LINK_DENSITY
