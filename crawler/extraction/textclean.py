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
from collections.abc import Callable, Iterable

import lxml.etree as etree
import lxml.html

from crawler.extraction.hygiene import drop_lone_joiners
from crawler.extraction.infolines import BLOCK_TAGS, MACHINE_DATE, is_info_line
from crawler.extraction.labels import (
    AUTHOR_RES,
    ORIGIN_RE,
    is_label_only,
    parse_author,
    parse_origin,
)
from crawler.extraction.profiles import Profile

logger = logging.getLogger(__name__)

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)

# --- structure -----------------------------------------------------------------
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
        (r"(?:^|[（(【\[])\s*(?:声明|版权声明|免责声明|特别声明|郑重声明)\s*[:：】\]]", 200),
        (r"不代表本站(?:观点|立场)|本站(?:不拥有|仅提供)|不承担.{0,6}法律责任", 200),
        (r"未经(?:许可|授权|允许|同意).{0,8}(?:不得|禁止|严禁|谢绝)转载|转载请(?:注明|保留|联系)", 200),
        (r"网友(?:投稿|上传|发布)", 80),
        (r"^【?提示】?\s*本文档来源|转发文档请保留", 120),  # a notice, wherever it stands
        (r"^(?:本文|文章)(?:网址|链接|地址)\s*[:：]", 250),
        (r"^(?:(?:上一页|下一页|首页|尾页|末页|共\s*\d+\s*页|\d{1,3}|…|\.\.\.|\[\d+\])\s*)+$", 100),
        (r"^(?:分享到|分享至|扫一扫|打印本文|收藏本文|返回顶部|返回列表|关闭窗口|我要纠错)", 60),
        # "看了“X”的人还看了本站其他…栏目的精彩文章": a pointer to the site, not text
        (r"^看(?:了|过)[“\"《「『].{1,60}[”\"》」』]的人(?:还|也)看(?:了|过)", 120),
        # separators: "— END —", "------分隔线------", "（全文完）"
        (r"^[-—–_=~·\s(（]*(?:end|the end|完|全文完|结束|分隔线|本文完)[-—–_=~·\s)）]*$", 40),
        (r"^(?:图片|配图|图)\s*(?:来源|来自)于?.{0,12}(?:侵权|删除)", 80),  # an image credit notice
        (r"^[^。！？，,]{1,60}\.(?:docx?|pdf|xlsx?|pptx?|wps|txt|rar|zip)$", 70),  # a download card's file
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
    )
)
_STOP_MAX_LEN = 300
_MAX_LINK_LINE = 200  # a longer line of links and labels is a list the DOM rules handle
# The rest of an article after a mid-text marker: paragraphs of this many characters or
# more that end a sentence, at least this much of them.
_PROSE_MIN = 20
_PROSE_AFTER_MARKER = 60
_SENTENCE_END = re.compile(r"[。！？!?；;”」』）)]\s*$")
# Intro/outro sentences: an editor ("小编", "为大家") who collected something, plus a
# closing formula. Both must appear, so essays that mention 整理 are safe.
# The editor is named ("小编", "本站", "为大家") or the thing collected is: a 《title》,
# "一文", "范文" ("<any site>整理了《X》一文，供大家参考" names neither reader nor editor).
INTRO_WHO = re.compile(
    r"(?:小编|本站|为大家|给大家|为您|给您|为你|给你|为同学们|给同学们|为各位|大家带来|与大家分享|"
    r"和大家分享|分享给大家).{0,60}?(?:整理|收集|搜集|准备|带来|分享|推荐|精选|汇总|编辑|挑选)"
    r"|(?:整理|收集|搜集|精选|汇总|编辑|分享|推荐)(?:了|的|好)?.{0,40}?"
    r"(?:《[^》]{1,80}》|一文|范文|篇文章|的文章|的资料|的内容)"
    r"|由.{1,24}?(?:整理|收集|搜集|编辑|提供|原创)|以上(?:就)?是.{0,80}?(?:全部|相关|所有)?内容"
)
# Closing formulas that stand alone at the end ("希望对你有帮助！", "感谢阅读。").
OUTRO = re.compile(
    r"^\s*(?:以上|上述|本文|这篇文章|这些|相信)?.{0,14}?(?:希望|但愿|相信).{0,12}?"
    r"(?:对|能对|可以对|能够对|能给|能为|给)(?:你|您|大家|各位|读者|朋友们?)"
    r".{0,10}?(?:帮助|启发|参考|用处|收获|借鉴)[^。！？!?]{0,12}[。！？!?～~]*\s*$"
    r"|^\s*(?:欢迎|感谢|谢谢)(?:您|你|大家|各位)?的?(?:阅读|浏览|观看|收藏|分享|参考)[^。！？!?]{0,10}[。！？!?～~]*\s*$"
    r"|^\s*(?:如果|若)(?:你|您|大家)?觉得.{0,12}(?:不错|有用|有帮助|喜欢).{0,20}?"
    r"(?:分享|收藏|转发|点赞|关注)[^。！？!?]{0,20}[。！？!?～~]*\s*$"
    r"|^\s*以[下上](?:信息|内容|资料|范文)?仅供.{0,6}参考[。！？!?～~]*\s*$"
)
# Pointers to more of the site: "更多X请点击：Y", "查看更多X相关内容>>", "更多精彩内容请继续关注本站".
PROMO = re.compile(
    r"(?:想了解|查看|了解|点击查看|阅读)?更多.{0,30}?(?:请(?:访问|关注|点击|进入|查看|继续关注|移步)"
    r"|相关内容|>>|》》)[^。！？!?]*[。！？!?]*"
)
_PROMO_LABEL = re.compile(r"^\s*[【\[(（★☆●]*\s*(?:推荐|热门|精彩|热荐|提示)?\s*[】\])）]*\s*")
# Cheap test before sentences are split: any word a formula is made of.
_FORMULA_HINT = re.compile(r"整理|收集|搜集|精选|汇总|分享|小编|本站|希望|感谢|谢谢|欢迎|参考|以上|更多|由")
# Labels that introduce an intro: "【导语】", "导语：", "编者按：".
_INTRO_LABEL = re.compile(r"^\s*(?:【(?:导语|导读|编者按|小编寄语)】|(?:导语|导读|编者按|小编寄语)\s*[:：])\s*")
INTRO_CLOSE = re.compile(r"(?:欢迎|希望|供大家|供您|仅供|参考|借鉴|阅读|喜欢|帮助|品鉴|浏览|收藏|一起来看|来看看)")
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』]?|$)")
_SITE_HINT = re.compile(r"欢迎|访问|关注|版权|来自|转载|首发|原创|本文|网址|www\.", re.I)
_LINE_ORIGIN = re.compile(rf"^[（(【\[]?\s*{ORIGIN_RE.pattern}\s*[）)】\]]?\s*$")
_LINE_AUTHORS = tuple(re.compile(rf"^[（(【\[]?\s*{p.pattern}\s*[）)】\]]?\s*$") for p in AUTHOR_RES)
_TAIL_LINES = 3
# A short question leading into an intro ("如何写好工作计划？以下是…").
_TEASER_QUESTION = re.compile(r"[^。！!？?]{2,40}[？?]")
DATE_ONLY = re.compile(
    r"^(?:发表于|发布于|更新于|发布时间|时间|日期)?\s*[:：]?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]"
    r"\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$"
)
_REPEAT_MIN = 20  # a paragraph this long seen twice in one article is a page duplicate
# A pager line: nothing but page numbers and page links ("第1页/共3页 << 上一页 | 下一页 >>").
_PAGER_LINE = re.compile(
    r"^(?:\s|[<>«»|/｜\[\]…]|\.\.\.|第\s*\d+\s*页|共\s*\d+\s*页|上一页|下一页|上页|下页|首页|尾页|末页|"
    r"\d{1,3}|全文|阅读全文|单页阅读)+$"
)
_LEAD_PARAGRAPHS = 3  # intros sit in the first paragraphs
_MAX_FORMULA_PARAGRAPH = 2000  # formulas are looked for in paragraphs up to this long
_MAX_PROMO_SENTENCE = 80  # "更多…请关注…" in a longer text is the author's, not the site's
_LEAD_MAX_CHARS = 400  # how far from the end a 来源/作者 line may sit
# A letter's or a notice's closing lines ("敬礼！", "学生：张三", "城关镇中心学校") are short;
# a date under one of them is the writer's, a date right under a paragraph the page's.
_MAX_SIGNATURE = 20


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
    unlinked: list[str] = []  # the same text without what sits inside links
    hidden = in_link = 0
    bold_blocks: set[lxml.html.HtmlElement] = set()

    def add(text: str) -> None:
        buf.append(text)
        if not in_link:
            unlinked.append(text)

    def flush() -> None:
        text = normalize_text("".join(buf))
        rest = "".join(unlinked)
        buf.clear()
        unlinked.clear()
        if text and not _is_link_line(text, rest):
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
            if tag in BLOCK_TAGS or el in bold_blocks:
                flush()
            in_link += tag == "a"
            if not hidden:
                add(el.text or "")
        else:
            if tag in _INVISIBLE:
                hidden -= 1
            if tag in BLOCK_TAGS or el in bold_blocks:
                flush()
            in_link -= tag == "a" and in_link > 0
            if el is not root and not hidden:
                add(el.tail or "")
    flush()
    return paragraphs


def _is_link_line(text: str, unlinked: str) -> bool:
    """A line of links and labels only ("猜你感兴趣：<a>…</a>", "★ <a>…</a>、<a>…</a>"),
    or of a linked title and its date ("<a>…</a> 2021-07-12": a related list's item).

    Such a line is a recommendation wherever it sits, also between ``<br>``s
    where no element holds it alone. Keyword links inside prose leave prose.
    """
    if len(text) > _MAX_LINK_LINE or len(unlinked) >= len(text):
        return False
    return is_label_only(unlinked) or is_label_only(MACHINE_DATE.sub("", unlinked))


def cut_at_markers(paragraphs: list[str], markers: Iterable[str]) -> list[str]:
    """Paragraphs without the profile's stop-marker lines, cut where a marker starts the tail."""
    markers = tuple(m for m in markers if m)
    return cut_tail(paragraphs, lambda para: _starts_with_marker(para, markers))


def cut_tail(paragraphs: list[str], is_marker: Callable[[str], bool]) -> list[str]:
    """Paragraphs before the marker line that starts the site's tail; other marker lines dropped.

    A marker ("推荐阅读：…", "延伸阅读", "相关文章") is a cut point only when no
    article prose follows it: sites put recommendation lines *inside* the text
    too, and cutting there loses the rest of the article. A marker before any
    text is only dropped: cutting there would lose the whole article.
    """
    out: list[str] = []
    for index, para in enumerate(paragraphs):
        if not is_marker(para):
            out.append(para)
        elif out and not prose_follows(paragraphs[index + 1:]):
            return out
    return out


def prose_follows(paragraphs: list[str]) -> bool:
    """Is most of this text finished sentences, as an article's is?

    What follows a real tail marker is titles (no sentence end) and teasers: cut
    off mid-sentence or with "…", or other articles' openings with their editor
    intros ("以下是小编为大家收集的…"); the rest of an article is paragraphs that
    end with a full stop.
    """
    total = sum(len(p) for p in paragraphs)
    prose = sum(
        len(p)
        for p in paragraphs
        if len(p) >= _PROSE_MIN and _SENTENCE_END.search(p) and not INTRO_WHO.search(p)
    )
    return prose >= max(_PROSE_AFTER_MARKER, total / 2)


def _starts_with_marker(para: str, markers: tuple[str, ...]) -> bool:
    if len(para) > _STOP_MAX_LEN:
        return False
    head = para.lstrip("【[（( ")
    return any(head.startswith(m) or (para.startswith("【") and m in para[:120]) for m in markers)


def strip_boilerplate(
    paragraphs: list[str], title: str | None, site_names: Iterable[str] = (), info_line: str = ""
) -> tuple[list[str], dict[str, str]]:
    """Template text out of the paragraphs; a trailing 来源/作者 line lifted into ``found``.

    ``info_line`` is the page's info line: the body's first paragraph when a template
    prints it at the top of the text ("http://… 2005年03月21日 11:21 某某报").
    """
    names = tuple(n for n in site_names if n and len(n) >= 2)
    title_key = _key(title or "")
    info_key = _key(info_line)
    found: dict[str, str] = {}
    out: list[str] = []
    seen: set[str] = set()
    kept = cut_tail(paragraphs, _is_stop_line)
    after = sum(len(p) for p in kept)  # characters from this paragraph to the end
    for i, para in enumerate(kept):
        after -= len(para)
        # The lead: few text paragraphs before and text after (the end of a short essay is
        # its close, where an outro sentence is removed, never the paragraph around it).
        lead = len(out) < _LEAD_PARAGRAPHS and after > 0
        if lead and not out and (DATE_ONLY.match(para) or (info_key and _key(para) == info_key)):
            continue  # the page's date printed above the text; a closing date is a signature
        stripped = _strip_intro(para, lead=lead)
        if not stripped:
            if lead and INTRO_WHO.search(para) and all(len(p) <= _LEAD_MAX_CHARS for p in out):
                out.clear()  # the lead-in fluff ruiwen-like sites put before their intro
            continue
        para = stripped
        if is_label_only(para):
            continue  # "【推荐】" left of a promo line whose link text was the rest
        # "城关镇中心学校" over "2024年2月19日": a letter's signature, even when it is the site.
        signed = i + 1 < len(kept) and bool(DATE_ONLY.match(kept[i + 1]))
        if _is_boilerplate(para, title_key, () if signed else names):
            _note_labels(para, found)
            continue
        if para in seen:
            continue  # pages that hold the text twice (a print copy, a hidden duplicate)
        if len(para) >= _REPEAT_MIN:
            seen.add(para)
        out.append(para)
    for key, value in _lift_byline(out).items():
        found[key] = value  # a byline line beats values read off a dropped info line
    if len(out) >= 2 and DATE_ONLY.match(out[-1]) and len(out[-2]) > _MAX_SIGNATURE:
        out.pop()  # a date under running text, not under a signature: the page's date line
    return out, found


def _note_labels(line: str, found: dict[str, str]) -> None:
    """Origin and author of an info line dropped from the text ("来源：X 作者：Y" mid-body)."""
    if (origin := parse_origin(line)) is not None:
        found.setdefault("origin", origin)
    if (author := parse_author(line)) is not None:
        found.setdefault("author", author)


def _is_stop_line(para: str) -> bool:
    return len(para) <= _STOP_MAX_LEN and any(p.search(para) for p in STOP_LINES)


def _key(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text)


def _is_boilerplate(para: str, title_key: str, names: tuple[str, ...]) -> bool:
    if title_key and _key(para) == title_key:
        return True  # the title repeated as the first line of the body
    if is_info_line(para) or (len(para) <= 100 and _PAGER_LINE.match(para)):
        return True
    if any(p.search(para) for p, max_len in DROP_LINES if len(para) <= max_len):
        return True
    return any(para == n or (n in para and len(para) < 50 and _SITE_HINT.search(para)) for n in names)


def _strip_intro(para: str, lead: bool = False) -> str:
    """Remove editor intro/outro sentences, keeping the rest of a glued paragraph.

    A lead paragraph that *ends* with the intro ("在日常生活中…。以下是小编整理的…，
    欢迎阅读。") is lead-in fluff as a whole and goes entirely; so does an
    "【导语】" label whose sentences were all intro.
    """
    if len(para) > _MAX_FORMULA_PARAGRAPH or not _FORMULA_HINT.search(para):
        return para
    sentences = [s for s in _SENTENCE.findall(para) if s]
    is_intro = [_is_formula_sentence(s) for s in sentences]
    ends_with_intro = bool(sentences) and _is_editor_intro(sentences[-1])
    for i in range(1, len(is_intro)):
        if lead and is_intro[i] and _TEASER_QUESTION.fullmatch(_INTRO_LABEL.sub("", sentences[i - 1])):
            is_intro[i - 1] = True  # "X怎么写？" leading into "以下是小编…": one intro
    if lead and ends_with_intro and len(para) <= _LEAD_MAX_CHARS:
        return ""  # lead-in fluff ending in the editor's intro (an outro or promo ends text)
    kept = "".join(s for s, intro in zip(sentences, is_intro, strict=True) if not intro)
    if len(kept) <= _MAX_PROMO_SENTENCE and (promoted := PROMO.sub("", kept).strip()) != kept:
        # "希望对你有帮助，更多精彩内容请关注X。": what is left of the sentence is its outro
        left = promoted.rstrip("，,、;； ")
        kept = "" if not left or OUTRO.match(left + "。") else promoted
    return "" if any(is_intro) and not _INTRO_LABEL.sub("", kept).strip() else kept


def _is_editor_intro(sentence: str) -> bool:
    return bool(INTRO_WHO.search(sentence) and INTRO_CLOSE.search(sentence))


def _is_formula_sentence(sentence: str) -> bool:
    """An editor's intro/outro sentence, or a pointer to more of the site."""
    if _is_editor_intro(sentence):
        return True
    if OUTRO.match(sentence):
        return True
    return len(sentence) <= _MAX_PROMO_SENTENCE and bool(PROMO.match(_PROMO_LABEL.sub("", sentence)))


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
