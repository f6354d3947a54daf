"""Later days of the demo site: new articles, one edit, one deletion.

A scheduled crawl meets a site that moved on since its last run. Revision
``n`` applies ``n`` daily deltas to the built revision 0; each day
publishes new articles (newest, so they top list page 1 and push older
entries to page 2+), edits one article's text and deletes one article.
Everything not touched by a delta keeps its bytes and validators, so an
incremental crawl can be checked page by page: only the pages listed in the
delta may need a full download.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crawler.demo.builder import Builder
from crawler.demo.corpus import TOPICS
from crawler.demo.model import HOST_A, HOST_M, Article, Page
from crawler.demo.planner import SUB_WEIGHTS, SUBS, _draft

NEW_PER_DAY = 12  # one list page gains ~1 entry per sub: enough to push entries to page 2
PageKey = tuple[str, str]


@dataclass
class Delta:
    """What one day changed; URLs are absolute, as the crawl records them."""

    day: int
    today: datetime
    new: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    changed_pages: list[str] = field(default_factory=list)
    added_pages: list[str] = field(default_factory=list)
    removed_pages: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.day, "today": self.today.isoformat(), "new": self.new,
            "edited": self.edited, "deleted": self.deleted,
            "changed_pages": self.changed_pages, "added_pages": self.added_pages,
            "removed_pages": self.removed_pages,
        }


def apply_revisions(builder: Builder, seed: int, revision: int) -> Delta:
    """Apply days 1..revision to a built site; returns the last day's delta."""
    delta = Delta(0, _newest(builder))
    for day in range(1, revision + 1):
        delta = Reviser(builder, random.Random(f"{seed}-day-{day}"), day).apply()
    return delta


def _newest(builder: Builder) -> datetime:
    return max(a.published for a in builder.plan.a if a.published)


class Reviser:
    """One day's delta on a :class:`Builder`, drawn from its own seeded rng."""

    def __init__(self, builder: Builder, rng: random.Random, day: int) -> None:
        self.b = builder
        self.plan = builder.plan
        self.rng = rng
        self.delta = Delta(day, _newest(builder).replace(hour=0, minute=0) + timedelta(days=1))

    def apply(self) -> Delta:
        before = dict(self.b.pages)
        deleted = self._pick(exclude=set())
        edited = self._pick(exclude={deleted.aid})
        self._delete(deleted)
        self._edit(edited)
        self._publish(NEW_PER_DAY)
        self._rerender_lists()
        self._diff(before)
        return self.delta

    # --- choosing ---------------------------------------------------------------
    def _eligible(self, exclude: set[int]) -> list[Article]:
        """Plain single-page articles that carry no special role in the manifest."""
        plan = self.plan
        special = {plan.flaky.aid, plan.utf8.aid, *(a.aid for a in plan.redirects.values())}
        special |= {c.original.aid for c in plan.copies} | exclude
        hosts_of_extras = {a.aid for a in plan.a if a.related or a.extra_links}
        return [
            a for a in self.b.linked
            if a.kind == "normal" and a.aid not in special | hosts_of_extras
        ]

    def _pick(self, exclude: set[int]) -> Article:
        """The eligible article fewest other pages link to: a small, exact delta."""
        incoming = {a.aid: 0 for a in self.b.linked}
        by_path = {a.path: a.aid for a in self.b.linked}
        for aid, links in self._links_by_page().items():
            for path in {_path(h) for h, _ in links}:
                if path in by_path and by_path[path] != aid:
                    incoming[by_path[path]] += 1
        pool = self._eligible(exclude)
        low = min(incoming[a.aid] for a in pool)
        return self.rng.choice([a for a in pool if incoming[a.aid] == low])

    def _links_by_page(self) -> dict[int, list[tuple[str, str]]]:
        out: dict[int, list[tuple[str, str]]] = {}
        for aid, blocks in self.b.blocks_of.items():
            links = blocks.related + blocks.recommend + blocks.seen + blocks.likes
            links += [x for x in (blocks.prev, blocks.next) if x]
            out[aid] = links + self.b.more_of.get(aid, [])
        return out

    # --- the three changes --------------------------------------------------------
    def _delete(self, art: Article) -> None:
        """404 for its pages; gone from lists, tags and every related block."""
        b = self.b
        self.plan.a.remove(art)
        b.linked.remove(art)
        assert art.sub is not None
        order = b.by_sub[art.sub]
        i = order.index(art)
        before = (order[i - 1].path, order[i - 1].title) if i > 0 else None
        after = (order[i + 1].path, order[i + 1].title) if i + 1 < len(order) else None
        order.remove(art)
        for path in art.part_paths:
            b.pages.pop((HOST_A, path), None)
        b.pages.pop((HOST_M, art.path), None)
        b.prints.pop(art.aid, None)
        self.delta.deleted.append(art.url)
        for other in list(self.plan.a):
            if self._unlink(other, art.path, before, after):
                b.render_article(other, modified_at=self.delta.today)
            more = b.more_of.get(other.aid, [])
            if any(_path(h) == art.path for h, _ in more):
                b.more_of[other.aid] = [x for x in more if _path(x[0]) != art.path]
                b.render_mobile_article(other, modified_at=self.delta.today)

    def _unlink(self, other: Article, path: str, before: Any, after: Any) -> bool:
        blocks = self.b.blocks_of.get(other.aid)
        if blocks is None:
            return False
        changed = False
        for name in ("related", "recommend", "seen", "likes"):
            links = getattr(blocks, name)
            kept = [x for x in links if _path(x[0]) != path]
            if len(kept) != len(links):
                setattr(blocks, name, kept)
                changed = True
        if blocks.prev and _path(blocks.prev[0]) == path:
            blocks.prev, changed = before, True
        if blocks.next and _path(blocks.next[0]) == path:
            blocks.next, changed = after, True
        return changed

    def _edit(self, art: Article) -> None:
        """One sentence of a middle paragraph rewritten; validators move to today."""
        gen = self.plan.gen
        assert gen is not None
        gen.rng = self.rng
        paras = list(art.paragraphs)
        idx = len(paras) // 2
        topic = next(t for t in TOPICS if t.name == art.tags[0][0])
        paras[idx] += gen.sentence(art.genre, topic, gen._clauses(art.genre))
        art.paragraphs = paras
        art.parts = [paras]
        self.b.render_article(art, modified_at=self.delta.today)
        self.b.render_mobile_article(art, modified_at=self.delta.today)
        self.delta.edited.append(art.url)

    def _publish(self, count: int) -> None:
        """``count`` new articles, newest first in their lists."""
        existing = {a.aid for a in self.plan.a}
        for i in range(count):
            art = self._new_article(existing, self.delta.today + timedelta(hours=9 + i % 12))
            existing.add(art.aid)
            self.plan.a.append(art)
            self.b.linked.append(art)
            assert art.sub is not None
            self.b.by_sub[art.sub].insert(0, art)
            self.b.by_sub[art.sub].sort(key=_newest_first)
            self.delta.new.append(art.url)
        for art in self.plan.a[-count:]:
            self.b.render_article(art)
            self.b.render_mobile_article(art)

    def _new_article(self, existing: set[int], when: datetime) -> Article:
        rng, gen, guard = self.rng, self.plan.gen, self.plan.guard
        assert gen is not None and guard is not None
        gen.rng = rng
        sub = rng.choices(SUBS, SUB_WEIGHTS)[0]
        topic = rng.choice(TOPICS)
        paras = _draft(gen, guard, sub.genre, topic, "normal")
        aid = next(x for x in iter(lambda: rng.randrange(1_000_000, 10_000_000), -1)
                   if x not in existing)
        path = f"{sub.path}{aid}.html"
        return Article(
            aid=aid, host=HOST_A, path=path, title=gen.title(sub.genre, topic),
            category=[sub.channel_name, sub.name],
            tags=[(topic.name, topic.slug), (sub.name, sub.slug)],
            paragraphs=paras, sub=sub, genre=sub.genre, published=when,
            layout=rng.randrange(3), intro=rng.random() < 0.75,
            parts=[paras], part_paths=[path],
        )

    # --- lists and bookkeeping -----------------------------------------------------
    def _rerender_lists(self) -> None:
        """Lists, tags and homes are generated pages: drop and regenerate them all."""
        b = self.b
        for key in [k for k in b.pages if _is_list(k)]:
            del b.pages[key]
        b.render_lists()
        b.render_mobile_lists()

    def _diff(self, before: dict[PageKey, Page]) -> None:
        after = self.b.pages
        d = self.delta
        d.changed_pages = sorted(
            _url(k) for k in after.keys() & before.keys() if after[k] != before[k]
        )
        d.added_pages = sorted(_url(k) for k in after.keys() - before.keys())
        d.removed_pages = sorted(_url(k) for k in before.keys() - after.keys())


def _is_list(key: PageKey) -> bool:
    host, path = key
    if host not in (HOST_A, HOST_M) or path == "/robots.txt":
        return False
    return path.endswith("/") or "/list_" in path or path.startswith("/tags/")


def _path(href: str) -> str:
    """Site path of an article link as blocks write it (//host/p, /p?PHPSESSID=…)."""
    if href.startswith("//"):
        href = "/" + href[2:].split("/", 1)[1]
    return href.split("?", 1)[0]


def _url(key: PageKey) -> str:
    return f"http://{key[0]}{key[1]}"


def _newest_first(art: Article) -> tuple[float, int]:
    return (-(art.published.timestamp() if art.published else 0.0), art.aid)
