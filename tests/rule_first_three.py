"""`python tests/rule_first_three.py <fanwen command> …`: fanwen with one extraction rule
changed, for the reextract test. The new rule: an article's text is its first three
paragraphs (texts change, and copies that differ further down become exact copies)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extraction import metadata  # noqa: E402

_original = metadata.strip_boilerplate


def first_three(paragraphs: list[str], title: str | None, site_names: Iterable[str] = (),
                info_line: str = "") -> tuple[list[str], dict[str, str]]:
    kept, found = _original(paragraphs, title, site_names, info_line)
    return kept[:3], found


if __name__ == "__main__":
    metadata.strip_boilerplate = first_three
    from crawler.cli import main

    main()
