"""Scores of one page against its truth: body bigrams, leaked boilerplate, kept keywords, fields.

The body metric is the one the project's extraction goal is stated in
(``../shared/realpages-dev/score.py``), reimplemented so the benchmark does
not depend on a file outside the repository: NFKC, word characters only,
lower case, multiset of character bigrams; across pages, precision averaged
over pages with a prediction, recall over pages with a truth, F1 of the two
averages, and the mean per-page F1 (an empty prediction scores 0) beside it.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable

from benchmarks.layoutgen.page import Inserted, Truth

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
Counts = tuple[int, int, int]  # tp, fp, fn


def bigrams(text: str) -> Counter[str]:
    s = _NON_WORD.sub("", unicodedata.normalize("NFKC", text or "")).lower()
    return Counter(s[i:i + 2] for i in range(len(s) - 1)) if len(s) > 1 else Counter([s] if s else [])


def counts(true: str, pred: str) -> Counts:
    t, p = bigrams(true), bigrams(pred)
    tp = sum((t & p).values())
    return tp, sum(p.values()) - tp, sum(t.values()) - tp


def precision(tp: int, fp: int, fn: int) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))


def recall(tp: int, fp: int, fn: int) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))


def page_f1(row: Counts) -> float:
    p, r = precision(*row), recall(*row)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def corpus_prf(rows: Iterable[Counts]) -> dict[str, float]:
    """score.py's aggregate: P over pages with a prediction, R over pages with a truth."""
    rows = list(rows)
    ps = [precision(*x) for x in rows if x[0] + x[1] > 0]
    rs = [recall(*x) for x in rows if x[0] + x[2] > 0]
    p, r = (statistics.mean(ps) if ps else 0.0), (statistics.mean(rs) if rs else 0.0)
    return {"p": p, "r": r, "f1": 0.0 if p + r == 0 else 2 * p * r / (p + r),
            "page_f1": statistics.mean(map(page_f1, rows)) if rows else 0.0}


def fold(text: str) -> str:
    """For substring tests: NFKC without white space (punctuation kept, so 【推荐】 stays distinct)."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def leaked(item: Inserted, got: str, want: str) -> list[str]:
    """Cores of a boilerplate insertion found in the archived text and not in the true text."""
    return [c for c in item.cores if fold(c) and fold(c) in got and fold(c) not in want]


def keyword_lost(item: Inserted, got: str) -> bool:
    """A keyword link whose word (with its neighbours) is missing from the archived text."""
    return any(fold(c) not in got for c in item.cores)


def field_ok(key: str, got: str | None, truth: Truth) -> bool | None:
    """Exact match of a field the page shows; None when the page does not show it.

    A date is compared to the second when the page shows a time, else to the day.
    """
    want = getattr(truth, key)
    if want is None:
        return None
    got = (got or "").strip()
    if key == "date":
        return got[:len(want)] == want if "T" in want else got[:10] == want
    return got == want
