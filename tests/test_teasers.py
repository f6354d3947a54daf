"""A related block written as paragraphs is cut by its shape; a mid-text recommendation is not."""

from __future__ import annotations

import lxml.html

from crawler.extraction.teasers import drop_teaser_tails

TEXT = "<p>第一段正文，写的是今天发生的事情。</p><p>第二段正文，写的是我的感受和想法。</p>"
TEASER = "<p>别的文章的开头一句话，也是完整的句子。</p>"


def texts_after(body_html: str) -> list[str]:
    body = lxml.html.fragment_fromstring(f"<div>{body_html}</div>")
    drop_teaser_tails(body)
    return [p.text_content() for p in body.iter("p")]


def test_heading_with_link_and_teaser_pairs_is_cut() -> None:
    tail = "<p><strong>相关文章：</strong></p>" + (f'<p><a href="/a/1.html">下雪了作文</a></p>{TEASER}' * 2)
    assert texts_after(TEXT + tail) == ["第一段正文，写的是今天发生的事情。", "第二段正文，写的是我的感受和想法。"]


def test_recommendation_followed_by_text_is_kept() -> None:
    """Label, link, then two paragraphs in a row: the article goes on, nothing is cut here."""
    middle = '<p>推荐阅读：</p><p><a href="/a/1.html">下雪了作文</a></p>'
    assert len(texts_after(middle + TEXT)) == 4


def test_one_pair_is_not_a_block() -> None:
    tail = f'<p>相关文章</p><p><a href="/a/1.html">下雪了作文</a></p>{TEASER}'
    assert len(texts_after(TEXT + tail)) == 5
