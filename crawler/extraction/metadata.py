"""Raw page parts to an ``Article``: title, category, tags, date, origin, author, text.

This is the decode-free end of extraction: the spider hands over one
``RawPage`` per page of an article and gets back what the archive stores.
Each field has a small parser with one job, so the clean pipeline and the
``fanwen extract`` command can use them alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from crawler.extraction.extract import TITLE_SEP, RawPage, norm_ws
from crawler.extraction.hygiene import field_items, optional_field
from crawler.extraction.infolines import has_machine_date, is_info_line
from crawler.extraction.labels import author_of, parse_author, parse_origin
from crawler.extraction.profiles import Profile
from crawler.extraction.textclean import body_paragraphs, strip_boilerplate

__all__ = [
    "Article", "build_article", "category_path", "clean_title", "parse_author", "parse_date",
    "parse_origin", "parse_tags", "site_names_of", "tidy_article",
]

logger = logging.getLogger(__name__)

# "标题_栏目_站名", "标题 - 站名", "标题|站名": the title is the first segment.
# "标题-范文大全网": a bare hyphen (titles have "2023-2024学年") before a name shaped
# like a site's: a few letters ending in 网/站/吧/之家….
_SITE_SUFFIX = re.compile(
    r"\s*[-–—]\s*[\u4e00-\u9fffA-Za-z]{1,12}(?:网|站|吧|之家|家园|门户|在线|平台|文库|中心)"
    r"(?:\s*[-–—_|｜]\s*[\u4e00-\u9fffA-Za-z]{1,12})?\s*$"
)
_HOME_WORDS = frozenset({"首页", "网站首页", "主页", "home", "首頁", "返回首页", "当前位置", "您的位置",
                         "正文", "内容", "阅读", "文章", "查看文章"})
_HOME_LIKE = re.compile(r"(?:网|站|网站|在线|首页|之家|\.com|\.cn|\.net)$", re.I)
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "〇零○Ｏ一二三四五六七八九十"
_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|更新时间|更新日期|发表时间|时间|日期|发布|更新)\s*[:：]?\s*")
_DATE_NUM = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
_DATE_CN = re.compile(rf"([{_CN_NUM}]{{4}})年([{_CN_NUM}]{{1,3}})月([{_CN_NUM}]{{1,3}})日")
_TAGS_RE = re.compile(
    r"(?:标签|tags?|关键词|关键字)\s*[:：]\s*(.*?)(?=\s*(?:时间|发布|来源|作者|日期|浏览|点击|编辑)\s*[:：]|$)",
    re.I,
)
_TAG_SPLIT = re.compile(r"[,，、;；|｜\s]+")
_DATE_META = ("article:published_time", "og:release_date", "pubdate", "publishdate", "publish_date",
              "og:article:published_time", "datepublished", "date", "dc.date")
_SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title")


@dataclass
class Article:
    """One article as the archive stores it; ``text`` is paragraphs joined by newlines."""

    title: str | None = None
    category: list[str] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)  # as the page shows it, home included
    tags: list[str] = field(default_factory=list)
    published_at: str | None = None
    origin: str | None = None
    author: str | None = None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def chars(self) -> int:
        return len(self.text)


def tidy_article(article: Article) -> Article:
    """Every field of ``article`` free of control characters (``text`` joins with ``\\n``).

    Field by field from the dataclass itself, so a field added to ``Article``
    is tidied without a change here: strings are one-line fields, lists hold
    one-line items (empty ones dropped).
    """
    changes: dict[str, Any] = {}
    for spec in fields(article):
        value = getattr(article, spec.name)
        if isinstance(value, list):
            changes[spec.name] = field_items(value)
        elif isinstance(value, str) or value is None:
            changes[spec.name] = optional_field(value)
    return replace(article, **changes)


def clean_title(
    title: str | None, head_title: str | None, site_names: Iterable[str] = ()
) -> str | None:
    """The h1 when there is one (and it is not the site's name), else <title> minus its suffixes."""
    names = {n for n in site_names if n}
    title = norm_ws(title)
    if title and title not in names:
        return title
    head = norm_ws(head_title)
    if not head:
        return None
    for name in sorted(names, key=len, reverse=True):
        head = re.sub(rf"\s*(?:[-_|｜—–]+\s*){re.escape(name)}\s*$", "", head)
    head = _SITE_SUFFIX.sub("", head)
    first = TITLE_SEP.split(head)[0].strip()
    return first or head or None


def site_names_of(page: RawPage) -> list[str]:
    """Site names a page reveals: <title> suffix segments, og:site_name, the breadcrumb's home."""
    names: list[str] = []
    if page.head_title:
        names.extend(s.strip() for s in TITLE_SEP.split(page.head_title)[1:] if s.strip())
        if suffix := _SITE_SUFFIX.search(page.head_title):
            names.append(suffix.group().strip(" -–—"))
        if page.title and _is_site_suffix(page.title, page.head_title):
            names.append(page.title)  # a logo <h1>: the site's name, as <title> ends with it
    names.extend(page.meta[k] for k in _SITE_META if page.meta.get(k))
    if page.breadcrumb and (
        _HOME_LIKE.search(page.breadcrumb[0])
        # "淘范文" first in the breadcrumb and after "-" at the end of <title>: the site.
        or (page.head_title and _is_site_suffix(page.breadcrumb[0], page.head_title))
    ):
        names.append(page.breadcrumb[0])
    return list(dict.fromkeys(n for n in names if len(n) <= 30))


def _is_site_suffix(heading: str, head_title: str) -> bool:
    """True for "站名" in "文章标题-站名": the heading ends <title> after a separator."""
    rest = head_title[: -len(heading)] if head_title.endswith(heading) else ""
    return bool(rest) and rest.rstrip()[-1:] in "-_|｜—–:："


def category_path(
    breadcrumb: list[str], title: str | None, site_names: Iterable[str] = ()
) -> list[str]:
    """Breadcrumb without the home link, the 当前位置 label and the article's own title.

    A first crumb that is one of the site's names (the ``<title>`` suffix) is
    the home link whatever it is called ("文秘吧", "爱学范文").
    """
    title_key = _key(title or "")
    names = {_key(name) for name in site_names}
    out: list[str] = []
    for i, part in enumerate(breadcrumb):
        part = norm_ws(part).strip(":： ")
        if not part or part.lower() in _HOME_WORDS:
            continue
        if i == 0 and (_HOME_LIKE.search(part) or _key(part) in names):
            continue
        key = _key(part.rstrip(".…"))
        if title_key and key and (key == title_key or (len(key) >= 6 and title_key.startswith(key))):
            continue
        if part not in out:
            out.append(part)
    return out


def _key(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text)


# Full-width digits and colon (０-９：) to ASCII, for date parsing.
_FULLWIDTH_DIGITS = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1B)}


def parse_date(text: str) -> str | None:
    """First date (after a 发布时间/时间/日期 label if any) as ISO 8601, or None."""
    if not text:
        return None
    text = text.translate(_FULLWIDTH_DIGITS)
    label = _DATE_LABEL.search(text)
    for candidate in ([text[label.end():]] if label else []) + [text]:
        found = _numeric_date(candidate) or _chinese_date(candidate)
        if found:
            return found
    return None


def _numeric_date(text: str) -> str | None:
    for m in _DATE_NUM.finditer(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        if m[4] is not None and int(m[4]) < 24 and int(m[5]) < 60:
            return f"{y:04d}-{mo:02d}-{d:02d}T{int(m[4]):02d}:{int(m[5]):02d}:{int(m[6] or 0):02d}"
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _cn_number(text: str) -> int:
    """二十三 -> 23, 十二 -> 12, 〇五 -> 5 (small numbers only: months and days)."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS.get(ch, 0)
    return value


def _chinese_date(text: str) -> str | None:
    m = _DATE_CN.search(text)
    if not m:
        return None
    year = int("".join(str(_CN_DIGITS.get(c, 0)) for c in m[1]))
    month, day = _cn_number(m[2]), _cn_number(m[3])
    if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def parse_tags(info_text: str, tag_links: list[str]) -> list[str]:
    """Tags from linked tags and a "标签：a,b" info line, in order, without duplicates."""
    tags = [norm_ws(t) for t in tag_links]
    match = _TAGS_RE.search(info_text or "")
    if match:
        tags.extend(_TAG_SPLIT.split(match.group(1)))
    return list(dict.fromkeys(t for t in tags if t and len(t) <= 30))


def build_article(pages: list[RawPage], profile: Profile) -> Article:
    """One article from its pages in order: title and metadata from page 1, text from all."""
    if not pages:
        return Article()
    first = pages[0]
    names = site_names_of(first)
    title = clean_title(first.title, first.head_title, names)
    paragraphs: list[str] = []
    found: dict[str, str] = {}
    for page in pages:
        paras = body_paragraphs(page.body_html, profile) if page.body_html else []
        clean, page_found = strip_boilerplate(paras, title, names, page.info_text)
        paragraphs.extend(_new_paragraphs(clean, paragraphs))
        for key, value in page_found.items():
            found.setdefault(key, value)
    lines = first.info_lines
    info = first.info_text
    # Later lines (up to just under the body) fill what the page's info line lacks: a
    # byline under the text, a date as templates print it (not a letter's "5月6日").
    later = lines[1:]
    meta = first.meta
    author = author_of(lines) or found.get("author") or meta.get("author")
    return Article(
        title=title,
        category=category_path(first.breadcrumb, title, names),
        breadcrumb=list(first.breadcrumb),
        tags=parse_tags(info, first.tags),
        published_at=parse_date(info) or _first(parse_date, filter(_dates_the_page, later))
        or _meta_date(meta),
        origin=_first(parse_origin, lines) or found.get("origin"),
        author=author if author and author not in names else None,
        paragraphs=paragraphs,
    )


def _dates_the_page(line: str) -> bool:
    """A later line's date is the page's when printed as templates print dates, or
    beside labelled facts only ("2022年12月17日 出处：央视网 评论：0"); not a letter's."""
    return has_machine_date(line) or is_info_line(line)


def _first(parse: Callable[[str], str | None], lines: Iterable[str]) -> str | None:
    """The first value ``parse`` finds in ``lines``."""
    return next((value for line in lines if (value := parse(line))), None)


def _new_paragraphs(page: list[str], seen: list[str]) -> list[str]:
    """A later page's paragraphs minus chrome repeated from earlier pages.

    Follow-on pages repeat the intro, a summary or the "第N页" line; a paragraph
    already seen at the start or end of this page is such chrome.
    """
    if not seen:
        return page
    earlier = set(seen)
    start, end = 0, len(page)
    while start < end and page[start] in earlier:
        start += 1
    while end > start and page[end - 1] in earlier:
        end -= 1
    return page[start:end]


def _meta_date(meta: dict[str, str]) -> str | None:
    for key in _DATE_META:
        if meta.get(key):
            found = parse_date(meta[key])
            if found:
                return found
    return None
