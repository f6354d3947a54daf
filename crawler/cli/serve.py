"""``fanwen serve``: the archive in datasette (extra: ``pip install 'fanwen[serve]'``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from crawler.cli.common import db_option, open_archive


def make_datasette(db: Path) -> Any:
    """A Datasette over ``db`` with fanwen's metadata and SQL functions."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from crawler.archive import datasette_plugin
    from crawler.archive.datasette_metadata import metadata

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="fanwen")
    return Datasette([str(db)], metadata=metadata(db.stem))


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8001, show_default=True)
def serve(db: Path, host: str, port: int) -> None:
    """Browse the archive in datasette: search, copies across sites, runs.

    \b
    Example:
      fanwen serve --db data/archive.sqlite --port 8001
    """
    try:
        import uvicorn
    except ImportError as exc:
        raise click.ClickException("datasette is not installed: pip install 'fanwen[serve]'") from exc
    open_archive(db).close()  # migrations (the search index) before datasette reads
    try:
        ds = make_datasette(db)
    except ImportError as exc:
        raise click.ClickException("datasette is not installed: pip install 'fanwen[serve]'") from exc
    click.echo(f"fanwen archive at http://{host}:{port}/{db.stem}", err=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")


COMMANDS = [serve]
