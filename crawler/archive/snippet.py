"""Highlighted snippets, cut from the real text rather than from FTS5.

The index is contentless and holds n-gram tokens, so FTS5's ``snippet()``
has nothing readable to return; the original text is at hand anyway.
"""

from __future__ import annotations

import re

from crawler.archive.ngrams import fold
from crawler.archive.searchquery import term_pattern

BEFORE, WIDTH = 24, 96  # characters of context before the first hit; window size


def _spans(folded: str, patterns: list[re.Pattern[str]], start: int,
           end: int) -> list[tuple[int, int]]:
    """Merged (start, end) spans of the term occurrences beginning in [start, end)."""
    spans = []
    for pattern in patterns:
        for m in pattern.finditer(folded, start):
            if m.start() >= end:
                break
            if m.end() > m.start():
                spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def snippet(text: str | None, terms: list[str], marks: tuple[str, str] = ("[", "]")) -> str:
    """A window of ``text`` around the first hit, each hit wrapped in ``marks``."""
    text = text or ""
    folded = fold(text)
    if len(folded) != len(text):  # exotic case folding moved offsets: search unfolded
        folded = text
    patterns = [term_pattern(term) for term in terms]
    firsts = [m.start() for p in patterns if (m := p.search(folded)) and m.end() > m.start()]
    start = max(0, min(firsts) - BEFORE) if firsts else 0
    end = min(len(text), start + WIDTH)
    spans = _spans(folded, patterns, start, end)
    out, cursor = [], start
    for s, e in spans:
        s, e = max(s, cursor), min(e, end)
        out += [text[cursor:s], marks[0], text[s:e], marks[1]]
        cursor = e
    out.append(text[cursor:end])
    body = "".join(out).replace("\n", " ")
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
