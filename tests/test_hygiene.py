"""Control characters never reach a stored field or the terminal; values are kept whole."""

from __future__ import annotations

import pytest

from crawler.extraction.hygiene import (
    drop_lone_joiners,
    has_control,
    plain_field,
    printable,
)
from crawler.extraction.labels import parse_author, parse_origin
from crawler.extraction.metadata import Article, tidy_article
from crawler.extraction.textclean import normalize_text

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"


def test_fields_lose_c0_c1_and_del() -> None:
    assert plain_field("控制\x07字符\x1b[31m标题\x7f\x9b2J\t尾\n") == "控制字符[31m标题2J 尾"
    article = tidy_article(Article(title="标\x07题", author="张\x1b三", origin="求\x9b是",
                                   category=["a\x00", "\x07"], tags=["t\x85ag"],
                                   paragraphs=["第一段\x0b", "\x01", "第二段"]))
    assert (article.title, article.author, article.origin) == ("标题", "张三", "求是")
    assert article.category == ["a"] and article.tags == ["t ag"]
    assert article.text == "第一段\n第二段" and not has_control(article.text.replace("\n", ""))


def test_zero_width_joiners_kept_inside_emoji_only() -> None:
    assert drop_lone_joiners(f"家{FAMILY}\u200d好\u200d") == f"家{FAMILY}好"
    assert normalize_text(f"一家人{FAMILY}读书\u200b") == f"一家人{FAMILY}读书"


def test_printable_escapes_controls_but_keeps_own_marks() -> None:
    assert printable("a\x1b[2Jb\n\x9bc") == "a\\x1b[2Jb\n\\x9bc"
    marks = ("\x1b[1;31m", "\x1b[0m")
    assert printable("x\x1b[1;31m安\x1b[0m\x07", keep=marks) == "x\x1b[1;31m安\x1b[0m\\x07"


@pytest.mark.parametrize("text,author,origin", [
    ("作者：<script>alert(1)</script> 来源：求是", "<script>alert(1)</script>", "求是"),
    ("来源：'; DROP TABLE articles; -- 作者：O'Brien", "O'Brien", "'; DROP TABLE articles; --"),
    ("来源：http://www.qstheory.cn/ 作者：张三（实习生）", "张三（实习生）", "http://www.qstheory.cn/"),
    ("（来源：求是）（作者：李四）", "李四", "求是"),
    ("【来源：人民网】正文", None, "人民网"),
])
def test_metadata_values_kept_whole(text: str, author: str | None, origin: str | None) -> None:
    assert (parse_author(text), parse_origin(text)) == (author, origin)
