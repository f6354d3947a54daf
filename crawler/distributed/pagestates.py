"""What workers need to know of the archive, published by the ingest into Redis.

A worker has no archive file; its incremental decisions (skip an archived
page not due, ask a due one conditionally, refetch pages of unfinished runs)
read these states through :class:`crawler.distributed.reader.RedisArchiveReader`.
The ingest publishes every state at start and the states of the pages it
just wrote after each batch.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import redis

from crawler.distributed.keys import RedisKeys

STATE_SQL = (
    "SELECT p.url, p.site, p.kind, p.fetched_at, p.etag, p.last_modified, p.article_id, "
    "p.gone_at, p.run_id, s.parts FROM pages p LEFT JOIN sightings s ON s.url = p.url "
    "WHERE p.article_id IS NOT NULL"
)
CHUNK = 500


def read_states(db: Path, urls: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """Page states of ``urls`` (all archived article pages when None), read-only."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        if urls is None:
            yield from map(_state, con.execute(STATE_SQL))
            return
        batch = list(dict.fromkeys(urls))
        for start in range(0, len(batch), CHUNK):
            chunk = batch[start:start + CHUNK]
            marks = ",".join("?" * len(chunk))
            yield from map(_state, con.execute(f"{STATE_SQL} AND p.url IN ({marks})", chunk))
    finally:
        con.close()


def _state(row: sqlite3.Row) -> dict[str, Any]:
    state = dict(row)
    state["parts"] = json.loads(state["parts"]) if state["parts"] else []
    return state


def unfinished_runs(db: Path) -> list[int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT id FROM runs WHERE finish_reason IS NULL OR finish_reason != 'finished'")
        return [row[0] for row in rows]
    finally:
        con.close()


def publish(server: redis.Redis, keys: RedisKeys, states: Iterable[dict[str, Any]]) -> int:
    count = 0
    with server.pipeline(transaction=False) as pipe:
        for state in states:
            pipe.hset(keys.pages, state["url"], json.dumps(state, ensure_ascii=False))
            count += 1
            if count % CHUNK == 0:
                pipe.execute()
        pipe.execute()
    return count


def publish_archive(server: redis.Redis, keys: RedisKeys, db: Path, run_id: int | None) -> int:
    """Everything at ingest start: all states, the unfinished runs, then the ready flag
    workers wait for (an incremental decision made before it would be wrong)."""
    server.delete(keys.pages)
    count = publish(server, keys, read_states(db)) if db.exists() else 0
    unfinished = [r for r in (unfinished_runs(db) if db.exists() else []) if r != run_id]
    server.hset(keys.archive, mapping={"unfinished_runs": json.dumps(unfinished),
                                       "run_id": json.dumps(run_id), "ready": "1"})
    return count
