"""Who copied whom: the cross-site copy graph read from ``sightings``.

Two sites share an article when both have a sighting of it. Each article's
first holder is the site of its ``original`` sighting, chosen by evidence
(earliest date shown, cited origin, most complete text, then URL: see
:mod:`crawler.archive.canonical`), so the answer does not depend on the
order a crawl met the pages in; else the site seen earliest.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

_GRAPH = """
WITH firsts AS (
    SELECT article_id, site AS first_site FROM (
        SELECT article_id, site, row_number() OVER (
            PARTITION BY article_id ORDER BY match = 'original' DESC, first_seen, id
        ) AS rank FROM sightings
    ) WHERE rank = 1
),
article_sites AS (SELECT DISTINCT article_id, site FROM sightings)
SELECT a.site AS site_a, b.site AS site_b, count(*) AS shared,
       sum(f.first_site = a.site) AS a_first, sum(f.first_site = b.site) AS b_first,
       sum(f.first_site NOT IN (a.site, b.site)) AS other_first
FROM article_sites a
JOIN article_sites b ON b.article_id = a.article_id AND a.site < b.site
JOIN firsts f ON f.article_id = a.article_id
WHERE :site IS NULL OR :site IN (a.site, b.site)
GROUP BY a.site, b.site
ORDER BY shared DESC, site_a, site_b
"""


def copy_graph(db: sqlite_utils.Database, site: str | None = None) -> list[dict[str, Any]]:
    """One row per pair of sites sharing articles (only pairs with ``site`` if given):
    how many they share, and how many of those each had first (or a third site)."""
    return [dict(row) for row in db.query(_GRAPH, {"site": site})]


def known_site(db: sqlite_utils.Database, site: str) -> bool:
    return db.execute("SELECT 1 FROM sightings WHERE site = ? LIMIT 1", [site]).fetchone() is not None
