"""Body markup: the same paragraphs as ``<p>``, ``<br>`` runs, a table cell, nested divs, font soup.

The body is a sequence of ``Block``s: true paragraphs and headings, and
boilerplate placed among them (a line such as 推荐阅读：<a>…</a> is wrapped
the way the page wraps its paragraphs; a card or a script goes in as is).
Each style renders them the way some real template does, so the true text
is identical across styles and only the markup varies.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

STYLES = ("p", "br1", "br2", "td", "divs", "soup", "mixed")
INDENTS = ("", "", "&nbsp;&nbsp;&nbsp;&nbsp;", "\u3000\u3000", "&emsp;&emsp;", "&nbsp; &nbsp; ")
BR_RUNS = ("<br><br>", "<br />\n<br />", "<BR><BR>", "<br/>&nbsp;<br/>")
FONT_STYLES = ('face="宋体" size="3"', 'face="微软雅黑"', 'size="2" color="#333333"', 'face="Arial"')
SPAN_STYLES = ("font-size:14px", "font-family:宋体;font-size:12pt", "color:#000000",
               "line-height:2em", "font-size:16px;line-height:1.8")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


@dataclass
class Block:
    """One line of the body: ``para``, ``heading``, ``line`` (boilerplate text) or ``raw``."""

    html: str
    kind: str = "para"
    p_attr: str = ""  # attributes a boilerplate line's own <p> carries (style="color:red")
    splittable: bool = True  # plain escaped text that may be cut into spans


def para(text: str, kind: str = "para") -> Block:
    body = esc(text)
    return Block(body, kind, splittable="&" not in body and "<" not in body)


def render(blocks: list[Block], style: str, rng: random.Random) -> str:
    """Inner HTML of the body container (for ``td``, a table whose cell holds the body)."""
    if style == "td":
        inner = render(blocks, rng.choice(("br2", "p", "br1")), rng)
        return (f'<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td>'
                f"{inner}</td></tr></table>")
    out = [_one(block, style if style != "mixed" else _mixed(rng), rng) for block in blocks]
    return "\n".join(out)


def _mixed(rng: random.Random) -> str:
    return rng.choice(("p", "p", "br2", "divs", "soup"))


def _one(block: Block, style: str, rng: random.Random) -> str:
    if block.kind == "raw":
        return block.html
    body = block.html
    if block.kind == "heading":
        body = rng.choice((f"<strong>{body}</strong>", f"<b>{body}</b>", body))
        if style in ("p", "divs") and rng.random() < 0.3:
            tag = rng.choice(("h2", "h3", "h4"))
            return f"<{tag}>{block.html}</{tag}>"
    indent = rng.choice(INDENTS) if block.kind == "para" else ""
    if style == "br1":
        return f"{indent}{body}<br />"
    if style == "br2":
        return indent + body + rng.choice(BR_RUNS)
    if style == "divs":
        inner = f"<div>{indent}{body}</div>"
        return f"<div>{inner}</div>" if rng.random() < 0.3 else inner
    if style == "soup":
        return _soup(block, indent, rng)
    return f"<p{block.p_attr}>{indent}{body}</p>"


def _soup(block: Block, indent: str, rng: random.Random) -> str:
    """<font>/<span> wrapping, sometimes one paragraph cut into several spans."""
    body = block.html
    if block.splittable and block.kind == "para" and len(body) > 30 and rng.random() < 0.5:
        cut = sorted(rng.sample(range(5, len(body) - 5), 2))
        pieces = (body[: cut[0]], body[cut[0]: cut[1]], body[cut[1]:])
        body = "".join(f'<span style="{rng.choice(SPAN_STYLES)}">{p}</span>' for p in pieces)
    else:
        body = f'<span style="{rng.choice(SPAN_STYLES)}">{body}</span>'
    font = f"<font {rng.choice(FONT_STYLES)}>{indent}{body}</font>"
    shape = rng.randrange(3)
    if shape == 0:
        return f"<p{block.p_attr}>{font}</p>"
    if shape == 1:
        return f"{font}<br><br>"
    return f'<div style="text-indent:2em">{font}</div>'


def wrap(inner: str, attrs: list[str]) -> str:
    """Nest ``inner`` in divs carrying ``attrs`` (outermost first)."""
    for attr in reversed(attrs):
        inner = f"<div{attr}>{inner}</div>"
    return inner
