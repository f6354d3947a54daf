"""Pages of several entries: a blog's archive page, a thread of posts.

Such a page repeats one structure per entry (a heading with a date, then the
entry's text), and the density finder picks the *longest* entry's text. The
page's article is its first entry: the post a thread answers, the newest (top)
post of a blog page. When the chosen block sits inside an entry whose siblings
repeat its structure, each dated and each with prose of its own, the block at
the same place in the first entry is taken instead.
"""

from __future__ import annotations

import re

import lxml.html

from crawler.extraction.density import visible_len

MIN_ENTRIES = 3
MIN_ENTRY_CHARS = 100
MAX_CLIMB = 14  # an entry wraps its text in at most this many levels (table layouts: 11)
_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


def first_entry_block(block: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The block at ``block``'s place in the first of repeated dated entries, else ``block``."""
    path: list[lxml.html.HtmlElement] = []
    node = block
    for _ in range(MAX_CLIMB):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        path.append(node)
        entries = [c for c in parent if _signature(c) == _signature(node)]
        if len(entries) >= MIN_ENTRIES and all(_is_entry(e) for e in entries):
            if entries[0] is node:
                return block
            found = _follow(entries[0], [_step(n) for n in reversed(path[:-1])])
            return found if found is not None and visible_len(found) >= MIN_ENTRY_CHARS / 2 else block
        node = parent
    return block


def _signature(el: lxml.html.HtmlElement) -> tuple[str, str]:
    return (str(el.tag), el.get("class") or "")


def _is_entry(el: lxml.html.HtmlElement) -> bool:
    return visible_len(el) >= MIN_ENTRY_CHARS and bool(_DATE.search(el.text_content()[:2000]))


def _step(el: lxml.html.HtmlElement) -> tuple[tuple[str, str], int]:
    """``el``'s signature and its rank among its parent's children of that signature."""
    parent = el.getparent()
    same = [c for c in parent if _signature(c) == _signature(el)] if parent is not None else [el]
    return _signature(el), same.index(el)


def _follow(
    start: lxml.html.HtmlElement, steps: list[tuple[tuple[str, str], int]]
) -> lxml.html.HtmlElement | None:
    """Walk down from ``start`` taking, at each level, the n-th child of a signature, as
    deep as the first entry has the same structure (its text may be marked up
    differently below the entry's text cell)."""
    node = start
    for signature, rank in steps:
        same = [c for c in node if _signature(c) == signature]
        if rank >= len(same):
            break
        node = same[rank]
    return node
