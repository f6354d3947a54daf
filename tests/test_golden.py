"""Extraction quality pinned by saved pages: fields, must and must-not text.

Each case runs the whole decode -> profile -> extract -> build_article path the
spider uses, so a regression anywhere in it shows up here.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from parsel import Selector

from crawler.extraction.decode import decode_html
from crawler.extraction.extract import extract_page
from crawler.extraction.metadata import Article, build_article
from crawler.extraction.profiles import profile_for

GOLDEN = Path(__file__).parent / "golden"
CASES = tomllib.loads((GOLDEN / "cases.toml").read_text(encoding="utf-8"))["case"]


def run_case(case: dict) -> tuple[Article, str, int, str]:
    decoded = decode_html((GOLDEN / case["file"]).read_bytes(), case.get("content_type"))
    profile = profile_for(urlsplit(case["url"]).hostname or "", Selector(text=decoded.text))
    raw = extract_page(decoded.text, case["url"], profile)
    return build_article([raw], profile), decoded.encoding, decoded.replaced, profile.name


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_golden_page(case: dict) -> None:
    article, encoding, replaced, profile = run_case(case)
    text = article.text
    assert profile == case["profile"]
    assert encoding == case["encoding"]
    assert replaced == case.get("replaced", 0)
    assert article.title == case["title"]
    for key in ("category", "published_at", "origin", "author"):
        if key in case:
            assert getattr(article, key) == (case[key] or None if key != "category" else case[key]), key
    assert article.paragraphs, "no text"
    assert article.paragraphs[0].startswith(case["first"]), article.paragraphs[0]
    assert article.paragraphs[-1].endswith(case["last"]), article.paragraphs[-1]
    for para in case.get("paragraphs", []):
        assert para in article.paragraphs
    for needle in case.get("must", []):
        assert needle in text, needle
    for needle in case.get("must_not", []):
        assert needle not in text, needle
    assert article.title and article.title not in article.paragraphs


def test_golden_cases_cover_every_family() -> None:
    assert {c["profile"] for c in CASES} >= {"dedecms", "ruiwen", "xuexila", "powereasy", "generic"}
