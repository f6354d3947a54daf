"""The near-duplicate index, persisted in the archive: is this text a copy of
an article we already have, even one found by last week's run?

``find`` works in three steps, each cheaper per candidate than the next:
LSH band buckets (one indexed SQLite lookup) propose candidates; their stored
MinHash signatures estimate similarity and drop the hopeless; the survivors
are verified exactly against their stored text (``texts`` in a crawl: every
distinct text a page showed, so a copy group is found through any of its
members; ``articles`` by default). Only the exact
character-shingle Jaccard decides, so LSH noise costs time, never a wrong
merge. Nothing proportional to the archive is held in memory: every lookup
goes to SQLite, whose page cache is bounded.

One structural rule sits beside the similarity: a "(通用N篇)" compilation is
never merged with one of its parts (or with a compilation of a different
size), because by Jaccard alone a large part of a two-essay compilation
looks exactly like a truncated copy of it (benchmarks/README.md).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sqlite3
from typing import Any

import numpy as np
import sqlite_utils
from scrapy.settings import BaseSettings

from crawler.dedup import minhash as mh

logger = logging.getLogger(__name__)
# Bump when near_form/shingle_ids/signature/band_keys change: stored rows are rebuilt.
# 2: one-permutation MinHash with densification, lighter shingle and band hashes.
# 3: per-band weights; band rows configurable.
FORM_VERSION = 3
SEED = 20240601  # fixes the densification order; stored signatures depend on it
ESTIMATE_MARGIN = 0.15  # ~3.5 standard errors of a 128-slot estimate near 0.4
MAX_VERIFIED = 20  # exact checks per lookup, best estimates first
_NUM = r"[0-9一二三四五六七八九十百]+"
# "篇1", "篇一：…", "【篇三】", "第2篇", "范文一": the headings of a compilation's essays.
ESSAY_HEADING = re.compile(
    rf"^\s*[【\[（(]?\s*(?:篇\s*{_NUM}|第\s*{_NUM}\s*篇|范文\s*{_NUM})\s*[】\]）)]?"
    r"(?:[:：、.．\s].{0,40})?\s*$"
)


def essay_count(text: str) -> int:
    """How many essays a body compiles: its short "篇N" heading lines (0 or 1: one essay)."""
    return sum(1 for line in text.split("\n") if len(line) <= 50 and ESSAY_HEADING.match(line))


def compatible(a: str, b: str) -> bool:
    """False when one text compiles several essays and the other a different number."""
    return compatible_counts(essay_count(a), essay_count(b))


def compatible_counts(a: int, b: int) -> bool:
    """:func:`compatible` on the two texts' essay counts."""
    return a == b or max(a, b) < 2


class NearIndex:
    def __init__(
        self, db: sqlite_utils.Database, shingle_size: int = 5, num_perm: int = 128,
        bands: int = 32, threshold: float = 0.4, rows: int = 4, source: str = "articles",
    ) -> None:
        rows = rows or num_perm // max(1, bands)
        if bands <= 0 or rows <= 0 or bands * rows > num_perm:
            raise ValueError(
                f"bands x rows must fit in num_perm ({num_perm}), got {bands} x {rows}"
            )
        self.db = db
        self.shingle_size = shingle_size
        self.bands = bands
        self.rows = rows  # signature slots per band; the first bands * rows slots are banded
        self.threshold = threshold
        self.num_perm = num_perm
        if source not in ("articles", "texts"):
            raise ValueError(f"the index covers articles or texts, not {source!r}")
        self.source = source  # the table whose (id, text) rows are indexed and verified
        # The pipeline adds exactly the text it just looked up: keep that one
        # text's fingerprint so ``add`` does not compute it a second time.
        self._last: tuple[str, mh.U32, mh.U32, list[int]] | None = None

    # --- math on one text --------------------------------------------------------
    def shingles(self, text: str) -> mh.U32:
        """Sorted distinct shingle ids: what the exact verification compares."""
        return mh.shingle_ids(mh.near_codes(text), self.shingle_size)

    def fingerprint(self, text: str) -> tuple[mh.U32, mh.U32, list[int]]:
        """Shingle hashes (sorted, repeats kept), signature and band keys of
        ``text``; the last text's are remembered."""
        last = self._last
        if last is not None and (last[0] is text or last[0] == text):
            return last[1], last[2], last[3]
        hashes = mh.shingle_hashes(mh.near_codes(text), self.shingle_size)
        sig = mh.signature(hashes, self.num_perm, SEED)
        keys = mh.band_keys(sig, self.bands, self.rows) if len(hashes) else []
        self._last = (text, hashes, sig, keys)
        return hashes, sig, keys

    # --- the pipeline API -----------------------------------------------------------
    def find(self, text: str) -> tuple[int, float] | None:
        """The most similar archived document at or above the threshold, with its
        exact shingle Jaccard; None when there is none."""
        return self.verify(text, self.candidates(text))

    def find_all(self, text: str) -> list[tuple[int, float]]:
        """Every proposed document at or above the threshold, best first: a copy
        group is the connected set of such matches, so all of them count."""
        return self.verified(text, self.candidates(text))

    def candidates(self, text: str) -> list[int]:
        """Signature and LSH lookup: archived articles whose estimated similarity
        may reach the threshold, best estimate first (at most MAX_VERIFIED)."""
        hashes, sig, keys = self.fingerprint(text)
        if not keys:
            return []
        rows = self.db.conn.execute(  # buckets to signatures in one statement
            "SELECT doc_id, sig FROM near_signatures WHERE doc_id IN "
            f"(SELECT doc_id FROM near_bands WHERE bucket IN ({_marks(len(keys))}))",
            keys,
        ).fetchall()
        if not rows:
            return []  # the common case: an original shares no bucket with anything
        agree = _agreements(sig, [r[1] for r in rows])
        floor = (self.threshold - ESTIMATE_MARGIN) * len(sig)
        hopeful = sorted((-n, i) for i, n in enumerate(agree) if n >= floor)[:MAX_VERIFIED]
        return [rows[i][0] for _, i in hopeful]

    def verify(self, text: str, candidates: list[int]) -> tuple[int, float] | None:
        """The candidate with the highest exact shingle Jaccard at or above the
        threshold (compilations never matched with their parts)."""
        found = self.verified(text, candidates)
        return found[0] if found else None

    def verified(self, text: str, candidates: list[int]) -> list[tuple[int, float]]:
        """Candidates at or above the threshold with their exact Jaccard, best first."""
        if not candidates:
            return []  # the usual original: no exact work at all
        others = self.db.conn.execute(
            f"SELECT id, text FROM {self.source} WHERE id IN ({_marks(len(candidates))}) "
            "AND text IS NOT NULL ORDER BY id",
            candidates,
        ).fetchall()
        ids = mh.distinct(self.fingerprint(text)[0])
        essays = essay_count(text)
        found = []
        for doc_id, other in others:
            if not compatible_counts(essays, essay_count(other)):
                continue
            similarity = mh.jaccard(ids, self.shingles(other))
            if similarity >= self.threshold:
                found.append((doc_id, round(similarity, 4)))
        return sorted(found, key=lambda pair: -pair[1])

    def add(self, article_id: int, text: str) -> None:
        """Index (or re-index) a document; call inside the caller's transaction."""
        hashes, sig, keys = self.fingerprint(text)
        conn = self.db.conn
        # An empty text keeps an empty row: indexed, but never proposed.
        row = [article_id, sig.tobytes() if len(hashes) else b""]
        try:  # a new article (the usual case) costs no lookup first
            conn.execute("INSERT INTO near_signatures (doc_id, sig) VALUES (?, ?)", row)
        except sqlite3.IntegrityError:  # re-indexed: drop the old rows first
            self.remove(article_id)
            conn.execute("INSERT INTO near_signatures (doc_id, sig) VALUES (?, ?)", row)
        if keys:  # one statement for all bands
            conn.execute(
                f"INSERT OR IGNORE INTO near_bands (bucket, doc_id) VALUES {_pairs(len(keys))}",
                [x for key in keys for x in (key, article_id)],
            )

    def remove(self, article_id: int) -> None:
        """Drop an article from the index (its band rows found from its signature)."""
        row = self.db.execute(
            "SELECT sig FROM near_signatures WHERE doc_id = ?", [article_id]
        ).fetchone()
        if row is None:
            return
        if row[0]:
            keys = mh.band_keys(np.frombuffer(row[0], np.uint32), self.bands, self.rows)
            self.db.conn.executemany(
                "DELETE FROM near_bands WHERE bucket = ? AND doc_id = ?",
                [(key, article_id) for key in keys],
            )
        self.db.execute("DELETE FROM near_signatures WHERE doc_id = ?", [article_id])

    # --- keeping the index in step with the archive -------------------------------
    def params(self) -> dict[str, Any]:
        return {
            "form": FORM_VERSION, "shingle_size": self.shingle_size,
            "num_perm": self.num_perm, "bands": self.bands, "rows": self.rows, "seed": SEED,
            "source": self.source,
        }

    def sync(self, batch: int = 500) -> int:
        """Make the index cover every archived article; returns how many were added.

        Rebuilds from ``articles.text`` when the stored rows were computed with
        other parameters, and catches up on articles stored while the index
        was disabled. Batched commits keep memory flat and a kill harmless.
        """
        stored = self.db.execute("SELECT value FROM near_meta WHERE key = 'params'").fetchone()
        wanted = json.dumps(self.params(), sort_keys=True)
        if stored is None or stored[0] != wanted:
            with self.db.atomic():
                if stored is not None:
                    logger.warning("near-duplicate index parameters changed: rebuilding it")
                self.db.execute("DELETE FROM near_bands")
                self.db.execute("DELETE FROM near_signatures")
                self.db.execute(
                    "INSERT OR REPLACE INTO near_meta (key, value) VALUES ('params', ?)", [wanted]
                )
        added = 0
        while True:
            rows = self.db.execute(
                f"SELECT id, coalesce(text, '') FROM {self.source} WHERE id NOT IN "
                "(SELECT doc_id FROM near_signatures) ORDER BY id LIMIT ?",
                [batch],
            ).fetchall()
            if not rows:
                break
            with self.db.atomic():
                for article_id, text in rows:
                    self.add(article_id, text)
            added += len(rows)
        if added:
            logger.info("near-duplicate index: %s archived %s indexed", added, self.source)
        return added


def _agreements(sig: mh.U32, blobs: list[bytes]) -> list[int]:
    """Matching slots of ``sig`` with each stored signature (one numpy pass)."""
    others = np.frombuffer(b"".join(blobs), np.uint32).reshape(len(blobs), -1)
    return np.count_nonzero(others == sig, axis=1).tolist()


@functools.cache
def _marks(n: int) -> str:
    return ",".join("?" * n)


@functools.cache
def _pairs(n: int) -> str:
    return ",".join(["(?,?)"] * n)


def create_tables(db: sqlite_utils.Database) -> None:
    """The index's tables in the archive file (the schema's migrations call this).

    ``near_bands`` is WITHOUT ROWID with the bucket first in its key: a lookup
    is one b-tree seek per band, and the table is its own index. ``near_meta``
    records the parameters the rows were computed with, so a changed setting
    rebuilds the index instead of comparing incompatible signatures.
    """
    db.execute("CREATE TABLE IF NOT EXISTS near_meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS near_signatures (doc_id INTEGER PRIMARY KEY, "
               "sig BLOB NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS near_bands (bucket INTEGER NOT NULL, "
               "doc_id INTEGER NOT NULL, PRIMARY KEY (bucket, doc_id)) WITHOUT ROWID")


def near_index_from_settings(db: sqlite_utils.Database, settings: BaseSettings) -> NearIndex:
    """The archive's near-duplicate index with the ``DEDUPE_*`` settings, synced.

    Every distinct text of every sighting is indexed (``texts``), so copy
    groups link through copies of copies.
    """
    num_perm = max(1, settings.getint("DEDUPE_NUM_PERM", 128))
    index = NearIndex(
        db,
        shingle_size=max(1, settings.getint("DEDUPE_SHINGLE_SIZE", 5)),
        num_perm=num_perm,
        bands=min(num_perm, max(1, settings.getint("DEDUPE_BANDS", 32))),
        rows=max(0, settings.getint("DEDUPE_BAND_ROWS", 4)),
        threshold=settings.getfloat("DEDUPE_THRESHOLD", 0.4),
        source="texts",
    )
    index.sync()
    return index
