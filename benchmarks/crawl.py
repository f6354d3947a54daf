"""Crawl throughput: fanwen on the local demo site vs `scrapy bench`, same run.

`scrapy bench` crawls Scrapy's own local link farm with no pipelines: the
ceiling of the engine on this machine. fanwen does real work per page
(decoding, extraction, cleaning, dedupe, one SQLite transaction per
article), so the ratio says what that work costs.

    python benchmarks/crawl.py --articles 2000 [--bench-seconds 20]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_RATE = re.compile(r"Crawled (\d+) pages \(at (\d+) pages/min\)")


def scrapy_bench(seconds: int) -> float:
    """Median of the per-interval rates `scrapy bench` logs (first interval dropped)."""
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}",
         "-s", "LOGSTATS_INTERVAL=2"],
        capture_output=True, text=True, cwd=tempfile.gettempdir(), timeout=seconds + 120,
    )
    rates = [int(m.group(2)) for m in BENCH_RATE.finditer(done.stderr)][1:]
    if not rates:
        raise SystemExit(f"scrapy bench printed no rates:\n{done.stderr[-2000:]}")
    rates.sort()
    return float(rates[len(rates) // 2])


def fanwen_demo(articles: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        done = subprocess.run(
            [sys.executable, "-m", "crawler", "demo", "--articles", str(articles),
             "--db", str(db), "--json"],
            capture_output=True, text=True, timeout=3600,
        )
        if done.returncode != 0:
            raise SystemExit(f"fanwen demo failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--bench-seconds", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("running scrapy bench ...", flush=True)
    bench = scrapy_bench(args.bench_seconds)
    print(f"crawling the demo site with {args.articles} articles ...", flush=True)
    summary = fanwen_demo(args.articles)
    minutes = summary["seconds"] / 60
    pages_min = summary["pages"] / minutes
    stored = summary["sightings_new"]  # every archived article page: originals and copies
    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| scrapy bench pages/min (median interval) | {bench:,.0f} |")
    print(f"| fanwen pages fetched | {summary['pages']:,} in {summary['seconds']:.1f} s |")
    print(f"| fanwen pages/min | {pages_min:,.0f} |")
    print(f"| fanwen new articles/min | {summary['articles_new'] / minutes:,.0f} |")
    print(f"| fanwen article pages stored/min (articles + copies) | {stored / minutes:,.0f} |")
    print(f"| ratio fanwen / scrapy bench (pages/min) | {pages_min / bench:.2f} |")


if __name__ == "__main__":
    main()
