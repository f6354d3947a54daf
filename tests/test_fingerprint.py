from crawler.dedup.fingerprint import content_hash, hash_form


def test_hash_ignores_markup_whitespace_and_punctuation_width() -> None:
    a = "我们要坚持，走群众路线。\n第二段ABC"
    b = "我们要坚持, 走群众路线.  第二段ａｂｃ"
    assert content_hash(a) == content_hash(b)


def test_hash_keeps_every_word() -> None:
    assert content_hash("我们要坚持走群众路线") != content_hash("我们要坚持走人民路线")


def test_hash_form_drops_space_and_punctuation() -> None:
    assert hash_form("一、 总结：“好”！") == "一总结好"
