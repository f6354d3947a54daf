"""Which page of a copy group is the original: decided by evidence, never by arrival.

A pure function of the group's sightings, so the same pages give the same
answer whatever order a crawl met them in. The rules narrow the candidates
in turn; the first that leaves one publication decides (and is named in the
record, ``articles.decided_by``):

1. ``date``: the earliest publication *day* shown on a page (same calendar
   day ties; a page showing no date is never ruled out by another's date:
   it gives no evidence either way);
2. ``origin``: the page whose site the other sites' pages name as their
   来源 (by host or by a name the site calls itself);
3. ``chars``: the most complete text (longest normal form: punctuation and
   spacing differences of exact copies do not count);
4. ``url``: the smallest canonical URL, a fixed tie-break.

A publication is a canonical URL: a mobile mirror declaring its desktop page
canonical is the same publication, and the desktop page, when archived, is
the original sighting. The article carries the original's text when it is
complete (every part fetched, at least ``complete_share`` of the longest
text), else the most complete text of the group.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
HOST_PREFIXES = ("www.", "m.", "wap.", "3g.")
# Breadcrumb homes and generic words a page may yield as its "site name": naming nobody.
GENERIC_NAMES = frozenset({"首页", "主页", "网站首页", "本站", "网络", "本站原创", "互联网"})


@dataclass(frozen=True)
class Candidate:
    """What the rule reads of one sighting."""

    id: int
    url: str
    canonical_url: str
    site: str
    published_at: str | None = None
    origin: str | None = None
    form_chars: int = 0
    complete: bool = True
    site_names: tuple[str, ...] = ()

    @property
    def day(self) -> str | None:
        found = DAY.match(self.published_at or "")
        return found.group(0) if found else None


@dataclass(frozen=True)
class Decision:
    original: Candidate
    rule: str  # only | date | origin | chars | url
    text_source: Candidate


Pool = list[Candidate]


def by_date(pool: Pool, _group: Sequence[Candidate]) -> Pool:
    days = [c.day for c in pool if c.day]
    if not days:
        return pool
    first = min(days)
    return [c for c in pool if c.day is None or c.day == first]


def names_site(origin: str | None, candidate: Candidate) -> bool:
    """Does a page's 来源 name the candidate's site (host without www./m., or a site name)?"""
    if not origin:
        return False
    text = origin.lower()
    host = candidate.site.lower()
    for prefix in HOST_PREFIXES:
        host = host.removeprefix(prefix)
    return host in text or any(
        len(n) >= 2 and n not in GENERIC_NAMES and n in origin for n in candidate.site_names
    )


def by_origin(pool: Pool, group: Sequence[Candidate]) -> Pool:
    def named(c: Candidate) -> int:
        return len({o.site for o in group if o.site != c.site and names_site(o.origin, c)})

    best = max(named(c) for c in pool)
    return [c for c in pool if named(c) == best] if best else pool


def by_chars(pool: Pool, _group: Sequence[Candidate]) -> Pool:
    best = max(c.form_chars for c in pool)
    return [c for c in pool if c.form_chars == best]


def by_url(pool: Pool, _group: Sequence[Candidate]) -> Pool:
    first = min(c.canonical_url for c in pool)
    return [c for c in pool if c.canonical_url == first]


RULES: tuple[tuple[str, Callable[[Pool, Sequence[Candidate]], Pool]], ...] = (
    ("date", by_date), ("origin", by_origin), ("chars", by_chars), ("url", by_url),
)


def choose(group: Sequence[Candidate], complete_share: float = 0.9) -> Decision:
    """The group's original, the rule that decided, and whose text the article keeps."""
    if not group:
        raise ValueError("a copy group has at least one sighting")
    pool, rule = list(group), "only"
    for name, narrow in RULES:
        if len({c.canonical_url for c in pool}) == 1:
            break
        pool, rule = narrow(pool, group), name
    publication = pool[0].canonical_url
    original = min((c for c in group if c.canonical_url == publication), key=_representative)
    return Decision(original, rule, text_source(group, original, complete_share))


def _representative(c: Candidate) -> tuple[bool, bool, int, str]:
    """The page that stands for its publication: the canonical page itself first."""
    return c.url != c.canonical_url, not c.complete, -c.form_chars, c.url


def text_source(group: Sequence[Candidate], original: Candidate, share: float) -> Candidate:
    """The original when its text is complete, else the most complete text."""
    longest = min(group, key=lambda c: (not c.complete, -c.form_chars, c.canonical_url, c.url))
    if original.complete and original.form_chars >= share * longest.form_chars:
        return original
    return longest
