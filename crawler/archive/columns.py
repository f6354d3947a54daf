"""The article's fields as the archive stores them: listed once, used everywhere.

Each field of :class:`crawler.extraction.metadata.Article` that the archive
keeps is one :class:`MetaColumn`. The schema adds its columns, the writer
fills the page's sighting from it, the copy group's decision copies it from
the original's sighting to the article, and export writes it: adding a field
to the archive and its export is the ``Article`` field, its extractor, one line
here and its line in ``docs/export-schema.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MetaColumn:
    name: str  # the Article attribute and the ``articles`` column
    sighting: str  # the ``sightings`` column holding what that page said
    is_list: bool = False  # stored as a JSON array
    exported: bool = True  # a key of the export record (docs/export-schema.json)
    versioned: bool = True  # kept in ``article_versions`` when replaced

    def stored(self, value: Any) -> Any:
        """The column value of an Article attribute value."""
        if self.is_list:
            return json.dumps(list(value or []), ensure_ascii=False)
        return value

    def export_sql(self, alias: str = "a") -> str:
        """The ``json_object`` argument pair of this column (export order)."""
        column = f"{alias}.{self.name}"
        value = f"json(coalesce({column}, '[]'))" if self.is_list else column
        return f"'{self.name}', {value}"


# Export order: after id, url, canonical_url, site; before text and paragraphs.
META_COLUMNS: tuple[MetaColumn, ...] = (
    MetaColumn("title", "seen_title"),
    MetaColumn("category", "category", is_list=True, versioned=False),
    MetaColumn("breadcrumb", "breadcrumb", is_list=True, exported=False, versioned=False),
    MetaColumn("tags", "tags", is_list=True, versioned=False),
    MetaColumn("published_at", "published_at"),
    MetaColumn("origin", "origin"),
    MetaColumn("author", "author"),
)
EXPORTED_META = tuple(column for column in META_COLUMNS if column.exported)


def sighting_meta(article: Any) -> dict[str, Any]:
    """The sighting columns of what one page said (``article`` is an ``Article``)."""
    return {c.sighting: c.stored(getattr(article, c.name)) for c in META_COLUMNS}


def missing_columns(have: set[str], table: str) -> list[str]:
    """Meta columns a table of an older archive lacks (added by the schema)."""
    names = [c.sighting if table == "sightings" else c.name for c in META_COLUMNS
             if table != "article_versions" or c.versioned]
    return [name for name in names if name not in have]
