"""The layout-variation generator: its truth, and fanwen against issue 10's targets on a fast subset.

The full run is ``python -m benchmarks.layoutgen --pages 2000 --seed 1``; here
240 pages at a fixed seed go through the same path (the spider's callback,
then the clean pipeline). The target tests fail until the extractor meets
issue 10's "done when"; their messages name the failing parts.
"""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest

from benchmarks.layoutgen import generate
from benchmarks.layoutgen.charset import CHARSETS
from benchmarks.layoutgen.metrics import fold
from benchmarks.layoutgen.page import GeneratedPage
from benchmarks.layoutgen.report import describe
from benchmarks.layoutgen.scoring import PageResult, evaluate, summary

SEED, PAGES = 20261127, 240


def page_text(page: GeneratedPage) -> str:
    """What a reader sees, decoded with the encoding the page was really written in."""
    encoding = CHARSETS[page.truth.parts["charset"]][0]
    html = page.body.removeprefix(b"\xef\xbb\xbf").decode(encoding)
    return fold(lxml.html.fromstring(html).text_content())


def test_same_seed_same_pages_and_prefix_stable() -> None:
    first = list(generate(7, 30))
    again = list(generate(7, 30))
    assert [p.body for p in first] == [p.body for p in again]
    assert [p.truth.to_json() for p in first] == [p.truth.to_json() for p in again]
    assert [p.body for p in generate(7, 10)] == [p.body for p in first[:10]]
    assert [p.body for p in generate(8, 10)] != [p.body for p in first[:10]]


def test_truth_is_on_the_page() -> None:
    pages = list(generate(3, 150))
    assert {p.kind for p in pages} == {"article", "list"}
    for page in pages:
        text, truth = page_text(page), page.truth
        if page.kind == "list":
            assert not truth.paragraphs
            continue
        assert truth.paragraphs
        for para in truth.paragraphs:
            assert fold(para) in text, (page.index, para)
        for item in truth.inserted:
            for core in item.cores:
                assert fold(core) in text, (page.index, item.cls, core)


def test_every_part_kind_is_drawn() -> None:
    pages = list(generate(5, 400))
    classes = {i.cls for p in pages for i in p.truth.inserted}
    assert {"mid_recommend", "promo_line", "intro_formula", "outro_formula", "info_line",
            "related_block", "keyword_link", "ad_script", "download_card"} <= classes
    middle = {i.cls for p in pages for i in p.truth.inserted if i.position == "middle"}
    assert {"mid_recommend", "info_line", "promo_line"} <= middle
    markups = {p.truth.parts["markup"] for p in pages if p.kind == "article"}
    assert {"p", "br1", "br2", "td", "divs", "soup", "mixed"} == markups


# --- fanwen against the targets of issue 10 (fails until the extractor is fixed) ---------
@pytest.fixture(scope="module")
def run() -> tuple[list[PageResult], dict[str, Any]]:
    results = evaluate(generate(SEED, PAGES), PAGES, {}, progress=False)
    return results, summary(results)


def _failing(results: list[PageResult], test: Any) -> str:
    return "\n".join(describe(r) for r in results if test(r))[:3000]


def test_body_f1(run: tuple[list[PageResult], dict[str, Any]]) -> None:
    results, found = run
    assert found["f1"] >= 0.99, f"F1 {found['f1']:.3f}\n" + _failing(results, lambda r: r.f1 < 0.9)


def test_no_boilerplate_residue(run: tuple[list[PageResult], dict[str, Any]]) -> None:
    results, found = run
    assert found["residue"] == 0, _failing(results, lambda r: r.leaks)


def test_no_list_page_archived(run: tuple[list[PageResult], dict[str, Any]]) -> None:
    results, found = run
    assert found["lists_archived"] == 0, _failing(results, lambda r: r.list_archived)


def test_no_article_missed(run: tuple[list[PageResult], dict[str, Any]]) -> None:
    results, found = run
    assert found["articles_missed"] == 0, _failing(results, lambda r: r.missed)
