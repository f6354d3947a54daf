"""Renders a :class:`Plan` into pre-encoded pages and the ground-truth manifest.

All static pages are rendered once into bytes so the server only looks
them up; the encodings, validators and line endings are decided here.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from email.utils import formatdate

from crawler.demo import layouts_a as la
from crawler.demo import layouts_other as lo
from crawler.demo.model import HOST_A, HOST_B, HOST_M, NAME_A, NAME_B, Article, Page
from crawler.demo.planner import B_LISTS, CHANNELS, SUBS, Plan
from crawler.demo.traps import robots_txt

Link = tuple[str, str]
PER_LIST_PAGE = 20
SEARCH_WORDS = ("心得体会", "工作总结", "演讲稿", "读后感")
CALENDAR_DAY = "2023-05-06"


def _crlf_head(html: str) -> str:
    """Mixed line endings as on real farms: CRLF in the head, LF after."""
    cut = html.find("<body>")
    return html[:cut].replace("\n", "\r\n") + html[cut:]


def encode_a(html: str, encoding: str, salt: int) -> tuple[bytes, str]:
    """Site A bytes and Content-Type for an article encoding label."""
    if salt % 2:
        html = _crlf_head(html)
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + html.encode("utf-8"), "text/html; charset=utf-8"
    if encoding == "gbk-header-only":
        return html.encode("gbk"), "text/html; charset=gbk"
    return html.encode("gbk"), "text/html" if salt % 3 else "text/html; charset=gb2312"


def validators(body: bytes, when: datetime | None) -> tuple[str, str]:
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    stamp = (when or datetime(2019, 1, 1)).timestamp() + 86400
    return etag, formatdate(stamp, usegmt=True)


class Builder:
    """Collects pages per (host, path) while rendering the three sites."""

    def __init__(self, plan: Plan, seed: int) -> None:
        self.plan = plan
        self.rng = random.Random(seed * 7919 + 1)
        self.pages: dict[tuple[str, str], Page] = {}
        self.prints: dict[int, Page] = {}
        self.snippets: list[str] = []
        # What each article page was rendered with, so a revision can re-render
        # one page (an edit, a removed link) without redrawing anything else.
        self.blocks_of: dict[int, la.Blocks] = {}
        self.more_of: dict[int, list[Link]] = {}
        self.linked = [a for a in plan.a if a.linked]
        self.by_sub = {s: sorted((a for a in self.linked if a.sub == s), key=_newest) for s in SUBS}
        top = la.top_bar([(c[0], c[1]) for c in CHANNELS], f"http://{HOST_M}/")
        tags = sorted({t for a in self.linked for t in a.tags[:1]})[:12]
        side = la.sidebar([(f"/tags/{s}.html", w) for w, s in tags], SEARCH_WORDS, CALENDAR_DAY)
        self.chrome = (top, side, la.footer(f"http://{HOST_M}/"))

    def sessioned(self, path: str, i: int) -> str:
        """Every sixth internal link carries a PHPSESSID, as old PHP sites leak."""
        if i % 6 != 5:
            return path
        return f"{path}?PHPSESSID={self.plan.sessions[i % len(self.plan.sessions)]}"

    def put(self, host: str, path: str, page: Page) -> None:
        self.pages[(host, path)] = page

    def put_file(self, host: str, path: str, page: Page) -> None:
        """A static file: re-rendering the same bytes keeps its old validators."""
        old = self.pages.get((host, path))
        if old is None or old.body != page.body:
            self.put(host, path, page)

    def put_a(self, path: str, html: str, salt: int = 0) -> None:
        body, ctype = encode_a(html, "gbk", salt)
        self.put(HOST_A, path, Page(body, ctype))

    def build(self) -> None:
        self.related_only_links()
        self.special_links()
        for art in self.plan.a:
            self.render_article(art)
        self.render_lists()
        self.render_mobile()
        self.render_b()
        for host in (HOST_A, HOST_M, HOST_B):
            self.put(host, "/robots.txt", Page(robots_txt().encode(), "text/plain"))

    def related_only_links(self) -> None:
        """Related-only articles are reachable solely through other articles' blocks."""
        for art in self.plan.a:
            if not art.linked:
                for host_art in self.rng.sample(self.linked, 2):
                    host_art.related.append(art)

    def special_links(self) -> None:
        """Old /html/<id>.htm URLs (301) and dead links (404) hang off a few articles."""
        hosts = self.rng.sample(self.linked, len(self.plan.redirects) + len(self.plan.dead))
        targets = [(old, f"旧版:{a.title}") for old, a in self.plan.redirects.items()]
        targets += [(dead, "相关下载") for dead in self.plan.dead]
        for host_art, link in zip(hosts, targets, strict=True):
            host_art.extra_links.append(link)

    def blocks(self, art: Article) -> la.Blocks:
        rng = self.rng
        assert art.sub is not None
        same = [a for a in self.by_sub[art.sub] if a is not art]
        related = [(a.path, a.title) for a in rng.sample(same, min(5, len(same)))]
        related += [(a.path, a.title) for a in art.related]
        rec = [(f"//{HOST_A}{a.path}", a.title) for a in rng.sample(self.linked, 3)]
        seen = [
            (self.sessioned(a.path, i), a.title) for i, a in enumerate(rng.sample(self.linked, 4))
        ]
        seen += [(a.path, a.title) for a in art.related]
        likes = [(a.path, a.title) for a in rng.sample(self.linked, 5)]
        snippets = [self.snippet(a) for a in rng.sample(self.plan.a, 3) if a is not art]
        blocks = la.Blocks(related, rec, seen, snippets, likes)
        if art in self.by_sub[art.sub]:
            order = self.by_sub[art.sub]
            i = order.index(art)
            blocks.prev = (order[i - 1].path, order[i - 1].title) if i > 0 else None
            blocks.next = (order[i + 1].path, order[i + 1].title) if i + 1 < len(order) else None
        return blocks

    def snippet(self, other: Article) -> str:
        first = next((p for p in other.paragraphs if len(p) > 20), other.paragraphs[0])
        text = f"{other.title}。以下是爱学范文网小编为大家收集的{other.title}，希望对大家有所帮助！{first[:30]}"
        self.snippets.append(text)
        return text

    def render_article(self, art: Article, modified_at: datetime | None = None) -> None:
        """Render every part; a re-render reuses the article's blocks (no rng draw)."""
        blocks = self.blocks_of.get(art.aid)
        if blocks is None:
            blocks = self.blocks_of[art.aid] = self.blocks(art)
        meta = None if art.encoding in ("gbk-header-only", "utf-8-bom") else "gb2312"
        for part, path in enumerate(art.part_paths):
            html = la.article_page(art, part, blocks, self.chrome, meta)
            body, ctype = encode_a(html, art.encoding, art.aid)
            etag, modified = validators(body, modified_at or art.published)
            self.put_file(HOST_A, path, Page(body, ctype, etag=etag, last_modified=modified))
        body, ctype = encode_a(la.print_page(art), "gbk", 0)
        self.prints[art.aid] = Page(body, ctype)

    def render_lists(self) -> None:
        home = f'<a href="/">{NAME_A}</a>'
        for sub in SUBS:
            items = [(a.path, a.title) for a in self.by_sub[sub]]
            pages = max(1, -(-len(items) // PER_LIST_PAGE))
            crumbs = (
                f'{home}&gt;&gt;<a href="/{sub.channel}/">{sub.channel_name}</a>&gt;&gt;{sub.name}'
            )
            for k in range(pages):
                chunk = items[k * PER_LIST_PAGE : (k + 1) * PER_LIST_PAGE]
                links = [(self.sessioned(h, i), t) for i, (h, t) in enumerate(chunk)]
                html = la.list_page(
                    sub.name, crumbs, links, la.list_pager(sub, pages, k), self.chrome
                )
                self.put_a(f"{sub.path}list_{k + 1}.html", html, k)
                if k == 0:
                    self.put_a(sub.path, html, k)
        for ch, name, subs in CHANNELS:
            links = [(f"/{ch}/{slug}/", f"{sub_name}>>") for slug, sub_name, _ in subs]
            for sub in (s for s in SUBS if s.channel == ch):
                links += [(a.path, a.title) for a in self.by_sub[sub][:6]]
            self.put_a(
                f"/{ch}/", la.list_page(name, f"{home}&gt;&gt;{name}", links, "", self.chrome)
            )
        tags: dict[tuple[str, str], list[Link]] = {}
        for a in self.linked:
            for tag in a.tags:
                tags.setdefault(tag, []).append((a.path, a.title))
        for (word, slug), links in sorted(tags.items()):
            self.put_a(
                f"/tags/{slug}.html",
                la.list_page(f"{word}标签", f"{home}&gt;&gt;{word}", links, "", self.chrome),
            )
        latest = sorted(self.linked, key=_newest)[:30]
        links = [(self.sessioned(a.path, i), a.title) for i, a in enumerate(latest)]
        links += [(f"/{c[0]}/", c[1]) for c in CHANNELS]
        links += [(old, f"往期精选:{a.title}") for old, a in self.plan.redirects.items()]
        self.put_a("/", la.list_page("首页", home, links, "", self.chrome), 1)

    def render_mobile(self) -> None:
        for art in self.plan.a:
            self.render_mobile_article(art)
        self.render_mobile_lists()

    def render_mobile_article(self, art: Article, modified_at: datetime | None = None) -> None:
        """The mirror's static article page, with validators as nginx sends for files."""
        more = self.more_of.get(art.aid)
        if more is None:
            more = self.more_of[art.aid] = [
                (a.path, a.title) for a in self.rng.sample(self.linked, 4)
            ]
        when = art.published.strftime("%Y-%m-%d") if art.published else ""
        inner = lo.mobile_article(art.title, when, art.paragraphs, more)
        body = lo.mobile_page(art.title, inner, art.url).encode("utf-8")
        etag, modified = validators(body, modified_at or art.published)
        page = Page(body, "text/html; charset=utf-8", etag=etag, last_modified=modified)
        self.put_file(HOST_M, art.path, page)

    def render_mobile_lists(self) -> None:
        for sub in SUBS:
            items = [(a.path, a.title) for a in self.by_sub[sub]]
            per = 30
            pages = max(1, -(-len(items) // per))
            for k in range(pages):
                path = sub.path if k == 0 else f"{sub.path}list_{k + 1}.html"
                nxt = (f"{sub.path}list_{k + 2}.html", "下一页") if k + 1 < pages else None
                inner = lo.mobile_list(sub.name, items[k * per : (k + 1) * per], nxt)
                self.put_m(path, lo.mobile_page(sub.name, inner, f"http://{HOST_A}{path}"))
        for ch, name, subs in CHANNELS:
            inner = lo.mobile_list(name, [(f"/{ch}/{slug}/", n) for slug, n, _ in subs], None)
            self.put_m(f"/{ch}/", lo.mobile_page(name, inner, f"http://{HOST_A}/{ch}/"))
        latest = [(a.path, a.title) for a in sorted(self.linked, key=_newest)[:20]]
        inner = lo.mobile_list("栏目", [(f"/{c[0]}/", c[1]) for c in CHANNELS], None)
        inner += lo.mobile_list("最新文章", latest, None)
        self.put_m("/", lo.mobile_page("首页", inner, f"http://{HOST_A}/"))

    def put_m(self, path: str, html: str) -> None:
        self.put(HOST_M, path, Page(html.encode("utf-8"), "text/html; charset=utf-8"))

    def render_b(self) -> None:
        pages = self.plan.b + [c.page for c in self.plan.copies]
        by_list: dict[int, list[Article]] = {}
        for art in pages:
            by_list.setdefault(art.layout, []).append(art)
        names = {lid: name for lid, name, _ in B_LISTS}
        for art in pages:
            lid = art.layout
            crumbs = [("/", NAME_B), (f"/Article/List/List_{lid}.html", names[lid])]
            others = self.rng.sample(pages, 8)
            rec = [(o.path, o.title) for o in others[:3] if o is not art]
            likes = [(o.path, o.title) for o in others[3:] if o is not art]
            junk = [f"{o.title}：{o.paragraphs[-1][:40]}……" for o in others[5:7] if o is not art]
            when = art.published.strftime("%Y-%m-%d %H:%M:%S") if art.published else ""
            html = lo.b_article(
                art.title, crumbs, when, art.author, art.paragraphs, rec, likes, junk
            )
            body = html.encode("utf-8")
            etag, modified = validators(body, art.published)
            self.put(
                HOST_B,
                art.path,
                Page(body, "text/html; charset=utf-8", etag=etag, last_modified=modified),
            )
        for lid, name, _ in B_LISTS:
            links = [(a.path, a.title) for a in sorted(by_list.get(lid, []), key=_newest)]
            self.put(
                HOST_B,
                f"/Article/List/List_{lid}.html",
                Page(lo.b_list(name, links).encode("utf-8"), "text/html; charset=utf-8"),
            )
        lists = [(f"/Article/List/List_{lid}.html", name) for lid, name, _ in B_LISTS]
        latest = [(a.path, a.title) for a in sorted(pages, key=_newest)[:10]]
        self.put(
            HOST_B, "/", Page(lo.b_home(lists, latest).encode("utf-8"), "text/html; charset=utf-8")
        )


def _newest(art: Article) -> tuple[float, int]:
    return (-(art.published.timestamp() if art.published else 0.0), art.aid)
