"""Per-page results and the run's summary numbers (what the issue's targets are stated in)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.layoutgen import metrics
from benchmarks.layoutgen.harness import FanwenPath, Outcome, baseline_text
from benchmarks.layoutgen.page import GeneratedPage, Inserted

FIELDS = ("title", "origin", "author", "date")
TRUNCATED_BELOW = 0.9  # recall under this on an archived article: the body was cut


@dataclass
class PageResult:
    page: GeneratedPage
    outcome: Outcome
    counts: metrics.Counts = (0, 0, 0)
    leaks: list[tuple[Inserted, list[str]]] = field(default_factory=list)
    keywords_lost: list[Inserted] = field(default_factory=list)
    fields: dict[str, bool] = field(default_factory=dict)
    invented: list[str] = field(default_factory=list)  # fields reported that the page does not show
    baselines: dict[str, metrics.Counts] = field(default_factory=dict)

    @property
    def is_article(self) -> bool:
        return self.page.kind == "article"

    @property
    def f1(self) -> float:
        return metrics.page_f1(self.counts)

    @property
    def recall(self) -> float:
        return metrics.recall(*self.counts)

    @property
    def missed(self) -> bool:
        return self.is_article and not self.outcome.text.strip()

    @property
    def truncated(self) -> bool:
        return self.is_article and not self.missed and self.recall < TRUNCATED_BELOW

    @property
    def list_archived(self) -> bool:
        return not self.is_article and self.outcome.archived

    @property
    def failed(self) -> bool:
        return (self.list_archived or self.missed or self.truncated or bool(self.leaks)
                or bool(self.keywords_lost) or self.f1 < 0.99 and self.is_article)


def score(page: GeneratedPage, outcome: Outcome) -> PageResult:
    result = PageResult(page, outcome)
    truth = page.truth
    if not result.is_article:
        return result
    result.counts = metrics.counts(truth.text, outcome.text)
    got, want = metrics.fold(outcome.text), metrics.fold(truth.text)
    if not got:
        return result
    for item in truth.inserted:
        if item.cls == "keyword_link":
            if metrics.keyword_lost(item, got):
                result.keywords_lost.append(item)
        elif found := metrics.leaked(item, got, want):
            result.leaks.append((item, found))
    for key in FIELDS:
        ok = metrics.field_ok(key, getattr(outcome, key), truth)
        if ok is not None:
            result.fields[key] = ok
        elif key in ("origin", "author") and getattr(outcome, key):
            result.invented.append(key)
    return result


def evaluate(pages: Iterable[GeneratedPage], total: int, others: dict[str, Callable[..., Any]],
             progress: bool) -> list[PageResult]:
    """fanwen's real path on every page; the baselines on the article pages."""
    path = FanwenPath()
    results = []
    for n, page in enumerate(pages, 1):
        result = score(page, path.run(page))
        if result.is_article:
            for name, fn in others.items():
                result.baselines[name] = metrics.counts(page.truth.text, baseline_text(fn, page))
        results.append(result)
        if progress and (n % 25 == 0 or n == total):
            print(f"\rlayoutgen: {n}/{total} pages", end="" if n < total else "\n", file=sys.stderr)
    return results


def summary(results: list[PageResult]) -> dict[str, Any]:
    """The numbers of the issue's "done when": F1, residue, lists archived, articles missed."""
    arts = [r for r in results if r.is_article]
    lists = [r for r in results if not r.is_article]
    archived = [r for r in arts if not r.missed]
    out: dict[str, Any] = {
        "pages": len(results), "articles": len(arts), "lists": len(lists),
        **metrics.corpus_prf(r.counts for r in arts),
        "articles_missed": sum(r.missed for r in arts),
        "truncated": sum(r.truncated for r in arts),
        "residue": sum(len(r.leaks) for r in arts),
        "pages_with_residue": sum(bool(r.leaks) for r in arts),
        "keywords_lost": sum(len(r.keywords_lost) for r in arts),
        "lists_archived": sum(r.list_archived for r in lists),
        "ms_per_page": sum(r.outcome.ms for r in results) / (len(results) or 1),
    }
    for key in FIELDS:
        checked = [r.fields[key] for r in archived if key in r.fields]
        out[key] = sum(checked) / len(checked) if checked else None
    for key in ("origin", "author"):
        out[f"{key}_invented"] = sum(key in r.invented for r in archived)
    names = {name for r in arts for name in r.baselines}
    out["baselines"] = {name: metrics.corpus_prf(r.baselines[name] for r in arts) for name in sorted(names)}
    return out
