"""One page's bytes to the article fanwen would archive: the crawl's path, callable alone.

The spider runs decode -> profile -> extract per page and the clean pipeline
runs ``build_article`` on the pages of an article. ``fanwen extract``, the
extraction benchmark and the golden tests call this module instead of
re-assembling those steps, so "what the CLI shows" and "what a crawl stores"
cannot drift apart: there is one sequence of calls, here.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsel import Selector

from crawler.extraction.decode import DecodedPage, decode_html
from crawler.extraction.extract import RawPage, extract_page
from crawler.extraction.metadata import Article, build_article, tidy_article
from crawler.extraction.pagekind import judge_page
from crawler.extraction.profiles import Profile, get_profile, profile_for
from crawler.links import PageKind, canonical_url, site_of, url_kind
from crawler.settings import CLEAN_MIN_CHARS


@dataclass(frozen=True)
class Extraction:
    """An article together with how it was read: decoding facts and the profile used."""

    article: Article
    decoded: DecodedPage
    profile: str
    raw: RawPage


def choose_profile(decoded: DecodedPage, url: str, name: str | None = None) -> Profile:
    """The profile a crawl would pick for this page (by host, then markup), or a forced one.

    Raises ``KeyError`` for an unknown forced name, so the CLI can say which exist.
    """
    if name:
        return get_profile(name)
    return profile_for(site_of(url), Selector(text=decoded.text or "<html></html>"))


def extract_bytes(
    body: bytes, url: str, content_type: str | None = None, profile: str | None = None
) -> Extraction:
    """Decode, pick a profile, extract and clean one page exactly as a crawl does."""
    decoded = decode_html(body, content_type)
    chosen = choose_profile(decoded, url, profile)
    raw = extract_page(decoded.text, url, chosen)
    return Extraction(tidy_article(build_article([raw], chosen)), decoded, chosen.name, raw)


@dataclass(frozen=True)
class PageVerdict:
    """What a crawl does with one page: archive it (with this article) or not, and why."""

    archived: bool
    reason: str
    article: Article | None = None


def page_verdict(
    body: bytes, url: str, content_type: str | None = None, min_chars: int = CLEAN_MIN_CHARS
) -> PageVerdict:
    """The crawl's decision for a fetched page, outside a crawl: URL kind, page kind, length.

    The spider (``TemplateSpider.parse``) and the clean pipeline take these same
    steps; benchmarks and ``fanwen extract`` call this to know whether a page
    would be archived at all.
    """
    decoded = decode_html(body, content_type)
    profile = choose_profile(decoded, url)
    kind = url_kind(canonical_url(url, profile), profile)
    if kind is PageKind.TRAP:
        return PageVerdict(False, "trap URL")
    raw = extract_page(decoded.text, url, profile)
    verdict = judge_page(raw, url, kind)
    if not verdict.is_article:
        return PageVerdict(False, verdict.reason)
    article = build_article([raw], profile)
    if article.chars < min_chars:
        return PageVerdict(False, f"{article.chars} chars", article)
    return PageVerdict(True, "article", article)


def article_from_bytes(
    body: bytes, url: str, content_type: str | None = None, profile: str | None = None
) -> tuple[Article, DecodedPage, str]:
    """``extract_bytes`` as a plain tuple: (article, decoded page, profile name)."""
    found = extract_bytes(body, url, content_type, profile)
    return found.article, found.decoded, found.profile
