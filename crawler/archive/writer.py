"""The one writer of the archive: runs, the page ledger, articles and their copies.

Everything a crawl puts into the archive passes through :class:`ArchiveWriter`,
in two kinds of message, so that a local crawl, a distributed ingest and a
re-extraction all write the same way:

* a **page fact** (:mod:`crawler.archive.facts`): a URL was fetched, failed,
  answered 304 or is gone. Fetched and failed pages are batched
  (``ARCHIVE_PAGE_BATCH``) and committed with the next article or batch: a
  kill loses at most a batch of ledger rows, never an article or its sighting.
* an **article record** (:class:`crawler.items.ArticleRecord`): the page is
  linked to every copy group it belongs to (same URL or declared canonical,
  same normalised text, or a near duplicate of any text a group ever held),
  joins them (they merge when several), keeps its text and facts on its
  sighting, and the group's original is decided again from the evidence of all
  its pages (:mod:`crawler.archive.canonical`), never from arrival order. One
  transaction; storing the same record twice changes nothing (``unchanged``).

It knows nothing of Scrapy beyond reading settings: the crawl's extension
(:mod:`crawler.extensions.archive`) feeds it from signals and the store
pipeline, and other processes can feed it from a queue.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from scrapy.settings import BaseSettings, Settings

from crawler import __version__
from crawler.archive import groups as grp
from crawler.archive import lock
from crawler.archive.columns import META_COLUMNS, sighting_meta
from crawler.archive.db import Archive
from crawler.archive.fts import index_article
from crawler.archive.values import dumps, plain_text
from crawler.clock import utc_now
from crawler.dedup.fingerprint import content_hash
from crawler.items import ArticleRecord

logger = logging.getLogger(__name__)
STRENGTH = {"url": 0, "exact": 1, "near": 2}  # the provisional label: the strongest link


class ArchiveWriter:
    def __init__(self, path: str | Path, settings: BaseSettings | None = None,
                 stats: Any = None) -> None:
        settings = settings if settings is not None else Settings()
        self.archive = Archive(path)
        self.path = self.archive.path
        self.stats = stats
        self.page_batch = max(1, settings.getint("ARCHIVE_PAGE_BATCH", 50))
        self.complete_share = settings.getfloat("STORE_COMPLETE_SHARE", 0.9)
        self.dedupe = settings.getbool("DEDUPE_ENABLED", True)
        self.near: Any = None
        if self.dedupe and settings.getbool("DEDUPE_NEAR_ENABLED", True):
            from crawler.dedup.nearindex import near_index_from_settings  # numpy only when asked

            self.near = near_index_from_settings(self.archive.db, settings)
        self.run_id: int | None = None
        self._pending: dict[str, dict[str, Any]] = {}
        self._owns_lock = False

    # --- lifecycle ---------------------------------------------------------------
    def take_lock(self) -> None:
        """The archive's crawl lock (raises :class:`lock.ArchiveLocked` if another
        process holds it); released by :meth:`close`."""
        self._owns_lock = lock.acquire(self.path) or self._owns_lock

    def open_run(self, args: dict[str, Any], sites: list[str]) -> int:
        if self.run_id is None:
            self._close_dead_runs()
            table = self.archive.db.table("runs")
            with self.archive.transaction():
                table.insert({"started_at": utc_now(), "status": "running", "version": __version__,
                              "args": dumps(args), "sites": dumps(sites)})
            self.run_id = int(table.last_pk or 0)
            logger.info("run %s started on %s", self.run_id, self.path)
        return self.run_id

    def _close_dead_runs(self) -> None:
        """Mark runs still ``running`` as ``killed``: we hold the archive lock, so
        their process is gone (kill -9, OOM, power loss) and never wrote its end.
        Without this, ``fanwen runs`` would show them running forever."""
        with self.archive.transaction():
            dead = self.archive.db.execute(
                "UPDATE runs SET status = 'killed', finish_reason = 'died without closing' "
                "WHERE status = 'running'"
            ).rowcount
        if dead:
            logger.warning("%d earlier run(s) died without closing; marked killed", dead)

    def close_run(self, status: str, reason: str, stats: dict[str, Any]) -> None:
        with self.archive.transaction():
            self._flush_pages()
            if self.run_id is not None:
                self.archive.db.table("runs").update(self.run_id, {
                    "finished_at": utc_now(), "status": status, "finish_reason": reason,
                    "stats": dumps(json.loads(json.dumps(stats, default=str))),
                })
        if self.run_id is not None:
            logger.info("run %s %s (%s)", self.run_id, status, reason)

    def close(self) -> None:
        self.archive.close()
        if self._owns_lock:
            lock.release(self.path)
            self._owns_lock = False

    # --- page facts ----------------------------------------------------------------
    def apply(self, fact: dict[str, Any]) -> None:
        """Record one page fact (see :mod:`crawler.archive.facts`)."""
        event = fact["event"]
        if event in ("fetched", "failed"):
            row = {key: value for key, value in fact.items() if key != "event"}
            row["run_id"] = self.run_id
            self._pending[row["url"]] = row
            if len(self._pending) >= self.page_batch:
                with self.archive.transaction():
                    self._flush_pages()
        elif event == "not_modified":
            self._touch(fact["url"], fact["fetched_at"])
        elif event == "gone":
            self._gone(fact["url"], fact["fetched_at"], fact["http_status"])
        else:
            raise ValueError(f"unknown page fact {event!r}")

    def flush(self) -> None:
        """Commit the page facts still batched: a caller that acknowledges facts to a
        queue (the distributed ingest) does so only once they are committed."""
        with self.archive.transaction():
            self._flush_pages()

    def _flush_pages(self) -> None:
        """Write queued ledger rows (inside a transaction)."""
        rows, self._pending = list(self._pending.values()), {}
        if rows:
            self.archive.db.table("pages").upsert_all(rows, pk="url", alter=False)

    def _touch(self, url: str, now: str) -> None:
        """A 304: the page is as archived; only the seen times move."""
        db = self.archive.db
        with self.archive.transaction():
            db.execute("UPDATE pages SET fetched_at = ?, http_status = 304, run_id = ?, "
                       "gone_at = NULL WHERE url = ?", [now, self.run_id, url])
            db.execute("UPDATE sightings SET last_seen = ?, last_run_id = ?, gone_at = NULL "
                       "WHERE url = ?", [now, self.run_id, url])
            db.execute("UPDATE articles SET last_seen = max(last_seen, ?) "
                       "WHERE id = (SELECT article_id FROM sightings WHERE url = ?)", [now, url])

    def _gone(self, url: str, now: str, status: int) -> None:
        """The page now answers 404/410: remember when; the article stays."""
        db = self.archive.db
        with self.archive.transaction():
            db.execute("UPDATE pages SET gone_at = coalesce(gone_at, ?), http_status = ?, "
                       "run_id = ? WHERE url = ?", [now, status, self.run_id, url])
            db.execute("UPDATE sightings SET gone_at = coalesce(gone_at, ?) WHERE url = ?",
                       [now, url])

    # --- articles --------------------------------------------------------------------
    def store(self, record: ArticleRecord) -> str:
        """Archive one cleaned record; returns what happened: ``new`` (a new
        article), ``sighting`` (a new page of a known one), ``refreshed`` (a known
        page, changed) or ``unchanged``. Sets ``record.article_id`` and ``match`` (the
        link that joined it: the archive's labels follow the group's decision)."""
        if record.article is None:
            raise ValueError(f"record of {record.url} has no article (clean it first)")
        now = utc_now()
        with self.archive.transaction():
            outcome = self._store(record, now)
            self._link_pages(record)
            self._flush_pages()
        self._inc({"new": "store/articles_new", "sighting": "store/sightings_new"}.get(
            outcome, "store/sightings_refreshed"))
        if outcome == "new":
            self._inc("store/sightings_new")
        return outcome

    def links(self, record: ArticleRecord, text: str, chash: str) -> dict[int, tuple[str, float | None]]:
        """Every copy group the page is linked to, with the strongest link to each."""
        db = self.archive.db
        urls = list(dict.fromkeys((record.page_url, record.canonical_url)))
        found: dict[int, tuple[str, float | None]] = dict.fromkeys(
            grp.linked_groups(db, urls), ("url", None))
        if not self.dedupe:
            return found
        for group in grp.groups_with_hash(db, chash):
            found.setdefault(group, ("exact", 1.0))
        if self.near is not None and text:
            matches = self.near.find_all(text)
            owners = grp.groups_of_texts(db, [text_id for text_id, _ in matches]) if matches else {}
            for text_id, similarity in matches:
                if text_id in owners:
                    found.setdefault(owners[text_id], ("near", similarity))
        return found

    def _store(self, record: ArticleRecord, now: str) -> str:
        """Join (or found, or merge) the group, keep the page's facts, re-decide."""
        assert record.article is not None
        db, article = self.archive.db, record.article
        text, chash = article.text, content_hash(article.text)
        links = self.links(record, text, chash)
        targets = sorted(links)
        record.similarity = None
        if targets:
            best = min(targets, key=lambda g: (STRENGTH[links[g][0]], -(links[g][1] or 0), g))
            record.match, record.similarity = links[best]
            if len(targets) > 1:
                self._inc("dedupe/links_several_groups")
            article_id = targets[0]
            for other in targets[1:]:
                grp.merge(db, article_id, other, now, self.run_id)
                self._inc("store/groups_merged")
        else:
            record.match = "original"
            article_id = self._insert_article(record, text, chash, now)
        self._inc(f"dedupe/{record.match}")
        record.article_id = article_id
        text_id, new_text = grp.save_text(db, text, chash, article.chars, article_id)
        if new_text and self.near is not None:
            self.near.add(text_id, text)
        new_sighting, changed = grp.save_sighting(db, self._sighting_row(record, text_id, now))
        if len(targets) == 1 and not (new_sighting or changed):
            self._inc("store/unchanged")  # a refetch with the same text and facts
            return "unchanged"
        self._decide(record, now, edited=changed and not new_sighting)
        if not targets:
            return "new"
        return "sighting" if new_sighting else "refreshed"

    def _insert_article(self, record: ArticleRecord, text: str, chash: str, now: str) -> int:
        assert record.article is not None
        row = {
            "canonical_url": record.canonical_url, "url": record.page_url, "site": record.site,
            **{c.name: c.stored(getattr(record.article, c.name)) for c in META_COLUMNS},
            "text": plain_text(text), "paragraphs": dumps(record.article.paragraphs),
            "chars": record.article.chars, "content_hash": chash, "first_seen": now,
            "last_seen": now, "run_id": self.run_id, "decided_by": "only",
            "text_url": record.page_url,
        }
        table = self.archive.db.table("articles")
        table.insert(row)
        article_id = int(table.last_pk or 0)
        index_article(self.archive.db, article_id)  # the search index moves with the archive
        return article_id

    def _sighting_row(self, record: ArticleRecord, text_id: int, now: str) -> dict[str, Any]:
        assert record.article is not None
        return {
            "article_id": record.article_id, "url": record.page_url, "site": record.site,
            "canonical_url": record.canonical_url, "text_id": text_id,
            "chars": record.article.chars, "match": record.match, "similarity": record.similarity,
            **sighting_meta(record.article), "site_names": dumps(record.site_names),
            "complete": int(record.complete), "parts": dumps(record.page_urls[1:]),
            "first_seen": now, "last_seen": now, "run_id": self.run_id,
            "last_run_id": self.run_id,
        }

    def _decide(self, record: ArticleRecord, now: str, edited: bool) -> None:
        db, article_id = self.archive.db, record.article_id
        assert article_id is not None
        before = db.execute("SELECT url, text FROM articles WHERE id = ?", [article_id]).fetchone()
        decision, changed = grp.decide(db, article_id, now, self.run_id, self.complete_share,
                                       self._similarity)
        if not changed:
            sid = db.execute("SELECT id FROM sightings WHERE url = ?", [record.page_url]).fetchone()
            grp.relabel(db, article_id, decision.original.id, self._similarity, only=sid[0])
        elif before is not None:
            after = db.execute("SELECT url, text FROM articles WHERE id = ?", [article_id]).fetchone()
            if before[0] != after[0]:
                self._inc("store/original_changed")
            if before[1] != after[1]:
                self._inc("store/articles_updated" if edited else "store/text_changed")

    def _similarity(self, a: str, b: str) -> float:
        from crawler.dedup import minhash as mh

        if self.near is None:
            return 0.0
        return float(mh.jaccard(self.near.shingles(a), self.near.shingles(b)))

    def _link_pages(self, record: ArticleRecord) -> None:
        """Point the ledger rows of every part of this article at it."""
        for url in record.page_urls or [record.page_url]:
            pending = self._pending.get(url)
            if pending is not None:
                pending["article_id"] = record.article_id
            else:
                self.archive.db.execute("UPDATE pages SET article_id = ? WHERE url = ?",
                                        [record.article_id, url])

    def _inc(self, key: str) -> None:
        if self.stats:
            self.stats.inc_value(key)
