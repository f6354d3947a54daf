"""The near-duplicate index, persisted in the archive: is this text a copy of
an article we already have, even one found by last week's run?

``find`` works in three steps, each cheaper per candidate than the next:
LSH band buckets (one indexed SQLite lookup) propose candidates; their stored
MinHash signatures estimate similarity and drop the hopeless; the survivors
are verified exactly against their text in ``articles``. Only the exact
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
from scrapy.crawler import Crawler

from crawler import minhash as mh

logger = logging.getLogger(__name__)
ATTRIBUTE = "_fanwen_near_index"
# Bump when near_form/shingle_ids/signature/band_keys change: stored rows are rebuilt.
# 2: one-permutation MinHash with densification, lighter shingle and band hashes.
FORM_VERSION = 2
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
    ca, cb = essay_count(a), essay_count(b)
    return ca == cb or max(ca, cb) < 2


class NearIndex:
    def __init__(
        self, db: sqlite_utils.Database, shingle_size: int = 5, num_perm: int = 128,
        bands: int = 32, threshold: float = 0.4,
    ) -> None:
        if not 0 < bands <= num_perm:
            raise ValueError(f"bands must be in 1..num_perm ({num_perm}), got {bands}")
        self.db = db
        self.shingle_size = shingle_size
        self.bands = bands
        self.threshold = threshold
        self.num_perm = num_perm
        # The pipeline adds exactly the text it just looked up: keep that one
        # text's fingerprint so ``add`` does not compute it a second time.
        self._last: tuple[str, mh.U32, mh.U32, list[int]] | None = None

    # --- math on one text --------------------------------------------------------
    def shingles(self, text: str) -> mh.U32:
        return mh.shingle_ids(mh.near_codes(text), self.shingle_size)

    def fingerprint(self, text: str) -> tuple[mh.U32, mh.U32, list[int]]:
        """Shingle ids, signature and band keys of ``text`` (the last one remembered)."""
        last = self._last
        if last is not None and (last[0] is text or last[0] == text):
            return last[1], last[2], last[3]
        ids = self.shingles(text)
        sig = mh.signature(ids, self.num_perm, SEED)
        keys = mh.band_keys(sig, self.bands) if len(ids) else []
        self._last = (text, ids, sig, keys)
        return ids, sig, keys

    # --- the pipeline API -----------------------------------------------------------
    def find(self, text: str) -> tuple[int, float] | None:
        """The most similar archived article at or above the threshold, with its
        exact shingle Jaccard; None when there is none."""
        ids, sig, keys = self.fingerprint(text)
        if not len(ids):
            return None
        best: tuple[int, float] | None = None
        for article_id, other in self._verify_texts(sig, keys):
            if not compatible(text, other):
                continue
            similarity = mh.jaccard(ids, self.shingles(other))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (article_id, round(similarity, 4))
        return best

    def add(self, article_id: int, text: str) -> None:
        """Index (or re-index) an article; call inside the caller's transaction."""
        ids, sig, keys = self.fingerprint(text)
        conn = self.db.conn
        # An empty text keeps an empty row: indexed, but never proposed.
        row = [article_id, sig.tobytes() if len(ids) else b""]
        try:  # a new article (the usual case) costs no lookup first
            conn.execute("INSERT INTO near_signatures (article_id, sig) VALUES (?, ?)", row)
        except sqlite3.IntegrityError:  # re-indexed: drop the old rows first
            self.remove(article_id)
            conn.execute("INSERT INTO near_signatures (article_id, sig) VALUES (?, ?)", row)
        if keys:  # one statement for all bands
            conn.execute(
                f"INSERT OR IGNORE INTO near_bands (bucket, article_id) VALUES {_pairs(len(keys))}",
                [x for key in keys for x in (key, article_id)],
            )

    def remove(self, article_id: int) -> None:
        """Drop an article from the index (its band rows found from its signature)."""
        row = self.db.execute(
            "SELECT sig FROM near_signatures WHERE article_id = ?", [article_id]
        ).fetchone()
        if row is None:
            return
        if row[0]:
            keys = mh.band_keys(np.frombuffer(row[0], np.uint32), self.bands)
            self.db.conn.executemany(
                "DELETE FROM near_bands WHERE bucket = ? AND article_id = ?",
                [(key, article_id) for key in keys],
            )
        self.db.execute("DELETE FROM near_signatures WHERE article_id = ?", [article_id])

    # --- candidates -------------------------------------------------------------------
    def _verify_texts(self, sig: mh.U32, keys: list[int]) -> list[tuple[int, str]]:
        """Texts of the candidates whose estimated similarity may reach the threshold."""
        rows = self.db.conn.execute(  # buckets to signatures in one statement
            "SELECT article_id, sig FROM near_signatures WHERE article_id IN "
            f"(SELECT article_id FROM near_bands WHERE bucket IN ({_marks(len(keys))}))",
            keys,
        ).fetchall()
        if not rows:
            return []  # the common case: an original shares no bucket with anything
        sigs = np.frombuffer(b"".join(r[1] for r in rows), np.uint32).reshape(len(rows), -1)
        scores = mh.estimate(sig, sigs)
        keep = [i for i in np.argsort(-scores) if scores[i] >= self.threshold - ESTIMATE_MARGIN]
        chosen = [rows[i][0] for i in keep[:MAX_VERIFIED]]
        if not chosen:
            return []
        return self.db.conn.execute(
            f"SELECT id, text FROM articles WHERE id IN ({_marks(len(chosen))}) "
            "AND text IS NOT NULL",
            chosen,
        ).fetchall()

    # --- keeping the index in step with the archive -------------------------------
    def params(self) -> dict[str, Any]:
        return {
            "form": FORM_VERSION, "shingle_size": self.shingle_size,
            "num_perm": self.num_perm, "bands": self.bands, "seed": SEED,
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
                "SELECT id, coalesce(text, '') FROM articles WHERE id NOT IN "
                "(SELECT article_id FROM near_signatures) ORDER BY id LIMIT ?",
                [batch],
            ).fetchall()
            if not rows:
                break
            with self.db.atomic():
                for article_id, text in rows:
                    self.add(article_id, text)
            added += len(rows)
        if added:
            logger.info("near-duplicate index: %s archived articles indexed", added)
        return added


@functools.cache
def _marks(n: int) -> str:
    return ",".join("?" * n)


@functools.cache
def _pairs(n: int) -> str:
    return ",".join(["(?,?)"] * n)


def near_index_for(crawler: Crawler) -> NearIndex:
    """The crawl's one index (dedupe finds, store adds), synced on first use."""
    index = getattr(crawler, ATTRIBUTE, None)
    if index is None:
        from crawler.archive.session import session_for

        settings = crawler.settings
        num_perm = max(1, settings.getint("DEDUPE_NUM_PERM", 128))
        index = NearIndex(
            session_for(crawler).archive.db,
            shingle_size=max(1, settings.getint("DEDUPE_SHINGLE_SIZE", 5)),
            num_perm=num_perm,
            bands=min(num_perm, max(1, settings.getint("DEDUPE_BANDS", 32))),
            threshold=settings.getfloat("DEDUPE_THRESHOLD", 0.4),
        )
        index.sync()
        setattr(crawler, ATTRIBUTE, index)
    return index
