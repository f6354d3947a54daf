"""crawler.traps: URL patterns, calendar shapes, the pattern budget, href preference."""

from __future__ import annotations

import pytest

from crawler.extraction.profiles import get_profile
from crawler.traps import PatternBudget, is_calendar, preferred_hrefs, url_template


@pytest.mark.parametrize("url,template", [
    ("http://a.test/trap/123456.html", "a.test/trap/N.html"),
    ("http://a.test/archives/2024/01/05/", "a.test/archives/N/N/N/"),
    ("http://a.test/plus/list.php?tid=5&PageNo=3", "a.test/plus/list.php?PageNo=N&tid=N"),
    ("http://a.test/search.php?q=abc&page=3", "a.test/search.php?page=N&q=*"),
    ("http://a.test/c.php?d=2024-01-05", "a.test/c.php?d=N-N-N"),
    ("http://a.test/p/0123456789abcdef0123.html", "a.test/p/H.html"),
])
def test_one_template_per_generator(url: str, template: str) -> None:
    assert url_template(url) == template


@pytest.mark.parametrize("url,calendar", [
    ("http://a.test/archives/2024/01/05/", True),
    ("http://a.test/archives/2024/1/", True),
    ("http://a.test/2024-01-05.html", True),
    ("http://a.test/archive/20240105/", True),
    ("http://a.test/riqi.php?day=20240105", True),
    ("http://a.test/c.php?d=2024-01-05", True),
    ("http://a.test/x.php?y=2024&m=1", True),
    # articles under a date, ids that happen to look like dates, plain pagers
    ("http://a.test/news/2024/01/05/123456.html", False),
    ("http://a.test/zw/20240105.html", False),
    ("http://a.test/plus/view.php?aid=20110512", False),
    ("http://a.test/c.php?page=201105", False),
    ("http://a.test/a/HTML/a_20240105101010_123.html", False),
])
def test_calendars_by_shape(url: str, calendar: bool) -> None:
    assert is_calendar(url) is calendar


def test_budget_shrinks_without_yield_and_grows_with_it() -> None:
    budget = PatternBudget(base=3, per_hit=2, calendar_base=1)
    for _ in range(3):
        assert budget.allows("t")
        budget.judge("t")
    assert not budget.allows("t") and "t" in budget.exhausted
    budget.credit("t")  # one of them was productive after all: two more on top
    for _ in range(3):
        assert budget.allows("t")
        budget.judge("t")
    assert not budget.allows("t")
    budget.judge("cal")
    assert not budget.allows("cal", calendar=True) and budget.allows("cal")
    assert budget.unproven("cal") and not budget.unproven("new")


def test_a_big_page_keeps_article_and_list_shaped_hrefs_first() -> None:
    profile = get_profile("generic")
    hrefs = [f"/x/junk{i}.php" for i in range(50)] + ["/search.php?q=1", "/zw/list_2.html",
                                                        "http://a.test/zw/1234567.html#c"]
    kept = preferred_hrefs(hrefs, profile, 3)
    assert kept == ["http://a.test/zw/1234567.html#c", "/zw/list_2.html", "/x/junk0.php"]
    assert preferred_hrefs(hrefs[:2], profile, 3) == hrefs[:2]
