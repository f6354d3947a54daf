"""Commands over the raw capture: ``fanwen reextract`` and ``fanwen warc``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import sqlite_utils

from crawler.cli.common import (
    db_option,
    json_option,
    lock_or_exit,
    open_archive,
    parse_setting,
    require_writable,
)


@click.command()
@db_option
@click.option("--since", "since", type=click.IntRange(min=1), metavar="RUN",
              help="Only the captures of this run and later, replayed in place (no split).")
@click.option("--site", "sites", multiple=True, metavar="HOST",
              help="Only this site's start URLs, replayed in place; repeatable.")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting for the replay, as with `fanwen crawl -s`; repeatable.")
@json_option
def reextract(db: Path, since: int | None, sites: tuple[str, ...], settings: tuple[str, ...],
              as_json: bool) -> None:
    """Run today's extraction, cleaning and dedupe again over the stored responses
    (the WARC files), without any network; print what changed.

    Without --since/--site the archive is rebuilt from the replay and swapped in
    atomically (runs, pages and old versions kept): it then equals what a fresh
    crawl with today's code would build. docs/warc.md.

    \b
    Example:
      fanwen reextract --db data/archive.sqlite
      fanwen reextract --since 12 --site www.example.com
    """
    from crawler.archive import lock
    from crawler.archive.rebuild import report_line
    from crawler.warc.reextract import Reextract

    require_writable(db)
    open_archive(db, write=True).close()  # exists, migrated (pages have their WARC columns)
    job = Reextract(db, since, list(sites), {"LOG_LEVEL": "WARNING", **parse_setting(settings)})
    if not job.warc_dir.is_dir():
        raise click.ClickException(f"no WARC files at {job.warc_dir} (WARC_DIR): nothing to replay")
    lock_or_exit(db)
    try:
        click.echo(f"replaying the captures in {job.warc_dir} "
                   f"({'rebuild' if job.rebuilds else 'in place'}) ...", err=True)
        result, found, seconds = job.run()
    except (ValueError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        lock.release(db)
    pages = result.stat("replay/responses")
    summary = {**found, "pages": pages, "not_captured": result.stat("replay/not_captured"),
               "seconds": round(seconds, 1), "pages_per_second": round(pages / max(seconds, 1e-9), 1)}
    if as_json:
        click.echo(json.dumps(summary))
        return
    line = report_line(found) if job.rebuilds else (
        "{texts_changed} texts changed, {articles_added} articles added, "
        "{articles_merged} merged".format(**found))
    click.echo(f"reextracted {pages} pages in {summary['seconds']}s "
               f"({summary['pages_per_second']}/s): {line}"
               + (f"; {summary['not_captured']} linked pages were never captured (a crawl would "
                  "fetch them)" if summary["not_captured"] else ""))


@click.command(name="warc")
@click.argument("target", metavar="URL_OR_ID")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the response to this file instead of stdout.")
def warc(target: str, db: Path, output: Path | None) -> None:
    """Print (or save) the raw captured HTTP response of a page URL or article id:
    status line, headers and body as the server sent them.

    \b
    Example:
      fanwen warc 42 -o article42.http
      fanwen warc http://www.example.com/a/1.html | less
    """
    from crawler.runner import project_settings
    from crawler.warc.capture import warc_dir
    from crawler.warc.files import Location
    from crawler.warc.reader import payload_of, read_at

    archive = open_archive(db)
    try:
        row = _page_row(archive.db, target)
    finally:
        archive.close()
    directory = warc_dir(project_settings({"ARCHIVE_PATH": str(db)}))
    try:
        capture = payload_of(directory, read_at(directory, Location(*row)))
    except (OSError, LookupError, ValueError) as exc:
        raise click.ClickException(f"cannot read the capture of {target}: {exc}") from exc
    blob = capture.http_head + capture.body
    if output is None:
        sys.stdout.buffer.write(blob)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(blob)
        click.echo(f"{len(blob)} bytes of {capture.uri} ({capture.date}) → {output}", err=True)


def _page_row(db: sqlite_utils.Database, target: str) -> tuple[str, int, int]:
    from crawler.links import canonical_url

    sql = "SELECT warc_file, warc_offset, warc_length FROM pages WHERE {} AND warc_file IS NOT NULL"
    if target.isdigit():
        found = db.execute(sql.format("url = (SELECT url FROM articles WHERE id = ?)"),
                           [int(target)]).fetchone()
    else:
        found = db.execute(sql.format("(url = ? OR requested_url = ?)"),
                           [canonical_url(target), target]).fetchone()
    if found is None:
        raise click.ClickException(f"no captured page for {target} (not in the archive, or "
                                   "fetched with WARC_ENABLED off)")
    return found[0], int(found[1]), int(found[2])


COMMANDS = [reextract, warc]
