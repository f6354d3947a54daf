"""fanwen export: where it writes (devices, FIFOs, symlinks) and what sightings carry."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from crawler.archive.db import Archive
from crawler.cli.query import export
from tests import archive_rows
from tests.test_cli_query import SCHEMA, db  # noqa: F401  (the shared archive fixture)


def run(*args: object):
    return CliRunner().invoke(export, [str(a) for a in args])


def test_sightings_carry_their_cited_origin_and_gone_at(db: Path) -> None:  # noqa: F811
    archive = Archive(db)
    archive_rows.mark_gone(archive, "http://c.test/copy.html", "2026-02-01T00:00:00Z", 404, None)
    archive.close()
    records = [json.loads(line) for line in run("--db", db, "--with-sightings").output.splitlines()]
    sightings = records[0]["sightings"]
    assert [(s["origin"], s["gone_at"]) for s in sightings] == [
        ("本站原创", None), ("人民网", "2026-02-01T00:00:00Z")]
    for record in records:
        jsonschema.validate(record, SCHEMA)


def test_device_is_written_not_replaced(db: Path) -> None:  # noqa: F811
    result = run("--db", db, "-o", "/dev/full")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: cannot write /dev/full: No space left on device"
    assert Path("/dev/full").is_char_device()
    assert run("--db", db, "-o", "/dev/null").exit_code == 0
    assert Path("/dev/null").is_char_device()


def test_fifo_is_written_in_place(db: Path, tmp_path: Path) -> None:  # noqa: F811
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("--db", db, "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert fifo.is_fifo() and len(got[0].splitlines()) == 2
    assert not list(tmp_path.glob(".pipe.*"))


def test_dev_stdout_stays_a_symlink(db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "out.jsonl"
    with out.open("wb") as target:  # what /dev/stdout is: a link to an open descriptor
        inode = out.stat().st_ino
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{target.fileno()}")
        assert run("--db", db, "-o", link).exit_code == 0
    assert link.is_symlink() and out.stat().st_ino == inode  # written through, not replaced
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_symlink_target_is_replaced_atomically(db: Path, tmp_path: Path) -> None:  # noqa: F811
    real = tmp_path / "exports" / "latest.jsonl"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "articles.jsonl"
    link.symlink_to(real)
    result = run("--db", db, "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real
    assert [json.loads(line)["id"] for line in real.read_text().splitlines()] == [1, 2]
    assert not list(real.parent.glob(".latest.jsonl.*"))


def test_empty_path_is_one_clear_line(db: Path) -> None:  # noqa: F811
    result = run("--db", db, "-o", "")
    assert result.exit_code == 1
    assert result.output == "Error: -o needs a file name, or - for stdout\n"


def test_directory_is_refused(db: Path, tmp_path: Path) -> None:  # noqa: F811
    result = run("--db", db, "-o", tmp_path)
    assert result.exit_code == 1 and "is a directory" in result.output
    assert tmp_path.is_dir()
