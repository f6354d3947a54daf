"""Labelled values in Chinese page text: 来源 (origin) and 作者 (author).

Shared by ``textclean`` (which lifts a trailing "来源 求是" line out of the
body) and ``metadata`` (which reads the info line), so both agree on what a
label looks like. A value stops at the next label, because info lines run
several together ("来源：求是 作者：张三 浏览：12").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Labels that end a value: whatever follows them is another field.
_NEXT_LABEL = (
    r"(?:文章来源|本文来源|信息来源|作者|来源|出处|稿源|转载自|转自|摘自|时间|发布|发表|日期|更新|推荐访问|"
    r"浏览次数|浏览|阅读次数|阅读|点击数|点击|编辑|责任编辑|责编|撰稿|撰文|记者|通讯员|字号|标签|关键词|分享|"
    r"评论|人气|栏目|所属|供稿|最后更新|举报|纠错|打印|收藏|关闭|分享到|手机版|手机阅读|扫一扫|二维码|文\s*[/／])"
)
# A value ends at the next field: a label glued on with its ":" / "]" ("来源：求是作者：张三"),
# or any label word after a space ("来源：光明日报 文/罗艳", "信息来源：央视网 发布日期:…"),
# at a wide gap or a bar, and where a date starts after a space ("来源：中国教育报　2019-07-28").
_END = (
    rf"(?=\s*[\[【]?{_NEXT_LABEL}(?:\s*[:：/\]】]|\s)|\s+[\[【（(]?{_NEXT_LABEL}|文\s*[/／]|\s{{2,}}|\s*[|｜]"
    r"|\s*[（(](?=[^）)]{0,20}[:：])"  # a bracketed field after it: "人民网（ID：abc123）"
    r"|\s+(?:19|20)\d{2}\s*[-/.年]|$)"
)
# Brackets, ";" and "://" may sit inside a value ("<script>alert(1)</script>",
# "'; DROP TABLE x; --", "http://…"): a closing bracket only ends a value that did not
# open it ("（来源：求是）"), which _clean decides.
_VALUE = r"([^\s|｜:：,，;；。）)】\]](?:[^|｜:：；。]|:(?=//)){0,39}?)"
_NAME = r"([^\s|｜:：,，；。？?！!]{1,40}?)"  # a person's name: no spaces, not a question
# "来源：X", "文章来源: X", "本文来源于X", "出处 X", "稿源：X", "转载自X", "[来源] X", "【来源】X",
# "供稿：X".
ORIGIN_RE = re.compile(
    # not an image credit ("图片来源于网络"), not a request ("转载请注明出处：…")
    r"(?:(?<!图片)(?<!配图)(?<!图)(?:(?:文章|本文|信息|稿件|新闻|内容)?来源(?:于|自)?|来自(?=\s*[:：]))"
    r"|(?<!注明)出处|稿源|转载自|转载于|转自|摘自|选自|供稿(?:单位)?)"
    rf"\s*(?:[\]】]\s*[:：]?\s*|[:：]\s*|\s+|(?<=[于自])){_VALUE}{_END}"
)
AUTHOR_RES = tuple(
    re.compile(p)
    for p in (
        rf"(?:作者|撰稿人?|撰文|原作者|记者)\s*(?:[\]】]\s*[:：]?\s*|[:：]\s*|\s+){_NAME}(?=\s|{_END})",
        rf"(?<![\u4e00-\u9fff])文\s*[/／]\s*{_NAME}(?=\s|{_END})",
        rf"(?:责任编辑|责编|编辑|发布者|发布人)\s*[:：]\s*{_NAME}(?=\s|{_END})",
    )
)
# Values that say nothing.
_EMPTY_VALUES = frozenset({"", "未知", "佚名", "网络", "互联网", "本站", "admin", "不详", "原创"})
_EMPTY_FOR_ORIGIN = frozenset({"", "未知", "不详"})


# What is left of a promo or recommendation line once its links are gone, when it is
# nothing but labels: "推荐阅读：", "【推荐】", "相关链接>>", "点击查看更多".
_LABEL_ONLY = re.compile(
    r"^(?:[\W_]|推荐|阅读|相关|延伸|热门|热点|热荐|精彩|精选|必读|猜你喜欢|更多|查看|点击|点此|"
    r"下载|专题|栏目|请访问|访问|链接|广告|提示|文章|范文|本文|原文|全文|编辑|小编|了解|关注|进入|"
    r"详情|详细|这里|此处|戳|内容|资讯|信息|专栏|合集|大全|汇总|推荐你|为你|你|您|可能|喜欢|感兴趣|还|看|猜|"
    r"频道|进入|入口)*$"
)


def is_label_only(text: str) -> bool:
    """True for text made only of promo labels and punctuation (also for empty text)."""
    return bool(_LABEL_ONLY.match(text or ""))
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
    """The value after 作者/撰稿/文/, falling back to 责任编辑/编辑/发布者; None if absent."""
    return author_of([text])


def author_of(lines: Iterable[str]) -> str | None:
    """The first 作者/撰稿/文/ value of any line, else the first 责任编辑/编辑 value: an
    editor line above the byline ("编辑：X" / "来源：Y" / "作者：Z") does not hide it."""
    lines = list(lines)
    for pattern in AUTHOR_RES:
        for text in lines:
            match = pattern.search(text or "")
            if match:
                value = _clean(match.group(1))
                if value and value.lower() not in _EMPTY_VALUES:
                    return value
    return None
