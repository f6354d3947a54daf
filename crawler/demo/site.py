"""The bundled demo sites: build them from a seed, answer HTTP, give ground truth.

``build_demo()`` plans and pre-renders everything; ``DemoSite.respond()`` is
the pure request -> response function the server (and tests) call. The only
state is the flaky article that answers 500 once, guarded by a lock.
"""

from __future__ import annotations

import threading
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

from crawler.demo import layouts_a as la
from crawler.demo import layouts_other as lo
from crawler.demo import traps
from crawler.demo.builder import CALENDAR_DAY, SEARCH_WORDS, Builder, encode_a
from crawler.demo.model import HOST_A, HOST_B, HOST_M, Article, Page
from crawler.demo.planner import CHANNELS, SUBS, Plan, plan
from crawler.demo.revision import Delta, apply_revisions

Response = tuple[int, dict[str, str], bytes]
SESSION_PARAM = "PHPSESSID"


class DemoSite:
    """Three hosts served from pre-rendered bytes, plus dynamic traps."""

    def __init__(self, seed: int, plan_: Plan, builder: Builder, delta: Delta | None = None) -> None:
        self.seed = seed
        self.revision = delta or Delta(0, max(a.published for a in plan_.a if a.published))
        self.plan = plan_
        self.pages = builder.pages
        self.prints = builder.prints
        self.snippets = builder.snippets
        self.hosts = [HOST_A, HOST_M, HOST_B]
        self.start_urls = [f"http://{HOST_A}/", f"http://{HOST_B}/"]
        self._flaky_path = plan_.flaky.path
        self._flaky_hits = 0
        self._lock = threading.Lock()
        self._by_day: dict[str, list[tuple[str, str]]] = {}
        for art in plan_.a:
            if art.linked and art.published:
                self._by_day.setdefault(art.published.date().isoformat(), []).append(
                    (art.path, art.title)
                )
        self.manifest = build_manifest(self)

    def respond(
        self, method: str, host: str, path_and_query: str, headers: dict[str, str]
    ) -> Response:
        """Answer one request; HEAD gets the GET headers and no body."""
        address, host = host, host.lower().split(":", 1)[0]
        if host not in self.hosts:
            status, out_headers, body = _plain(502, self._not_a_demo_host(address))
        elif method not in ("GET", "HEAD"):
            status, out_headers, body = _plain(405, "method not allowed")
        else:
            status, out_headers, body = self._dispatch(host, path_and_query or "/", headers)
        out_headers["Content-Length"] = str(len(body))  # every answer: keep-alive must not hang
        return status, out_headers, b"" if method == "HEAD" else body

    def _not_a_demo_host(self, address: str) -> str:
        """What a request sent straight to the server (not through it) needs to hear."""
        return (f"{address or 'this address'} is not a demo host. This server is an HTTP proxy "
                f"for {', '.join(self.hosts)}: request those through it (Scrapy: -s DEMO_PROXY="
                f"http://{address or '127.0.0.1:PORT'}; curl: -x).")

    def _dispatch(self, host: str, target: str, headers: dict[str, str]) -> Response:
        path, _, query = target.partition("?")
        params = parse_qsl(query, keep_blank_values=True)
        if any(k == SESSION_PARAM for k, _ in params):
            params = [(k, v) for k, v in params if k != SESSION_PARAM]
            query = urlencode(params)
        if host == HOST_A:
            dynamic = self._dynamic_a(path, dict(params))
            if dynamic is not None:
                return dynamic
        page = self.pages.get((host, path + ("?" + query if query else "")))
        if page is None:
            return _plain(404, "404 Not Found 您访问的页面不存在")
        if host == HOST_A and path == self._flaky_path:
            with self._lock:
                self._flaky_hits += 1
                if self._flaky_hits == 1:
                    return _plain(500, "500 Internal Server Error")
        return _serve(page, headers)

    def _dynamic_a(self, path: str, params: dict[str, str]) -> Response | None:
        if path == "/calendar/":
            day = traps.parse_day(params.get("d", ""))
            if day is None:
                return _plain(404, "bad date")
            return _html_a(traps.calendar_page(day, self._by_day.get(day.isoformat(), [])))
        if path == "/search.php":
            return self._search(params.get("q", ""), params.get("page", "1"))
        if path == "/print.php":
            page = self.prints.get(int(params["id"])) if params.get("id", "").isdigit() else None
            return _serve(page, {}) if page else _plain(404, "no such article")
        if path.startswith("/member/"):
            return _html_a(traps.member_page())
        if path in self.plan.redirects:
            location = self.plan.redirects[path].url
            return (
                301,
                {"Location": location, "Content-Type": "text/html"},
                b"<h1>Object Moved</h1>",
            )
        return None

    def _search(self, query: str, page_param: str) -> Response:
        page = int(page_param) if page_param.isdigit() and 0 < int(page_param) < 10**9 else 1
        linked = [a for a in self.plan.a if a.linked]
        start = (hash_text(query) + page * 7) % len(linked)
        hits = [(a.path, a.title) for a in (linked[(start + i) % len(linked)] for i in range(10))]
        return _html_a(traps.search_page(query, page, hits))


def hash_text(text: str) -> int:
    """Stable across processes, unlike hash() with PYTHONHASHSEED."""
    return sum((i + 1) * ord(c) for i, c in enumerate(text))


def _plain(status: int, text: str) -> Response:
    return (
        status,
        {"Content-Type": "text/html; charset=utf-8"},
        f"<html><body><h1>{text}</h1></body></html>".encode(),
    )


def _html_a(html: str) -> Response:
    body, ctype = encode_a(html, "gbk", 0)
    return 200, {"Content-Type": ctype}, body


def _serve(page: Page, headers: dict[str, str]) -> Response:
    out = {"Content-Type": page.content_type, **page.extra_headers}
    if page.etag:
        out["ETag"] = page.etag
    if page.last_modified:
        out["Last-Modified"] = page.last_modified
    if page.etag and _not_modified(page, {k.lower(): v for k, v in headers.items()}):
        return 304, out, b""
    return page.status, out, page.body


def _not_modified(page: Page, headers: dict[str, str]) -> bool:
    inm = headers.get("if-none-match")
    if inm is not None:
        return page.etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = headers.get("if-modified-since")
    if ims and page.last_modified:
        try:
            return parsedate_to_datetime(page.last_modified) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


def _article_entry(art: Article) -> dict[str, Any]:
    return {
        "url": art.url,
        "host": art.host,
        "page_urls": [f"http://{art.host}{p}" for p in art.part_paths],
        "title": art.title,
        "category": list(art.category),
        "tags": [w for w, _ in art.tags],
        "published_at": art.published_iso(),
        "origin": art.origin,
        "author": art.author,
        "paragraphs": list(art.paragraphs),
        "kind": art.kind,
        "linked_from_lists": art.linked,
        "encoding": art.encoding,
    }


BOILERPLATE = (
    la.GREETING,
    "欢迎阅读，希望大家能够喜欢",
    "欢迎浏览",
    "想了解更多",
    "相关文章:",
    "推荐阅读:",
    "的人还看了以下文章",
    "延伸阅读",
    "猜你喜欢",
    "下载文档",
    la.COPYRIGHT_TEXT,
    la.REPOST,
    "打印本文",
    "当前位置:",
    "上一篇",
    "下一篇",
    "爱学范文网小编",
    "希望对大家有所帮助",
    "文秘吧小编为大家整理",
    "仅供参考",
    lo.B_COPYRIGHT,
    "您现在的位置",
    lo.M_FOOT,
    "电脑版",
)


def build_manifest(site: DemoSite) -> dict[str, Any]:
    p = site.plan
    copies = [
        {
            "url": f"http://{HOST_M}{a.path}",
            "host": HOST_M,
            "copy_of": a.url,
            "edit": "exact",
            "similarity_note": "mobile mirror: same text, different markup, utf-8, one page",
        }
        for a in p.a
    ]
    copies += [
        {
            "url": c.page.url,
            "host": HOST_B,
            "copy_of": c.original.url,
            "edit": c.edit,
            "similarity_note": c.note,
        }
        for c in p.copies
    ]
    sub, art = SUBS[0], p.a[0]
    non_articles = [
        f"http://{HOST_A}/",
        f"http://{HOST_A}/{CHANNELS[0][0]}/",
        f"http://{HOST_A}{sub.path}",
        f"http://{HOST_A}{sub.path}list_1.html",
        f"http://{HOST_A}/tags/{art.tags[0][1]}.html",
        f"http://{HOST_A}/calendar/?d={CALENDAR_DAY}",
        f"http://{HOST_A}/search.php?q={SEARCH_WORDS[0]}&page=2",
        f"http://{HOST_A}/member/login.php",
        f"http://{HOST_M}/",
        f"http://{HOST_M}{sub.path}",
        f"http://{HOST_B}/",
        f"http://{HOST_B}/Article/List/List_85.html",
        f"http://{HOST_A}{sub.path}list_1.html?PHPSESSID={p.sessions[0]}",
    ]
    non_articles += [f"http://{HOST_A}/print.php?id={a.aid}" for a in p.a[:20]]
    return {
        "seed": site.seed,
        "revision": site.revision.as_dict(),
        "articles": [_article_entry(a) for a in p.a + p.b],
        "copies": copies,
        "boilerplate_phrases": list(BOILERPLATE) + sorted(set(site.snippets))[:300],
        "non_article_urls": non_articles,
        "real_pages": len(site.pages),
        "special": {
            "flaky_500": p.flaky.url,
            "redirects": {f"http://{HOST_A}{old}": a.url for old, a in p.redirects.items()},
            "not_found": [f"http://{HOST_A}{d}" for d in p.dead],
            "utf8_bom": p.utf8.url,
        },
    }


def build_demo(seed: int = 2026, articles: int = 240, revision: int = 0) -> DemoSite:
    """Plan and pre-render the demo sites; same seed, same bytes.

    ``revision=n`` is the same site ``n`` days later (see revision.py): new
    articles, one edit and one deletion a day, every other page byte-identical,
    and ``manifest["revision"]`` saying what the last day changed.
    """
    plan_ = plan(seed, articles)
    builder = Builder(plan_, seed)
    builder.build()
    delta = apply_revisions(builder, seed, revision) if revision else None
    return DemoSite(seed, plan_, builder, delta)
