"""Commands that read the archive: ``fanwen stats``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from crawler.cli.common import db_option, json_option, open_archive


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


COMMANDS = [stats]
