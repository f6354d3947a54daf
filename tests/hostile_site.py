"""A hostile 范文 site on loopback: 30 real articles among about fifty hostile pages.

Issue 16's fixture. The real site is two channels of paginated lists and 30
articles of generated prose (``crawler.demo.corpus``, so no two are near
duplicates). Linked from its lists and articles:

- ``/trap/N.html``: an endless link farm of article-shaped URLs, each page
  linking 20 more and holding no text;
- ``/links.html``: one page with 20,000 links (``/x/N.html``: empty pages or 404s);
- ``/archives/Y/M/D/``: a date-path calendar, prev/next day and month forever;
- ``/riqi.php?day=YYYYMMDD``: a date-query calendar, prev/next forever;
- ``/zw/9000001.html`` … : random bytes as text/html, a soft 404 (200, 页面不存在),
  a 404 and a 500 error page, a truncated body (Content-Length larger than sent);
- malformed hrefs (``http://host:99999/``, ``http://host:abc/``,
  ``http://[127.0.0.5]/``) and a broken rel=canonical in article 3;
- control characters (BEL, ESC, DEL, U+009B) in article 4's title and author;
  script/SQL in article 5's author and origin, an emoji family (ZWJ) in its text;
- article 6 answers 503 with ``Retry-After: 2`` once, article 7 a plain 500 once;
- ``/private/`` is disallowed by robots.txt, which can also answer 500, 404 or hang;
- ``/drip.html`` sends a byte every 0.2 s (for ``fanwen extract --timeout``).

Every request is logged (path, time) so a test can count what the crawl spent
where. Loops are bounded: a hanging answer gives up after ``HANG_SECONDS``.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from crawler.demo.corpus import TOPICS, ProseGenerator

ARTICLES = 30
HANG_SECONDS = 20.0
FARM_FANOUT = 20
BIG_PAGE_LINKS = 20_000
RETRY_AFTER = 2
TRAP_PREFIXES = ("/trap/", "/x/", "/links.html", "/archives/", "/riqi.php", "/zw/900000")
JUNK = {
    "random": "/zw/9000001.html", "soft404": "/zw/9000002.html", "notfound": "/zw/9000003.html",
    "error": "/zw/9000004.html", "truncated": "/zw/9000005.html",
}
BAD_HREFS = ("http://host:99999/", "http://127.0.0.1:abc/", "http://[127.0.0.5]/",
             "http://[::1/", "//:0/x.html")
CONTROL_TITLE = "控制\x07字符\x1b[31m标题\x7f测试\x9b2J"
CONTROL_AUTHOR = "张\x07三\x1b"
SCRIPT_AUTHOR = "<script>alert(1)</script>"
SQL_ORIGIN = "'; DROP TABLE articles; --"
EMOJI_FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"


@dataclass
class Article:
    number: int
    channel: str
    title: str
    paragraphs: list[str]
    author: str = "李明"
    origin: str = "求是"

    @property
    def path(self) -> str:
        return f"/{self.channel}/{1000000 + self.number}.html"


@dataclass
class HostileSite:
    """Pages by path; ``robots`` is ok | 500 | 404 | hang."""

    robots: str = "ok"
    articles: list[Article] = field(default_factory=list)
    log: list[tuple[str, float]] = field(default_factory=list)
    answered_once: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        gen = ProseGenerator(random.Random(16))
        for n in range(ARTICLES):
            topic = TOPICS[n % len(TOPICS)]
            channel = "zw" if n < ARTICLES // 2 else "xd"
            self.articles.append(
                Article(n, channel, gen.title("xinde", topic), gen.paragraphs("xinde", topic, 5, 500))
            )
        self.articles[4].title, self.articles[4].author = CONTROL_TITLE, CONTROL_AUTHOR
        self.articles[5].author, self.articles[5].origin = SCRIPT_AUTHOR, SQL_ORIGIN
        self.articles[5].paragraphs.append(f"我们一家人{EMOJI_FAMILY}一起读完了这本书，收获很多。")

    def record(self, path: str) -> None:
        with self.lock:
            self.log.append((path, time.monotonic()))

    def first_time(self, path: str) -> bool:
        with self.lock:
            if path in self.answered_once:
                return False
            self.answered_once.add(path)
            return True

    def requests(self, prefix: str = "") -> list[str]:
        return [path for path, _ in self.log if path.startswith(prefix)]

    def trap_requests(self) -> list[str]:
        return [path for path, _ in self.log if path.startswith(TRAP_PREFIXES)]


def page(title: str, body: str, head: str = "") -> bytes:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_好范文网</title>{head}'
            f'</head><body><div class="top"><a href="/">首页</a> <a href="/zw/">作文</a> '
            f'<a href="/xd/">心得</a></div>{body}<div class="footer">Copyright 好范文网</div>'
            "</body></html>").encode()


def home(site: HostileSite) -> bytes:
    latest = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in site.articles[::7])
    return page("好范文网", f'<ul class="list_news">{latest}</ul>'
                '<div class="side"><a href="/links.html">网站地图</a> '
                '<a href="/archives/2024/01/05/">文章归档</a> <a href="/riqi.php?day=20240105">按日浏览</a> '
                '<a href="/trap/10000.html">热门</a> <a href="/private/1000999.html">会员专区</a></div>')


def list_page(site: HostileSite, channel: str, number: int) -> bytes:
    mine = [a for a in site.articles if a.channel == channel]
    half = (len(mine) + 1) // 2
    chunk = mine[:half] if number == 1 else mine[half:]
    items = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in chunk)
    junk = "".join(f'<li><a href="{path}">热门文章{i}</a></li>' for i, path in enumerate(JUNK.values()))
    pager = f'<div class="pages"><a href="/{channel}/">1</a> <a href="/{channel}/list_2.html">2</a></div>'
    return page(f"{channel}列表第{number}页", f'<ul class="list_news">{items}{junk}</ul>{pager}'
                f'<a href="/trap/{10000 + number}.html">推荐</a>')


def article_page(site: HostileSite, art: Article) -> bytes:
    others = [site.articles[(art.number + k) % ARTICLES] for k in (1, 2, 11)]
    related = "".join(f'<a href="{o.path}">{escape(o.title)}</a> ' for o in others)
    related += f'<a href="/trap/{20000 + art.number}.html">猜你喜欢</a> <a href="/links.html">更多</a>'
    head = ""
    if art.number == 3:
        related += "".join(f'<a href="{escape(h)}">坏链接</a> ' for h in BAD_HREFS)
        head = '<link rel="canonical" href="http://127.0.0.1:99999/zw/1.html">'
    # Titles and bylines are raw text here: control characters reach the page as they are.
    title = art.title if art.number == 4 else escape(art.title)
    author = art.author if art.number == 4 else escape(art.author)
    body = "".join(f"<p>{escape(p)}</p>" for p in art.paragraphs)
    return page(title, f'<h1 class="title">{title}</h1><div class="info">时间：2024-01-05 来源：'
                f'{escape(art.origin)} 作者：{author}</div><div class="content">{body}</div>'
                f'<div class="related">{related}</div>', head)


def farm_page(number: int) -> bytes:
    links = "".join(f'<a href="/trap/{number * FARM_FANOUT + k}.html">第{k}条</a> ' for k in range(FARM_FANOUT))
    return page(f"热门{number}", f'<div class="hot">{links}</div>')


def big_page() -> bytes:
    links = "".join(f'<a href="/x/{100000 + i}.html">链接{i}</a>\n' for i in range(BIG_PAGE_LINKS))
    return page("网站地图", f'<div class="sitemap">{links}</div>')


def calendar_page(day: date) -> bytes:
    try:
        prev_day, next_day = day - timedelta(days=1), day + timedelta(days=1)
    except OverflowError:
        prev_day = next_day = day
    month = f"/archives/{day.year}/{day.month:02d}/"
    links = (f'<a href="/archives/{prev_day:%Y/%m/%d}/">前一天</a> <a href="/archives/{next_day:%Y/%m/%d}/">'
             f'后一天</a> <a href="{month}">本月</a> <a href="/riqi.php?day={next_day:%Y%m%d}">按日</a>')
    return page(f"{day}归档", f'<div class="calendar"><h2>{day} 的文章</h2><p>当日无文章</p>{links}</div>')


def month_page(year: int, month: int) -> bytes:
    days = "".join(f'<a href="/archives/{year}/{month:02d}/{d:02d}/">{d}日</a> ' for d in range(1, 29))
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return page(f"{year}年{month}月归档", f'<div class="calendar">{days}'
                f'<a href="/archives/{nxt:%Y/%m}/">下个月</a></div>')


def soft_404() -> bytes:
    text = ("抱歉，您访问的页面不存在或已被删除。可能的原因：网址输入有误，文章已被管理员删除，"
            "或者链接已经过期失效。请返回首页继续浏览其他精彩内容，感谢您对本站的支持与厚爱。")
    return page("页面不存在", f'<h1 class="title">页面不存在</h1><div class="content"><p>{text}</p>'
                f"<p>{text}</p></div>")


def random_bytes() -> bytes:
    return random.Random(1).randbytes(256 * 1024)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: HostileSite

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up (timeouts, a killed extract) is not a server error."""


class Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silent: a crawl makes hundreds of requests."""

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None, length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        site = self.server.site
        parts = urlsplit(self.path)
        path = parts.path
        site.record(self.path)
        if path == "/robots.txt":
            return self.robots(site)
        if path == "/drip.html":
            return self.drip(site)
        for art in site.articles:
            if path == art.path:
                return self.article(site, art)
        self.other(site, path, parts.query)

    def robots(self, site: HostileSite) -> None:
        if site.robots == "hang":
            site.stop.wait(HANG_SECONDS)
            return
        if site.robots in ("500", "404"):
            return self.send(int(site.robots), b"<html><body>error</body></html>")
        self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")

    def drip(self, site: HostileSite) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        for _ in range(int(HANG_SECONDS / 0.2)):
            if site.stop.is_set():
                return
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.2)

    def article(self, site: HostileSite, art: Article) -> None:
        if art.number == 6 and site.first_time(art.path):
            return self.send(503, b"<html><body>busy</body></html>", headers={"Retry-After": str(RETRY_AFTER)})
        if art.number == 7 and site.first_time(art.path):
            return self.send(500, b"<html><body>oops</body></html>")
        self.send(200, article_page(site, art))

    def other(self, site: HostileSite, path: str, query: str) -> None:
        segments = [s for s in path.split("/") if s]
        if path == "/":
            return self.send(200, home(site))
        if path in ("/zw/", "/xd/", "/zw/list_2.html", "/xd/list_2.html"):
            return self.send(200, list_page(site, segments[0], 2 if "list_2" in path else 1))
        if path.startswith("/trap/") and path.endswith(".html") and segments[-1][:-5].isdigit():
            return self.send(200, farm_page(int(segments[-1][:-5])))
        if path == "/links.html":
            return self.send(200, big_page())
        if path.startswith("/x/"):
            number = int(segments[-1].split(".")[0] or 0)
            return self.send(404 if number % 2 else 200, page("暂无", "<p>暂无内容</p>"))
        if path.startswith("/archives/") and len(segments) == 4:
            return self.send(200, calendar_page(date(*map(int, segments[1:]))))
        if path.startswith("/archives/") and len(segments) == 3:
            return self.send(200, month_page(int(segments[1]), int(segments[2])))
        if path == "/riqi.php":
            day = parse_qs(query).get("day", ["20240105"])[0]
            return self.send(200, calendar_page(date(int(day[:4]), int(day[4:6]), int(day[6:8]))))
        self.junk(site, path)

    def junk(self, site: HostileSite, path: str) -> None:
        if path == JUNK["random"]:
            return self.send(200, random_bytes(), "text/html")
        if path == JUNK["soft404"]:
            return self.send(200, soft_404())
        if path == JUNK["error"]:
            return self.send(500, page("服务器错误", "<p>服务器内部错误</p>"))
        if path == JUNK["truncated"]:
            body = article_page(site, Article(99, "zw", "被截断的文章", ["这一段正文在传输中被截断了。" * 20] * 5))
            self.send(200, body[:3000], length=len(body))
            self.close_connection = True
            return
        if path.startswith("/private/"):
            return self.send(200, article_page(site, Article(98, "private", "会员文章", site.articles[0].paragraphs)))
        self.send(404, page("页面不存在", '<div class="content"><p>您访问的页面不存在</p></div>'))


class HostileServer:
    """Context manager: the site on 127.0.0.1:<free port>, in daemon threads."""

    def __init__(self, robots: str = "ok") -> None:
        self.site = HostileSite(robots=robots)
        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.httpd.site = self.site
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.site.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
