"""Stand-in for the archive seam until ``crawler.archive.writer`` lands on main.

TODO(seam): delete this module once ``ArchiveWriter`` and ``ArticleRecord`` exist;
``writer_class`` and ``record_from_dict`` then import them directly.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from scrapy.settings import BaseSettings


def writer_class() -> Any:
    try:
        from crawler.archive.writer import ArchiveWriter  # type: ignore[import-not-found]
    except ImportError:
        return LegacyArchiveWriter
    return ArchiveWriter


def record_from_dict(data: dict[str, Any]) -> Any:
    from crawler import items

    record_cls = getattr(items, "ArticleRecord", None)
    if record_cls is not None:
        return record_cls.from_dict(data)
    return items.ArticlePage(**data)


class LegacyArchiveWriter:
    """The seam's writer API over today's session and dedupe/store pipelines."""

    def __init__(self, path: Any, settings: BaseSettings | None = None, stats: Any = None) -> None:
        from crawler.archive.session import session_for
        from crawler.runner import project_settings
        from pipelines.dedupe import DedupePipeline
        from pipelines.store import StorePipeline

        merged = project_settings() if settings is None else settings.copy()
        merged.set("ARCHIVE_PATH", str(path), priority="cmdline")
        self.crawler = SimpleNamespace(settings=merged, stats=stats)
        self.stats = stats
        self.session = session_for(self.crawler)  # type: ignore[arg-type]
        self.dedupe = DedupePipeline.from_crawler(self.crawler)  # type: ignore[arg-type]
        self.storer = StorePipeline.from_crawler(self.crawler)  # type: ignore[arg-type]

    def open_run(self, args: dict[str, Any], sites: list[str]) -> int:
        return self.session.start_run(args, sites)

    def apply(self, fact: dict[str, Any]) -> None:
        self.session.add_page({k: v for k, v in fact.items() if k != "event"})

    def store(self, record: Any) -> str:
        unchanged = self.stats.get_value("store/unchanged", 0)
        self.storer.process_item(self.dedupe.process_item(record))
        return "unchanged" if self.stats.get_value("store/unchanged", 0) > unchanged else "stored"

    def flush(self) -> None:
        with self.session.archive.transaction():
            self.session.flush_pages()

    def close_run(self, status: str, reason: str, stats: dict[str, Any]) -> None:
        import json

        self.flush()
        if self.session.run_id is not None:
            self.session.archive.finish_run(self.session.run_id, status, reason,
                                            json.loads(json.dumps(stats, default=str)))

    def close(self) -> None:
        self.session.archive.close()
