"""Crawl throughput: fanwen on the local demo site vs `scrapy bench`, same run.

`scrapy bench` crawls Scrapy's own local link farm with no pipelines: the
ceiling of the engine on this machine. fanwen does real work per page
(decoding, extraction, cleaning, dedupe, one SQLite transaction per
article), so the ratio says what that work costs.

    python benchmarks/crawl.py --articles 2000 [--bench-seconds 20] [--warc-rounds 2]

The demo is crawled with WARC capture on and off (alternating, same run) for
its cost in throughput and disk per 1,000 pages; the captured crawl is then
re-extracted (`fanwen reextract`) for its speed in pages/s.
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


def _fanwen(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "crawler", *args, "--json"],
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"fanwen {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def fanwen_demo(articles: int, warc: bool = True, reextract: bool = False) -> dict:
    """One demo crawl into a fresh archive: its summary, plus disk and reextract figures."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        summary = _fanwen("demo", "--articles", str(articles), "--db", str(db),
                          "-s", f"WARC_ENABLED={warc}")
        summary["warc_bytes"] = sum(p.stat().st_size for p in (Path(tmp) / "warc").glob("*"))
        summary["db_bytes"] = db.stat().st_size
        if reextract:
            summary["reextract"] = _fanwen("reextract", "--db", str(db))
        return summary


def warc_cost(articles: int, rounds: int) -> None:
    """WARC on vs off, alternating so machine noise hits both; medians of pages/min."""
    runs: dict[bool, list[dict]] = {True: [], False: []}
    for number in range(rounds):
        for warc in (False, True):
            print(f"  round {number + 1}/{rounds}, WARC {'on' if warc else 'off'} ...", flush=True)
            runs[warc].append(fanwen_demo(articles, warc, reextract=warc and number == 0))
    rate = {w: sorted(r["pages"] / r["seconds"] * 60 for r in runs[w]) for w in runs}
    median = {w: rate[w][len(rate[w]) // 2] for w in rate}
    on = runs[True][0]
    per_k = 1000 / on["pages"]
    replay = on["reextract"]
    print()
    print("| measure | WARC off | WARC on |")
    print("|---|---|---|")
    print(f"| pages/min (median of {rounds}) | {median[False]:,.0f} | {median[True]:,.0f} |")
    print(f"| throughput ratio on/off | 1.00 | {median[True] / median[False]:.2f} |")
    print(f"| WARC MB per 1,000 pages | 0 | {on['warc_bytes'] * per_k / 1e6:.2f} |")
    print(f"| archive MB per 1,000 pages | {runs[False][0]['db_bytes'] * 1000 / runs[False][0]['pages'] / 1e6:.2f} "
          f"| {on['db_bytes'] * per_k / 1e6:.2f} |")
    print(f"| reextract pages/s ({replay['pages']} pages) | | {replay['pages_per_second']:.0f} |")
    print(f"| crawl pages/s, same pages | | {on['pages'] / on['seconds']:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--bench-seconds", type=int, default=20)
    parser.add_argument("--warc-rounds", type=int, default=2,
                        help="crawls with WARC on and off each, alternating (0: skip)")
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
    if args.warc_rounds:
        print(f"\nWARC capture cost, {args.articles} articles:", flush=True)
        warc_cost(args.articles, args.warc_rounds)


if __name__ == "__main__":
    main()
