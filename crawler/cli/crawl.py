"""Commands that crawl: ``fanwen crawl`` and ``fanwen demo``.

Both print nothing while they run but warnings (and, on a terminal, a live
progress line), then one summary line: what cron should mail.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import (
    EXIT_CRAWL_FAILED,
    EXIT_LOCKED,
    db_option,
    json_option,
    open_archive,
    parse_setting,
)

log_level_option = click.option(
    "--log-level", default="WARNING", show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
)


@click.command()
@click.argument("urls", nargs=-1, required=True)
@db_option
@click.option("--max-pages", type=click.IntRange(min=1), help="Page cap per site.")
@click.option("--profile", help="Force a site profile (see crawler/profiles/).")
@click.option("--full", is_flag=True, help="Refetch every known article page (no incremental skip).")
@click.option("--resume", is_flag=True,
              help="Keep the crawl frontier in data/jobs/<name> (Scrapy JOBDIR) to continue after a stop.")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, as with `scrapy crawl -s`; repeatable.")
@log_level_option
@json_option
def crawl(urls: tuple[str, ...], db: Path, max_pages: int | None, profile: str | None,
          full: bool, resume: bool, settings: tuple[str, ...], log_level: str,
          as_json: bool) -> None:
    """Crawl the sites at URLS into the archive (incremental by default).

    Exit status: 0 ok, 1 user error, 2 usage error, 3 the crawl failed or
    closed abnormally, 4 another crawl holds the archive.

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
    if resume:
        overrides["JOBDIR"] = str(job_dir(db, start_urls))
    overrides.update(parse_setting(settings))
    crawl_and_report(start_urls, overrides, db, profile, as_json)


def job_dir(db: Path, start_urls: list[str]) -> Path:
    """``data/jobs/<name>`` beside the archive, one per set of start URLs."""
    name = hashlib.sha1(" ".join(sorted(start_urls)).encode()).hexdigest()[:12]
    return db.parent / "jobs" / name


def crawl_and_report(start_urls: list[str], overrides: dict[str, Any], db: Path,
                     profile: str | None, as_json: bool) -> dict[str, Any]:
    """Lock the archive, crawl, print the one-line summary, exit non-zero on failure."""
    from crawler.archive import lock
    from crawler.profiles import get_profile
    from crawler.runner import project_settings, run_crawl

    if profile:
        try:
            get_profile(profile)
        except KeyError as exc:
            raise click.BadParameter(exc.args[0], param_hint="--profile") from exc
    try:
        lock.acquire(db)  # first: a concurrent run may be creating the schema this instant
    except lock.ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    try:
        open_archive(db, must_exist=False).close()  # fail early, in one line, on a bad archive
        started = time.monotonic()
        result = run_crawl(start_urls, project_settings(overrides), profile)
    finally:
        lock.release(db)
    summary = summarise(result, time.monotonic() - started, db)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
    else:
        click.echo(
            "crawl {finish_reason} in {seconds}s: {pages} pages, {articles_new} new articles, "
            "{copies} copies, {not_modified} not modified, {skipped} skipped, "
            "{dropped} dropped, {errors} errors → {db}".format(**summary)
            + "".join(f"; {what}" for what in summary["failed"] + summary["notes"])
        )
    if not result.ok:
        sys.exit(EXIT_CRAWL_FAILED)
    return summary


def summarise(result: Any, seconds: float, db: Path) -> dict[str, Any]:
    from crawler.health import failures, notes

    return {
        "finish_reason": result.finish_reason,
        "seconds": round(seconds, 1),
        "pages": result.stat("response_received_count"),
        "articles_new": result.stat("store/articles_new"),
        "articles_updated": result.stat("store/articles_updated"),
        "sightings_new": result.stat("store/sightings_new"),
        # new sightings that are not new articles: copies, mirrors, other URLs of one text
        "copies": result.stat("store/sightings_new") - result.stat("store/articles_new"),
        "not_modified": result.stat("incremental/not_modified"),
        "skipped": result.stat("incremental/skipped"),
        "dropped": result.stat("item_dropped_count"),
        "errors": result.stat("log_count/ERROR"),
        "failed": failures(result.stats),  # why exit 3; empty when the crawl did its job
        "notes": notes(result.stats),  # what went wrong without failing it (flaky pages, robots…)
        "db": str(db),
    }


@click.command()
@db_option
@click.option("--articles", type=click.IntRange(min=20), default=240, show_default=True,
              help="Size of the generated demo site.")
@click.option("--seed", type=int, default=2026, show_default=True)
@log_level_option
@json_option
def demo(db: Path, articles: int, seed: int, log_level: str, as_json: bool) -> None:
    """Serve the bundled demo template sites on loopback and crawl them.

    \b
    Example:
      fanwen demo --db /tmp/demo.sqlite
    """
    from crawler.demo.server import DemoServer
    from crawler.demo.site import build_demo

    site = build_demo(seed=seed, articles=articles)
    with DemoServer(site) as server:
        overrides = demo_settings(server.proxy_url)
        overrides.update({"ARCHIVE_PATH": str(db), "LOG_LEVEL": log_level.upper()})
        crawl_and_report(demo_start_urls(site), overrides, db, None, as_json)
    if not as_json:
        archive = open_archive(db)
        counts = archive.counts()
        archive.close()
        click.echo(
            f"archive: {counts.articles} articles ({len(site.manifest['articles'])} in the demo "
            f"manifest), {counts.copies} copies recorded as sightings, {counts.sites} sites"
        )


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
