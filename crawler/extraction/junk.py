"""Pages that are not articles whatever their URL says: garbage bytes and soft 404s.

Content farms answer 200 for everything. Random bytes served as text/html
decode (GB18030 maps almost any byte pair to some character) into tens of
thousands of characters of mojibake that pass every length rule; a deleted
article answers 200 with "页面不存在" and a few links. Both look like text
to the extractor, so they are judged here, by signals extraction ignores:

- decoding quality: the share of U+FFFD substitutions and of control
  characters in the decoded page, and the script mix (real Chinese pages
  use common characters: GB2312 or Big5 hold > 99% of their ideographs;
  decoded garbage lands everywhere in the 20,000-character CJK block);
- soft 404: a short page whose title or first lines say 404 / 页面不存在 /
  not found / 找不到, or whose markup skeleton is that of an error page the
  site served with a real 4xx/5xx status.

Pure functions; the spider middleware ``crawler.middlewares.notarticle`` and
``fanwen extract`` call :func:`not_article_reason`, so both refuse the same pages.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from scrapy.settings import BaseSettings, Settings

from crawler.extraction.hygiene import CONTROL

SOFT_404 = re.compile(
    r"\b404\b|not\s*found|页面不存在|页面未找到|页面找不到|找不到(?:该|此|您要的|你要的)?(?:页面|网页|文章)|"
    r"(?:页面|网页|文章|内容|信息)(?:已|已经)?(?:被)?(?:删除|失效|过期|丢失|走丢|不存在)|无法找到|"
    r"访问的(?:页面|网页|文章|内容)(?:不存在|已)|error\s*page|page\s*(?:not|cannot)",
    re.I,
)
_TAG = re.compile(r"<[^>]*>|&[a-z#0-9]+;", re.I)
_SPACE = re.compile(r"\s+")
# Elements that carry a class or id: the template's structure, not its text.
_SKELETON = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*?\b(?:class|id)\s*=\s*[\"']?([^\"'>]*)", re.I)
_SKELETON_ELEMENTS = 200
_SCRIPT_SAMPLE = 4000  # ideographs looked at: enough for a share, cheap on a huge page
_MIN_IDEOGRAPHS = 200  # too few to judge a script mix on


@dataclass(frozen=True)
class JunkLimits:
    """Thresholds; their defaults live in crawler/settings.py (``JUNK_*``) with reasons."""

    max_replaced_share: float
    max_control_share: float
    min_common_share: float
    soft404_max_chars: int

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> JunkLimits:
        return cls(
            settings.getfloat("JUNK_MAX_REPLACED_SHARE"), settings.getfloat("JUNK_MAX_CONTROL_SHARE"),
            settings.getfloat("JUNK_MIN_COMMON_SHARE"), settings.getint("JUNK_SOFT404_MAX_CHARS"),
        )

    @classmethod
    def defaults(cls) -> JunkLimits:
        """The project's settings, for callers without a crawler (``fanwen extract``)."""
        settings = Settings()
        settings.setmodule("crawler.settings", priority="project")
        return cls.from_settings(settings)


def decoding_problem(text: str, replaced: int, limits: JunkLimits) -> str | None:
    """``replacement_chars``, ``control_chars`` or ``script_mix`` when the bytes were not text."""
    size = max(len(text), 1)
    if max(replaced, text.count("\ufffd")) / size > limits.max_replaced_share:
        return "replacement_chars"
    controls = len(CONTROL.findall(text)) - text.count("\t") - text.count("\r") - text.count("\f")
    if controls / size > limits.max_control_share:
        return "control_chars"
    if common_share(text) < limits.min_common_share:
        return "script_mix"
    return None


def common_share(text: str) -> float:
    """Share of the page's ideographs found in GB2312 or Big5 (1.0 when too few to say)."""
    ideographs = [c for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"]
    if len(ideographs) < _MIN_IDEOGRAPHS:
        return 1.0
    sample = ideographs[:_SCRIPT_SAMPLE]
    return sum(_is_common(c) for c in sample) / len(sample)


def _is_common(char: str) -> bool:
    for codec in ("gb2312", "big5"):
        try:
            char.encode(codec)
            return True
        except UnicodeEncodeError:
            continue
    return False


def visible_text(html: str | None) -> str:
    """Text of an HTML fragment without tags or spaces: a cheap length measure."""
    return _SPACE.sub("", _TAG.sub("", html or ""))


def says_not_found(*texts: str | None) -> bool:
    return any(text and SOFT_404.search(text) for text in texts)


def skeleton(html: str) -> str:
    """A fingerprint of the page's template: its classed/id'd elements in order."""
    parts = [f"{tag.lower()}.{name.strip()}" for tag, name in _SKELETON.findall(html)[:_SKELETON_ELEMENTS]]
    return hashlib.blake2b(" ".join(parts).encode(), digest_size=8).hexdigest()


def soft_404(title: str | None, head_title: str | None, body_text: str, limits: JunkLimits) -> bool:
    """A short page whose title or first lines say the page is not there."""
    if len(body_text) > limits.soft404_max_chars:
        return False
    return says_not_found(title, head_title, body_text[:200])


def not_article_reason(
    text: str, replaced: int, title: str | None, head_title: str | None, body_html: str | None,
    limits: JunkLimits,
) -> str | None:
    """Why a decoded page is not an article (``soft_404``, a decoding problem), or None."""
    problem = decoding_problem(text, replaced, limits)
    if problem:
        return problem
    if soft_404(title, head_title, visible_text(body_html), limits):
        return "soft_404"
    return None
