"""Commands that crawl: ``fanwen crawl`` and ``fanwen demo``.

Both print nothing while they run but warnings (and, on a terminal, a live
progress line), then one summary line: what cron should mail.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import (
    db_option,
    json_option,
    lock_or_exit,
    log_level_option,
    open_archive,
    parse_setting,
    require_writable,
)
from crawler.cli.summary import print_summary
from crawler.demo.planner import MIN_ARTICLES


@click.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@click.option("--max-pages", type=click.IntRange(min=1), help="Page cap per site.")
@click.option("--profile", help="Force a site profile (see crawler/extraction/profiles/).")
@click.option("--full", is_flag=True, help="Refetch every known article page (no incremental skip).")
@click.option("--emit-archived", is_flag=True,
              help="Items for archived pages skipped as not due too (for a feed: -s FEEDS=...); "
                   "setting ARCHIVE_EMIT_SKIPPED.")
@click.option("--resume", is_flag=True,
              help="Keep the crawl frontier in data/jobs/<name> (Scrapy JOBDIR) to continue after a stop.")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, as with `scrapy crawl -s`; repeatable.")
@click.option("--redis", "redis_url", metavar="URL",
              help="Crawl distributed over Redis: seed, --workers worker processes and the "
                   "ingest on this machine (docs/scaling.md).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="With --redis: worker processes to start.")
@log_level_option
@json_option
def crawl(urls: tuple[str, ...], db: Path, max_pages: int | None, profile: str | None,
          full: bool, emit_archived: bool, resume: bool, settings: tuple[str, ...],
          redis_url: str | None, workers: int, log_level: str, as_json: bool) -> None:
    """Crawl the sites at URLS into the archive (incremental by default).

    Exit status: 0 ok, 1 user error, 2 usage error, 3 the crawl failed or
    closed abnormally, 4 another crawl holds the archive, 5 the archive
    cannot be written (read-only file or directory).

    \b
    Example:
      fanwen crawl https://www.example.com/ --db data/archive.sqlite -s DOWNLOAD_DELAY=1
    """
    from crawler.spiders.template import parse_start_urls

    try:
        start_urls = parse_start_urls(list(urls))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="URLS") from exc
    overrides: dict[str, Any] = {"ARCHIVE_PATH": str(db), "LOG_LEVEL": log_level.upper()}
    if max_pages:
        overrides["CRAWL_MAX_PAGES_PER_SITE"] = max_pages
    if full:
        overrides["ARCHIVE_INCREMENTAL"] = False
    if emit_archived:
        overrides["ARCHIVE_EMIT_SKIPPED"] = True
    if resume:
        overrides["JOBDIR"] = str(job_dir(db, start_urls))
    overrides.update(parse_setting(settings))
    if redis_url:
        if profile or resume:
            raise click.UsageError("--profile and --resume are for a local crawl (a distributed "
                                   "crawl keeps its frontier in Redis)")
        if emit_archived:
            raise click.UsageError("--emit-archived is for a local crawl (workers have no "
                                   "archived records; `fanwen export` gives them)")
        from crawler.cli.distributed import distributed_crawl

        distributed_crawl(start_urls, redis_url, workers, overrides, db, log_level, as_json)
        return
    crawl_and_report(start_urls, overrides, db, profile, as_json)


def job_dir(db: Path, start_urls: list[str]) -> Path:
    """``data/jobs/<name>`` beside the archive, one per set of start URLs."""
    name = hashlib.sha1(" ".join(sorted(start_urls)).encode()).hexdigest()[:12]
    return db.parent / "jobs" / name


def crawl_and_report(start_urls: list[str], overrides: dict[str, Any], db: Path,
                     profile: str | None, as_json: bool) -> dict[str, Any]:
    """Lock the archive, crawl, print the one-line summary, exit non-zero on failure."""
    from crawler.archive import lock
    from crawler.extraction.profiles import get_profile
    from crawler.runner import project_settings, run_crawl

    if profile:
        try:
            get_profile(profile)
        except KeyError as exc:
            raise click.BadParameter(exc.args[0], param_hint="--profile") from exc
    require_writable(db)  # exit 5 in one line, before a lock file or a request
    lock_or_exit(db)  # first: a concurrent run may be creating the schema this instant
    try:
        open_archive(db, must_exist=False, write=True).close()  # fail early, in one line, on a bad archive
        started = time.monotonic()
        result = run_crawl(start_urls, project_settings(overrides), profile)
    finally:
        lock.release(db)
    return print_summary(result, time.monotonic() - started, db, as_json)


@click.command()
@db_option
@click.option("--articles", type=click.IntRange(min=MIN_ARTICLES), default=240, show_default=True,
              help=f"Size of the generated demo site (at least {MIN_ARTICLES}).")
@click.option("--seed", type=int, default=2026, show_default=True)
@click.option("--serve", is_flag=True,
              help="Only serve the demo sites (until Ctrl-C), for `scrapy crawl` or a browser proxy.")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="With --serve: the loopback port (0 picks a free one).")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, as with `fanwen crawl -s`; repeatable.")
@log_level_option
@json_option
def demo(db: Path, articles: int, seed: int, serve: bool, port: int, settings: tuple[str, ...],
         log_level: str, as_json: bool) -> None:
    """Serve the bundled demo template sites on loopback and crawl them.

    The server is an HTTP proxy answering for the demo's made-up host names.
    With --serve it only serves, and prints the `scrapy crawl` command that
    crawls the demo through it (Scrapy setting DEMO_PROXY).

    \b
    Example:
      fanwen demo --db /tmp/demo.sqlite
      fanwen demo --db /tmp/demo.sqlite -s WARC_ENABLED=False
      fanwen demo --serve --port 8000      # then the printed `scrapy crawl ...`
    """
    from crawler.demo.server import DemoServer
    from crawler.demo.site import build_demo

    site = build_demo(seed=seed, articles=articles)
    if serve:
        serve_demo(DemoServer(site, port=port), site)
        return
    with DemoServer(site) as server:
        overrides = demo_settings(server.proxy_url)
        overrides.update({"ARCHIVE_PATH": str(db), "LOG_LEVEL": log_level.upper(),
                          **parse_setting(settings)})
        crawl_and_report(demo_start_urls(site), overrides, db, None, as_json)
    if not as_json:
        archive = open_archive(db)
        counts = archive.counts()
        archive.close()
        click.echo(
            f"archive: {counts.articles} articles ({len(site.manifest['articles'])} in the demo "
            f"manifest), {counts.copies} copies, {counts.pages} pages, {counts.sites} sites "
            "(`fanwen stats`)"
        )


def serve_demo(server: Any, site: Any) -> None:
    """Serve until Ctrl-C, saying how to crawl the demo with plain Scrapy."""
    import threading

    with server:
        click.echo(f"demo sites served by an HTTP proxy at {server.proxy_url} for "
                   f"{', '.join(site.hosts)}; Ctrl-C stops. Crawl them with Scrapy:", err=True)
        click.echo(scrapy_command(site, server.proxy_url), err=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            click.echo("demo server stopped", err=True)


def scrapy_command(site: Any, proxy_url: str) -> str:
    """The plain `scrapy crawl` of the demo (loopback: no politeness delays)."""
    fast = " ".join(f"-s {name}={value}" for name, value in demo_settings(proxy_url).items()
                    if name != "DEMO_PROXY")
    return (f"  scrapy crawl template -a start_urls={','.join(demo_start_urls(site))} "
            f"-s DEMO_PROXY={proxy_url} {fast} -O items.jsonl")


def demo_start_urls(site: Any) -> list[str]:
    """Every demo host, the mobile mirror included: its pages are copies too."""
    return [f"http://{host}/" for host in site.hosts]


def demo_settings(proxy_url: str) -> dict[str, Any]:
    """A loopback server needs no politeness: crawl it as fast as it answers."""
    return {
        "DEMO_PROXY": proxy_url,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    }


COMMANDS = [crawl, demo]
