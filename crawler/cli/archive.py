"""Commands that report on the archive: ``fanwen stats`` and ``fanwen runs``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from crawler.cli.common import db_option, json_option, open_archive
from crawler.runcounts import counts_text


@click.command()
@db_option
@json_option
def stats(db: Path, as_json: bool) -> None:
    """What is in the archive: articles, sightings, sites, runs.

    \b
    Example:
      fanwen stats --json
    """
    archive = open_archive(db)
    counts = asdict(archive.counts())
    sites = archive.site_counts()
    archive.close()
    if as_json:
        click.echo(json.dumps({**counts, "by_site": sites}, ensure_ascii=False))
        return
    for name, value in counts.items():
        click.echo(f"{name:>10}: {value}")
    for row in sites:
        click.echo(f"  {row['site']}: {row['originals']} originals, {row['copies']} copies")


@click.command()
@db_option
@click.option("--last", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the newest runs.")
@json_option
def runs(db: Path, last: int, as_json: bool) -> None:
    """What each crawl run did, newest first: the numbers of its summary line.

    pages: URLs fetched; copies: new sightings that are not new articles;
    not modified: archived pages that answered 304; skipped: archived pages
    not due for a refetch; failed: pages that could not be fetched.

    \b
    Example:
      fanwen runs --last 3 --json
    """
    archive = open_archive(db)
    rows = archive.runs(last)
    archive.close()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    for row in rows:
        click.echo(
            f"#{row['id']} {row['started_at']} {row['status']:<11} {row['finish_reason'] or '-':<12} "
            f"{counts_text(row)}  {' '.join(row['sites'])}"
        )


COMMANDS = [stats, runs]
