"""Plain records shared by the demo-site planner, renderers and HTTP layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

HOST_A = "www.aixuefw.test"
HOST_M = "m.aixuefw.test"
HOST_B = "www.wenmi8.test"
NAME_A = "爱学范文网"
NAME_B = "文秘吧"


@dataclass(frozen=True)
class Sub:
    """A subcategory of site A: /<channel>/<slug>/ with its own paginated list."""

    channel: str
    channel_name: str
    slug: str
    name: str
    genre: str

    @property
    def path(self) -> str:
        return f"/{self.channel}/{self.slug}/"


@dataclass
class Article:
    """One distinct article as planned: text, metadata and how it is rendered."""

    aid: int
    host: str
    path: str
    title: str
    category: list[str]
    tags: list[tuple[str, str]]  # (word, pinyin slug)
    paragraphs: list[str]
    kind: str = "normal"
    sub: Sub | None = None
    genre: str = "xinde"
    published: datetime | None = None
    date_style: str = "datetime"  # datetime | date | cn | none
    author: str | None = None
    origin: str | None = None
    origin_in_body: bool = False
    linked: bool = True
    encoding: str = "gbk"
    layout: int = 0
    intro: bool = True
    parts: list[list[str]] = field(default_factory=list)
    part_paths: list[str] = field(default_factory=list)
    related: list[Article] = field(default_factory=list)
    extra_links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)

    @property
    def url(self) -> str:
        return f"http://{self.host}{self.path}"

    def published_iso(self) -> str | None:
        if self.published is None or self.date_style == "none":
            return None
        if self.date_style == "datetime":
            return self.published.strftime("%Y-%m-%dT%H:%M:00")
        return self.published.strftime("%Y-%m-%d")


@dataclass
class Page:
    """A pre-rendered response; articles carry validators for 304s."""

    body: bytes
    content_type: str = "text/html"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)
