"""``python -m benchmarks.layoutgen``: fanwen on generated layouts, with the libraries as baselines."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.layoutgen import report
from benchmarks.layoutgen.generate import LIST_SHARE, generate
from benchmarks.layoutgen.harness import baselines
from benchmarks.layoutgen.scoring import evaluate, summary


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.layoutgen",
        description="fanwen's spider callback and clean pipeline on generated template-site pages",
        epilog="example: python -m benchmarks.layoutgen --pages 2000 --seed 1 --worst 20",
    )
    parser.add_argument("--pages", type=int, default=2000, help="pages to generate (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="the run's seed (default 1)")
    parser.add_argument("--list-share", type=float, default=LIST_SHARE, help="share of list pages")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages with what failed")
    parser.add_argument("--dump", type=Path, help="write failing pages' HTML and truth JSON here")
    parser.add_argument("--json", action="store_true", help="summary and breakdowns as JSON")
    parser.add_argument("--no-baselines", action="store_true", help="skip readability / trafilatura")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    others = {} if args.no_baselines else baselines()
    start = time.perf_counter()
    pages = generate(args.seed, args.pages, args.list_share)
    results = evaluate(pages, args.pages, others, progress=sys.stderr.isatty())
    found = summary(results)
    found["seconds"] = round(time.perf_counter() - start, 1)
    if args.json:
        print(json.dumps({"summary": found, "boilerplate": report.residue_rows(results),
                          "articles": report.part_rows(results, "article"),
                          "lists": report.part_rows(results, "list")}, ensure_ascii=False, indent=1))
    else:
        print(f"layoutgen seed {args.seed}: {found['seconds']} s in all")
        print(report.headline(found))
        print(report.tables(results))
    if args.worst:
        print(report.worst(results, args.worst), file=sys.stderr if args.json else sys.stdout)
    if args.dump:
        print(f"dumped {report.dump(results, args.dump)} failing pages to {args.dump}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
