"""Copy groups in the archive: join, merge, and re-decide the original.

A copy group is an ``articles`` row with its sightings. A page joins every
group it is linked to (same URL or declared canonical, same normalised
text, or a near-duplicate of any text any member ever had); when it links
several, they merge into one: groups are the connected components of the
copy relation, so the pages decide them, not the order they came in. After
every join or change the group's original is decided again by
:func:`crawler.archive.canonical.choose`, in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

import sqlite_utils

from crawler.archive.canonical import Candidate, Decision, choose
from crawler.archive.columns import META_COLUMNS
from crawler.archive.fts import index_article, unindex_article
from crawler.archive.values import dumps, plain_text
from crawler.dedup.fingerprint import hash_form

logger = logging.getLogger(__name__)
Similarity = Callable[[str, str], float]
# Facts of a page that the canonical rule or the article reads: a change re-decides.
SIGHTING_FACTS = (
    "canonical_url", "text_id", "chars", *(c.sighting for c in META_COLUMNS), "site_names",
    "complete", "parts",
)
VERSIONED = (
    "text", "paragraphs", "content_hash", "first_seen", "canonical_url", "url", "site",
    *(c.name for c in META_COLUMNS if c.versioned),
)
# What the article takes from its original page and its chosen text (see article_fields).
ARTICLE_FROM_GROUP = ("url", "text", *(c.name for c in META_COLUMNS), "decided_by", "text_url",
                      "canonical_url", "site")


def text_key(text: str) -> str:
    """The key of a stored text: its exact bytes (two spellings of one normal form differ)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def linked_groups(db: sqlite_utils.Database, urls: list[str]) -> set[int]:
    """Groups holding a page at one of ``urls`` or a page declaring one canonical."""
    marks = ",".join("?" * len(urls))
    rows = db.execute(
        f"SELECT article_id FROM sightings WHERE url IN ({marks}) OR canonical_url IN ({marks}) "
        f"UNION SELECT id FROM articles WHERE canonical_url IN ({marks})",
        [*urls, *urls, *urls],
    )
    return {row[0] for row in rows}


def groups_with_hash(db: sqlite_utils.Database, content_hash: str) -> set[int]:
    rows = db.execute("SELECT DISTINCT article_id FROM texts WHERE content_hash = ?", [content_hash])
    return {row[0] for row in rows if row[0] is not None}


def groups_of_texts(db: sqlite_utils.Database, text_ids: list[int]) -> dict[int, int]:
    marks = ",".join("?" * len(text_ids))
    rows = db.execute(f"SELECT id, article_id FROM texts WHERE id IN ({marks})", text_ids)
    return {text_id: article_id for text_id, article_id in rows if article_id is not None}


def save_text(db: sqlite_utils.Database, text: str, content_hash: str | None, chars: int,
              article_id: int) -> tuple[int, bool]:
    """The id of ``text`` in ``texts`` (stored once), and whether it was new."""
    text = plain_text(text)
    key = text_key(text)
    row = db.execute("SELECT id FROM texts WHERE hash = ?", [key]).fetchone()
    if row:
        return int(row[0]), False
    cur = db.execute(
        "INSERT INTO texts (hash, content_hash, article_id, chars, form_chars, text) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [key, content_hash, article_id, chars, len(hash_form(text)), text],
    )
    return int(cur.lastrowid or 0), True


def save_sighting(db: sqlite_utils.Database, row: dict[str, Any]) -> tuple[bool, bool]:
    """Insert or refresh the sighting of ``row['url']``: (new, facts changed)."""
    columns = ", ".join(SIGHTING_FACTS)
    old = db.execute(f"SELECT id, {columns} FROM sightings WHERE url = ?", [row["url"]]).fetchone()
    if old is None:
        db.table("sightings").insert(row)
        return True, True
    changed = any(old[i + 1] != row[name] for i, name in enumerate(SIGHTING_FACTS))
    update = {name: row[name] for name in SIGHTING_FACTS}
    update.update(article_id=row["article_id"], last_seen=row["last_seen"],
                  last_run_id=row["last_run_id"], gone_at=None)
    db.table("sightings").update(old[0], update)
    return False, changed


def merge(db: sqlite_utils.Database, keep: int, other: int, now: str, run_id: int | None) -> None:
    """Fold group ``other`` into ``keep``: a page linked both, so they are one."""
    if _predates(db, other, run_id):
        keep_version(db, other, now, run_id, "merged", into=keep)
    for table in ("sightings", "texts", "pages", "article_versions"):
        db.execute(f"UPDATE {table} SET article_id = ? WHERE article_id = ?", [keep, other])
    first, last, run = db.execute(
        "SELECT first_seen, last_seen, run_id FROM articles WHERE id = ?", [other]
    ).fetchone()
    db.execute(
        "UPDATE articles SET first_seen = min(coalesce(first_seen, ?1), coalesce(?1, first_seen)), "
        "last_seen = max(coalesce(last_seen, ?2), coalesce(?2, last_seen)), "
        "run_id = min(coalesce(run_id, ?3), coalesce(?3, run_id)) WHERE id = ?4",
        [first, last, run, keep],
    )
    unindex_article(db, other)
    db.execute("DELETE FROM articles WHERE id = ?", [other])
    logger.info("copy groups %s and %s merged: a page links both", keep, other)


def _predates(db: sqlite_utils.Database, article_id: int, run_id: int | None) -> bool:
    """An article a finished earlier run published: its replaced values become a version.

    Within the run that creates it, an article is still being assembled from
    its group's pages in whatever order they come; those states are not kept.
    """
    row = db.execute("SELECT run_id FROM articles WHERE id = ?", [article_id]).fetchone()
    return bool(row) and row[0] != run_id


def keep_version(db: sqlite_utils.Database, article_id: int, now: str, run_id: int | None,
                 reason: str, into: int | None = None) -> None:
    columns = ", ".join(VERSIONED)
    db.execute(
        f"INSERT INTO article_versions (article_id, {columns}, replaced_at, run_id, reason) "
        f"SELECT ?, {columns}, ?, ?, ? FROM articles WHERE id = ?",
        [into or article_id, now, run_id, reason, article_id],
    )


def candidates(db: sqlite_utils.Database, article_id: int) -> list[Candidate]:
    rows = db.execute(
        "SELECT s.id, s.url, coalesce(s.canonical_url, s.url), s.site, s.published_at, "
        "s.origin, coalesce(t.form_chars, 0), coalesce(s.complete, 1), s.site_names "
        "FROM sightings s LEFT JOIN texts t ON t.id = s.text_id WHERE s.article_id = ? "
        "ORDER BY s.id", [article_id],
    )
    return [
        Candidate(sid, url, canonical, site, published, origin, form_chars, bool(complete),
                  tuple(json.loads(names or "[]")))
        for sid, url, canonical, site, published, origin, form_chars, complete, names in rows
    ]


def decide(db: sqlite_utils.Database, article_id: int, now: str, run_id: int | None,
           share: float, similarity: Similarity | None) -> tuple[Decision, bool]:
    """Choose the group's original and make the article agree with it; True
    when the article changed (every sighting is then labelled again)."""
    decision = choose(candidates(db, article_id), share)
    fields = article_fields(db, decision)
    names = ARTICLE_FROM_GROUP
    current = db.execute(
        f"SELECT {', '.join(names)} FROM articles WHERE id = ?", [article_id]).fetchone()
    before = dict(zip(names, current, strict=True))
    if any(before[k] != fields[k] for k in names):
        moved, edited = before["url"] != fields["url"], before["text"] != fields["text"]
        if (moved or edited) and _predates(db, article_id, run_id):
            keep_version(db, article_id, now, run_id, "original" if moved else "edited")
        update_article(db, article_id, fields)
        relabel(db, article_id, decision.original.id, similarity)
        return decision, True
    return decision, False


def article_fields(db: sqlite_utils.Database, decision: Decision) -> dict[str, Any]:
    """The article as its original page shows it, with the chosen text."""
    meta = ", ".join(c.sighting for c in META_COLUMNS)
    s = db.execute(f"SELECT url, canonical_url, site, {meta} FROM sightings WHERE id = ?",
                   [decision.original.id]).fetchone()
    t = db.execute(
        "SELECT t.text, t.chars, t.content_hash, s.url FROM sightings s JOIN texts t "
        "ON t.id = s.text_id WHERE s.id = ?", [decision.text_source.id],
    ).fetchone() or ("", 0, None, None)
    return {
        "url": s[0], "canonical_url": s[1], "site": s[2],
        **{c.name: (value or "[]") if c.is_list else value
           for c, value in zip(META_COLUMNS, s[3:], strict=True)},
        "text": t[0], "paragraphs": dumps(t[0].split("\n")),
        "chars": t[1], "content_hash": t[2], "text_url": t[3], "decided_by": decision.rule,
    }


def update_article(db: sqlite_utils.Database, article_id: int, fields: dict[str, Any]) -> None:
    """Rewrite the article; the search index drops its old tokens first."""
    unindex_article(db, article_id)
    db.table("articles").update(article_id, fields)
    index_article(db, article_id)


def relabel(db: sqlite_utils.Database, article_id: int, original_id: int,
            similarity: Similarity | None, only: int | None = None) -> None:
    """Each sighting's relation to the article as it now is: the original; a
    page of the same publication (``url``); the same text (``exact``); or a
    ``near`` copy with its similarity to the article's text."""
    canonical, content_hash, text = db.execute(
        "SELECT canonical_url, content_hash, text FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    rows = db.execute(
        "SELECT s.id, s.canonical_url, s.match, s.similarity, t.content_hash, t.text "
        "FROM sightings s LEFT JOIN texts t ON t.id = s.text_id WHERE s.article_id = ? "
        "AND (? IS NULL OR s.id = ?)", [article_id, only, only],
    ).fetchall()
    for sid, page_canonical, match, sim, page_hash, page_text in rows:
        new: tuple[str, float | None]
        if sid == original_id:
            new = ("original", None)
        elif page_canonical == canonical:
            new = ("url", None)
        elif page_hash is not None and page_hash == content_hash:
            new = ("exact", 1.0)
        elif page_text is not None:
            new = ("near", round(similarity(page_text, text or ""), 4) if similarity else None)
        else:
            continue  # a sighting archived before its text was kept: its label stands
        if new != (match, sim):
            db.execute("UPDATE sightings SET match = ?, similarity = ? WHERE id = ?",
                       [*new, sid])
