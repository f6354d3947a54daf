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

_SPACE = re.compile(r"\s+")
_SKIP = frozenset({"script", "style", "noscript", "head", "title", "select", "option", "textarea"})
# Anchor text this long is a title, not a keyword link, a page number or "更多>>".
TITLE_LINK_CHARS = 6
# Page links of a pager; not 首页, which is also every nav's home link.
_PAGER = re.compile(r"^(?:下一页|下页|尾页|末页|上一页|上页|next|last|›|»|>>|>)$", re.I)


@dataclass(frozen=True)
class ListingSignals:
    """How list-like the page's text is; see the module docstring."""

    title_links: int = 0  # links whose anchor is title-like
    prose_chars: int = 0  # characters outside links (visible text only)
    longest_run: int = 0  # the most characters between two title links
    pager: bool = False  # the page links to a next/last page

    @property
    def longest_run_share(self) -> float:
        """Share of the page's prose in its longest run without a title link: small on lists."""
        return self.longest_run / self.prose_chars if self.prose_chars else 0.0


def listing_signals(root: lxml.html.HtmlElement) -> ListingSignals:
    """Walk the page's visible text once, cutting it into runs at each title link."""
    body = root.find("body")
    titles, prose, longest, run, pager = 0, 0, 0, 0, False
    in_link = hidden = 0
    for event, el in etree.iterwalk(body if body is not None else root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _SKIP:
                hidden += 1
            elif tag == "a" and not hidden:
                anchor = len(_SPACE.sub("", el.text_content()))
                pager = pager or bool(_PAGER.match(el.text_content().strip()))
                if anchor >= TITLE_LINK_CHARS and not in_link:
                    titles += 1
                    longest, run = max(longest, run), 0
                in_link += 1
            elif not hidden and not in_link:
                chars = len(_SPACE.sub("", el.text or ""))
                prose, run = prose + chars, run + chars
        else:
            if tag in _SKIP:
                hidden -= 1
            elif tag == "a" and in_link:
                in_link -= 1
            if not hidden and not in_link:
                chars = len(_SPACE.sub("", el.tail or ""))
                prose, run = prose + chars, run + chars
    return ListingSignals(titles, prose, max(longest, run), pager)
