"""Content fingerprints: what makes two bodies "the same text".

Copies of an article differ in markup, whitespace and full/half-width
punctuation long after boilerplate is gone, so the exact-duplicate hash is
taken over a normal form that ignores exactly those differences and nothing
else: every character of the wording still counts.
"""

from __future__ import annotations

import hashlib
import unicodedata


def hash_form(text: str) -> str:
    """NFKC-folded, lower-cased text with whitespace and punctuation removed."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(
        ch for ch in folded if not ch.isspace() and not unicodedata.category(ch).startswith("P")
    )


def content_hash(text: str) -> str:
    """SHA-1 of :func:`hash_form`: the key of the exact-duplicate check."""
    return hashlib.sha1(hash_form(text).encode("utf-8")).hexdigest()
