"""URL canonicalisation and URL-level page kinds.

Template sites hand out the same page under many URLs: session ids and
tracking parameters, ``index.html`` or not, protocol-relative links, mobile
mirrors. Everything the crawl schedules and everything the archive keys on
goes through :func:`canonical_url` first, so one page is one URL.
"""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string, url_query_cleaner

from crawler.extraction.profiles import Profile

# Parameters that identify a visitor or a campaign, never a page.
SESSION_PARAMS = frozenset(
    {
        "s", "sid", "sessionid", "session_id", "phpsessid", "jsessionid", "aspsessionid",
        "cfid", "cftoken", "utm_source", "utm_medium", "utm_campaign", "utm_term",
        "utm_content", "spm", "from", "fromuid", "share", "ref", "_t", "t",
    }
)
INDEX_PAGE = re.compile(r"/(index|default)\.(s?html?|php|asp|aspx)$", re.IGNORECASE)
SCHEMES = ("http", "https")


class PageKind(StrEnum):
    ARTICLE = "article"
    PART = "part"  # page 2+ of a multi-page article
    LIST = "list"
    TRAP = "trap"
    OTHER = "other"


class BadLink(ValueError):
    """An href no browser could follow (bad port, bracketed IPv4, no host…)."""


def absolute_url(href: str, base: str) -> str | None:
    """Resolve a link the way a browser would; None for non-web links.

    Raises :class:`BadLink` for an http(s) link that cannot be parsed, so the
    caller can skip and count it: ``urlsplit`` only complains about a port or
    a bracketed host when ``.port``/``.hostname`` is read, deep inside
    canonicalisation, where one such link used to lose the whole page.
    """
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    try:
        url = urljoin(base, safe_url_string(href))
        parts = urlsplit(url)
        if parts.scheme not in SCHEMES:
            return None
        if not parts.hostname or parts.port == 0:
            raise BadLink(f"no host or port 0 in {href!r}")
    except BadLink:
        raise
    except ValueError as exc:  # UnicodeError (IDNA) is a ValueError too
        raise BadLink(f"{exc}: {href!r}") from exc
    return url


def canonical_url(url: str, profile: Profile | None = None) -> str:
    """One URL per page: sorted query without session/tracking parameters,
    no fragment, lower-case host without default port, no ``index.html``,
    and the canonical host of a known mirror pair."""
    parts = urlsplit(url)
    query = url_query_cleaner(
        "?" + parts.query, parameterlist=_present_session_params(parts.query), remove=True
    ).lstrip("?")
    host = (parts.hostname or "").lower()
    if profile is not None:
        host = profile.mirrors.get(host, host)
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    path = INDEX_PAGE.sub("/", parts.path) or "/"
    return canonicalize_url(urlunsplit((parts.scheme.lower(), netloc, path, query, "")))


def _present_session_params(query: str) -> list[str]:
    """The session parameter names as spelled in this query (case varies)."""
    names = [pair.split("=", 1)[0] for pair in query.split("&") if pair]
    return [name for name in names if name.lower() in SESSION_PARAMS]


def site_of(url: str) -> str:
    """The site an URL belongs to: its host name, lower-cased."""
    return (urlsplit(url).hostname or "").lower()


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def url_kind(url: str, profile: Profile) -> PageKind:
    """What a URL probably is, before fetching it. Traps win over everything."""
    target, path = path_and_query(url), urlsplit(url).path
    if profile.url_matches("trap", target):
        return PageKind.TRAP
    if profile.url_matches("article", target) or profile.url_matches("article", path):
        return PageKind.PART if part_number(url, profile) > 1 else PageKind.ARTICLE
    if profile.url_matches("list", target) or profile.url_matches("list", path):
        return PageKind.LIST
    return PageKind.OTHER


def part_number(url: str, profile: Profile) -> int:
    """2 for ``1234567_2.html``; 1 for a first page."""
    path = urlsplit(url).path
    for pattern in profile.next_part_url:
        match = re.search(pattern, path)
        if match:
            return int(match.group(1))
    return 1


def first_part_url(url: str, profile: Profile) -> str:
    """``/a/1234567_3.html`` → ``/a/1234567.html``: where an article starts."""
    parts = urlsplit(url)
    for pattern in profile.next_part_url:
        match = re.search(pattern, parts.path)
        if match:
            path = parts.path[: match.start(1) - 1] + parts.path[match.end(1) :]
            return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
    return url


def site_family(host: str) -> str:
    """``www.example.com``, ``m.example.com`` and ``example.com`` → ``example.com``.

    Mirrors of one site differ in their first label; a rel=canonical is only
    trusted inside one family (copy farms leave other sites' canonicals in).
    """
    labels = host.lower().split(".")
    return ".".join(labels[1:]) if len(labels) >= 3 else host.lower()


def declared_canonical(declared: str | None, page_url: str, profile: Profile) -> str:
    """The page's ``<link rel=canonical>`` when it is trustworthy, else ``page_url``.

    Trusted: an http(s) article URL of the same site family (a mobile page
    naming its desktop twin). Canonicals pointing at a home or list page, a
    common template mistake, are ignored.
    """
    try:
        if not declared or urlsplit(declared).scheme not in SCHEMES:
            return page_url
        absolute_url(declared, page_url)  # raises BadLink for an unparseable one
        url = canonical_url(declared, profile)
    except ValueError:  # a broken rel=canonical is ignored like a missing one
        return page_url
    if site_family(site_of(url)) != site_family(site_of(page_url)):
        return page_url
    if url_kind(url, profile) not in (PageKind.ARTICLE, PageKind.PART):
        return page_url
    return first_part_url(url, profile)
