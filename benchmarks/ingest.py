"""How far one ingest carries: articles/s that `fanwen ingest` applies from a full stream.

Workers crawl the demo with no ingest running, so their items and page facts pile up
in the Redis stream; then `fanwen ingest` alone drains it into an empty archive. Its
rate is timed from the consumer group (polled from here): from the first entry it
reads to the moment nothing is pending or unread, so interpreter start-up and the
idle exit do not count (its whole wall time is reported too). The baseline, in the
same run: the one-process `fanwen crawl` of the same demo (fetch, extract, clean,
store in one process), whose articles/s is what one worker process produces when
the CPU is its limit. Their ratio is how many such workers one ingest keeps up with.

    python benchmarks/ingest.py [--articles 500] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402

from crawler.demo.server import DemoServer  # noqa: E402
from crawler.demo.site import DemoSite, build_demo  # noqa: E402
from crawler.distributed import pagestates  # noqa: E402
from crawler.distributed.keys import RedisKeys  # noqa: E402
from tests.distributed import seed, spawn, worker_args  # noqa: E402
from tests.e2e import crawl_args, env  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

CPU = {"CONCURRENT_REQUESTS": "16", "CONCURRENT_REQUESTS_PER_DOMAIN": "16"}


def one_process(site: DemoSite, tmp: Path) -> dict[str, Any]:
    """The local `fanwen crawl` of the demo: its articles and wall time (start-up included)."""
    with DemoServer(site) as demo:
        started = time.monotonic()
        done = subprocess.run(crawl_args(tmp / "local.sqlite", demo.proxy_url, **CPU),
                              capture_output=True, text=True, env=env(), cwd=ROOT, timeout=3600)
        seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return {"pages": summary["pages"], "articles": summary["articles_new"],
            "wall_s": round(seconds, 1)}


def fill_stream(site: DemoSite, redis_url: str, workers: int, tmp: Path) -> dict[str, int]:
    """Crawl the demo with ``workers`` and no ingest; what the stream then holds."""
    client = redis.Redis.from_url(redis_url)
    # What an ingest publishes for an empty archive: nothing archived, workers may start.
    pagestates.publish_archive(client, RedisKeys(), tmp / "none.sqlite", None)
    with DemoServer(site) as demo:
        seed(redis_url)
        log = tmp / "workers.log"
        processes = [spawn(worker_args(redis_url, demo.proxy_url, idle=2, **CPU), log)
                     for _ in range(workers)]
        for number, process in enumerate(processes):
            if process.wait(1800) != 0:
                raise SystemExit(f"worker {number} failed:\n{log.read_text()[-3000:]}")
    entries: Any = client.xrange("fanwen:stream")
    kinds: dict[str, int] = {}
    for _, fields in entries:
        kind = fields[b"type"].decode()
        kinds[kind] = kinds.get(kind, 0) + 1
    client.close()
    return kinds


def time_ingest(redis_url: str, db: Path) -> dict[str, Any]:
    """Run `fanwen ingest` to its exit; seconds from its first read to the drained stream."""
    client = redis.Redis.from_url(redis_url)
    args = [sys.executable, "-m", "crawler", "ingest", "--redis", redis_url, "--db", str(db),
            "--idle", "0", "--json"]
    started = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env(), cwd=ROOT)
    first = last = None
    while process.poll() is None:
        groups: Any = client.xinfo_groups("fanwen:stream")
        now = time.monotonic()
        if groups and first is None and groups[0]["entries-read"]:
            first = now
        if first is not None and last is None and not groups[0]["pending"] and not groups[0]["lag"]:
            last = now
        time.sleep(0.01)
    wall = time.monotonic() - started
    out, err = process.communicate()
    client.close()
    if process.returncode != 0 or first is None or last is None:
        raise SystemExit(f"ingest failed (exit {process.returncode}):\n{err[-3000:]}")
    return {"drain_s": last - first, "wall_s": wall, "summary": json.loads(out.splitlines()[-1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    site = build_demo(seed=2026, articles=args.articles)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        baseline = one_process(site, tmp)
        print(json.dumps({"one_process": baseline}), file=sys.stderr)
        with RedisServer(tmp / "redis") as server:
            stream = fill_stream(site, server.url, args.workers, tmp)
            print(json.dumps({"stream": stream}), file=sys.stderr)
            timed = time_ingest(server.url, tmp / "archive.sqlite")
    summary, seconds = timed["summary"], timed["drain_s"]
    articles = summary["articles_new"]
    local_rate = baseline["articles"] / baseline["wall_s"]
    out = {
        "machine": f"{os.cpu_count()} cores, {platform.python_version()}",
        "demo_articles": args.articles, "stream": stream,
        "ingest": {"articles_new": articles, "items_per_s": round(stream["item"] / seconds, 1),
                   "articles_new_per_s": round(articles / seconds, 1),
                   "facts_per_s": round(stream["fact"] / seconds, 1),
                   "drain_s": round(seconds, 1), "wall_s": round(timed["wall_s"], 1)},
        "one_process_crawl": {**baseline,
                              "articles_new_per_s": round(local_rate, 1)},
        "ratio_ingest_to_one_process": round(articles / seconds / local_rate, 1),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
