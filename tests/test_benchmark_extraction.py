"""The extraction benchmark on a small subset: fanwen must stay above its quality bar.

The full run (all pages, trafilatura and readability-lxml timed alongside) is
``python -m benchmarks.extraction``; this keeps CI fast and fails when a change
lowers fanwen's body F1, leaks boilerplate or loses metadata.
"""

from __future__ import annotations

import importlib.util

import pytest

from benchmarks.extraction import available_extractors, evaluate, load_pages, run_fanwen, summarize

PAGES = load_pages(limit=2)  # two pages of every layout


def test_subset_covers_every_layout() -> None:
    layouts = {truth["layout"] for _, truth in PAGES}
    assert len(layouts) >= 8 and {"template", "other"} == {t["group"] for _, t in PAGES}


@pytest.mark.parametrize("group", ["template", "other"])
def test_fanwen_quality(group: str) -> None:
    scores = evaluate([p for p in PAGES if p[1]["group"] == group], {"fanwen": run_fanwen})["fanwen"]
    summary = summarize(scores)
    assert summary["f1"] >= 0.97, summary
    assert summary["leaks"] == 0, [s.leaked for s in scores if s.leaked]
    for key in ("title", "date", "origin"):
        assert summary[key] is None or summary[key] >= 0.98, (key, summary)


@pytest.mark.skipif(
    not (importlib.util.find_spec("trafilatura") and importlib.util.find_spec("readability")),
    reason="comparison needs the bench extra: pip install -e .[bench]",
)
def test_fanwen_beats_the_libraries_on_unknown_layouts() -> None:
    pages = [p for p in PAGES if p[1]["group"] == "other"]
    results = {name: summarize(s) for name, s in evaluate(pages, available_extractors()).items()}
    for name in ("trafilatura", "readability"):
        assert results["fanwen"]["f1"] > results[name]["f1"], results
