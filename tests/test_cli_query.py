"""search / show / export / reindex through click's CliRunner."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from crawler.archive import export as export_module
from crawler.archive.db import Archive
from crawler.archive.values import plain_text
from crawler.cli.query import export, reindex, search, show
from tests import archive_rows

SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "export-schema.json").read_text())


def add(archive: Archive, i: int, title: str, text: str, site: str = "a.test", run=None) -> int:
    url = f"http://{site}/{i}.html"
    aid = archive_rows.insert_article(archive, {
        "canonical_url": url, "url": url, "site": site, "title": title, "text": text,
        "paragraphs": json.dumps(text.split("\n"), ensure_ascii=False),
        "category": json.dumps(["作文", "小学作文"], ensure_ascii=False), "tags": "[]",
        "published_at": f"2024-01-{10 + i:02d}", "chars": len(text), "content_hash": f"h{i}",
        "first_seen": "2026-01-01T00:00:00Z", "last_seen": "2026-01-01T00:00:00Z", "run_id": run,
    })
    archive_rows.upsert_sighting(archive, {"article_id": aid, "url": url, "site": site, "match": "original",
                             "origin": "本站原创", "first_seen": "2026-01-01T00:00:00Z",
                             "last_seen": "2026-01-01T00:00:00Z"})
    return aid


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "archive.sqlite"
    archive = Archive(path)
    run = archive_rows.start_run(archive, {}, ["a.test"], "test")
    add(archive, 1, "安全生产心得", "我们认真学习了安全知识。\n第二段。", run=run)
    add(archive, 2, "读书笔记", "读书使人进步，\"引号\"和\\反斜杠。", site="b.test")
    copy = "http://c.test/copy.html"
    archive_rows.upsert_sighting(archive, {"article_id": 1, "url": copy, "site": "c.test", "match": "near",
                             "similarity": 0.93, "origin": "人民网",
                             "first_seen": "2026-01-02T00:00:00Z", "last_seen": "2026-01-03T00:00:00Z"})
    archive.close()
    return path


def run(command, *args: object):
    return CliRunner().invoke(command, [str(a) for a in args])


def test_search_text_and_json(db: Path) -> None:
    result = run(search, "安", "--db", db)
    assert result.exit_code == 0 and "#1  安全生产心得" in result.output
    assert "[安]" in result.output
    lines = run(search, "读书 OR 安全", "--db", db, "--json").output.splitlines()
    assert {json.loads(line)["id"] for line in lines} == {1, 2}
    assert run(search, "安全", "--db", db, "--site", "b.test").output == ""


def test_search_errors_are_one_line(db: Path) -> None:
    result = run(search, "NOT 安全", "--db", db)
    assert result.exit_code == 1 and result.output.startswith("Error: bad query")
    assert run(search, "安全", "--db", db, "--since", "2024-13-01").exit_code == 2
    assert run(search, "安全", "--db", db.parent / "missing.sqlite").exit_code == 1


def test_show_by_id_and_url_with_sightings(db: Path) -> None:
    record = json.loads(run(show, "http://c.test/copy.html", "--db", db, "--json").output)
    assert record["id"] == 1 and record["category"] == ["作文", "小学作文"]
    assert [(s["match"], s["origin"]) for s in record["sightings"]] == [
        ("original", "本站原创"), ("near", "人民网")]
    text = run(show, "1", "--db", db).output
    assert "人民网" in text and "我们认真学习了安全知识。" in text
    missing = run(show, "999", "--db", db)
    assert missing.exit_code == 1 and "no article" in missing.output


def test_export_stdout_every_line_parses_and_validates(db: Path) -> None:
    result = run(export, "--db", db, "--with-sightings")
    assert result.exit_code == 0
    assert "\\u" not in result.output  # Chinese as UTF-8, not escapes
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["title"] for r in records] == ["安全生产心得", "读书笔记"]
    assert records[1]["text"] == "读书使人进步，\"引号\"和\\反斜杠。"
    assert len(records[0]["sightings"]) == 2
    for record in records:
        jsonschema.validate(record, SCHEMA)
    for record in map(json.loads, run(export, "--db", db).output.splitlines()):
        jsonschema.validate(record, SCHEMA)


def test_export_gz_and_filters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl.gz"
    assert run(export, "--db", db, "-o", out, "--site", "b.test").exit_code == 0
    with gzip.open(out, "rt", encoding="utf-8") as f:
        assert [json.loads(line)["id"] for line in f] == [2]
    assert run(export, "--db", db, "--run", 1).output.count("\n") == 1
    assert run(export, "--db", db, "--until", "2024-01-11").output.count("\n") == 1
    bad = run(export, "--db", db, "--run", 7)
    assert bad.exit_code == 1 and "no run #7" in bad.output


def test_interrupted_export_leaves_no_file(db: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out.jsonl"

    def explode(db, spec, stream, progress=None):
        stream.write(next(export_module.iter_chunks(db, spec)))
        raise KeyboardInterrupt

    monkeypatch.setattr(export_module, "write_export", explode)
    result = run(export, "--db", db, "-o", out)
    assert result.exit_code != 0
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl.*"))


def test_reindex(db: Path) -> None:
    result = run(reindex, "--db", db)
    assert result.exit_code == 0 and "indexed 2 articles" in result.output
    assert "#2" in run(search, "进步", "--db", db).output


@pytest.mark.parametrize("text", ["读书\n进步", "引号\"和\\反斜杠", "制表\t符\r\x01\x1f", "", "\u2028行分隔"])
def test_export_quotes_text_as_json_would(text: str) -> None:
    stored = plain_text(text)  # what the archive holds
    assert all(ch == "\n" or ord(ch) >= 32 for ch in stored)
    quoted = b'"' + export_module._quote_text(stored.encode("utf-8")) + b'"'
    assert json.loads(quoted) == stored
    assert quoted == json.dumps(stored, ensure_ascii=False).encode("utf-8")


def test_control_characters_never_reach_the_archive_or_break_an_export(tmp_path: Path) -> None:
    from crawler.archive import schema

    path = tmp_path / "old.sqlite"
    archive = Archive(path)
    article_id = archive_rows.insert_article(archive, {"canonical_url": "http://a.test/1.html",
                                         "text": "第一段\x01\t尾\n第二段", "paragraphs": "[]"})
    assert archive_rows.article_text(archive, article_id) == "第一段  尾\n第二段"
    # An archive written before the rule: the migration cleans what it holds.
    archive.db.execute("UPDATE articles SET text = ? WHERE id = ?", ["旧\x02文\x1b", article_id])
    archive.db.execute(f"PRAGMA user_version = {schema.MIGRATIONS.index(schema._v4_plain_text)}")
    archive.close()
    reopened = Archive(path)
    assert archive_rows.article_text(reopened, article_id) == "旧 文 "
    out = tmp_path / "out.jsonl"
    assert run(export, "--db", path, "-o", out).exit_code == 0
    assert json.loads(out.read_text("utf-8"))["text"] == "旧 文 "


def test_gathered_writes_equal_the_joined_lines(tmp_path: Path) -> None:
    """A plain file gets each batch by writev (over IOV_MAX pieces per batch);
    any other stream the joined batch: the bytes must be the same."""
    import io

    from crawler.archive.export import ExportSpec, write_export

    archive = Archive(tmp_path / "many.sqlite")
    with archive.transaction():
        for i in range(300):
            text = f"第{i}段“引号”\\\\反斜杠\n第二段"
            archive_rows.insert_article(archive, {"canonical_url": f"http://a.test/{i}", "title": f"标题{i}",
                                    "text": text, "paragraphs": json.dumps(text.split("\n"))})
    joined = io.BytesIO()
    assert write_export(archive.db, ExportSpec(), joined) == 300
    with open(tmp_path / "out.jsonl", "wb") as plain:
        assert write_export(archive.db, ExportSpec(), plain) == 300
    assert (tmp_path / "out.jsonl").read_bytes() == joined.getvalue()
    records = [json.loads(line) for line in joined.getvalue().splitlines()]
    assert [r["text"] for r in records] == [f"第{i}段“引号”\\\\反斜杠\n第二段" for i in range(300)]


@pytest.mark.parametrize(("query", "problem"), [
    ("AND", "AND needs a term before it"),
    ("安全 AND", "AND needs a term after it"),
    ("a OR", "OR needs a term after it"),
    ("OR a", "OR needs a term before it"),
    ("NEAR(", "NEAR(...) is not supported"),
    ("(安全", "'(' is never closed"),
    ("安全 )", "unmatched ')'"),
    ("()", "empty parentheses"),
    ("NOT 安全", "NOT only excludes"),
    ('"', "unbalanced double quote"),
])
def test_search_errors_name_the_actual_problem(db: Path, query: str, problem: str) -> None:
    result = run(search, query, "--db", db)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: bad query: {problem}"), result.output
    assert result.output.count("\n") == 1


def test_unknown_or_mirror_only_site_says_so(db: Path) -> None:
    unknown = run(search, "安全", "--db", db, "--site", "nosuch.test")
    assert unknown.exit_code == 1 and "no site 'nosuch.test' in the archive" in unknown.output
    mirror = run(search, "安全", "--db", db, "--site", "c.test")  # holds only a copy
    assert mirror.exit_code == 1
    assert "c.test holds only copies (1) of articles first archived from a.test" in mirror.output
    assert run(export, "--db", db, "--site", "nosuch.test").exit_code == 1


def test_search_says_how_many_it_is_not_showing(db: Path) -> None:
    result = CliRunner().invoke(search, ["读书 OR 安全", "--db", str(db),
                                                         "--limit", "1"])
    assert result.exit_code == 0 and result.stdout.count("\n#") == 0
    assert result.stderr == "showing 1 of 2 (--limit 2 for all)\n"
    everything = CliRunner().invoke(search, ["读书 OR 安全", "--db", str(db)])
    assert everything.stderr == ""


def test_the_export_schema_lists_the_archives_record_keys() -> None:
    """docs/export-schema.json and the export's columns (columns.py) agree."""
    from crawler.archive.export import RECORD_KEYS

    properties = [key for key in SCHEMA["properties"] if key != "sightings"]
    assert properties == list(RECORD_KEYS)
    assert SCHEMA["required"] == list(RECORD_KEYS)
