"""`show` and `search` never print a raw control character, even from an older archive."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from crawler.archive.db import Archive
from crawler.cli.query import search, show
from crawler.extraction.hygiene import has_control
from tests import archive_rows


def test_show_and_search_escape_controls(tmp_path: Path) -> None:
    db = tmp_path / "archive.sqlite"
    archive = Archive(db)
    url = "http://a.test/1.html"
    aid = archive_rows.insert_article(archive, {  # as an archive written before issue 16 could hold it
        "canonical_url": url, "url": url, "site": "a.test", "title": "标题\x1b[2J\x07",
        "text": "安全\x9b正文", "paragraphs": "[]", "category": json.dumps(["作\x1b文"]),
        "tags": "[]", "author": "张\x07三", "origin": "求\x1b是", "chars": 4, "content_hash": "h",
        "first_seen": "2026-01-01T00:00:00Z", "last_seen": "2026-01-01T00:00:00Z",
    })
    archive_rows.upsert_sighting(archive, {"article_id": aid, "url": url, "site": "a.test", "match": "original",
                             "origin": "求\x1b是", "first_seen": "2026-01-01T00:00:00Z",
                             "last_seen": "2026-01-01T00:00:00Z"})
    archive.close()
    shown = CliRunner().invoke(show, ["1", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "\\x1b[2J" in shown.output and "张\\x07三" in shown.output
    assert not has_control(shown.output.replace("\n", ""))
    found = CliRunner().invoke(search, ["安全", "--db", str(db)])
    assert found.exit_code == 0 and "#1" in found.output
    assert not has_control(found.output.replace("\n", ""))
