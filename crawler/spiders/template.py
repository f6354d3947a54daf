"""TemplateSpider: walk a template site the way a reader does.

home → channels → sub-categories → paginated lists → articles (all parts of
a multi-page article stitched into one item) → the related / recommended
links inside articles. It stays on the hosts it was started on, never
schedules a trap URL, and leaves all cleaning to the pipelines.

Usage: ``scrapy crawl template -a start_urls=http://a.example/,http://b.example/``
(optional ``-a profile=NAME`` forces a site profile).
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

from parsel import Selector
from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import signals as fanwen_signals
from crawler.clock import utc_now
from crawler.extraction.decode import decode_html
from crawler.extraction.extract import extract_page
from crawler.extraction.pagekind import judge_page
from crawler.extraction.profiles import Profile, get_profile, profile_for
from crawler.items import ArticleRecord
from crawler.links import (
    PageKind,
    absolute_url,
    canonical_url,
    declared_canonical,
    first_part_url,
    part_number,
    site_of,
    url_kind,
)
from crawler.traps import preferred_hrefs

logger = logging.getLogger(__name__)

PRIORITY = {PageKind.ARTICLE: 20, PageKind.LIST: 10, PageKind.OTHER: 0}
LINK_MEMO_SIZE = 200_000  # canonical forms of links; cleared when full, so memory stays bounded
Link = tuple[str, PageKind]


def parse_start_urls(value: str | list[str] | None) -> list[str]:
    """``-a start_urls=`` takes commas or white space; every URL must be http(s)."""
    items = value if isinstance(value, list) else re.split(r"[,\s]+", value or "")
    urls = []
    for raw in filter(None, (item.strip() for item in items)):
        url = raw if "://" in raw else f"http://{raw}"
        if not re.match(r"^https?://([^/\s:]+\.[^/\s:.]+|localhost)(:\d+)?(/|$)", url):
            raise ValueError(f"not an http(s) URL: {raw!r}")
        urls.append(url)
    if not urls:
        raise ValueError("no start URL given (use -a start_urls=URL[,URL...])")
    return urls


class TemplateSpider(Spider):
    name = "template"

    def __init__(
        self, start_urls: str | list[str] | None = None, profile: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.start_urls = parse_start_urls(start_urls)
        self.forced_profile = get_profile(profile) if profile else None
        self.allowed_domains = sorted({site_of(url) for url in self.start_urls})
        self._link_memo: dict[tuple[str, str, str], Link | None] = {}

    async def start(self) -> AsyncIterator[Request]:
        for url in self.start_urls:
            yield self._request(url, PageKind.LIST, dont_filter=True)

    def revisit(self, url: str) -> Request:
        """The request of an archived article page due for a refetch (see
        :class:`crawler.middlewares.revisit.RevisitMiddleware`)."""
        return self._request(url, PageKind.ARTICLE, meta_kind="revisit")

    # --- callbacks -------------------------------------------------------------
    def parse(self, response: Response) -> Iterator[Any]:
        page = self._read(response)
        if page is None:
            return
        text, selector, profile = page
        url = response.url
        kind = url_kind(canonical_url(url, profile), profile)
        links = self._links(selector, url, profile)
        yield from self._follow(links, profile)
        raw = extract_page(text, url, profile)
        verdict = judge_page(raw, url, kind)
        if not verdict.is_article:
            self.crawler.stats.inc_value(f"crawl/not_article/{verdict.reason.replace(' ', '_')}")
            return
        item = self._new_item(response, profile, raw.canonical)
        item.raw_pages.append(raw)
        yield from self._next_part_or_item(item, links, url, profile)

    def parse_part(self, response: Response, item: ArticleRecord) -> Iterator[Any]:
        page = self._read(response)
        if page is None:
            yield self._finish(item, complete=False)
            return
        text, selector, _ = page
        profile = get_profile(item.profile)
        item.raw_pages.append(extract_page(text, response.url, profile))
        item.page_urls.append(canonical_url(response.url, profile))
        links = self._links(selector, response.url, profile)
        yield from self._follow(links, profile)
        yield from self._next_part_or_item(item, links, response.url, profile)

    def part_failed(self, failure: Failure) -> Iterator[Any]:
        yield from self.request_failed(failure)
        item = failure.request.cb_kwargs.get("item")  # type: ignore[attr-defined]
        if item is not None:
            yield self._finish(item, complete=False)

    def request_failed(self, failure: Failure) -> Iterator[Request | dict[str, Any]]:
        request = failure.request  # type: ignore[attr-defined]
        if failure.check(IgnoreRequest):
            # A deliberate skip (cap, incremental), counted where it was decided;
            # a 304 on part 1 still has its other parts asked for, and with
            # ARCHIVE_EMIT_SKIPPED the archived record still reaches the feed.
            yield from self._part_checks(request.url, request.meta.get("fanwen_parts") or [])
            yield from self._archived_item(request)
            return
        self.crawler.stats.inc_value("crawl/page_errors")
        self.crawler.signals.send_catch_log(
            signal=fanwen_signals.page_failed, request=request, failure=failure
        )
        logger.info("skipped %s: %s", request.url, failure.getErrorMessage())

    def _archived_item(self, request: Request) -> Iterator[dict[str, Any]]:
        """With ARCHIVE_EMIT_SKIPPED, an article page the incremental crawl did not
        fetch still reaches the feed: its archived record (export fields plus
        sightings), marked ``archived: true``. The pipelines pass it through."""
        record = request.meta.get("fanwen_archived_record")
        if record is not None:
            self.crawler.stats.inc_value("incremental/emitted_from_archive")
            yield {**record, "page_url": request.url, "archived": True}

    def closed(self, reason: str) -> None:
        """Say why a feed lacks archived articles: an empty items.jsonl must not puzzle."""
        skipped = self.crawler.stats.get_value("incremental/skipped", 0)
        if skipped and self.settings.getdict("FEEDS") and not self.settings.getbool(
                "ARCHIVE_EMIT_SKIPPED"):
            logger.warning(
                "%d archived article pages were skipped (not due for refresh) and are not in "
                "the feed; -s ARCHIVE_EMIT_SKIPPED=True (fanwen crawl --emit-archived) adds "
                "them from the archive, -s ARCHIVE_INCREMENTAL=False (--full) refetches them",
                skipped)

    def part_changed(self, response: Response) -> Iterator[Request]:
        """A part answered in full although part 1 did not change: refetch the
        article whole (its text is stitched from every part)."""
        first = response.meta["fanwen_first_part"]
        self.crawler.stats.inc_value("incremental/part_changed")
        yield Request(first, callback=self.parse, errback=self.request_failed,
                      meta={"page_kind": PageKind.ARTICLE.value, "fanwen_full": True},
                      priority=PRIORITY[PageKind.ARTICLE], dont_filter=True)

    def _part_checks(self, first: str, parts: list[str]) -> Iterator[Request]:
        """Conditional requests for parts 2+ of an article whose part 1 answered 304."""
        for url in parts:
            yield Request(url, callback=self.part_changed, errback=self.request_failed,
                          meta={"page_kind": PageKind.PART.value, "fanwen_part_check": True,
                                "fanwen_first_part": first},
                          priority=PRIORITY[PageKind.ARTICLE] + 5)

    # --- helpers -------------------------------------------------------------
    def _read(self, response: Response) -> tuple[str, Selector, Profile] | None:
        """Decode with fanwen's charset rules; None (logged) for non-HTML bodies."""
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        if content_type and not re.search(r"html|xml|text/plain", content_type, re.I):
            logger.info("skipped %s: not HTML (%s)", response.url, content_type)
            self.crawler.stats.inc_value("crawl/not_html")
            return None
        decoded = decode_html(response.body, content_type or None)
        if decoded.replaced:
            self.crawler.stats.inc_value("crawl/replaced_chars", decoded.replaced)
        selector = Selector(text=decoded.text or "<html></html>")
        profile = self.forced_profile or profile_for(site_of(response.url), selector)
        response.meta["encoding"] = decoded.encoding
        response.meta["decoded"] = decoded  # judged again by NotArticleMiddleware, not decoded again
        return decoded.text, selector, profile

    def _new_item(self, response: Response, profile: Profile, declared: str | None) -> ArticleRecord:
        page_url = canonical_url(response.url, profile)
        return ArticleRecord(
            url=response.url,
            canonical_url=declared_canonical(declared, page_url, profile),
            page_url=page_url,
            site=site_of(page_url),
            fetched_at=utc_now(),
            profile=profile.name,
            page_urls=[page_url],
        )

    def _next_part_or_item(
        self, item: ArticleRecord, links: list[Link], url: str, profile: Profile
    ) -> Iterator[Any]:
        next_url = self._next_part_url(links, url, profile, set(item.page_urls))
        if next_url is None:
            yield self._finish(item, complete=True)
            return
        yield Request(
            next_url,
            callback=self.parse_part,
            errback=self.part_failed,
            cb_kwargs={"item": item},
            meta={"page_kind": PageKind.PART.value},
            priority=PRIORITY[PageKind.ARTICLE] + 5,
            # A part rechecked earlier in this run (its article then refetched whole)
            # must not be filtered out of the stitching; the chain ends on its own.
            dont_filter=True,
        )

    def _next_part_url(
        self, links: list[Link], url: str, profile: Profile, have: set[str]
    ) -> str | None:
        """The lowest-numbered part of this article linked here and not yet fetched."""
        first = first_part_url(canonical_url(url, profile), profile)
        parts: dict[int, str] = {}
        for link, kind in links:
            if kind is PageKind.PART and link not in have and first_part_url(link, profile) == first:
                parts.setdefault(part_number(link, profile), link)
        return parts[min(parts)] if parts else None

    def _finish(self, item: ArticleRecord, complete: bool) -> ArticleRecord:
        item.complete = complete
        if not complete:
            self.crawler.stats.inc_value("crawl/incomplete_article")
            logger.warning("article %s: a part could not be fetched; kept what was", item.url)
        if len(item.page_urls) > 1:
            self.crawler.stats.inc_value("crawl/multipage_articles")
        return item

    def _links(self, selector: Selector, base: str, profile: Profile) -> list[Link]:
        """Every distinct link of the page to our sites, canonical and classified.

        Template pages repeat the same navigation on every page, so the
        canonical form and kind of an absolute URL are memoised per profile.
        """
        links: dict[str, PageKind] = {}
        origin = base.split("/", 3)[:3]
        hrefs = list(dict.fromkeys(selector.css("a::attr(href), area::attr(href)").getall()))
        limit = 2 * self.settings.getint("CRAWL_MAX_LINKS_PER_PAGE")  # offsite and dupes fall out
        if len(hrefs) > limit > 0:
            self.crawler.stats.inc_value("trap/hrefs_capped", len(hrefs) - limit)
            hrefs = preferred_hrefs(hrefs, profile, limit)
        for href in hrefs:
            href = href.strip()
            # Root-relative and absolute links resolve the same from every page of a site.
            scope = "/".join(origin) if href.startswith(("/", "http:", "https:")) else base
            key = (profile.name, scope, href)
            known = self._link_memo.get(key)
            if known is None:
                known = self._classify_link(href, base, profile)
                if len(self._link_memo) > LINK_MEMO_SIZE:
                    self._link_memo.clear()
                self._link_memo[key] = known
            if known is not None:
                links[known[0]] = known[1]
        return list(links.items())

    def _classify_link(self, href: str, base: str, profile: Profile) -> Link | None:
        """(canonical URL, kind) of a link to one of our sites; None otherwise.

        A link that cannot be parsed (``http://host:99999/``) is skipped and
        counted: one broken href must never cost the page it sits on.
        """
        try:
            url = absolute_url(href, base)
            if url is None:
                return None
            canonical = canonical_url(url, profile)
        except ValueError as exc:
            self.crawler.stats.inc_value("crawl/bad_links")
            logger.debug("skipped a link of %s: %s", base, exc)
            return None
        if not self._on_our_sites(canonical):
            return None
        return canonical, url_kind(canonical, profile)

    def _follow(self, links: list[Link], profile: Profile) -> Iterator[Request]:
        follow_other = self.settings.getbool("CRAWL_FOLLOW_OTHER")
        for url, kind in links:
            if kind is PageKind.TRAP or (kind is PageKind.OTHER and not follow_other):
                continue
            if kind is PageKind.PART:
                yield self._request(first_part_url(url, profile), PageKind.ARTICLE)
            else:
                yield self._request(url, kind)

    def _on_our_sites(self, url: str) -> bool:
        """A start host or one of its sub-domains, as Scrapy's offsite rule has it."""
        host = site_of(url)
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def _request(self, url: str, kind: PageKind, dont_filter: bool = False,
                 meta_kind: str | None = None) -> Request:
        return Request(
            url,
            callback=self.parse,
            errback=self.request_failed,
            meta={"page_kind": meta_kind or kind.value},
            priority=PRIORITY.get(kind, 0),
            dont_filter=dont_filter,
        )
