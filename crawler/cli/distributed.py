"""The distributed crawl's roles: ``fanwen seed``, ``worker``, ``ingest`` (docs/scaling.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import EXIT_CRAWL_FAILED, db_option, json_option, parse_setting
from crawler.cli.crawl import log_level_option

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


COMMANDS = [seed, worker]
_ = (Path, db_option)  # used by ingest/crawl below once they land
