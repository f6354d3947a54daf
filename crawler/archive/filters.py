"""Article filters shared by search and export, as SQL over ``articles a``.

Dates filter ``published_at`` (ISO 8601 text, so string order is time
order); an article without a publication date never matches a date bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Filters:
    site: str | None = None
    category: str | None = None  # any level of the category path
    tag: str | None = None
    since: date | None = None  # inclusive
    until: date | None = None  # inclusive: the whole day counts

    def sql(self) -> tuple[list[str], list[Any]]:
        """WHERE clauses (to AND together) and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.site:
            clauses.append("a.site = ?")
            params.append(self.site)
        if self.category:
            clauses.append("EXISTS (SELECT 1 FROM json_each(a.category) WHERE value = ?)")
            params.append(self.category)
        if self.tag:
            clauses.append("EXISTS (SELECT 1 FROM json_each(a.tags) WHERE value = ?)")
            params.append(self.tag)
        if self.since:
            clauses.append("a.published_at >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append("a.published_at < ?")
            params.append((self.until + timedelta(days=1)).isoformat())
        return clauses, params

    def __bool__(self) -> bool:
        return any((self.site, self.category, self.tag, self.since, self.until))
