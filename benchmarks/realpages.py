"""Extraction on real pages nobody on the project wrote: ``../shared/realpages-dev``.

    python -m benchmarks.realpages [--only fanwen] [--worst 10] [--repeat 3]

cwced (69 pages with hand-made truth): every extractor writes one ``<id>.txt``
per page into a scratch folder, and the set's own ``score.py`` scores it, so
the figures are the ones the dataset publishes (F1, page_f1, empty). ms/page
is the best of ``--repeat`` runs per page, bytes in, text out, all extractors
in the same run. Date (to the day) and author are scored on the pages where the
person recorded them (``meta.jsonl``), for the extractors that report them.

gne (71 real news pages, no truth): the 67 article pages must each give a
plausible body (not empty, not a heading or the navigation) and none of the 4
list pages may be archived, judged by the crawl's own decision
(``crawler.extraction.article_from_html.page_verdict``). The pages where fanwen and
readability disagree most are listed for a look by hand.

The pages are read from ``../shared/realpages-dev`` (``--root`` to change);
the benchmark says so and stops when they are not there.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.extraction import Extractor, Output, available_extractors, bigram_prf

ROOT = Path(__file__).resolve().parents[1].parent / "shared" / "realpages-dev"
# A body shorter than this on a news article page is "a heading or a byline", not a body.
PLAUSIBLE_CHARS = 100
_DAY = re.compile(r"\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")


def load(root: Path, subset: str) -> list[tuple[bytes, dict[str, Any]]]:
    """(bytes, meta) of every page of ``cwced`` or ``gne``, in file order."""
    pages = []
    for line in (root / subset / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        name = meta.get("file") or f"{meta['id']}.html"
        meta["name"] = Path(name).stem
        meta["url"] = meta.get("url") or f"http://{subset}.test/{name}"
        pages.append(((root / subset / "pages" / name).read_bytes(), meta))
    return pages


def timed(fn: Extractor, body: bytes, meta: dict[str, Any], repeat: int) -> tuple[Output, float]:
    """Output and best-of-``repeat`` milliseconds; an extractor's crash is an empty output."""
    best, out = float("inf"), Output()
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            out = fn(body, meta)
        except Exception as exc:  # a baseline library failing on one page is a result too
            print(f"  {meta['name']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            out = Output()
        best = min(best, time.perf_counter() - start)
    return out, best * 1000


def _day(text: str | None) -> tuple[int, ...] | None:
    """(year, month, day) of a date written "2005-5-7 21:23:57" or ISO; None without one."""
    found = _DAY.match(text or "")
    return tuple(int(part) for part in found.groups()) if found else None


def field_hits(out: Output, meta: dict[str, Any]) -> dict[str, bool]:
    """Date (to the day) and author right, on the pages where the person recorded them."""
    hits = {}
    if _day(meta.get("date")) and "date" in out.fields:
        hits["date"] = _day(out.fields["date"]) == _day(meta["date"])
    if meta.get("author") not in (None, "", "UNKNOWN", "UNKNWON") and "author" in out.fields:
        hits["author"] = (out.fields["author"] or "").strip() == meta["author"].strip()
    return hits


def score_cwced(root: Path, extractors: dict[str, Extractor], repeat: int, worst: int) -> None:
    """One score.py line per extractor, plus ms/page and (for fanwen) the worst pages."""
    pages = load(root, "cwced")
    for name, fn in extractors.items():
        with tempfile.TemporaryDirectory() as out:
            total_ms, f1s, hits = 0.0, [], Counter[str]()
            known = Counter[str]()
            for body, meta in pages:
                result, ms = timed(fn, body, meta, repeat)
                text = result.text
                total_ms += ms
                for key, hit in field_hits(result, meta).items():
                    known[key] += 1
                    hits[key] += hit
                Path(out, f"{meta['name']}.txt").write_text(text, encoding="utf-8")
                truth = (root / "cwced" / "truth" / f"{meta['name']}.txt").read_text(encoding="utf-8")
                f1s.append((bigram_prf(text, truth)[2], meta["name"], meta.get("page_type")))
            line = subprocess.run(
                [sys.executable, str(root / "score.py"), out], capture_output=True, text=True, check=True
            ).stdout.splitlines()[0]
        shown = " ".join(f"{key}={hits[key]}/{known[key]}" for key in ("date", "author") if known[key])
        print(f"cwced {name:12s} {line} ms/page={total_ms / len(pages):.1f} {shown}".rstrip())
        for f1, page, kind in sorted(f1s)[:worst]:
            print(f"    {f1:.3f} {page} ({kind})")


def check_gne(root: Path, extractors: dict[str, Extractor], disagree: int) -> None:
    """Plausible bodies on article pages, no archived list page, the largest disagreements."""
    from crawler.extraction.article_from_html import page_verdict

    pages = load(root, "gne")
    weak, archived_lists, gaps = [], [], []
    for body, meta in pages:
        verdict = page_verdict(body, meta["url"])
        if meta["page_type"] == "list":
            if verdict.archived:
                archived_lists.append(meta["name"])
            continue
        text = verdict.article.text if verdict.archived and verdict.article else ""
        if len(text) < PLAUSIBLE_CHARS:
            weak.append(f"{meta['name']} ({len(text)} chars: {verdict.reason})")
        if "readability" in extractors:
            other = extractors["readability"](body, meta).text
            gaps.append((bigram_prf(text, other)[2], meta["name"], len(text), len(other)))
    articles = sum(meta["page_type"] != "list" for _, meta in pages)
    print(f"gne   article pages with a plausible body: {articles - len(weak)}/{articles}; "
          f"list pages archived: {len(archived_lists)}/{len(pages) - articles}")
    for line in weak:
        print(f"    weak: {line}")
    for name in archived_lists:
        print(f"    list archived: {name}")
    for f1, name, mine, theirs in sorted(gaps)[:disagree]:
        print(f"    vs readability F1 {f1:.3f} {name}: fanwen {mine} chars, readability {theirs}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the realpages-dev folder")
    parser.add_argument("--only", action="append", default=[], help="only these extractors")
    parser.add_argument("--repeat", type=int, default=1, help="timing: best of N runs per page")
    parser.add_argument("--worst", type=int, default=0, help="list fanwen's N worst cwced pages")
    parser.add_argument("--disagree", type=int, default=8, help="gne pages most unlike readability")
    parser.add_argument("--skip-gne", action="store_true")
    args = parser.parse_args(argv)
    if not (args.root / "cwced" / "meta.jsonl").exists():
        print(f"no real pages at {args.root} (see --root)", file=sys.stderr)
        return 1
    extractors = available_extractors()
    if args.only:
        extractors = {k: v for k, v in extractors.items() if k in args.only}
    score_cwced(args.root, extractors, args.repeat, args.worst)
    if not args.skip_gne:
        check_gne(args.root, available_extractors(), args.disagree)
    return 0


if __name__ == "__main__":
    sys.exit(main())
