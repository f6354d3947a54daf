"""The distributed crawl's roles: ``fanwen seed``, ``worker``, ``ingest`` (docs/scaling.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import (
    EXIT_CRAWL_FAILED,
    db_option,
    json_option,
    log_level_option,
    parse_setting,
)

redis_option = click.option(
    "--redis", "redis_url", required=True, metavar="URL",
    help="The crawl's Redis, e.g. redis://host:6379/0.")
prefix_option = click.option(
    "--prefix", default="fanwen", show_default=True,
    help="Key prefix of the crawl in Redis (setting FANWEN_REDIS_PREFIX).")


def connect(redis_url: str) -> Any:
    """A client of ``redis_url``, or a one-line error when it cannot be reached."""
    import redis

    try:
        server = redis.Redis.from_url(redis_url)
        server.ping()
    except (ValueError, redis.RedisError) as exc:
        raise click.ClickException(f"cannot use Redis at {redis_url}: {exc}") from exc
    return server


@click.command()
@click.argument("urls", nargs=-1, required=True)
@redis_option
@prefix_option
def seed(urls: tuple[str, ...], redis_url: str, prefix: str) -> None:
    """Put start URLs into the shared frontier of a distributed crawl.

    With nothing pending in Redis this starts a new crawl (its dupefilter and
    per-host counters are reset); otherwise the URLs join the running one.

    \b
    Example:
      fanwen seed https://www.example.com/ --redis redis://127.0.0.1:6379/0
    """
    from crawler.distributed.keys import RedisKeys
    from crawler.distributed.roles import seed as queue_seeds
    from crawler.spiders.template import parse_start_urls

    try:
        start_urls = parse_start_urls(list(urls))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="URLS") from exc
    queued = queue_seeds(connect(redis_url), RedisKeys(prefix), start_urls)
    click.echo(f"seeded {queued} of {len(start_urls)} start URLs (the others were already queued)",
               err=True)


@click.command()
@redis_option
@prefix_option
@click.option("--idle", type=click.FloatRange(min=0), default=None,
              help="Exit after this many seconds with no work anywhere in the crawl "
                   "(setting FANWEN_WORKER_IDLE_SECONDS).")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting, as with `scrapy crawl -s`; repeatable.")
@log_level_option
@json_option
def worker(redis_url: str, prefix: str, idle: float | None, settings: tuple[str, ...],
           log_level: str, as_json: bool) -> None:
    """Fetch, extract and clean pages of a distributed crawl; items to Redis.

    Needs no archive: the ingest (`fanwen ingest`) stores what workers find.
    Exit status: 0 ok, 3 the worker failed.

    \b
    Example:
      fanwen worker --redis redis://10.0.0.5:6379/0 -s CONCURRENT_REQUESTS=32
    """
    from crawler.distributed.roles import worker_settings
    from crawler.distributed.spider import RedisTemplateSpider
    from crawler.runner import project_settings, run_crawl

    connect(redis_url).close()
    overrides: dict[str, Any] = {"LOG_LEVEL": log_level.upper(), "FANWEN_REDIS_PREFIX": prefix}
    if idle is not None:
        overrides["FANWEN_WORKER_IDLE_SECONDS"] = idle
    overrides.update(parse_setting(settings))
    result = run_crawl([], worker_settings(project_settings(overrides), redis_url),
                       spider_cls=RedisTemplateSpider)
    pages = result.stat("response_received_count")
    if as_json:
        click.echo(json.dumps({"finish_reason": result.finish_reason, "pages": pages,
                               "items": result.stat("item_scraped_count"),
                               "error": result.error}))
    else:
        click.echo(f"worker {result.finish_reason}: {pages} pages, "
                   f"{result.stat('item_scraped_count')} items to Redis", err=True)
    if result.error or result.finish_reason != "finished":
        if result.error:
            click.echo(f"Error: the worker failed: {result.error}", err=True)
        sys.exit(EXIT_CRAWL_FAILED)


@click.command()
@redis_option
@db_option
@prefix_option
@click.option("--follow", is_flag=True,
              help="Keep ingesting when the crawl is empty (for workers started later); Ctrl-C ends.")
@click.option("--idle", type=click.FloatRange(min=0), default=2.0, show_default=True,
              help="Seconds the crawl must stay empty (frontier, leases, stream) before exiting.")
@click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="Setting of the archive writer (DEDUPE_*, STORE_*, ARCHIVE_*); repeatable.")
@log_level_option
@json_option
def ingest(redis_url: str, db: Path, prefix: str, follow: bool, idle: float,
           settings: tuple[str, ...], log_level: str, as_json: bool) -> None:
    """Store what the workers of a distributed crawl found: the one archive writer.

    Reads the crawl's Redis stream (a consumer group: a restarted ingest
    takes up what a killed one had not committed), dedupes and stores into
    the archive, and publishes what workers need to know of it. Exits when
    frontier, leases and stream are all empty, with the summary of a crawl.
    Exit status as `fanwen crawl`.

    \b
    Example:
      fanwen ingest --redis redis://10.0.0.5:6379/0 --db data/archive.sqlite
    """
    from crawler.distributed.keys import RedisKeys

    overrides = {"ARCHIVE_PATH": str(db), "LOG_LEVEL": log_level.upper(),
                 "FANWEN_REDIS_PREFIX": prefix, **parse_setting(settings)}
    ingest_and_report(connect(redis_url), RedisKeys(prefix), db, overrides, as_json,
                      follow=follow, idle=idle)


def ingest_and_report(server: Any, keys: Any, db: Path, overrides: dict[str, Any], as_json: bool,
                      follow: bool = False, idle: float = 2.0,
                      others_done: Any = lambda: True, extra_failure: Any = lambda: None) -> None:
    """Lock the archive, ingest, print the summary line of a crawl, exit as a crawl does."""
    import time

    from scrapy.utils.log import configure_logging

    from crawler.archive import lock
    from crawler.cli.common import lock_or_exit, open_archive, require_writable
    from crawler.cli.summary import print_summary
    from crawler.distributed.run import ingest as run_ingest
    from crawler.runner import project_settings

    settings = project_settings(overrides)
    configure_logging(settings)
    require_writable(db)
    lock_or_exit(db)
    try:
        open_archive(db, must_exist=False, write=True).close()
        started = time.monotonic()
        result = run_ingest(server, keys, db, settings, follow, idle, others_done,
                            progress_printer())
    finally:
        lock.release(db)
    failed = extra_failure()
    if failed:
        result = type(result)(result.finish_reason, result.stats, failed)
    print_summary(result, time.monotonic() - started, db, as_json)


def distributed_crawl(start_urls: list[str], redis_url: str, workers: int,
                      overrides: dict[str, Any], db: Path, log_level: str, as_json: bool) -> None:
    """Seed, start the workers, ingest here until the crawl is done."""
    from crawler.distributed.keys import RedisKeys
    from crawler.distributed.roles import seed as queue_seeds
    from crawler.distributed.run import start_workers, wait_workers

    prefix = str(overrides.get("FANWEN_REDIS_PREFIX", "fanwen"))
    keys = RedisKeys(prefix)
    server = connect(redis_url)
    queue_seeds(server, keys, start_urls)
    worker_overrides = {k: str(v) for k, v in overrides.items()
                        if k not in ("ARCHIVE_PATH", "LOG_LEVEL")}
    # The workers' WARC files go beside the archive, as a local crawl's (docs/warc.md).
    worker_overrides.setdefault("WARC_DIR", str(db.parent / "warc"))
    idle = float(overrides.get("FANWEN_WORKER_IDLE_SECONDS", 5.0))
    processes = start_workers(redis_url, prefix, workers, idle, worker_overrides, log_level)
    codes: list[int] = []

    def others_done() -> bool:
        return all(p.poll() is not None for p in processes)

    def failed_workers() -> str | None:
        codes.extend(wait_workers(processes))
        bad = [code for code in codes if code != 0]
        return f"{len(bad)} of {len(codes)} workers failed (exit {bad})" if bad else None

    try:
        ingest_and_report(server, keys, db, overrides, as_json, others_done=others_done,
                          extra_failure=failed_workers)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
            process.wait()


def progress_printer() -> Any:
    """A live line on a terminal (entries, articles); silent for cron."""
    import time

    if not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(ingest: Any) -> None:
        now = time.monotonic()
        if now - last[0] >= 1.0:
            last[0] = now
            counts = ingest.counts
            click.echo(f"\ringest: {counts['ingest/entries']} entries, "
                       f"{len(ingest.page_urls)} pages, {counts['ingest/new']} new articles",
                       err=True, nl=False)

    return show


COMMANDS = [seed, worker, ingest]
