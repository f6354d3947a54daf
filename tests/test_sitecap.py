"""SiteCapMiddleware: per-host page caps and per-path query-variant caps."""

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from crawler.middlewares.sitecap import SiteCapMiddleware


def test_page_cap_is_per_host() -> None:
    cap = SiteCapMiddleware(max_pages=2, max_variants=0)
    for i in range(2):
        cap.process_request(Request(f"http://a.test/{i}.html"))
    with pytest.raises(IgnoreRequest):
        cap.process_request(Request("http://a.test/3.html"))
    cap.process_request(Request("http://b.test/1.html"))  # another site is not affected


def test_endless_query_variants_of_one_path_stop() -> None:
    cap = SiteCapMiddleware(max_pages=0, max_variants=3)
    for page in range(3):
        cap.process_request(Request(f"http://a.test/search.php?q=x&page={page}"))
    cap.process_request(Request("http://a.test/search.php?q=x&page=1"))  # seen before: fine
    with pytest.raises(IgnoreRequest):
        cap.process_request(Request("http://a.test/search.php?q=x&page=99"))
    cap.process_request(Request("http://a.test/list.php?tid=1"))  # other path: fine
