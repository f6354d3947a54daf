"""Bytes to text for template-site pages, never raising.

Chinese template sites lie about their charset: ``gb2312`` pages contain GBK
characters, the HTTP header and the ``<meta>`` tag disagree, and invalid byte
sequences are common. Scrapy's own decoding (w3lib) trusts the first
declaration it finds; here every declared candidate is tried and the one that
decodes cleanly wins, and the number of U+FFFD substitutions is reported so
the caller can count and judge damaged pages.
"""

from __future__ import annotations

import codecs
import logging
import threading
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

logger = logging.getLogger(__name__)

# gb2312 and gbk are subsets of gb18030; decoding as the superset loses nothing
# and saves every page that declares gb2312 but uses a GBK-only character.
_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "gb_2312-80": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030",
    "big5": "big5hkscs", "utf8": "utf-8", "unicode": "utf-8",
}
# Tried when nothing declared decodes cleanly: the two encodings these sites use.
_FALLBACKS = ("utf-8", "gb18030")

# Charsets web servers send by default; a page's own meta tag knows better.
_SERVER_DEFAULTS = frozenset({"cp1252", "latin-1", "iso8859-1", "ascii"})

_counter = threading.local()


def _counting_replace(exc: UnicodeError) -> tuple[str, int]:
    """Like ``errors="replace"`` but counts substitutions (per thread)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _counter.n = getattr(_counter, "n", 0) + 1
    return "\ufffd", exc.end


codecs.register_error("fanwen-count-replace", _counting_replace)


@dataclass(frozen=True)
class DecodedPage:
    """Decoded text, the encoding used, and how many bytes could not be decoded."""

    text: str
    encoding: str
    replaced: int


def normalize_encoding(label: str | None) -> str | None:
    """A Python codec name for a declared label, or None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    name = _ALIASES.get(label) or resolve_encoding(label)
    if not name:
        return None
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def _decode(body: bytes, encoding: str) -> tuple[str, int]:
    _counter.n = 0
    text = body.decode(encoding, errors="fanwen-count-replace")
    return text, _counter.n


def _candidates(body: bytes, http_content_type: str | None) -> list[str]:
    """Declared encodings in priority order: HTTP header, then meta; no duplicates."""
    declared = [
        normalize_encoding(http_content_type_encoding(http_content_type or "")),
        normalize_encoding(html_body_declared_encoding(body[:4096])),
    ]
    if declared[0] in _SERVER_DEFAULTS and declared[1]:
        declared.reverse()  # a Latin-1 header is usually the server default, not the page's
    out: list[str] = []
    for enc in declared:
        if enc and enc not in out:
            out.append(enc)
    return out


def decode_html(body: bytes, http_content_type: str | None = None) -> DecodedPage:
    """Decode a page: BOM, then header, then meta, then UTF-8/GB18030 detection.

    The first declared encoding that decodes cleanly wins (so when header and
    meta disagree the clean one is taken), then UTF-8 if it validates. Else the
    declared encoding with the fewest substitutions, so a page with a few bad
    bytes keeps its charset; only a badly damaged one is overruled.
    """
    body = bytes(body or b"")
    bom_enc, bom = read_bom(body)
    if bom_enc and bom:
        enc = normalize_encoding(bom_enc) or "utf-8"
        text, bad = _decode(body[len(bom):], enc)
        return DecodedPage(_newlines(text), enc, bad)
    declared = _candidates(body, http_content_type)
    tried: dict[str, tuple[str, int]] = {}
    for enc in declared + [e for e in _FALLBACKS if e not in declared]:
        try:
            tried[enc] = _decode(body, enc)
        except (LookupError, UnicodeError, TypeError):  # exotic codec with no error hook
            continue
        # Declared encodings and UTF-8 (whose validity is strong evidence) win when clean.
        if tried[enc][1] == 0 and (enc in declared or enc == "utf-8" or not declared):
            return DecodedPage(_newlines(tried[enc][0]), enc, 0)
    damaged = _least_damaged(tried, declared, len(body))
    text, bad = tried[damaged] if damaged else _decode(body, "utf-8")
    chosen = damaged or "utf-8"
    logger.debug("decoded with %s, %d substitutions (declared %s)", chosen, bad, declared)
    return DecodedPage(_newlines(text), chosen, bad)


def _least_damaged(tried: dict[str, tuple[str, int]], declared: list[str], size: int) -> str | None:
    """The declared encoding with fewest errors, unless it is badly damaged and a
    fallback does much better (a page that declares the wrong charset outright).
    """
    if not tried:
        return None
    ranked = sorted(tried, key=lambda e: tried[e][1])
    own = [e for e in ranked if e in declared]
    if not own:
        return ranked[0]
    best_own, best_any = own[0], ranked[0]
    if tried[best_any][1] * 10 < tried[best_own][1] and tried[best_own][1] > max(20, size // 100):
        return best_any
    return best_own


def _newlines(text: str) -> str:
    """Mixed CR/CRLF/LF line endings become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
