"""``fanwen serve``: the archive in datasette (extra: ``pip install 'fanwen[serve]'``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from crawler.cli.common import db_option, open_archive

TEMPLATES = Path(__file__).resolve().parent.parent / "archive" / "templates"
TRUNCATE_CELLS = 120  # characters of a cell in HTML: an article's text must not fill the page


def make_datasette(db: Path) -> Any:
    """A Datasette over ``db`` with fanwen's metadata, templates and SQL functions.

    An archive fanwen cannot write (read-only file or directory) is opened
    immutable: datasette's read-only mode still needs to create ``-shm``.
    """
    from datasette.app import Datasette
    from datasette.plugins import pm

    from crawler.archive import datasette_plugin
    from crawler.archive.access import write_problem
    from crawler.archive.datasette_metadata import metadata

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="fanwen")
    files = {"immutables" if write_problem(db) else "files": [str(db)]}
    return Datasette(**files, metadata=metadata(db.stem), template_dir=str(TEMPLATES),
                     settings={"truncate_cells_html": TRUNCATE_CELLS})


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
    click.echo(f"fanwen archive at http://{host}:{port}/ (search: /{db.stem}/search)", err=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")


COMMANDS = [serve]
