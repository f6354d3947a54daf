"""What the run found, broken down by the part drawn, so a failure class is visible at a glance.

Rows whose pages fail are marked ``!``. For a truncated body the report names
what sat just before the first lost paragraph (a recommendation paragraph in
the middle, an info line …): that is usually the cut point.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.layoutgen import metrics
from benchmarks.layoutgen.page import Inserted
from benchmarks.layoutgen.scoring import FIELDS, PageResult


def _cell(text: str, width: int = 32) -> str:
    """Left-aligned to ``width`` display columns (a Chinese character takes two)."""
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return text + " " * max(1, width - len(text) - wide)


def headline(s: dict[str, Any]) -> str:
    rate = "  ".join(f"{k} {'-' if s[k] is None else f'{s[k]:.0%}'}" for k in FIELDS)
    lines = [
        f"pages {s['pages']} (articles {s['articles']}, lists {s['lists']}), "
        f"fanwen {s['ms_per_page']:.1f} ms/page (spider callback + clean pipeline)",
        f"fanwen body     P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}  page_f1 {s['page_f1']:.3f}",
    ]
    for name, b in s["baselines"].items():
        lines.append(f"{name:<15} P {b['p']:.3f}  R {b['r']:.3f}  F1 {b['f1']:.3f}  page_f1 {b['page_f1']:.3f}")
    lines += [
        f"articles missed {s['articles_missed']}   truncated (R<0.9) {s['truncated']}   "
        f"lists archived {s['lists_archived']}/{s['lists']}",
        f"boilerplate residue {s['residue']} insertions on {s['pages_with_residue']} pages   "
        f"keyword links lost {s['keywords_lost']}",
        f"fields (archived articles that show them): {rate}   "
        f"origin invented {s['origin_invented']}  author invented {s['author_invented']}",
    ]
    return "\n".join(lines)


def residue_rows(results: list[PageResult]) -> list[dict[str, Any]]:
    """Per boilerplate class and position: how often inserted, leaked, and where bodies were cut."""
    rows: dict[str, dict[str, Any]] = defaultdict(lambda: {"inserted": 0, "leaked": 0, "cut_after": 0})
    for r in results:
        if not r.is_article or r.missed:
            continue
        leaked = {id(item) for item, _ in r.leaks} | {id(item) for item in r.keywords_lost}
        cut = cut_point(r)
        for item in r.page.truth.inserted:
            for key in (item.cls, f"{item.cls}@{item.position}"):
                rows[key]["inserted"] += 1
                rows[key]["leaked"] += id(item) in leaked
                rows[key]["cut_after"] += cut is not None and cut[1] is item
    return [{"part": k, **v} for k, v in sorted(rows.items())]


def cut_point(r: PageResult) -> tuple[int, Inserted | None] | None:
    """(first lost paragraph, the middle insertion just before it) of a truncated body."""
    if not r.truncated:
        return None
    got = metrics.fold(r.outcome.text)
    paras = r.page.truth.paragraphs
    lost = next((i for i, p in enumerate(paras) if metrics.fold(p) not in got), None)
    if lost is None:
        return None
    before = [x for x in r.page.truth.inserted if x.position == "middle" and x.at == lost]
    return lost, (before[-1] if before else None)


def part_rows(results: list[PageResult], kind: str) -> list[dict[str, Any]]:
    """One row per (dimension, value) drawn on pages of ``kind``."""
    groups: dict[str, list[PageResult]] = defaultdict(list)
    for r in results:
        if r.page.kind == kind:
            for dim, value in r.page.truth.parts.items():
                groups[f"{dim}={value}"].append(r)
    rows = []
    for key, rs in sorted(groups.items()):
        if kind == "list":
            rows.append({"part": key, "n": len(rs), "archived": sum(r.list_archived for r in rs)})
            continue
        rows.append({"part": key, "n": len(rs),
                     "page_f1": sum(r.f1 for r in rs) / len(rs), "missed": sum(r.missed for r in rs),
                     "truncated": sum(r.truncated for r in rs),
                     "residue_pages": sum(bool(r.leaks) for r in rs),
                     **{k: _rate(rs, k) for k in ("title", "origin", "author", "date")}})
    return rows


def _rate(results: list[PageResult], key: str) -> float | None:
    checked = [r.fields[key] for r in results if key in r.fields]
    return sum(checked) / len(checked) if checked else None


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def tables(results: list[PageResult]) -> str:
    out = ["", "boilerplate by class and position (archived articles): inserted, leaked, body cut just after it",
           f"{'':2}{'part':<32}{'inserted':>9}{'leaked':>8}{'cut':>6}"]
    for row in residue_rows(results):
        bad = "!" if row["leaked"] or row["cut_after"] else " "
        out.append(f"{bad} {_cell(row['part'])}{row['inserted']:>9}{row['leaked']:>8}{row['cut_after']:>6}")
    out += ["", "article pages by part drawn",
            f"{'':2}{'part':<32}{'n':>5}{'page_f1':>9}{'missed':>8}{'trunc':>7}{'residue':>9}"
            f"{'title':>7}{'origin':>7}{'author':>7}{'date':>7}"]
    for row in part_rows(results, "article"):
        bad = "!" if row["page_f1"] < 0.99 or row["missed"] or row["residue_pages"] else " "
        out.append(f"{bad} {_cell(row['part'])}{row['n']:>5}{row['page_f1']:>9.3f}{row['missed']:>8}"
                   f"{row['truncated']:>7}{row['residue_pages']:>9}"
                   + "".join(f"{_pct(row[k]):>7}" for k in ("title", "origin", "author", "date")))
    out += ["", "list pages by part drawn (archived = taken for an article)",
            f"{'':2}{'part':<32}{'n':>5}{'archived':>9}"]
    for row in part_rows(results, "list"):
        out.append(f"{'!' if row['archived'] else ' '} {_cell(row['part'])}{row['n']:>5}{row['archived']:>9}")
    return "\n".join(out)


def describe(r: PageResult) -> str:
    """One line per failing page: what failed and the parts it was drawn with."""
    t, o = r.page.truth, r.outcome
    parts = " ".join(f"{k}={v}" for k, v in t.parts.items())
    if not r.is_article:
        return f"#{r.page.index} LIST ARCHIVED {t.url} [{parts}] title={o.title!r}"
    what = [f"F1 {r.f1:.3f} P {metrics.precision(*r.counts):.3f} R {r.recall:.3f}"]
    if r.missed:
        what.append(f"MISSED ({o.reason})")
    cut = cut_point(r)
    if cut:
        lost, item = cut
        after = f" just after {item.cls}@middle {item.text[:24]!r}" if item else ""
        what.append(f"TRUNCATED from paragraph {lost + 1}/{len(t.paragraphs)}{after}")
    for item, cores in r.leaks:
        what.append(f"LEAK {item.cls}@{item.position} {cores[0][:30]!r}")
    for item in r.keywords_lost:
        what.append(f"KEYWORD LOST {item.text!r}")
    wrong = [k for k, ok in r.fields.items() if not ok]
    if wrong:
        what.append("wrong " + ",".join(f"{k}={getattr(o, k)!r}(want {getattr(t, k)!r})" for k in wrong))
    return f"#{r.page.index} {t.url} [{parts}]\n    " + "; ".join(what)


def worst(results: list[PageResult], n: int) -> str:
    bad = [r for r in results if r.failed]
    bad.sort(key=lambda r: (not r.list_archived, r.f1 if r.is_article else 0.0, -len(r.leaks)))
    return "\n".join(describe(r) for r in bad[:n])


def dump(results: list[PageResult], directory: Path) -> int:
    """Write each failing page's bytes and truth (plus what fanwen made of it) for debugging."""
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for r in results:
        if not r.failed:
            continue
        stem = directory / f"{r.page.index:04d}_{r.page.kind}"
        stem.with_suffix(".html").write_bytes(r.page.body)
        record = {"truth": r.page.truth.to_json(), "content_type": r.page.content_type,
                  "fanwen": {**r.outcome.__dict__, "f1": r.f1, "recall": r.recall},
                  "problems": describe(r).split("\n", 1)[1].strip() if "\n" in describe(r) else "list archived"}
        stem.with_suffix(".json").write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        count += 1
    return count
