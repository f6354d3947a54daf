"""Extraction quality and speed: fanwen vs trafilatura vs readability-lxml, same pages, same run.

    python -m benchmarks.extraction [--repeat 3] [--layout news] [--json]

Pages and hand-written truth live in ``benchmarks/extraction_set/pages``.
Body quality is character-bigram precision/recall/F1 (Chinese has no word
spaces), computed on NFKC-folded text without white space so that full- and
half-width punctuation count alike for every extractor. Metadata is exact
match where the page shows the field; fanwen's date must match to the second
(it stores ISO 8601 with time), the libraries' to the day (they emit dates
only). A leak is a boilerplate phrase (REAL_SITES.md's list, plus the chrome
the page's layout placed) found in the body but not in the true text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGES = Path(__file__).parent / "extraction_set" / "pages"
FIELDS = ("title", "date", "origin", "author")
PHRASES = (
    "以下是小编", "小编整理", "小编为大家", "欢迎阅读", "希望大家能够喜欢", "推荐度", "相关推荐", "猜你喜欢",
    "推荐访问", "欢迎来到", "当前位置", "您现在的位置", "相关文章", "推荐阅读", "想了解更多", "下载文档",
    "的人还看了", "延伸阅读", "如有侵权", "版权所有", "Copyright", "本文档来源", "上一篇", "下一篇",
    "文档为doc格式", "热门文章", "热门推荐", "优秀范文推荐", "common_1", "点击数", "责任编辑",
)


@dataclass
class Output:
    """What one extractor returned for one page (missing fields are None)."""

    text: str = ""
    fields: dict[str, str | None] = field(default_factory=dict)


Extractor = Callable[[bytes, dict[str, Any]], Output]


def load_pages(layouts: Iterable[str] = (), limit: int = 0) -> list[tuple[bytes, dict[str, Any]]]:
    """(bytes, truth) of every saved page, optionally only some layouts / the first N of each."""
    wanted, seen = set(layouts), Counter[str]()
    pages = []
    for path in sorted(PAGES.glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if wanted and truth["layout"] not in wanted:
            continue
        if limit and seen[truth["layout"]] >= limit:
            continue
        seen[truth["layout"]] += 1
        truth["file"] = path.with_suffix(".html").name
        pages.append((path.with_suffix(".html").read_bytes(), truth))
    return pages


# --- extractors ---------------------------------------------------------------------
def run_fanwen(body: bytes, truth: dict[str, Any]) -> Output:
    from crawler.extraction.article_from_html import article_from_bytes

    art, _, _ = article_from_bytes(body, truth["url"], truth.get("content_type"))
    return Output(art.text, {"title": art.title, "date": art.published_at,
                             "origin": art.origin, "author": art.author})


def run_trafilatura(body: bytes, truth: dict[str, Any]) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(body, url=truth["url"], with_metadata=True)
    if doc is None or isinstance(doc, dict):  # a dict only with as_dict=True
        return Output()
    return Output(doc.text or "", {"title": doc.title, "date": doc.date, "author": doc.author})


def run_readability(body: bytes, truth: dict[str, Any]) -> Output:
    import lxml.html
    from readability import Document

    doc = Document(body, url=truth["url"])
    root = lxml.html.fromstring(doc.summary(html_partial=True) or "<div></div>")
    for el in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "td", "tr"):
        el.tail = "\n" + (el.tail or "")
    return Output(root.text_content(), {"title": doc.short_title()})


def available_extractors() -> dict[str, Extractor]:
    """fanwen always; the libraries when installed (``pip install fanwen[bench]``)."""
    found: dict[str, Extractor] = {"fanwen": run_fanwen}
    for name, module, fn in (("trafilatura", "trafilatura", run_trafilatura),
                             ("readability", "readability", run_readability)):
        try:
            __import__(module)
        except ImportError:
            continue
        found[name] = fn
    return found


# --- metrics -------------------------------------------------------------------------
def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def bigram_prf(got: str, want: str) -> tuple[float, float, float]:
    """Precision, recall, F1 of character-bigram multisets."""
    g, w = _norm(got), _norm(want)
    gb, wb = Counter(zip(g, g[1:], strict=False)), Counter(zip(w, w[1:], strict=False))
    overlap = sum((gb & wb).values())
    p = overlap / sum(gb.values()) if gb else 0.0
    r = overlap / sum(wb.values()) if wb else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def leaks(got: str, truth: dict[str, Any]) -> list[str]:
    """Boilerplate phrases in the output that the true text does not contain."""
    want, out = _norm("".join(truth["paragraphs"])), _norm(got)
    phrases = {_norm(p) for p in (*PHRASES, *truth["boilerplate"]) if p}
    return sorted(p for p in phrases if p in out and p not in want)


def field_hits(name: str, fields: dict[str, str | None], truth: dict[str, Any]) -> dict[str, bool]:
    """Exact match per metadata field the page shows and the extractor reports at all."""
    hits = {}
    for key in FIELDS:
        if truth.get(key) is None or key not in fields:
            continue
        got, want = fields[key] or "", truth[key]
        if key == "date" and name != "fanwen":
            got, want = got[:10], want[:10]
        hits[key] = got.strip() == want
    return hits


# --- the run ---------------------------------------------------------------------------
@dataclass
class Score:
    """Per-page results of one extractor."""

    layout: str
    group: str
    p: float
    r: float
    f1: float
    ms: float
    leaked: list[str]
    hits: dict[str, bool]


def evaluate(pages: list[tuple[bytes, dict[str, Any]]], extractors: dict[str, Extractor],
             repeat: int = 1) -> dict[str, list[Score]]:
    """Every extractor on every page; time is the best of ``repeat`` runs (less noise)."""
    results: dict[str, list[Score]] = {name: [] for name in extractors}
    for body, truth in pages:
        want = "\n".join(truth["paragraphs"])
        for name, fn in extractors.items():
            best, out = float("inf"), Output()
            for _ in range(repeat):
                start = time.perf_counter()
                out = fn(body, truth)
                best = min(best, time.perf_counter() - start)
            p, r, f1 = bigram_prf(out.text, want)
            results[name].append(Score(truth["layout"], truth["group"], p, r, f1, best * 1000,
                                       leaks(out.text, truth), field_hits(name, out.fields, truth)))
    return results


def summarize(scores: list[Score]) -> dict[str, Any]:
    """Mean P/R/F1 and ms/page, total leaks, exact-match rate per metadata field."""
    n = len(scores) or 1
    out: dict[str, Any] = {
        "pages": len(scores), "p": sum(s.p for s in scores) / n, "r": sum(s.r for s in scores) / n,
        "f1": sum(s.f1 for s in scores) / n, "ms": sum(s.ms for s in scores) / n,
        "leaks": sum(len(s.leaked) for s in scores),
    }
    for key in FIELDS:
        checked = [s.hits[key] for s in scores if key in s.hits]
        out[key] = sum(checked) / len(checked) if checked else None
    return out


def table(results: dict[str, list[Score]]) -> str:
    """Markdown table: one row per (group or layout, extractor)."""
    rows = ["| pages | extractor | n | P | R | F1 | leaks | title | date | origin | author | ms/page |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    first = next(iter(results.values()), [])
    groups = ["all", *dict.fromkeys(s.group for s in first), *dict.fromkeys(s.layout for s in first)]
    for key in groups:
        for name, scores in results.items():
            part = [s for s in scores if key in ("all", s.group, s.layout)]
            m = summarize(part)
            rate = [("-" if m[k] is None else f"{m[k]:.0%}") for k in FIELDS]
            rows.append(f"| {key} | {name} | {m['pages']} | {m['p']:.3f} | {m['r']:.3f} | "
                        f"{m['f1']:.3f} | {m['leaks']} | {' | '.join(rate)} | {m['ms']:.1f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layout", action="append", default=[], help="only these layouts")
    parser.add_argument("--limit", type=int, default=0, help="first N pages per layout")
    parser.add_argument("--repeat", type=int, default=3, help="timing: best of N runs per page")
    parser.add_argument("--only", action="append", default=[], help="only these extractors")
    parser.add_argument("--json", action="store_true", help="per-extractor summaries as JSON")
    parser.add_argument("--worst", type=int, default=0, help="list fanwen's N worst pages")
    args = parser.parse_args(argv)
    extractors = available_extractors()
    if args.only:
        extractors = {k: v for k, v in extractors.items() if k in args.only}
    pages = load_pages(args.layout, args.limit)
    run_fanwen(*pages[0])  # warm caches (profiles, compiled selectors) outside the timings
    results = evaluate(pages, extractors, args.repeat)
    if args.json:
        print(json.dumps({k: summarize(v) for k, v in results.items()}, indent=1))
    else:
        print(table(results))
    _worst(pages, results.get("fanwen", []), args.worst)
    return 0


def _worst(pages: list[tuple[bytes, dict[str, Any]]], scores: list[Score], n: int) -> None:
    ranked = sorted(zip(pages, scores, strict=True), key=lambda ps: ps[1].f1)[:n]
    for (_, truth), s in ranked:
        misses = [k for k, ok in s.hits.items() if not ok]
        print(f"{truth['file']}: F1 {s.f1:.3f} P {s.p:.3f} R {s.r:.3f} leaks {s.leaked} "
              f"wrong {misses}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
