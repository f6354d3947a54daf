"""Article pages composed from independently drawn parts.

Text, markup style, class naming, wrapper depth, URL shape, charset, title
markup and each boilerplate kind with its position are drawn one by one, so
a failure shows up under the part that causes it rather than under a layout
someone designed. The truth is the paragraphs as drawn plus a record of
every insertion.
"""

from __future__ import annotations

import random
import re

from benchmarks.layoutgen import charset, chrome, markup
from benchmarks.layoutgen.boilerplate import END_RANK, MAKERS, POSITIONS, RATES, Context, Piece
from benchmarks.layoutgen.boilerplate import titles as _titles
from benchmarks.layoutgen.info import info_line
from benchmarks.layoutgen.markup import Block, esc
from benchmarks.layoutgen.naming import STYLES as NAMINGS
from benchmarks.layoutgen.naming import Namer
from benchmarks.layoutgen.page import GeneratedPage, Inserted, Truth
from benchmarks.layoutgen.prose import ArticleText, ProseSource
from benchmarks.layoutgen.urls import ARTICLE_SHAPES, article_path
from benchmarks.layoutgen.vocab import KEYLINK_CLASSES, SITES, SUB_SLUGS
from crawler.demo.corpus import TOPICS

TOPIC_WORDS = sorted({noun for topic in TOPICS for noun in topic.nouns} | {t.name for t in TOPICS})
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|篇\d+$|.{0,16}篇\d+$)")
TITLE_STYLES = ("h1", "h1_in_div", "h2_logo_h1", "div_only")
INFO_RATE = 0.9


def _paragraph_blocks(paras: list[str]) -> list[Block]:
    return [markup.para(p, "heading" if len(p) <= 30 and HEADING.match(p) else "para") for p in paras]


def _keyword_links(blocks: list[Block], paras: list[str], rng: random.Random) -> list[Inserted]:
    """Link 1-3 words inside the text (PowerEasy's keyword links); the word must stay."""
    out: list[Inserted] = []
    candidates = [i for i, b in enumerate(blocks) if b.kind == "para" and len(paras[i]) > 20]
    for i in rng.sample(candidates, min(len(candidates), rng.randint(1, 3))):
        text = paras[i]
        words = [w for w in TOPIC_WORDS if 3 <= text.find(w) <= len(text) - len(w) - 3]
        if not words or "<a " in blocks[i].html:
            continue
        word = rng.choice(words)
        s = text.find(word)
        cls = rng.choice(KEYLINK_CLASSES)
        attr = f' class="{cls}"' if cls else ""
        blocks[i].html = blocks[i].html.replace(
            word, f'<a href="/tag/{rng.randint(1, 999)}.html"{attr} target="_blank">{word}</a>', 1)
        blocks[i].splittable = False
        out.append(Inserted("keyword_link", "inline", [text[s - 3:s + len(word) + 3]], word))
    return out


def _draw_pieces(ctx: Context, rng: random.Random) -> list[tuple[Piece, str]]:
    pieces = []
    for kind, rate in RATES.items():
        for _ in range(2 if kind == "mid_recommend" and rng.random() < 0.3 else 1):
            if rng.random() < rate:
                pieces.append((MAKERS[kind](ctx), rng.choice(POSITIONS[kind])))
    return pieces


def _place(blocks: list[Block], pieces: list[tuple[Piece, str]], rng: random.Random,
           inserted: list[Inserted]) -> list[Block]:
    """Body blocks with the top, middle and end pieces in place; records each insertion."""
    n = len(blocks)
    middle: dict[int, list[Piece]] = {}
    top: list[Piece] = []
    end: list[Piece] = []
    for piece, pos in pieces:
        if pos == "middle" and n >= 2:
            at = rng.randint(1, n - 1)
            middle.setdefault(at, []).append(piece)
            inserted.append(Inserted(piece.cls, "middle", piece.cores, piece.text, at))
        elif pos in ("top", "end", "middle"):
            pos = "end" if pos == "middle" else pos
            (top if pos == "top" else end).append(piece)
            inserted.append(Inserted(piece.cls, pos, piece.cores, piece.text))
    top.sort(key=lambda p: {"title_repeat": 0, "intro_formula": 2}.get(p.cls, 1))
    end.sort(key=lambda p: END_RANK.get(p.cls, 5) + rng.random())
    out = [p.block for p in top]
    for i, block in enumerate(blocks):
        out.extend(p.block for p in middle.get(i, []))
        out.append(block)
    return out + [p.block for p in end]


def _outside(pieces: list[tuple[Piece, str]], where: str, inserted: list[Inserted]) -> str:
    html = []
    for piece, pos in pieces:
        if pos == where:
            block = piece.block
            html.append(block.html if block.kind == "raw" else f"<p{block.p_attr}>{block.html}</p>")
            inserted.append(Inserted(piece.cls, pos, piece.cores, piece.text))
    return "\n".join(html)


def _title_html(title: str, style: str, namer: Namer) -> str:
    if style == "h1":
        return f"<h1{namer.attr('title')}>{esc(title)}</h1>"
    if style == "h1_in_div":
        return f"<div{namer.attr('title')}><h1>{esc(title)}</h1></div>"
    if style == "h2_logo_h1":
        return f"<h2{namer.attr('title')}>{esc(title)}</h2>"
    return f"<div{namer.named('title')}>{esc(title)}</div>"


def article_page(index: int, rng: random.Random, prose: ProseSource) -> GeneratedPage:
    art = prose.article()
    site, host = rng.choice(SITES)
    naming = rng.choice(NAMINGS)
    namer = Namer(rng, naming)
    shape, sub = rng.choice(list(ARTICLE_SHAPES)), rng.choice(SUB_SLUGS)
    url = f"http://{host}{article_path(shape, rng, art.slug, sub)}"

    def link() -> str:
        return article_path(shape, rng, art.slug, sub)

    ctx = Context(rng, namer, site, art.title, art.channel, art.slug, link, prose.title)
    truth = Truth("article", url, art.title, list(art.paragraphs))
    blocks = _paragraph_blocks(art.paragraphs)
    if rng.random() < 0.3:
        truth.inserted += _keyword_links(blocks, art.paragraphs, rng)
    pieces = _draw_pieces(ctx, rng)
    info_pos, forms = _info(rng, truth, pieces)
    style = rng.choice(markup.STYLES)
    body = markup.render(_place(blocks, pieces, rng, truth.inserted), style, rng)
    depth = rng.choices((0, 1, 2, 3, 4), weights=(3, 4, 3, 2, 1))[0]
    body = markup.wrap(f"<div{namer.attr('body')}>{body}</div>",
                       [namer.attr("wrapper") for _ in range(depth)])
    title_style = rng.choice(TITLE_STYLES)
    header_info = _outside(pieces, "header", truth.inserted)
    column = (_title_html(art.title, title_style, namer)
              + (f"<div{namer.attr('info')}>{header_info}</div>" if header_info else "")
              + body + _outside(pieces, "after", truth.inserted))
    cs = charset.draw(rng)
    sidebar = rng.choice(("none", "left", "right", "right"))
    html = _page(art, ctx, cs, title_style, column, _outside(pieces, "outside", truth.inserted),
                 sidebar, truth)
    truth.parts = {"markup": style, "naming": naming, "depth": str(depth), "url": shape,
                   "charset": cs, "title": title_style, "sidebar": sidebar, "prose": art.source,
                   "length": art.length, "info": info_pos,
                   "origin_form": forms.get("origin_form", "none"),
                   "author_form": forms.get("author_form", "none"),
                   "date_label": forms.get("date_label", "no date"),
                   "date_format": forms.get("date_format", "no date")}
    data, content_type = charset.encode(html, cs)
    return GeneratedPage(index, data, content_type, truth)


def _info(rng: random.Random, truth: Truth, pieces: list[tuple[Piece, str]]) -> tuple[str, dict[str, str]]:
    """Draw the info line (most pages have one) and record what it shows and how it spells it."""
    if rng.random() > INFO_RATE:
        return "none", {}
    pos = rng.choice(POSITIONS["info_line"])
    line = info_line(rng, pos)
    truth.date, truth.origin, truth.author = line.date, line.origin, line.author
    pieces.append((Piece("info_line", Block(line.html, "line"), line.text, line.cores), pos))
    return pos, line.forms


def _page(art: ArticleText, ctx: Context, cs: str, title_style: str, column: str, outside: str,
          sidebar: str, truth: Truth) -> str:
    """The whole page around the article column; the chrome's cores are recorded too."""
    rng, namer, site = ctx.rng, ctx.namer, ctx.site
    head = chrome.head(chrome.head_title(art.title, art.channel, site, rng), charset.meta_charset(cs),
                       rng, art.paragraphs[0][:60] if rng.random() < 0.5 else "")
    top = chrome.header(site, namer, rng)
    if title_style == "h2_logo_h1":
        top = top.replace('<a href="/" class="logo">', '<h1 class="logo"><a href="/">', 1).replace(
            "</a><form", "</a></h1><form", 1)
    crumbs, crumb_cores = chrome.breadcrumb(site, art.channel, art.slug, art.title, namer, rng)
    foot, foot_cores = chrome.footer(site, namer, rng)
    side, side_cores = "", list[str]()
    if sidebar != "none":
        side, side_cores = chrome.sidebar(namer, rng, ctx.link, _titles(ctx, rng.randint(5, 10)),
                                          [t for t in chrome.hot_teasers(rng) if t not in ctx.used])
    for cls, cores in (("breadcrumb", crumb_cores), ("sidebar", side_cores), ("footer", foot_cores)):
        if cores:
            truth.inserted.append(Inserted(cls, "outside", cores, " ".join(cores)[:60]))
    main = f"<div{namer.attr('wrapper')}>{column}</div>{outside}"
    main = side + main if sidebar == "left" else main + side
    return (f"{head}<body>{top}{crumbs}<div{namer.attr('wrapper')}>{main}</div>{foot}</body></html>")
