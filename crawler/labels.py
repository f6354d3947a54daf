"""Labelled values in Chinese page text: 来源 (origin) and 作者 (author).

Shared by ``textclean`` (which lifts a trailing "来源 求是" line out of the
body) and ``metadata`` (which reads the info line), so both agree on what a
label looks like. A value stops at the next label, because info lines run
several together ("来源：求是 作者：张三 浏览：12").
"""

from __future__ import annotations

import re

# Labels that end a value: whatever follows them is another field.
_NEXT_LABEL = (
    r"(?:文章来源|本文来源|信息来源|作者|来源|出处|时间|发布|日期|更新|推荐访问|浏览次数|浏览|"
    r"阅读次数|阅读|点击数|点击|编辑|责任编辑|责编|撰稿|字号|标签|关键词|分享|评论|人气|栏目|所属|文/)"
)
_END = rf"(?=\s*{_NEXT_LABEL}\s*[:：/]|\s{{2,}}|\s*[|｜]|$)"
# Brackets, ";" and "://" may sit inside a value ("<script>alert(1)</script>",
# "'; DROP TABLE x; --", "http://…"): a closing bracket only ends a value that did not
# open it ("（来源：求是）"), which _clean decides.
_VALUE = r"([^\s|｜:：,，;；。）)】\]](?:[^|｜:：；。]|:(?=//)){0,39}?)"
_NAME = r"([^\s|｜:：,，；。]{1,40}?)"  # a person's name: no spaces
ORIGIN_RE = re.compile(
    rf"(?:文章来源|本文来源|信息来源|稿件来源|来源|出处|稿源)\s*(?:[:：]\s*|\s+){_VALUE}{_END}"
)
AUTHOR_RES = tuple(
    re.compile(p)
    for p in (
        rf"(?:作者|撰稿人?|撰文|原作者)\s*[:：]\s*{_NAME}(?=\s|{_END})",
        rf"(?<![\u4e00-\u9fff])文\s*[/／]\s*{_NAME}(?=\s|{_END})",
        rf"(?:责任编辑|责编|编辑)\s*[:：]\s*{_NAME}(?=\s|{_END})",
    )
)
# Values that say nothing.
_EMPTY_VALUES = frozenset({"", "未知", "佚名", "网络", "互联网", "本站", "admin", "不详", "原创"})
_EMPTY_FOR_ORIGIN = frozenset({"", "未知", "不详"})


_OPENERS = {")": "(", "]": "[", "）": "（", "】": "【"}


def _clean(value: str) -> str:
    """Separators off the ends; cut at a closing bracket the value did not open
    ("（来源：求是）" gives 求是, "<script>alert(1)</script>" stays whole)."""
    depth = dict.fromkeys(_OPENERS.values(), 0)
    for i, char in enumerate(value):
        if char in depth:
            depth[char] += 1
        elif char in _OPENERS:
            if not depth[_OPENERS[char]]:
                value = value[:i]
                break
            depth[_OPENERS[char]] -= 1
    return value.strip(" \u3000").lstrip("-—·:：,，。").rstrip("—·:：,，。 \u3000")


def parse_origin(text: str) -> str | None:
    """The value after 来源/出处 ("来源：求是", "来源 求是"), or None."""
    match = ORIGIN_RE.search(text or "")
    if not match:
        return None
    value = _clean(match.group(1))
    return value if value not in _EMPTY_FOR_ORIGIN else None


def parse_author(text: str) -> str | None:
    """The value after 作者/撰稿/文/, falling back to 责任编辑/编辑; None if absent."""
    for pattern in AUTHOR_RES:
        match = pattern.search(text or "")
        if match:
            value = _clean(match.group(1))
            if value and value.lower() not in _EMPTY_VALUES:
                return value
    return None
