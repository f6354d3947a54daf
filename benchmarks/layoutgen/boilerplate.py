"""Boilerplate kinds, each in several wordings, and where each may sit.

Every maker returns a ``Piece``: the markup, what a reader sees, and the
cores whose presence in archived text proves a leak. Cores are the clauses
of the visible text (so a half-removed line such as a stray 【推荐】 still
counts) and the titles of linked articles; the report ignores any core
that happens to occur in the true text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.layoutgen.markup import Block, esc
from benchmarks.layoutgen.naming import Namer
from benchmarks.layoutgen.vocab import COMMENT_TEXTS, NOTICES, RELATED_TITLES, TEASER_TEXTS

# Where each kind may go, as weighted choices (repeats weigh more).
POSITIONS: dict[str, tuple[str, ...]] = {
    "intro_formula": ("top",),
    "outro_formula": ("end",),
    "promo_line": ("end", "end", "middle", "top"),
    "mid_recommend": ("middle", "middle", "middle", "top", "end"),
    "ad_script": ("middle", "top", "end"),
    "download_card": ("top", "middle", "end", "after"),
    "info_line": ("header", "header", "header", "top", "middle", "end", "end", "after"),
    "related_block": ("end", "after", "after", "outside"),
    "prev_next": ("end", "after"),
    "notice_line": ("end", "after", "middle"),
    "share_bar": ("top", "after"),
    "comment_block": ("after", "outside"),
    "tag_line": ("end", "after"),
    "title_repeat": ("top",),
}
# How often a page carries each kind (info_line is drawn by info.py).
RATES = {
    "intro_formula": 0.45, "outro_formula": 0.35, "promo_line": 0.35, "mid_recommend": 0.45,
    "ad_script": 0.35, "download_card": 0.2, "related_block": 0.7, "prev_next": 0.4,
    "notice_line": 0.2, "share_bar": 0.2, "comment_block": 0.15, "tag_line": 0.2,
    "title_repeat": 0.08,
}
# Order of the pieces that share the end of the body (outro before promo before related).
END_RANK = {"outro_formula": 0, "info_line": 1, "promo_line": 2, "notice_line": 3, "tag_line": 4,
            "download_card": 5, "prev_next": 6, "mid_recommend": 7, "related_block": 8}
_CLAUSE = re.compile(r"[，。？！：:；;、《》【】\[\]（）()—…!?,\s]+")


@dataclass
class Context:
    """What the boilerplate of one page may mention."""

    rng: random.Random
    namer: Namer
    site: str
    title: str
    channel: str
    slug: str
    link: Callable[[], str]  # a fresh article URL of this site
    more_titles: Callable[[], str]  # an extra article title
    used: set[str] = field(default_factory=set)  # titles linked so far: each leak names one insertion


@dataclass
class Piece:
    cls: str
    block: Block
    text: str
    cores: list[str] = field(default_factory=list)


def clauses(text: str, skip: tuple[str, ...] = ()) -> list[str]:
    """Clauses of at least 4 characters, minus parts of the page's own names (a body may cite them)."""
    return [c for c in _CLAUSE.split(text) if len(c) >= 4 and not any(c in name for name in skip)]


def _a(ctx: Context, text: str) -> str:
    return f'<a href="{ctx.link()}" target="_blank">{esc(text)}</a>'


def titles(ctx: Context, n: int) -> list[str]:
    """Titles of other articles, none linked twice on one page (so a leaked title has one owner)."""
    out: list[str] = []
    while len(out) < n:
        title = ctx.rng.choice(RELATED_TITLES) if ctx.rng.random() < 0.5 else ctx.more_titles()
        if title not in ctx.used and title != ctx.title:
            ctx.used.add(title)
            out.append(title)
    return out


def intro_formula(ctx: Context) -> Piece:
    s, t, c = ctx.site, ctx.title, ctx.channel
    text = ctx.rng.choice((
        f"以下是{s}小编精心整理的{t}，欢迎阅读，希望大家能够喜欢。",
        f"下面是小编为大家整理的{t}，供大家参考。",
        f"【导语】如何写好{c}？{s}整理了《{t}》一文，供大家参考。",
        f"导语：{t}怎么写？以下是{s}为大家收集的范文，仅供参考，希望能够帮助到大家。",
        f"编者按：{c}是我们工作和学习中常用的文体。本文是{s}小编为您整理的《{t}》，欢迎阅读。",
        f"欢迎阅读{s}为您精心整理的《{t}》，希望对你有帮助。",
        f"{t}怎么写？以下是小编为大家收集的范文，仅供参考，希望能够帮助到大家。",
        f"小编为大家整理了{t}，希望对你有帮助，快来看看吧！",
        f"在平日的学习、工作和生活里，大家总免不了要接触或使用{c}吧，{c}能够帮助我们理清思路。"
        f"下面是小编为大家收集的{t}，欢迎大家分享。",
        f"为大家整理的《{t}》，希望对大家有所帮助。以下信息仅供参考！！！",
        f"本文是{s}为您整理的{t}，仅供参考，祝您写作顺利！",
        f"【{s}——{c}】{t}由{s}整理发布，欢迎阅读参考！",
    ))
    return Piece("intro_formula", Block(esc(text), "line"), text, clauses(text, (s, t, c)))


def outro_formula(ctx: Context) -> Piece:
    s, t, c = ctx.site, ctx.title, ctx.channel
    text = ctx.rng.choice((
        f"以上就是{s}小编为大家整理的{t}，希望对你有帮助。",
        "希望以上内容对您有所帮助！",
        f"本文由{s}整理，仅供大家参考。",
        f"更多{c}请关注{s}。",
        f"以上是小编整理的{t}，欢迎阅读，如需转载请注明出处。",
        f"{t}由{s}收集整理，希望能对大家有所帮助！",
        "感谢您的阅读，祝您生活愉快！更多精彩内容请继续关注本站。",
        f"以上就是关于{t}的全部内容，希望对你有帮助，欢迎阅读！",
    ))
    return Piece("outro_formula", Block(esc(text), "line"), text, clauses(text, (s, t, c)))


def promo_line(ctx: Context) -> Piece:
    c, rel = ctx.channel, titles(ctx, 1)[0]
    label, link = ctx.rng.choice((
        (f"【推荐】想了解更多{c}的资讯，请访问：", c),
        (f"想了解更多{c}网的资讯，请访问：", c),
        (f"【推荐】更多{c}请点击：", f"{c}频道"),
        (f"更多精彩{c}，请关注", ctx.site),
        ("想了解更多相关内容，请点击：", f"{c}大全"),
        ("【推荐】", rel),
        (f"查看更多{c}相关内容>>", f"{c}专题"),
    ))
    text = label + link
    html = esc(label) + _a(ctx, link)
    cores = clauses(label, (c, ctx.site)) + ["【推荐】"] * ("【推荐】" in label) + [link] * (link == rel)
    return Piece("promo_line", Block(html, "line"), text, cores)


def mid_recommend(ctx: Context) -> Piece:
    rels = titles(ctx, ctx.rng.randint(1, 2))
    label = ctx.rng.choice(("推荐阅读：", "相关推荐：", "【相关阅读】", "推荐：", "相关文章：",
                            "延伸阅读：", "猜你感兴趣：", "★ ", "点击查看："))
    links = "、".join(_a(ctx, r) for r in rels)
    head = f"<strong>{esc(label)}</strong>" if ctx.rng.random() < 0.3 else esc(label)
    attr = ctx.rng.choice((' style="color:red"', ' style="color:#f00;font-weight:bold"', "", ""))
    text = label + "、".join(rels)
    return Piece("mid_recommend", Block(head + links, "line", p_attr=attr), text,
                 [*clauses(label), *rels])


def ad_script(ctx: Context) -> Piece:
    n = ctx.rng.randint(1, 6)
    html, core = ctx.rng.choice((
        (f'<script>a("common_{n}");</script>', f"common_{n}"),
        (f'<script type="text/javascript">cpro_id="u{n}345678";</script>', "cpro_id"),
        ('<ins class="adsbygoogle" data-ad-slot="123456"></ins>'
         "<script>(adsbygoogle=window.adsbygoogle||[]).push({});</script>", "adsbygoogle"),
        (f'<div{ctx.namer.attr("related")}><script>show_ad("content_{n}");</script></div>', "show_ad"),
        (f'<script src="/js/gg{n}.js"></script>', "gg"),
        (f'<div style="margin:10px 0"><span>广告</span><a href="/go/{n}.html">免费下载各类范文模板，点击进入</a></div>',
         "免费下载各类范文模板"),
    ))
    return Piece("ad_script", Block(html, "raw"), core, [core] if len(core) > 2 else [])


def download_card(ctx: Context) -> Piece:
    t, attr = esc(ctx.title), ctx.namer.named("download")
    html, text = ctx.rng.choice((
        (f"<div{attr}><p>{t}</p><p>下载文档</p><p>文档为doc格式</p></div>", "下载文档 文档为doc格式"),
        (f'<div{attr}><a href="/down/1.doc">点击下载文档：{t}.doc</a></div>', "点击下载文档"),
        (f'<div{attr}><a href="/down/2.doc">下载Word文档</a> <a href="/down/2.pdf">下载PDF文档</a></div>',
         "下载Word文档 下载PDF文档"),
        (f"<div{attr}><div><p>{t}</p><p>推荐度：<span></span></p><p>点击下载文档</p>"
         "<p>文档为doc格式</p></div></div>", "推荐度 点击下载文档 文档为doc格式"),
    ))
    return Piece("download_card", Block(html, "raw"), text, text.split())


def related_block(ctx: Context) -> Piece:
    rng, t = ctx.rng, ctx.title
    heading = rng.choice(("猜你喜欢", f"看过《{t}》的人还看了以下文章", "延伸阅读", "相关文章",
                          f"【{t}】相关文章：", "你可能感兴趣的文章", "热门推荐", "精彩推荐",
                          "相关推荐", "大家都在看", "本类排行"))
    head = rng.choice((f"<h3>{esc(heading)}</h3>", f'<div class="tit">{esc(heading)}</div>',
                       f"<p><strong>{esc(heading)}</strong></p>", f"<span>{esc(heading)}</span>"))
    style = rng.randrange(3)
    if style == 2:
        teasers = rng.sample(TEASER_TEXTS, 3)
        ctx.used.update(teasers)
        items = "".join(f'<div><a href="{ctx.link()}"><p>{esc(x)}</p></a></div>' for x in teasers)
        cores = [x[:14] for x in teasers]
    else:
        linked = titles(ctx, rng.randint(3, 8))
        if style == 0:
            items = "<ul>" + "".join(f"<li>{_a(ctx, x)}</li>" for x in linked) + "</ul>"
        else:
            items = "".join(f"<p>{_a(ctx, x)}</p>" for x in linked)
        cores = linked
    html = f"<div{ctx.namer.attr('related')}>{head}{items}</div>"
    return Piece("related_block", Block(html, "raw"), heading, [*clauses(heading, (t,)), *cores])


def prev_next(ctx: Context) -> Piece:
    a, b = titles(ctx, 2)
    nxt = _a(ctx, b) if ctx.rng.random() < 0.8 else "没有了"
    html = f"<div{ctx.namer.attr('related')}><p>上一篇：{_a(ctx, a)}</p><p>下一篇：{nxt}</p></div>"
    return Piece("prev_next", Block(html, "raw"), f"上一篇：{a} 下一篇：{b}", ["上一篇", "下一篇", a])


def notice_line(ctx: Context) -> Piece:
    text = ctx.rng.choice(NOTICES).format(site=ctx.site)
    return Piece("notice_line", Block(esc(text), "line"), text, clauses(text, (ctx.site,)))


def share_bar(ctx: Context) -> Piece:
    html = (f"<div{ctx.namer.attr('share')}>分享到：<a href='#'>微信</a> <a href='#'>新浪微博</a> "
            "<a href='#'>QQ空间</a></div>")
    return Piece("share_bar", Block(html, "raw"), "分享到：微信 新浪微博 QQ空间", ["分享到", "新浪微博"])


def comment_block(ctx: Context) -> Piece:
    rng = ctx.rng
    said = rng.sample(COMMENT_TEXTS, rng.randint(2, 4))
    items = "".join(f"<li><span>网友{rng.randint(100, 999)}</span>：{esc(x)}"
                    f"<span>2023-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}</span></li>" for x in said)
    html = (f"<div{ctx.namer.attr('comments')}><h3>网友评论</h3><ul>{items}</ul>"
            "<form><textarea name='msg'></textarea><button>发表评论</button></form></div>")
    return Piece("comment_block", Block(html, "raw"), "网友评论", ["网友评论", *(x[:12] for x in said)])


def tag_line(ctx: Context) -> Piece:
    label = ctx.rng.choice(("标签：", "关键词：", "Tags："))
    words = [ctx.channel, ctx.rng.choice(("范文", "模板", "大全", "精选"))]
    html = f"<div{ctx.namer.attr('info')}>{esc(label)}" + " ".join(_a(ctx, w) for w in words) + "</div>"
    return Piece("tag_line", Block(html, "raw"), label + " ".join(words), [label.rstrip("：")])


def title_repeat(ctx: Context) -> Piece:
    html = ctx.rng.choice((f"<p><strong>{esc(ctx.title)}</strong></p>",
                           f'<p style="text-align:center">{esc(ctx.title)}</p>'))
    return Piece("title_repeat", Block(html, "raw"), ctx.title, [ctx.title])


MAKERS: dict[str, Callable[[Context], Piece]] = {
    "intro_formula": intro_formula, "outro_formula": outro_formula, "promo_line": promo_line,
    "mid_recommend": mid_recommend, "ad_script": ad_script, "download_card": download_card,
    "related_block": related_block, "prev_next": prev_next, "notice_line": notice_line,
    "share_bar": share_bar, "comment_block": comment_block, "tag_line": tag_line,
    "title_repeat": title_repeat,
}
