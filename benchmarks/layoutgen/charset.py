"""Bytes as a server sends them: UTF-8 or GBK, and charset declarations that may lie.

Template farms declare gb2312 and send GBK-only characters, send UTF-8 under
a gb2312 meta left over from an old template, or let the HTTP header and the
meta disagree. The part name says which case a page is.
"""

from __future__ import annotations

import random

# name -> (bytes encoding, meta charset or None, HTTP Content-Type or None, BOM)
CHARSETS: dict[str, tuple[str, str | None, str | None, bool]] = {
    "utf8": ("utf-8", "utf-8", None, False),
    "utf8_header": ("utf-8", None, "text/html; charset=utf-8", False),
    "utf8_bom": ("utf-8", None, None, True),
    "gbk": ("gbk", "gb2312", None, False),
    "gbk_header": ("gbk", "gbk", "text/html; charset=GBK", False),
    "gbk_meta_lies_utf8": ("gbk", "utf-8", None, False),
    "utf8_meta_lies_gb2312": ("utf-8", "gb2312", None, False),
    "gbk_header_lies_utf8": ("gbk", "gb2312", "text/html; charset=utf-8", False),
}
WEIGHTS = (4, 1, 1, 4, 1, 1, 1, 1)


def draw(rng: random.Random) -> str:
    return rng.choices(list(CHARSETS), weights=WEIGHTS)[0]


def meta_charset(name: str) -> str | None:
    return CHARSETS[name][1]


def encode(html: str, name: str) -> tuple[bytes, str | None]:
    """(body bytes, Content-Type header) for a page drawn with charset ``name``."""
    encoding, _, content_type, bom = CHARSETS[name]
    body = html.encode(encoding, errors="xmlcharrefreplace")
    return (b"\xef\xbb\xbf" + body if bom else body), content_type
