"""URL patterns and what their pages are worth: the bookkeeping against traps.

Name lists (profile ``trap_url``) and caps (per site, per path) do not stop
an endless link farm whose URLs look like articles, or a calendar whose
prev/next links change the path rather than the query. What every trap has
in common is its yield: page after page of one URL *pattern* gives no
article text and no new link of a known kind. So each pattern (the path
template: digit runs → ``N``; query values by shape) gets a budget of
unproductive pages, and each productive page earns it more. Calendars are
recognised by shape (``/2024/01/05/``, ``?day=20240105``) and start with a
smaller budget. Pure logic here; ``crawler.middlewares.trapguard`` (links
out of pages) and ``crawler.middlewares.patternbudget`` (requests about to
be downloaded) apply it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from scrapy.crawler import Crawler

from crawler.extraction.profiles import Profile

_DIGITS = re.compile(r"\d+")
_HEXISH = re.compile(r"(?<![a-z0-9])[0-9a-f]{16,}(?![a-z0-9])", re.I)  # hashes, uuids
_YEAR = r"(?:19|20)\d{2}"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
# The path ends in a date (a day or month of an archive), not an id leaf under a date.
_DIR_END = r"(?:/|/index\.\w+)?$"
DATE_PATH = re.compile(
    rf"/{_YEAR}/{_MONTH}(?:/{_DAY})?{_DIR_END}"  # /2024/01/05/
    rf"|/{_YEAR}[-_]{_MONTH}(?:[-_]{_DAY})?(?:\.s?html?)?{_DIR_END}"  # /2024-01-05.html
    rf"|/{_YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?{_DIR_END}"  # /20240105/ (not a leaf id)
)
DATE_VALUE = re.compile(
    rf"^{_YEAR}[-/._]{_MONTH}(?:[-/._]{_DAY})?$|^{_YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$"
)
DATE_KEYS = frozenset({"y", "m", "d", "year", "month", "day", "ym", "ymd", "date", "riqi"})
KNOWN_KINDS = frozenset({"list", "article", "part"})


_ORIGIN = re.compile(r"^(?:https?:)?//[^/?#]*", re.I)


def preferred_hrefs(hrefs: list[str], profile: Profile, limit: int) -> list[str]:
    """At most ``limit`` hrefs of a page, article- then list-shaped first, traps never.

    A page with 20,000 links would cost seconds of canonicalisation (the
    reactor stands still meanwhile); the URL-shape rules of the profile run
    on the raw href for a fraction of that, so only the links worth it get
    the full treatment. Document order is kept within a rank.
    """
    if not limit or len(hrefs) <= limit:
        return hrefs
    ranked: list[tuple[int, int, str]] = []
    for position, href in enumerate(hrefs):
        target = _ORIGIN.sub("", href.split("#", 1)[0]) or "/"
        if profile.url_matches("trap", target):
            continue
        path = target.split("?", 1)[0]
        rank = 0 if profile.url_matches("article", path) else 1 if profile.url_matches("list", path) else 2
        ranked.append((rank, position, href))
    ranked.sort()
    return [href for _, _, href in ranked[:limit]]


@lru_cache(maxsize=65_536)  # asked several times per link, by both middlewares
def url_template(url: str) -> str:
    """``host/path?key=shape``: one pattern for all pages a template generates."""
    parts = urlsplit(url)
    path = _DIGITS.sub("N", _HEXISH.sub("H", parts.path))
    if not parts.query:
        return f"{parts.hostname or ''}{path}"
    shapes = sorted({f"{key}={_shape(value)}" for key, value in parse_qsl(parts.query, True)})
    return f"{parts.hostname or ''}{path}?{'&'.join(shapes)}"


def _shape(value: str) -> str:
    return "N" if value.isdigit() else _DIGITS.sub("N", value) if DATE_VALUE.match(value) else "*"


@lru_cache(maxsize=65_536)
def is_calendar(url: str) -> bool:
    """A day or month page of a date archive, by the shape of its path or query."""
    parts = urlsplit(url)
    if DATE_PATH.search(parts.path):
        return True
    pairs = [(k, v) for k, v in parse_qsl(parts.query, True) if not k.lower().endswith("id")]
    return any(DATE_VALUE.match(value) for _, value in pairs) or (
        bool(pairs) and any(key.lower() in DATE_KEYS and value.isdigit() for key, value in pairs)
    )


@dataclass
class PatternBudget:
    """Per pattern: pages judged and pages that yielded something.

    A pattern may have ``base`` unproductive pages (``calendar_base`` for a
    calendar), plus ``per_hit`` more for every productive one. A productive
    page gave an article or a link, new to the crawl, of a known kind (list,
    article) to another pattern; errors are pages that gave nothing.
    """

    base: int = 20
    per_hit: float = 2.0
    calendar_base: int = 5
    judged: Counter[str] = field(default_factory=Counter)
    productive: Counter[str] = field(default_factory=Counter)
    exhausted: set[str] = field(default_factory=set)

    def allows(self, template: str, calendar: bool = False) -> bool:
        wasted = self.judged[template] - self.productive[template]
        base = self.calendar_base if calendar else self.base
        if wasted < base + self.per_hit * self.productive[template]:
            return True
        self.exhausted.add(template)
        return False

    def judge(self, template: str) -> None:
        self.judged[template] += 1

    def credit(self, template: str, amount: int = 1) -> None:
        self.productive[template] += amount

    def unproven(self, template: str) -> bool:
        """Pages of this pattern were fetched and none gave anything yet."""
        return self.judged[template] > 0 and self.productive[template] <= 0


ATTRIBUTE = "_fanwen_pattern_budget"


def budget_for(crawler: Crawler) -> PatternBudget:
    """The crawl's one budget, shared by the spider and the downloader middleware."""
    budget = getattr(crawler, ATTRIBUTE, None)
    if budget is None:
        settings = crawler.settings
        budget = PatternBudget(
            settings.getint("CRAWL_PATTERN_BUDGET"),
            settings.getfloat("CRAWL_PATTERN_BUDGET_PER_HIT"),
            settings.getint("CRAWL_CALENDAR_BUDGET"),
        )
        setattr(crawler, ATTRIBUTE, budget)
    return budget
