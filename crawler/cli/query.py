"""Commands that read the archive: ``search``, ``show``, ``export``, ``reindex``.

Thin on purpose: the work is in :mod:`crawler.archive.query`,
:mod:`crawler.archive.export` and :mod:`crawler.archive.fts`; this module
maps options onto those calls and library errors onto one-line exits.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import db_option, json_option, open_archive
from crawler.extraction.hygiene import printable

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def filter_options(fn: Any) -> Any:
    """--site/--category/--since/--until, shared by search and export."""
    for option in reversed([
        click.option("--site", help="Only articles first archived from this site."),
        click.option("--category", help="Only articles with this category (any level)."),
        click.option("--since", type=DATE, help="Published on or after YYYY-MM-DD."),
        click.option("--until", type=DATE, help="Published on or before YYYY-MM-DD."),
    ]):
        fn = option(fn)
    return fn


def _filters(site: str | None, category: str | None, since: datetime | None,
             until: datetime | None, tag: str | None = None) -> Any:
    from crawler.archive.filters import Filters

    return Filters(site=site, category=category, tag=tag, since=_day(since), until=_day(until))


@click.command()
@click.argument("query")
@db_option
@filter_options
@click.option("--tag", help="Only articles with this tag.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
def search(query: str, db: Path, site: str | None, category: str | None,
           since: datetime | None, until: datetime | None, tag: str | None,
           limit: int, as_json: bool) -> None:
    """Full-text search, Chinese of any length: terms, "phrases", AND, OR, NOT.

    Every term matches as a substring (case-insensitive); a space means AND.

    \b
    Example:
      fanwen search 安全               # one or two characters work too
      fanwen search '"工作总结" OR 心得 NOT 小学' --since 2024-01-01 --json
    """
    from crawler.archive.query import count_matches
    from crawler.archive.query import search as run_search
    from crawler.archive.searchquery import QueryError

    archive = open_archive(db)
    tty = sys.stdout.isatty() and not as_json
    marks = ("\x1b[1;31m", "\x1b[0m") if tty else ("[", "]")
    filters = _filters(site, category, since, until, tag)
    try:
        _check_site(archive.db, site)
        hits = run_search(archive.db, query, filters, limit, marks)
        total = count_matches(archive.db, query, filters) if len(hits) >= limit else len(hits)
    except QueryError as exc:
        raise click.ClickException(f"bad query: {exc}") from exc
    finally:
        archive.close()
    _print_hits(hits, as_json, marks)
    if total > len(hits) and not as_json:
        click.echo(f"showing {len(hits)} of {total} (--limit {total} for all)", err=True)


def _check_site(db: Any, site: str | None) -> None:
    """An unknown or mirror-only --site is a mistake to name, not an empty result."""
    from crawler.archive.query import site_problem

    problem = site_problem(db, site) if site else None
    if problem:
        raise click.ClickException(problem)


def _print_hits(hits: list[Any], as_json: bool, marks: tuple[str, str]) -> None:
    for hit in hits:
        if as_json:
            click.echo(json.dumps(hit.as_dict(), ensure_ascii=False))
        else:
            echo(f"#{hit.id}  {hit.title}  [{hit.site}] {hit.published_at or ''}")
            click.echo(printable(f"    {hit.snippet}", keep=marks))


@click.command()
@click.argument("id_or_url")
@db_option
@json_option
def show(id_or_url: str, db: Path, as_json: bool) -> None:
    """One article: text, metadata and every place it was seen.

    \b
    Example:
      fanwen show 42
      fanwen show http://www.example.com/a/123.html --json
    """
    from crawler.archive.query import article_detail, resolve

    archive = open_archive(db)
    try:
        article_id = resolve(archive.db, id_or_url)
        record = article_detail(archive.db, article_id) if article_id else None
    finally:
        archive.close()
    if record is None:
        raise click.ClickException(f"no article {id_or_url!r} in the archive")
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    _print_article(record)


def echo(line: str) -> None:
    """Print through ``printable``: a control character in an old archive stays inert."""
    click.echo(printable(line))


def _print_article(record: dict[str, Any]) -> None:
    echo(f"#{record['id']} {record['title']}")
    for name in ("url", "site", "published_at", "origin", "author", "chars",
                 "first_seen", "last_seen"):
        echo(f"  {name:>12}: {record[name] if record[name] is not None else '-'}")
    echo(f"  {'category':>12}: {' > '.join(record['category'])}")
    echo(f"  {'tags':>12}: {', '.join(record['tags'])}")
    echo(f"  {'original':>12}: decided by {record['decided_by'] or '-'}"
          f" ({record['decided_by_rule'] or '-'})")
    if record["text_from"] and record["text_from"] != record["url"]:
        echo(f"  {'text from':>12}: {record['text_from']} (the original's text is "
             "incomplete; this copy's is the most complete)")
    echo(f"  sightings ({len(record['sightings'])}):")
    for s in record["sightings"]:
        sim = f" {s['similarity']:.2f}" if s["similarity"] is not None else ""
        echo(f"    {s['match']}{sim}  {s['url']}  dated: {s['published_at'] or '-'}  "
              f"origin: {s['origin'] or '-'}  seen {s['first_seen']} .. {s['last_seen']}")
    click.echo("")
    echo(record["text"] or "")


@click.command()
@db_option
@click.option("-o", "--output", default="-", show_default=True,
              help="File to write (.gz compresses), or - for stdout.")
@filter_options
@click.option("--run", "run_id", type=int, help="Only articles first archived by this run.")
@click.option("--new-since-run", type=int, help="Only articles first archived after this run.")
@click.option("--with-sightings", is_flag=True, help="Add every sighting to each record.")
@click.option("--warc", "with_warc", is_flag=True,
              help="Add every sighting with its WARC record (file, offset, length); docs/warc.md.")
def export(db: Path, output: str, site: str | None, category: str | None,
           since: datetime | None, until: datetime | None, run_id: int | None,
           new_since_run: int | None, with_sightings: bool, with_warc: bool) -> None:
    """Articles as JSON lines (UTF-8), one per line; schema: docs/export-schema.json.

    A file is written under a temporary name and renamed when complete, so an
    interrupted export never leaves a partial file; a symlink's target is
    replaced that way, a device or FIFO (/dev/stdout) is written directly.

    \b
    Example:
      fanwen export | jq .title
      fanwen export -o articles.jsonl.gz --new-since-run 12 --with-sightings
    """
    from crawler.archive.export import ExportError, ExportSpec

    if not output.strip():
        raise click.ClickException("-o needs a file name, or - for stdout")
    spec = ExportSpec(_filters(site, category, since, until), run_id, new_since_run,
                      with_sightings, with_warc)
    archive = open_archive(db)
    try:
        _check_site(archive.db, site)
        count = _export(archive.db, spec, output)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        archive.close()
    if output != "-":
        click.echo(f"exported {count} articles to {output}", err=True)


def _progress(count: int) -> None:
    click.echo(f"\rexported {count} articles", err=True, nl=False)


def _export(db: Any, spec: Any, output: str) -> int:
    from crawler.archive.export import check_runs, export_to_file, write_export

    progress = _progress if sys.stderr.isatty() else None
    if output != "-":
        count = export_to_file(db, spec, Path(output), progress)
    else:
        check_runs(db, spec)
        out = sys.stdout.buffer  # click.get_binary_stream is deprecated (Click 9 drops it)
        try:
            count = write_export(db, spec, out, progress)
            out.flush()
        except BrokenPipeError:  # `fanwen export | head`: the reader has had enough
            sys.stderr.close()
            return 0
    if progress:
        click.echo("", err=True)
    return count


@click.command()
@db_option
def reindex(db: Path) -> None:
    """Rebuild the full-text index from the articles (safe to interrupt).

    Needs write access (exit 5 without) and no crawl running on the archive
    (exit 4 while one is).

    \b
    Example:
      fanwen reindex --db data/archive.sqlite
    """
    import sqlite3

    from crawler.archive import lock
    from crawler.archive.fts import reindex as rebuild
    from crawler.cli.common import lock_or_exit, require_writable

    if not db.exists():
        raise click.ClickException(f"no archive at {db}")
    require_writable(db)
    lock_or_exit(db)  # a crawl writes the index as it goes: never both at once
    try:
        archive = open_archive(db, write=True)
        progress = _progress_indexed if sys.stderr.isatty() else None
        try:
            count = rebuild(archive.db, progress)
        except sqlite3.OperationalError as exc:
            raise click.ClickException(f"cannot reindex {db}: {exc}") from exc
        finally:
            archive.close()
    finally:
        lock.release(db)
    click.echo(f"{'' if progress is None else chr(10)}indexed {count} articles", err=True)


def _progress_indexed(count: int) -> None:
    if count % 10_000 < 500:
        click.echo(f"\rindexed {count} articles", err=True, nl=False)


COMMANDS = [search, show, export, reindex]
