"""How values are stored in the archive: plain text and UTF-8 JSON.

Kept apart from the connection (:mod:`crawler.archive.db`) so that the
schema's migrations, the copy groups and the writer share them without
importing each other.
"""

from __future__ import annotations

import json
from typing import Any

# Every C0 control except the paragraph break, as a space: see plain_text.
_CONTROLS_TO_SPACE = str.maketrans(dict.fromkeys((c for c in range(32) if c != 10), " "))


def plain_text(text: str) -> str:
    """``text`` as the archive stores it: no control character but ``\\n``.

    The cleaner already drops them; holding the archive to it lets export
    JSON-quote a text with three byte replacements instead of a scan for
    characters JSON must escape (see ``export._quote_text``).
    """
    return text.translate(_CONTROLS_TO_SPACE)


def dumps(value: Any) -> str:
    """JSON as stored in the archive: UTF-8 Chinese, not ``\\u`` escapes."""
    return json.dumps(value, ensure_ascii=False)
