"""Flatten absurdly deep markup so libxml2 does not drop the rest of the page.

libxml2's HTML parser stops building the tree at 2048 open elements (even
with ``huge_tree``) and silently discards everything after: a page with an
unclosed ``<div>`` per list item, or a hostile one, would lose its whole
article. Before re-parsing such a page, container tags nested deeper than
``MAX_DEPTH`` are removed from the source; their text stays, which is all
extraction needs from that depth.
"""

from __future__ import annotations

import re

MAX_DEPTH = 200  # real article pages nest < 60 deep; far below libxml2's 2048 cap
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                   "param", "source", "track", "wbr"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
DEPTH_ERROR = "Excessive depth"


def flatten_deep(html: str, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with every tag opened (or closed) beyond ``max_depth`` levels removed.

    Depth is counted from the source's tags alone (no parser), so the pass is
    linear and cannot itself be defeated by nesting.
    """
    depth = 0
    out: list[str] = []
    last = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            drop = depth > max_depth
            depth = max(0, depth - 1)
        else:
            depth += 1
            drop = depth > max_depth
        if drop:
            out.append(html[last:match.start()])
            last = match.end()
    out.append(html[last:])
    return "".join(out)
