"""``fanwen copies``: which sites share articles, and who had each first."""

from __future__ import annotations

import json
from pathlib import Path

import click

from crawler.cli.common import db_option, json_option, open_archive


@click.command()
@click.option("--site", metavar="SITE", help="Only pairs that include this site (host name).")
@db_option
@json_option
def copies(site: str | None, db: Path, as_json: bool) -> None:
    """The cross-site copy graph: site pairs sharing articles, who had each first.

    "First" is the site of the article's original sighting, decided by
    evidence: earliest date shown on the page, then the site the copies cite
    as 来源, then the most complete text (`fanwen show` names the rule).
    With --json, one object per site pair.

    \b
    Example:
      fanwen copies --site www.example.com
      fanwen copies --json
    """
    from crawler.archive.provenance import copy_graph, known_site

    archive = open_archive(db)
    try:
        if site is not None and not known_site(archive.db, site):
            raise click.ClickException(f"no sightings of site {site!r} in {db}")
        rows = copy_graph(archive.db, site)
    finally:
        archive.close()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo("no article is shared between sites")
        return
    for row in rows:
        click.echo(
            f"{row['site_a']} <> {row['site_b']}: {row['shared']} shared "
            f"({row['site_a']} first {row['a_first']}, {row['site_b']} first {row['b_first']}"
            + (f", elsewhere first {row['other_first']}" if row["other_first"] else "")
            + ")"
        )


COMMANDS = [copies]
