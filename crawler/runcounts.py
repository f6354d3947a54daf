"""The headline numbers of a crawl run, computed once from its Scrapy stats.

The summary line of ``fanwen crawl``/``demo``, ``fanwen runs`` (text and
JSON) and the live progress line all show these, so they can never disagree:

* ``pages``: distinct URLs the run fetched and recorded in the ledger
  (``ledger/pages``; what ``fanwen stats`` counts over all runs); runs from
  before that stat existed fall back to Scrapy's responses received;
* ``copies``: new sightings that are not new articles (mirrors, other URLs
  of one text, exact and near copies on other sites): after a first run,
  the archive's sightings other than originals;
* ``not_modified``: article pages that answered 304 to a conditional refetch;
* ``skipped``: archived article pages not requested (not due for refresh);
* ``failed``: pages that could not be fetched (after retries);
* ``errors``: error lines logged (one per unreachable host, not per request).
"""

from __future__ import annotations

from typing import Any

HEADLINE = ("pages", "articles_new", "articles_updated", "copies", "not_modified", "skipped",
            "gone", "dropped", "failed", "errors")


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    """The headline numbers (see the module docstring) of one run's stats."""

    def stat(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    pages = stat("ledger/pages") if "ledger/pages" in stats else stat("response_received_count")
    return {
        "pages": pages,
        "articles_new": stat("store/articles_new"),
        "articles_updated": stat("store/articles_updated"),
        "copies": max(0, stat("store/sightings_new") - stat("store/articles_new")),
        "not_modified": stat("incremental/not_modified"),
        "skipped": stat("incremental/skipped"),
        "gone": stat("incremental/gone"),
        "dropped": stat("item_dropped_count"),
        "failed": stat("crawl/page_errors"),
        "errors": stat("log_count/ERROR"),
    }


def counts_text(counts: dict[str, int]) -> str:
    """``pages 685, new 270, ...``: the same words wherever a run is reported."""
    return (
        "{pages} pages, {articles_new} new articles, {articles_updated} updated, "
        "{copies} copies, {not_modified} not modified, {skipped} skipped, {dropped} dropped, "
        "{failed} failed, {errors} errors".format(**counts)
    )
