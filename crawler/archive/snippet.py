"""Highlighted snippets, cut from the real text rather than from FTS5.

The index is contentless and holds n-gram tokens, so FTS5's ``snippet()``
has nothing readable to return; the original text is at hand anyway.
"""

from __future__ import annotations

from crawler.archive.ngrams import fold
from crawler.archive.searchquery import term_pattern

BEFORE, WIDTH = 24, 96  # characters of context before the first hit; window size


def _spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of every term occurrence."""
    spans = sorted(
        (m.start(), m.end())
        for term in terms
        for m in term_pattern(term).finditer(folded)
        if m.end() > m.start()
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str | None, terms: list[str], marks: tuple[str, str] = ("[", "]")) -> str:
    """A window of ``text`` around the first hit, each hit wrapped in ``marks``."""
    text = text or ""
    folded = fold(text)
    if len(folded) != len(text):  # exotic case folding moved offsets: search unfolded
        folded = text
    spans = _spans(folded, terms)
    start = max(0, spans[0][0] - BEFORE) if spans else 0
    end = min(len(text), start + WIDTH)
    out, cursor = [], start
    for s, e in spans:
        if s >= end:
            break
        s, e = max(s, cursor), min(e, end)
        out += [text[cursor:s], marks[0], text[s:e], marks[1]]
        cursor = e
    out.append(text[cursor:end])
    body = "".join(out).replace("\n", " ")
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")
