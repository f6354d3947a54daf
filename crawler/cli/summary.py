"""The one summary line (or JSON) a crawl prints, local or distributed."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import EXIT_CRAWL_FAILED
from crawler.runcounts import counts_text, run_counts


def print_summary(result: Any, seconds: float, db: Path, as_json: bool) -> dict[str, Any]:
    """The one summary line (or JSON) of a crawl, local or distributed; exit 3 when it failed."""
    summary = summarise(result, seconds, db)
    if result.error:
        click.echo(f"Error: the crawl failed: {result.error}", err=True)
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
    elif not result.error:
        click.echo("crawl {finish_reason} in {seconds}s: ".format(**summary)
                   + counts_text(summary) + f" → {db}"
                   + "".join(f"; {what}" for what in summary["failures"] + summary["notes"]))
    if not result.ok:
        sys.exit(EXIT_CRAWL_FAILED)
    return summary


def summarise(result: Any, seconds: float, db: Path) -> dict[str, Any]:
    """The run's summary: the numbers `fanwen runs` shows for it (runcounts), why it
    failed (exit 3) and what went wrong without failing it."""
    from crawler.health import failures, notes

    return {
        "finish_reason": result.finish_reason,
        "seconds": round(seconds, 1),
        **run_counts(result.stats),
        "sightings_new": result.stat("store/sightings_new"),
        "error": result.error,
        "failures": failures(result.stats),  # why exit 3; empty when the crawl did its job
        "notes": notes(result.stats),  # what went wrong without failing it (flaky pages, robots…)
        "db": str(db),
    }
