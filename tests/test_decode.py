"""decode_html: declared charsets, disagreement, BOMs, damage counting, never raising."""

from __future__ import annotations

import os

import pytest

from crawler.extraction.decode import decode_html, normalize_encoding

GBK_ONLY = "马克思·韦伯说：节日是记忆的载体。"  # "·" is not in GB2312


def test_gb2312_meta_decodes_gbk_only_characters() -> None:
    body = f'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">{GBK_ONLY}'
    page = decode_html(body.encode("gbk"))
    assert page.encoding == "gb18030"
    assert GBK_ONLY in page.text
    assert page.replaced == 0


@pytest.mark.parametrize("label", ["gb2312", "GBK", "x-gbk", "cp936", "GB_2312-80"])
def test_chinese_labels_map_to_gb18030(label: str) -> None:
    assert normalize_encoding(label) == "gb18030"


def test_header_beats_meta_when_both_decode_cleanly() -> None:
    page = decode_html(b"<meta charset=gb2312><p>plain ascii</p>", "text/html; charset=utf-8")
    assert page.encoding == "utf-8"


def test_header_and_meta_disagree_clean_one_wins() -> None:
    body = ("<meta charset=gb2312>" + GBK_ONLY * 5).encode("gbk")
    page = decode_html(body, "text/html; charset=utf-8")
    assert page.encoding == "gb18030"
    assert page.replaced == 0 and GBK_ONLY in page.text


def test_latin1_server_default_header_yields_to_meta() -> None:
    body = ("<meta charset=gbk>" + GBK_ONLY).encode("gbk")
    assert decode_html(body, "text/html; charset=ISO-8859-1").text.endswith(GBK_ONLY)


def test_wrong_declaration_is_overruled_by_valid_utf8() -> None:
    body = ("<meta charset=gb2312>" + GBK_ONLY * 20).encode("utf-8")
    page = decode_html(body)
    assert page.encoding == "utf-8" and GBK_ONLY in page.text


def test_undeclared_gbk_is_detected() -> None:
    page = decode_html(("<p>" + GBK_ONLY * 3 + "</p>").encode("gbk"))
    assert page.encoding == "gb18030" and GBK_ONLY in page.text


def test_bom_wins_and_is_stripped() -> None:
    page = decode_html(b"\xef\xbb\xbf<meta charset=gbk>" + "中文".encode(), "text/html; charset=gbk")
    assert page.encoding == "utf-8"
    assert page.text == "<meta charset=gbk>中文"


def test_invalid_bytes_are_replaced_and_counted() -> None:
    body = "<meta charset=gbk>前文".encode("gbk") + b"\xff\xff" + "后文".encode("gbk")
    page = decode_html(body)
    assert page.encoding == "gb18030"
    assert page.replaced == 2
    assert page.text.count("\ufffd") == 2 and page.text.endswith("后文")


def test_genuine_replacement_character_is_not_counted() -> None:
    assert decode_html("a\ufffdb".encode()).replaced == 0


def test_mixed_line_endings_become_lf() -> None:
    assert decode_html(b"a\r\nb\rc\nd").text == "a\nb\nc\nd"


@pytest.mark.parametrize(
    "body,ctype",
    [(b"", None), (b"\x00" * 10, None), (bytes(range(256)) * 10, None),
     (b"<meta charset=no-such-codec>x", "text/html; charset=bogus"), (os.urandom(4096), None),
     (b"\xff\xfe", None), (b"\xfe\xff\x00", "text/html; charset=utf-16")],
)
def test_never_raises(body: bytes, ctype: str | None) -> None:
    page = decode_html(body, ctype)
    assert isinstance(page.text, str) and page.replaced >= 0
