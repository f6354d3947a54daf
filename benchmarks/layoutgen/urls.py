"""URL shapes of article and list pages, drawn from the CMSs template farms run on.

A shape is a template; ``{p}`` is the page number of a list (so the pager
links of a list page are the same template with other numbers). Some list
shapes look like articles (a 专题 page at ``/zuowen/1234567.html``) and some
article shapes look like nothing known (``/post/a8f3k2.html``): the page has
to say what it is.
"""

from __future__ import annotations

import random

ARTICLE_SHAPES = {
    "html_date": "/html/{y}/{mmdd}/{id5}.html",
    "a_id": "/a/{id5}.html",
    "cat_cid": "/{cat}/c{id7}.html",
    "c_id": "/c{id3}.html",
    "show_dash": "/show-{d2}-{id3}.html",
    "p_query": "/?p={id3}",
    "cat_id7": "/{cat}/{id7}.html",
    "cat_sub_htm": "/{cat}/{sub}/{id6}.htm",
    "channel_ts": "/{cat}/HTML/{cat}_{ts}_{id3}.html",
    "plus_view": "/plus/view.php?aid={id5}",
    "article_php": "/article.php?id={id5}",
    "news_asp": "/News/ShowNews.asp?ID={id3}",
    "archives": "/archives/{id3}",
    "phpcms_show": "/index.php?m=content&c=index&a=show&catid={d2}&id={id3}",
    "thinkphp": "/index.php/Home/Article/detail/id/{id3}.html",
    "empire_date": "/{cat}/{y}-{mm}-{dd}/{id5}.html",
    "slug": "/{cat}/{slug}.html",
    "post_hash": "/post/{hash}.html",
    "read_dir": "/read/{id5}/",
    "doc_shtml": "/n/{y}-{mm}-{dd}/doc-{hash}.shtml",
}
LIST_SHAPES = {
    "plus_list": "/plus/list.php?tid={d1}&TotalResult={total}&PageNo={p}",
    "index_n": "/{cat}/index_{p}.html",
    "page_query": "/{cat}/?page={p}",
    "list_php": "/list.php?cid={d2}&page={p}",
    "list_slash": "/list/{d2}/{p}/",
    "c_id": "/c{d3}.html",
    "List_N": "/Article/List/List_{d2}.html",
    "list_cat": "/{cat}/list_{d2}_{p}.html",
    "cat_dir": "/{cat}/{sub}/",
    "phpcms_lists": "/index.php?m=content&c=index&a=lists&catid={d2}&page={p}",
    "empire_list": "/e/action/ListInfo/?classid={d2}&page={p}",
    "tag_page": "/tag/{slug}_{p}.html",
    # List pages whose URL looks like an article's.
    "like_cat_id7": "/{cat}/{id7}.html",
    "like_html_date": "/html/{y}/{mmdd}/{id5}.html",
    "like_a_id": "/a/{id3}.html",
    "like_show": "/show-{d2}-{p}.html",
    "like_zt": "/zt/{slug}.html",
}
# Shapes whose path names nothing fanwen's URL rules know.
UNKNOWN_ARTICLE_SHAPES = frozenset({"post_hash", "read_dir", "slug", "thinkphp", "archives", "p_query"})
SLUGS = ("zheshiyipianhaowen", "gongzuozongjie", "xuexixinde", "wodemama", "chunjie",
         "guoqiangxiajianghua", "biyeganyan", "dushubiji", "anquanjiaoyu")


def _slots(rng: random.Random, cat: str, sub: str) -> dict[str, object]:
    y = rng.randint(2012, 2024)
    mm, dd = rng.randint(1, 12), rng.randint(1, 28)
    return {
        "cat": cat, "sub": sub, "y": y, "mm": f"{mm:02d}", "dd": f"{dd:02d}",
        "mmdd": f"{mm:02d}{dd:02d}", "id3": rng.randint(100, 999_999), "id5": rng.randint(10_000, 99_999),
        "id6": rng.randint(100_000, 999_999), "id7": rng.randint(1_000_000, 9_999_999),
        "d1": rng.randint(1, 9), "d2": rng.randint(10, 99), "d3": rng.randint(100, 999),
        "ts": f"{y}{mm:02d}{dd:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}",
        "hash": "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(rng.randint(6, 10))),
        "slug": rng.choice(SLUGS), "total": rng.randint(40, 900),
    }


def article_path(shape: str, rng: random.Random, cat: str, sub: str) -> str:
    return ARTICLE_SHAPES[shape].format(**_slots(rng, cat, sub))


class ListUrls:
    """The URLs of one list: the page itself (number ``own``) and its pager's pages.

    Shapes without a page number keep their own URL for the page drawn and
    give the other pages a ``_N`` suffix, as DedeCMS-era sites do.
    """

    def __init__(self, shape: str, rng: random.Random, cat: str, sub: str, own: int) -> None:
        self.shape, self.own = shape, own
        self._template = LIST_SHAPES[shape]
        self._slots = _slots(rng, cat, sub)

    def page(self, p: int) -> str:
        url = self._template.format(p=p, **self._slots)
        if "{p}" in self._template or p == self.own:
            return url
        if url.endswith("/"):
            return f"{url}index_{p}.html"
        stem, dot, ext = url.rpartition(".")
        return f"{stem}_{p}.{ext}"
