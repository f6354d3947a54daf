"""Scale-out on scrapy-redis: pages/min with 1, 2 and 4 workers, the Redis hop's cost,
and the kill test repeated (docs/scaling.md; issue 13).

Politeness-bound: the demo server adds ``--latency`` seconds to every response and
each worker sends at most ``--per-worker`` requests at a time (its own politeness
budget; the crawl-wide per-host cap is set above the total), so one worker waits on
the network and more workers should scale. CPU-bound: no latency, 16 requests per
worker, on this machine's 2 cores shared by workers, ingest and demo server.
Throughput is measured on the page facts in the Redis stream (first to last entry
id, which are Redis server milliseconds), so process start-up and idle exit do not
count; the one-process crawl of the same demo is measured by its own run time.

    python benchmarks/scale.py [--articles 240] [--latency 0.1] [--kill-tries 5 [--kill-only]]
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
from crawler.demo.site import build_demo  # noqa: E402
from tests.e2e import START_URLS, crawl, env, fast_settings  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402


def stream_rate(redis_url: str) -> tuple[int, float]:
    """(page facts, pages/min between the first and the last fact)."""
    client = redis.Redis.from_url(redis_url)
    entries: Any = client.xrange("fanwen:stream")
    ids = [entry_id for entry_id, fields in entries if fields[b"type"] == b"fact"]
    client.close()
    millis = [int(entry_id.split(b"-")[0]) for entry_id in ids]
    seconds = max(0.001, (max(millis) - min(millis)) / 1000)
    return len(ids), len(ids) / seconds * 60


def distributed(site: Any, workers: int, latency: float, settings: dict[str, str],
                tmp: Path) -> dict[str, Any]:
    with RedisServer(tmp / f"redis-{workers}-{latency}") as server, \
            DemoServer(site, latency=latency) as demo:
        args = [sys.executable, "-m", "crawler", "crawl", *START_URLS, "--redis", server.url,
                "--workers", str(workers), "--db", str(tmp / f"d-{workers}-{latency}.sqlite"),
                "--json", "-s", "FANWEN_WORKER_IDLE_SECONDS=2"]
        for name, value in {**fast_settings(demo.proxy_url), **settings}.items():
            args += ["-s", f"{name}={value}"]
        started = time.monotonic()
        done = subprocess.run(args, capture_output=True, text=True, env=env(), cwd=ROOT)
        wall = time.monotonic() - started
        if done.returncode != 0:
            raise SystemExit(done.stderr[-3000:])
        pages, rate = stream_rate(server.url)
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return {"workers": workers, "pages": pages, "pages_per_min": round(rate),
            "articles": summary["articles_new"], "wall_s": round(wall, 1)}


def local(site: Any, latency: float, settings: dict[str, str], tmp: Path) -> dict[str, Any]:
    with DemoServer(site, latency=latency) as demo:
        started = time.monotonic()
        summary = crawl(tmp / f"local-{latency}.sqlite", demo.proxy_url, **settings)
        seconds = time.monotonic() - started
    return {"pages": summary["pages"], "pages_per_min": round(summary["pages"] / seconds * 60),
            "articles": summary["articles_new"], "wall_s": round(seconds, 1)}


def redis_hop(tmp: Path, n: int = 2000) -> dict[str, float]:
    """Microseconds per page of the Redis work a page costs: its link pushed (dupefilter +
    frontier), leased, acknowledged, its fact and item added to the stream."""
    from crawler.distributed.keys import RedisKeys
    from crawler.distributed.leases import Leases

    with RedisServer(tmp / "redis-hop") as server:
        client = redis.Redis.from_url(server.url)
        keys = RedisKeys()
        leases = Leases(client, keys, 60)
        payload = b"x" * 1500  # a pickled request is about this size
        item = json.dumps({"text": "字" * 3000}, ensure_ascii=False)
        started = time.perf_counter()
        for i in range(n):
            leases.push_unseen(f"fp{i}", -10, payload + str(i).encode())
            popped = leases.pop()
            assert popped is not None
            client.xadd(keys.stream, {"type": "fact", "data": '{"url": "u"}'})
            client.xadd(keys.stream, {"type": "item", "data": item})
            leases.ack([popped[0]])
        per_page = (time.perf_counter() - started) / n * 1e6
        client.close()
    return {"us_per_page": round(per_page)}


def kill_tries(site: Any, tries: int, tmp: Path) -> list[dict[str, Any]]:
    from tests.distributed import snapshot
    from tests.e2e import consistency_problems
    from tests.test_distributed_e2e import kill_run

    with DemoServer(site) as demo:
        crawl(tmp / "kill-reference.sqlite", demo.proxy_url)
    reference = snapshot(tmp / "kill-reference.sqlite")
    results = []
    for attempt in range(tries):
        run_dir = tmp / f"kill-{attempt}"
        with RedisServer(run_dir / "redis") as server:
            db = kill_run(site, server.url, run_dir)
            again = refetched(server.url)
        equal = snapshot(db) == reference and not consistency_problems(db)
        results.append({"equal": equal, "pages_fetched_twice": again})
        print(f"kill try {attempt + 1}: {'equal archive' if equal else 'DIFFERENT'}, "
              f"{again} pages fetched more than once (expired leases put back)", file=sys.stderr)
    return results


def refetched(redis_url: str) -> int:
    """Pages with more than one fetched fact in the stream: the ones a killed worker had
    leased and the reaper gave to another (the stream keeps acknowledged entries)."""
    client = redis.Redis.from_url(redis_url)
    entries: Any = client.xrange("fanwen:stream")
    client.close()
    urls = [json.loads(fields[b"data"])["url"] for _, fields in entries if fields[b"type"] == b"fact"]
    pages = [url for url in urls if not url.endswith("/robots.txt")]  # every worker reads it
    return len(pages) - len(set(pages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--per-worker", type=int, default=2)
    parser.add_argument("--kill-tries", type=int, default=0)
    parser.add_argument("--kill-only", action="store_true",
                        help="only the kill tries (the throughput runs take ~10 minutes)")
    args = parser.parse_args()
    site = build_demo(seed=2026, articles=args.articles)
    bound = {"CONCURRENT_REQUESTS": str(args.per_worker),
             "CONCURRENT_REQUESTS_PER_DOMAIN": str(args.per_worker), "FANWEN_HOST_CONCURRENCY": "64"}
    cpu = {"CONCURRENT_REQUESTS": "16", "CONCURRENT_REQUESTS_PER_DOMAIN": "16"}
    out: dict[str, Any] = {"machine": f"{os.cpu_count()} cores, {platform.python_version()}",
                           "articles": args.articles, "latency_s": args.latency}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, latency, settings in (("politeness_bound", args.latency, bound),
                                        ("cpu_bound", 0.0, cpu))[:0 if args.kill_only else 2]:
            runs = [distributed(site, n, latency, settings, tmp) for n in (1, 2, 4)]
            base = runs[0]["pages_per_min"]
            for run in runs:
                run["speedup"] = round(run["pages_per_min"] / base, 2)
            out[name] = {"one_process": local(site, latency, settings, tmp), "workers": runs}
            print(json.dumps({name: out[name]}), file=sys.stderr)
        if not args.kill_only:
            out["redis_hop"] = redis_hop(tmp)
        if args.kill_tries:
            results = kill_tries(build_demo(seed=2026, articles=60), args.kill_tries, tmp)
            out["kill_tries"] = {"equal": f"{sum(r['equal'] for r in results)} of {len(results)}",
                                 "tries": results}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
