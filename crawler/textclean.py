"""Body HTML to clean paragraphs, and template boilerplate out of them.

Template sites wrap the same essay in different greetings, intros ("以下是小编
整理的…"), info lines and "related" tails, sometimes inside the body element,
sometimes glued to a real paragraph. Selectors cannot reach text glued to
text, so the second pass works on text lines with rules kept as data (the
tables below), in the manner of trafilatura: adding a phrase is a one-line
change, and golden fixtures pin the effect.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import lxml.etree as etree
import lxml.html

from crawler.hygiene import drop_lone_joiners
from crawler.labels import AUTHOR_RES, ORIGIN_RE, parse_author, parse_origin
from crawler.profiles import Profile

logger = logging.getLogger(__name__)

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)

# --- structure -----------------------------------------------------------------
_BLOCK = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "tr", "td", "th", "tbody", "thead", "blockquote", "pre", "section", "article",
    "center", "hr", "br", "header", "footer", "figure", "figcaption", "caption", "address",
    "form", "main", "aside", "nav", "body", "html",
})
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title"})
# Section headings: kept as paragraphs of their own when set in bold at a paragraph start.
HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|"
    r"篇\s*\d+|第\s*[一二三四五六七八九十\d]+\s*[篇章节部分]|\d{1,2}[、.．](?!\d))"
)

# --- characters ----------------------------------------------------------------
# U+200D (ZWJ) is not here: it glues emoji sequences; hygiene.drop_lone_joiners takes the rest.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u2060\ufeff\u00ad"), None)
_FULLWIDTH = {
    **{c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)},  # ０-９
    **{c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
    **{c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)},  # ａ-ｚ
}
# C0 controls that are not whitespace (whitespace ones fold into spaces below), DEL and
# C1 (U+009B is a terminal's CSI): page debris.
_CONTROLS = dict.fromkeys(
    (c for c in (*range(32), *range(0x7F, 0xA0)) if not chr(c).isspace()), None
)
_TRANSLATE = str.maketrans({**_ZERO_WIDTH, **_FULLWIDTH, **_CONTROLS})
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufffd]+")

# --- boilerplate rules: (pattern, max paragraph length it may remove) -------------
_INFO_LABEL = r"(?:时间|发布时间|更新时间|日期|来源|作者|推荐访问|浏览|点击|阅读|人气|标签|编辑|字号)"
DROP_LINES: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p, re.I), n)
    for p, n in (
        (r"^您好\s*[,，!！]?\s*欢迎(?:来到|光临|访问)", 80),
        (r"^欢迎(?:来到|光临|访问)", 40),
        (r"^(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置)\s*[:：]", 300),
        (r"^(?:标签|tags?|关键词|关键字)\s*[:：]", 200),
        (rf"^(?:\S*\s*)?{_INFO_LABEL}\s*[:：].*{_INFO_LABEL}\s*[:：]", 200),  # two labels = info line
        (r"推荐访问\s*[:：]", 200),
        (r"^推荐度\s*[:：]", 80),
        (r"^(?:下载文档|下载本文|点击下载|文档下载|免费下载|下载word|下载此文档)", 40),
        (r"文档为\s*doc\s*格式", 80),
        (r"^想了解更多.{0,60}(?:请访问|请关注|请点击|敬请关注)", 120),
        (r"^(?:上一篇|下一篇)(?:文章)?\s*[:：]", 120),
        (r"copyright|©|版权所有|all rights reserved", 150),
        (r"本站部分内容.{0,10}(?:转载|来自|来源)|如有侵权.{0,12}(?:告知|联系|删除)", 200),
        (r"^(?:本文|文章)(?:网址|链接|地址)\s*[:：]", 250),
        (r"^(?:(?:上一页|下一页|首页|尾页|末页|共\s*\d+\s*页|\d{1,3}|…|\.\.\.|\[\d+\])\s*)+$", 100),
        (r"^(?:分享到|分享至|扫一扫|打印本文|收藏本文|返回顶部|返回列表|关闭窗口|我要纠错)", 60),
    )
)
# Everything from the first of these on is the site's, not the article's.
STOP_LINES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"^【[^】]{1,100}】\s*相关(?:文章|推荐|阅读|范文)",
        r"^(?:相关文章|相关推荐|相关阅读|相关范文|推荐阅读|推荐文章|猜你喜欢|延伸阅读|热门推荐|"
        r"热门文章|精彩推荐|更多推荐|更多相关|你可能还喜欢|您可能还喜欢|你可能感兴趣|最新文章|"
        r"大家都在看|为你推荐)\s*(?:[:：>》]|$)",
        r"^看过《.{1,100}》的人还看了",
        r"^【?提示】?\s*本文档来源",
    )
)
_STOP_MAX_LEN = 300
# Intro/outro sentences: an editor ("小编", "为大家") who collected something, plus a
# closing formula. Both must appear, so essays that mention 整理 are safe.
INTRO_WHO = re.compile(
    r"(?:小编|本站|为大家|给大家|为您|给您|大家带来|与大家分享|和大家分享|分享给大家)"
    r".{0,60}?(?:整理|收集|搜集|准备|带来|分享|推荐|精选|汇总|编辑)"
)
INTRO_CLOSE = re.compile(r"(?:欢迎|希望|供大家|供您|仅供|参考|借鉴|阅读|喜欢|帮助|品鉴|浏览|收藏|一起来看|来看看)")
_MORE = re.compile(r"想了解更多.{0,60}(?:请访问|请关注)[^。！!]*")
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』]?|$)")
_SITE_HINT = re.compile(r"欢迎|访问|关注|版权|来自|转载|首发|原创|本文|网址|www\.", re.I)
_LINE_ORIGIN = re.compile(rf"^[（(【\[]?\s*{ORIGIN_RE.pattern}\s*[）)】\]]?\s*$")
_LINE_AUTHORS = tuple(re.compile(rf"^[（(【\[]?\s*{p.pattern}\s*[）)】\]]?\s*$") for p in AUTHOR_RES)
_TAIL_LINES = 3
_TEASER_QUESTION = re.compile(r"[^。！!]{2,40}(?:怎么写|如何写|写什么|有哪些|是什么|怎么办)[？?]")
DATE_ONLY = re.compile(
    r"^(?:发表于|发布于|更新于|发布时间|时间|日期)?\s*[:：]?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]"
    r"\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$"
)
_LEAD_PARAGRAPHS = 3  # intros sit in the first paragraphs
_LEAD_MAX_CHARS = 400  # how far from the end a 来源/作者 line may sit


def normalize_text(text: str) -> str:
    """One paragraph's text: spaces folded, zero-width and control characters gone,
    full-width ASCII halved."""
    return drop_lone_joiners(_SPACES.sub(" ", text.translate(_TRANSLATE)).strip())


def body_paragraphs(body_html: str, profile: Profile) -> list[str]:
    """Block structure to paragraphs, cut at the profile's stop markers.

    Every block element and every ``<br>`` ends a paragraph (a single ``<br>`` is
    how these sites separate paragraphs). A bold "一、…"/"（一）"/"篇1" at the
    start of a paragraph becomes a paragraph of its own.
    """
    root = _parse_fragment(body_html)
    if root is None:
        return []
    paragraphs = _walk(root)
    return cut_at_markers(paragraphs, profile.stop_markers)


def _parse_fragment(html: str) -> lxml.html.HtmlElement | None:
    if not html or not html.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(html.replace("\x00", ""), create_parent="div", parser=_PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None


def _walk(root: lxml.html.HtmlElement) -> list[str]:
    paragraphs: list[str] = []
    buf: list[str] = []
    hidden = 0
    bold_blocks: set[lxml.html.HtmlElement] = set()

    def flush() -> None:
        text = normalize_text("".join(buf))
        buf.clear()
        if text:
            paragraphs.append(text)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE:
                hidden += 1
            elif tag in ("strong", "b", "h1") and not "".join(buf).strip() and HEADING_RE.match(
                el.text_content()
            ):
                bold_blocks.add(el)
            if tag in _BLOCK or el in bold_blocks:
                flush()
            if not hidden:
                buf.append(el.text or "")
        else:
            if tag in _INVISIBLE:
                hidden -= 1
            if tag in _BLOCK or el in bold_blocks:
                flush()
            if el is not root and not hidden:
                buf.append(el.tail or "")
    flush()
    return paragraphs


def cut_at_markers(paragraphs: list[str], markers: Iterable[str]) -> list[str]:
    """Paragraphs before the first one led by a stop marker (plain strings).

    A marker line before any text is only dropped: cutting there would lose
    the whole article.
    """
    markers = tuple(m for m in markers if m)
    out: list[str] = []
    for para in paragraphs:
        if _starts_with_marker(para, markers):
            if out:
                return out
            continue
        out.append(para)
    return out


def _starts_with_marker(para: str, markers: tuple[str, ...]) -> bool:
    if len(para) > _STOP_MAX_LEN:
        return False
    head = para.lstrip("【[（( ")
    return any(head.startswith(m) or (para.startswith("【") and m in para[:120]) for m in markers)


def strip_boilerplate(
    paragraphs: list[str], title: str | None, site_names: Iterable[str] = ()
) -> tuple[list[str], dict[str, str]]:
    """Template text out of the paragraphs; a trailing 来源/作者 line lifted into ``found``."""
    names = tuple(n for n in site_names if n and len(n) >= 2)
    title_key = _key(title or "")
    out: list[str] = []
    for index, para in enumerate(paragraphs):
        if any(p.search(para) for p in STOP_LINES) and len(para) <= _STOP_MAX_LEN:
            if out:
                break
            continue
        lead = index < _LEAD_PARAGRAPHS
        if lead and not out and DATE_ONLY.match(para):
            continue  # the page's date printed above the text; a closing date is a signature
        stripped = _strip_intro(para, lead=lead)
        if not stripped:
            if lead and INTRO_WHO.search(para) and all(len(p) <= _LEAD_MAX_CHARS for p in out):
                out.clear()  # the lead-in fluff ruiwen-like sites put before their intro
            continue
        para = stripped
        if _is_boilerplate(para, title_key, names):
            continue
        if out and out[-1] == para:
            continue
        out.append(para)
    found = _lift_byline(out)
    return out, found


def _key(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text)


def _is_boilerplate(para: str, title_key: str, names: tuple[str, ...]) -> bool:
    if title_key and _key(para) == title_key:
        return True  # the title repeated as the first line of the body
    if any(p.search(para) for p, max_len in DROP_LINES if len(para) <= max_len):
        return True
    return any(para == n or (n in para and len(para) < 50 and _SITE_HINT.search(para)) for n in names)


def _strip_intro(para: str, lead: bool = False) -> str:
    """Remove editor intro/outro sentences, keeping the rest of a glued paragraph.

    A lead paragraph that *ends* with the intro ("在日常生活中…。以下是小编整理的…，
    欢迎阅读。") is lead-in fluff as a whole and goes entirely.
    """
    if not (INTRO_WHO.search(para) or "想了解更多" in para):
        return para
    sentences = [s for s in _SENTENCE.findall(para) if s]
    is_intro = [bool(INTRO_WHO.search(s) and INTRO_CLOSE.search(s)) for s in sentences]
    for i in range(1, len(is_intro)):
        if lead and is_intro[i] and _TEASER_QUESTION.fullmatch(sentences[i - 1]):
            is_intro[i - 1] = True  # "X怎么写？" leading into "以下是小编…": one intro
    if lead and is_intro and is_intro[-1] and len(para) <= _LEAD_MAX_CHARS:
        return ""
    kept = "".join(s for s, intro in zip(sentences, is_intro, strict=True) if not intro)
    return _MORE.sub("", kept).strip()


def _lift_byline(paragraphs: list[str]) -> dict[str, str]:
    """Remove 来源/作者 lines near the end (or an author line at the start) into a dict."""
    found: dict[str, str] = {}
    positions = [*range(len(paragraphs) - 1, max(-1, len(paragraphs) - 1 - _TAIL_LINES), -1), 1, 0]
    for i in sorted({i for i in positions if 0 <= i < len(paragraphs)}, reverse=True):
        line = paragraphs[i]
        if len(line) > 60:
            continue
        if "origin" not in found and _LINE_ORIGIN.match(line) and (value := parse_origin(line)):
            found["origin"] = value
        elif "author" not in found and any(p.match(line) for p in _LINE_AUTHORS) and (
            value := parse_author(line)
        ):
            found["author"] = value
        else:
            continue
        del paragraphs[i]
    return found
