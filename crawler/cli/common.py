"""What every fanwen command shares: the --db/--json options, archive opening,
NAME=VALUE parsing, and the exit codes.

Exit codes: 0 ok; 1 user error (one line on stderr); 2 usage error (click);
3 the crawl failed or closed abnormally; 4 another crawl holds the archive;
5 the archive cannot be written (crawl, reindex).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

DEFAULT_DB = "data/archive.sqlite"
EXIT_CRAWL_FAILED = 3
EXIT_LOCKED = 4
EXIT_READ_ONLY = 5

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=lambda: os.environ.get("FANWEN_DB", DEFAULT_DB),
    show_default=f"$FANWEN_DB or {DEFAULT_DB}",
    help="Archive file (SQLite).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def parse_setting(values: tuple[str, ...]) -> dict[str, str]:
    settings = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {value!r}", param_hint="-s")
        settings[name.strip()] = setting
    return settings


class ArchiveReadOnly(click.ClickException):
    """A command that must write the archive cannot: exit 5, before any work."""

    exit_code = EXIT_READ_ONLY


def open_archive(db: Path, must_exist: bool = True, write: bool = False) -> Any:
    """The archive at ``db``, or a one-line ClickException saying why not.

    Read commands (``write`` False) open it read-only: they work on a
    read-only file or directory and never create or change a file.
    """
    from crawler.archive.db import Archive, ArchiveError

    if must_exist and not db.exists():
        raise click.ClickException(f"no archive at {db} (run `fanwen crawl` or `fanwen demo` first)")
    if write:
        require_writable(db)
    try:
        return Archive(db, read_only=not write)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from exc


def require_writable(db: Path) -> None:
    """Exit 5 with one line when the archive (or its directory) cannot be written."""
    from crawler.archive.access import write_problem

    problem = write_problem(db)
    if problem:
        raise ArchiveReadOnly(problem)


log_level_option = click.option(
    "--log-level", default="WARNING", show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
)


def lock_or_exit(db: Path) -> None:
    """Take the archive's crawl lock, or say who holds it in one line and exit 2."""
    from crawler.archive import lock

    try:
        lock.acquire(db)
    except lock.ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
