"""How a crawl went, in words: what made it fail, and what went wrong without failing it.

A run fails (exit 3, run status ``failed``) when it could not do its job:
it closed abnormally or a component logged an error (a bug, a broken
archive). Flaky pages, a retried 503, a robots.txt that failed or a trap
cut off are the normal weather of content farms: they are reported in the
summary line, not turned into a failure that cron mails every night.
"""

from __future__ import annotations

from typing import Any

# Finish reasons that mean the run did its whole job.
CLEAN_REASONS = frozenset({"finished", "closespider_pagecount", "closespider_itemcount"})
# (stat, what it means) for what the summary reports without failing the run.
NOTES = (
    ("retry/max_reached", "requests gave up after retries"),
    ("crawl/page_errors", "pages could not be fetched"),
    ("httperror/response_ignored_count", "error answers (4xx/5xx)"),
    ("robotstxt/site_disallowed", "sites skipped: robots.txt failed (5xx/unreachable)"),
    ("trap/patterns_exhausted", "URL patterns cut off as traps"),
    ("crawl/bad_links", "malformed links skipped"),
)


def _count(stats: dict[str, Any], key: str) -> int:
    return int(stats.get(key, 0) or 0)


def failures(stats: dict[str, Any]) -> list[str]:
    """Why the run failed; empty when it did its job."""
    out = []
    reason = str(stats.get("finish_reason", "unknown"))
    if reason not in CLEAN_REASONS:
        out.append(f"closed: {reason}")
    if errors := _count(stats, "log_count/ERROR"):
        out.append(f"{errors} errors logged")
    return out


def notes(stats: dict[str, Any]) -> list[str]:
    """What went wrong without failing the run, as "N what" phrases."""
    out = [f"{n} {what}" for key, what in NOTES if (n := _count(stats, key))]
    junk = sum(_count(stats, key) for key in stats if key.startswith("junk/"))
    if junk:
        out.append(f"{junk} junk pages not archived")
    return out
