"""The template-site layouts of REAL_SITES.md: DedeCMS, ruiwen-, xuexila-, PowerEasy-like, mobile.

Each ``render`` takes an article record, a seeded RNG and the page number and
returns the page HTML plus what the page shows (so the truth records only
metadata that is really on the page) and the boilerplate it placed.
"""

from __future__ import annotations

import random
from typing import Any

from benchmarks.extraction_set.chrome import (
    DISCLAIMER,
    TEASERS,
    copyright_line,
    esc,
    keyword_links,
    links,
    paragraph_html,
    related,
)

Page = dict[str, Any]
SITES = ["爱学范文网", "文秘吧", "好范文网", "第一范文", "学习啦"]
ORIGINS = ["求是", "本站原创", "中国教育报", "网络整理", "人民网"]
AUTHORS = ["小草", "李老师", "陈晓", "王丽"]


def _stamp(when: str, with_time: bool) -> tuple[str, str]:
    """(shown text, truth ISO) for a ``YYYY-MM-DD hh:mm`` value."""
    day, clock = when.split()
    return (when, f"{day}T{clock}:00") if with_time else (day, day)


def _intro(site: str, title: str, rng: random.Random) -> str:
    return rng.choice([
        f"以下是{site}小编精心整理的{title}，欢迎阅读，希望大家能够喜欢。",
        f"下面是小编为大家整理的{title}，欢迎浏览。",
        f"{title}怎么写？以下是小编为大家收集的范文，仅供参考，希望能够帮助到大家。",
    ])


def _head(title: str, charset: str, extra: str = "") -> str:
    meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
            if charset else "")
    return f"<!DOCTYPE html><html><head>{meta}<title>{esc(title)}</title>{extra}</head>"


def dedecms(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    site, cat = SITES[n % 3], art["cat"][0]
    rel = related(rng)
    with_time = n % 2 == 0
    shown, iso = _stamp(art["when"], with_time)
    origin = ORIGINS[n % len(ORIGINS)]
    origin_at_end = n % 3 == 0
    info = f"标签:<a href='/tag/1.html'>{esc(cat)}</a> 时间:{shown}"
    if not origin_at_end:
        info += f" 来源:{origin} 作者:{AUTHORS[n % 4]}"
    body = paragraph_html(art["paras"], ["p", "br", "div", "p"][n % 4], rng, ads=True)
    intro = f"<p>{_intro(site, art['title'], rng)}</p>" if n % 2 else ""
    tail = f"<p>来源 {origin}</p>" if origin_at_end else ""
    charset = "gb2312" if n % 2 else "utf-8"
    html = f"""{_head(f"{art['title']}_{cat}_{site}", charset)}<body>
<div class="top"><div class="welcome">您好,欢迎来到{site}!</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/cat/">{esc(cat)}</a></li><li><a href="/zongjie/">工作总结</a></li></ul></div>
<div class="breadcrumbs">当前位置:<a href="/">{site}</a>&gt;&gt;<a href="/cat/">{esc(cat)}</a>&gt;&gt;{esc(art['title'])}</div>
<div class="main"><div class="left"><h1>{esc(art['title'])}</h1>
<div class="tags_time">{info}</div>
<div class="content">{intro}
{body}
{tail}
<p>【{esc(art['title'])}】相关文章:</p><ul>{links(rel[:3])}</ul>
<p>推荐阅读:</p>
<p>想了解更多{esc(cat)}的资讯,请访问:<a href="/cat/">{esc(cat)}</a></p>
<p><a class="down" href="/down/1.doc">下载文档</a></p></div>
<div class="seen"><h3>看过《{esc(art['title'])}》的人还看了以下文章</h3><ul>{links(rel[3:])}</ul></div>
<div class="extend"><h3>延伸阅读</h3>{"".join(f'<div class="item"><a href="/x/{i}.html"><p>{esc(t)}</p></a></div>' for i, t in enumerate(TEASERS[:3]))}</div>
</div><div class="right"><h3>热门文章</h3><ul>{links(related(rng, 4))}</ul></div></div>
<div class="footer">{copyright_line(site)}<br/>{DISCLAIMER}</div></body></html>"""
    truth = {"date": iso, "origin": origin,
             "author": None if origin_at_end else AUTHORS[n % 4]}
    return {"html": html, "encoding": "gbk" if charset == "gb2312" else "utf-8",
            "host": "www.aixuefanwen.com", "truth": truth, "boilerplate": rel + [site, TEASERS[0][:12]]}


def ruiwen(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    site = "瑞文网" if n % 2 else "应届毕业生网"
    rel = related(rng, 6)
    shown, iso = _stamp(art["when"], n % 2 == 1)
    lead = ("<p>在平日的学习、工作和生活里，大家总免不了要接触或使用各种范文，范文能够帮助我们理清思路。</p>"
            if n % 3 == 0 else "")
    body = paragraph_html(art["paras"], ["p", "span", "p", "brbr"][n % 4], rng)
    body = body.replace("</p>\n", '</p>\n<script>a("common_1");</script>\n', 1)
    host = "www.ruiwen.com" if n % 2 else "www.yjbys.com"
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(art['title'])}</title>
<meta name="mobile-agent" content="format=html5;url=https://m.{host[4:]}/a/1.html"></head><body>
<div class="header"><a href="/">{site}</a><form><input name="q"><button>搜索</button></form></div>
<div class="sidebar"><a href="/">首页</a> &gt; <a href="/c0/">{esc(art['cat'][0])}</a> &gt; <a href="/c1/">{esc(art['cat'][1])}</a> &gt; 正文</div>
<div class="article"><h1 class="title">{esc(art['title'])}</h1>
<div class="info"><span>时间：{shown}</span> <span>推荐度:</span><span class="star"></span></div>
<div class="content">{lead}
<p>{_intro(site, art['title'], rng)}</p>
<div class="excellent_articles_box"><div class="t">优秀范文推荐</div><ul>{links(rel[:3])}</ul></div>
{body}
<div class="download_card"><p>{esc(art['title'])}</p><p>下载文档</p><p>文档为doc格式</p></div>
<p>【{esc(art['title'])}】相关文章：</p>
<p><a href="/a/9.html">{esc(rel[3])}</a></p><p><a href="/a/8.html">{esc(rel[4])}</a></p>
</div><div class="rel_art_line"><ul class="list_news">{links(rel[5:])}</ul></div></div>
<div class="sidebar_right"><h3>热门推荐</h3><ul class="list_news">{links(related(rng, 4))}</ul></div>
<div class="footer">{copyright_line(site, "2008-2023")}</div></body></html>"""
    return {"html": html, "encoding": "utf-8", "host": host,
            "truth": {"date": iso, "origin": None, "author": None}, "boilerplate": rel + ["优秀范文推荐"]}


def xuexila(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    rel = related(rng, 6)
    shown, iso = _stamp(art["when"], True)
    author = AUTHORS[n % 4] if n % 2 else None
    who = f"  作者：{author}" if author else ""
    paras = paragraph_html(art["paras"], ["p", "p", "br"][n % 3], rng)
    cut = paras.find("\n", len(paras) // 2)
    rec = f'<p style="color:#f00">推荐阅读：<a href="/r/1.html">{esc(rel[0])}</a> <a href="/r/2.html">{esc(rel[1])}</a></p>'
    paras = paras[:cut] + "\n" + rec + paras[cut:] if cut > 0 else paras + rec
    intro = f"<p>{_intro('学习啦', art['title'], rng)}</p>" if n % 3 else ""
    html = f"""{_head(f"{art['title']}_学习啦", "gbk")}<body>
<div class="top"><a href="/">学习啦</a> <a href="/jieri/">节日</a> <a href="/zuowen/">作文</a></div>
<div class="ar_title"><h1>{esc(art['title'])}</h1><div class="ar_info">时间：{shown}{who}</div></div>
<div class="con_article con_main">{intro}
{paras}
<p>猜你喜欢：</p><p><a href="/g/1.html">1.{esc(rel[2])}</a></p><p><a href="/g/2.html">2.{esc(rel[3])}</a></p>
</div>
<div class="right"><h3>相关推荐</h3><ul class="r_list">{"".join(f'<li><h4><a href="/y/{i}.html">{esc(t)}</a></h4><p>{esc(TEASERS[i])}</p></li>' for i, t in enumerate(rel[4:]))}</ul></div>
<div class="footer">{copyright_line("学习啦", "2010-2023")}</div></body></html>"""
    return {"html": html, "encoding": "gbk", "host": "www.xuexila.com",
            "truth": {"date": iso, "origin": None, "author": author}, "boilerplate": rel + [TEASERS[1][:12]]}


def powereasy(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    site, cat = "范文先生网", art["cat"][1]
    rel = related(rng, 6)
    day = art["when"].split()[0]
    y, m, d = (int(x) for x in day.split("-"))
    origin = ["本站原创", "网络", "中国范文网"][n % 3]
    words = [w for w in ("学习", "工作", "学生", "老师", "活动") if any(w in p for p in art["paras"])][:3]
    body = keyword_links(paragraph_html(art["paras"], ["br", "brbr"][n % 2], rng), words)
    html = f"""{_head(f"{art['title']}_{cat}_{site}", "gb2312")}<body>
<table class="top" width="960"><tr><td><a href="/">网站首页</a> | <a href="/Article/">文章中心</a> | <a href="/gongzuo/">工作总结</a></td></tr></table>
<div class="list_path">您现在的位置： <a href="/">{site}</a> &gt;&gt; <a href="/Article/">文章中心</a> &gt;&gt; <a href="/c/">{esc(cat)}</a> &gt;&gt; 正文</div>
<table width="960"><tr><td class="main_left" valign="top"><table width="100%">
<tr><td class="title_main" align="center"><font size="4"><b>{esc(art['title'])}</b></font></td></tr>
<tr><td class="info" align="center">作者：佚名&nbsp;&nbsp;来源：{origin}&nbsp;&nbsp;点击数：<script>hits(12345)</script>&nbsp;&nbsp;更新时间：{y}-{m}-{d}</td></tr>
<tr><td class="content" id="fontzoom">{body}</td></tr>
<tr><td>上一篇：<a href="/p/1.html">{esc(rel[0])}</a><br/>下一篇：<a href="/p/2.html">{esc(rel[1])}</a></td></tr>
</table></td><td class="right" valign="top"><div class="channel_m_m"><b>相关文章</b><ul>{links(rel[2:])}</ul></div></td></tr></table>
<div class="footer">{copyright_line(site, "2003-2023")}</div></body></html>"""
    return {"html": html, "encoding": "gbk", "host": "www.fwsir.com",
            "truth": {"date": day, "origin": origin, "author": None}, "boilerplate": rel}


def mobile(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    site = SITES[n % 3]
    rel = related(rng, 4)
    day = art["when"].split()[0]
    box = ["article", "div"][n % 2]
    body = paragraph_html(art["paras"], ["p", "p", "div"][n % 3], rng, ads=n % 2 == 0)
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(art['title'])}_{site}手机版</title></head><body>
<header class="m-head"><a href="javascript:history.back()">返回</a><span>{site}</span><a href="/menu">菜单</a></header>
<div class="m-crumb"><a href="/">首页</a> &gt; <a href="/c/">{esc(art['cat'][0])}</a></div>
<{box} class="m-art"><h1>{esc(art['title'])}</h1><p class="m-time">{day}</p>
<div class="m-body">{body}</div></{box}>
<div class="m-more"><h3>相关推荐</h3><ul>{links(rel)}</ul></div>
<footer><a href="/?pc=1">电脑版</a> | 手机版 <p>{copyright_line(site)}</p></footer></body></html>"""
    return {"html": html, "encoding": "utf-8", "host": "m.aixuefanwen.com",
            "truth": {"date": day, "origin": None, "author": None}, "boilerplate": rel + ["电脑版"]}


LAYOUTS = {"dedecms": dedecms, "ruiwen": ruiwen, "xuexila": xuexila, "powereasy": powereasy,
           "mobile": mobile}


def copysite(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    """A copy site of unknown markup: logo h1, title in h2, intro and outro glued to text."""
    site, cat = ["范文大全网", "第一范文网", "学习方法网"][n % 3], art["cat"][0]
    rel = related(rng, 5)
    shown, iso = _stamp(art["when"], n % 2 == 0)
    origin = ORIGINS[(n + 2) % len(ORIGINS)]
    paras = [esc(p) for p in art["paras"]]
    paras[0] = esc(_intro(site, art["title"], rng)) + paras[0]
    paras[-1] += f"想了解更多{esc(cat)}的资讯，请访问：<a href='/c/'>{esc(cat)}</a>"
    heads = [i for i, p in enumerate(art["paras"][:-1]) if len(p) <= 24 and p[:1] in "一二三四篇"]
    for i in reversed(heads if n % 2 else []):  # bold heading glued to its paragraph
        paras[i:i + 2] = [f"<b>{paras[i]}</b>{paras[i + 1]}"]
    body = "\n".join(f"<p><font face='宋体'>{p}</font></p>" for p in paras)
    html = f"""{_head(f"{art['title']}-{site}", "utf-8" if n % 2 else "gb2312")}<body>
<div class="logo"><h1><a href="/">{site}</a></h1><span>专业的范文写作网站</span></div>
<div class="position">您的位置：<a href="/">首页</a> → <a href="/c/">{esc(cat)}</a> → 正文</div>
<div class="article-main"><h2 class="art-title">{esc(art['title'])}</h2>
<div class="meta">发布时间：{shown} &nbsp; 来源：{origin} &nbsp; 阅读：<span>1234</span>次</div>
<div id="text" class="text">{body}
<div class="tagsbox">标签：<a href="/t/1">{esc(cat)}</a></div></div>
<div class="pre-next"><p>上一篇：<a href="/1.html">{esc(rel[0])}</a></p><p>下一篇：<a href="/2.html">{esc(rel[1])}</a></p></div>
<div class="recommend-list"><h3>【{esc(cat)}】推荐文章</h3><ul>{links(rel[2:])}</ul></div>
<div class="teaser-box"><p>{esc(TEASERS[3])}</p><p>{esc(TEASERS[4])}</p></div></div>
<div class="foot">{DISCLAIMER}<br>{copyright_line(site)}</div></body></html>"""
    return {"html": html, "encoding": "utf-8" if n % 2 else "gbk", "host": "www.fanwendaquan.cc",
            "truth": {"date": iso, "origin": origin, "author": None},
            "boilerplate": rel + [site, TEASERS[3][:12], TEASERS[4][:12], "推荐文章"]}


LAYOUTS["copysite"] = copysite
