"""Layouts fanwen has no profile for: a news portal, a blog, a Discuz-like forum, a
government portal. Class names and structure differ from every template family
on purpose: these pages measure the generic extractor.
"""

from __future__ import annotations

import random
from typing import Any

from benchmarks.extraction_set.chrome import copyright_line, esc, links, paragraph_html

Page = dict[str, Any]
NEWS = ["全省高考报名人数创新高", "暴雨预警：明后天有强降雨", "体育中心改造工程启动",
        "本周末天然气价格调整", "多地出台购房新政", "中小学秋季开学时间公布"]
REPLIES = [
    "写得真好，我也有同样的感受，支持一下！", "楼主说得有道理，收藏了，回头慢慢看。",
    "顶一个，这种帖子应该多一些。", "我家也遇到过这种情况，后来慢慢就好了，别太着急。",
    "感谢分享，学到了很多东西。", "同意二楼的看法，不过我觉得还要看具体情况。",
]
COMMENTS = [
    "好羡慕啊，我也想去！上次去的时候下雨，什么都没看到。",
    "写得很有画面感，照片也很好看，期待下一篇。",
    "请问租车的地方在哪里？周末想带孩子去试试。",
]


def _iso(when: str, with_time: bool) -> str:
    day, clock = when.split()
    return f"{day}T{clock}:00" if with_time else day


def _cn_day(when: str) -> str:
    y, m, d = when.split()[0].split("-")
    return f"{y}年{m}月{d}日"


def news(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    portal = ["东方资讯网", "大江网", "某某新闻网"][n % 3]
    origin, author = art.get("origin") or "本网", art.get("author")
    date = f"{_cn_day(art['when'])} {art['when'].split()[1]}" if n % 2 else f"{art['when']}:00"
    byline = f' <span class="author">作者：{author}</span>' if author else ""
    body = paragraph_html(art["paras"], ["p", "p", "div"][n % 3], rng)
    body = body.replace("记者", '<a href="/tag/jz.html" target="_blank">记者</a>', 1)
    hot = rng.sample(NEWS, 5)
    html = f"""<!DOCTYPE html><html><head><meta charset="{'gbk' if n % 2 else 'utf-8'}">
<title>{esc(art['title'])}_新闻中心_{portal}</title>
<meta name="keywords" content="新闻,{esc(art['title'][:4])}"></head><body>
<div id="nav"><a href="/">首页</a> <a href="/news/">新闻</a> <a href="/sports/">体育</a> <a href="/ent/">娱乐</a> <a href="/house/">房产</a></div>
<div class="crumb"><a href="/">{portal}</a> &gt; <a href="/news/">新闻中心</a> &gt; 正文</div>
<div class="wrap"><div class="col-l">
<h1 class="main-title">{esc(art['title'])}</h1>
<div class="date-source"><span class="date">{date}</span> <span class="source">来源：<a href="#">{esc(origin)}</a></span>{byline}</div>
<div id="artibody" class="article-body">
{body}
<p class="show_author">（责任编辑：王芳）</p></div>
<div class="share">分享到：<a href="#">微博</a> <a href="#">微信</a> <a href="#">QQ空间</a></div>
<div class="hot"><h2>热点新闻</h2><ul>{links(hot[:3], base="/news/")}</ul></div>
</div><div class="col-r"><h2>排行榜</h2><ol>{links(hot[3:], base="/top/")}</ol><div class="ad"><script src="/ad/r1.js"></script></div></div></div>
<div class="footer"><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> {copyright_line(portal)} 京ICP备12345678号</div></body></html>"""
    truth = {"date": _iso(art["when"], True), "origin": origin, "author": author}
    return {"html": html, "encoding": "gbk" if n % 2 else "utf-8", "host": "news.example.com",
            "truth": truth, "boilerplate": hot + ["责任编辑", "分享到", portal]}


def blog(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    author = art.get("author") or "山风"
    name = f"{author}的博客"
    with_time = n % 2 == 0
    shown = art["when"] if with_time else _cn_day(art["when"]).replace("年0", "年").replace("月0", "月")
    body = paragraph_html(art["paras"], ["p", "brbr", "p"][n % 3], rng)
    comments = "".join(
        f'<li class="comment"><div class="comment-author">网友{i + 1} 说：</div><p>{esc(c)}</p></li>'
        for i, c in enumerate(COMMENTS[: 2 + n % 2])
    )
    recent = rng.sample(NEWS, 3)
    html = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(art['title'])} | {esc(name)}</title></head><body>
<div id="header"><h1 class="site-title"><a href="/">{esc(name)}</a></h1><p class="description">记录生活的点点滴滴</p></div>
<div id="content"><div class="post">
<h2 class="entry-title"><a href="/p/{n}.html">{esc(art['title'])}</a></h2>
<div class="entry-meta">发表于 <span class="date">{shown}</span> 作者：<a href="/author/">{esc(author)}</a> | 分类：<a href="/c/">随笔</a></div>
<div class="entry-content">{body}</div>
<div class="entry-footer">标签：<a href="/t/1">生活</a>, <a href="/t/2">随笔</a></div></div>
<div id="comments"><h3>{2 + n % 2} 条评论</h3><ol>{comments}</ol>
<div id="respond"><h3>发表评论</h3><form><textarea></textarea><input type="submit" value="提交评论"></form></div></div></div>
<div id="sidebar"><h3>近期文章</h3><ul>{links(recent, base="/p/")}</ul><h3>归档</h3><ul><li><a href="/2022/03">2022年三月</a></li></ul></div>
<div id="footer">{copyright_line(name, "2015-2023")} · Powered by WordPress</div></body></html>"""
    truth = {"date": _iso(art["when"], with_time), "origin": None, "author": author}
    return {"html": html, "encoding": "utf-8", "host": "blog.example.org", "truth": truth,
            "boilerplate": recent + [c[:10] for c in COMMENTS] + ["发表评论", "Powered by"]}


def forum(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    author = art.get("author") or "路人甲"
    y, m, d = (int(x) for x in art["when"].split()[0].split("-"))
    clock = art["when"].split()[1]
    text = "<br />\n".join(esc(p) for p in art["paras"]) if n % 2 else "<br />\n<br />\n".join(
        esc(p) for p in art["paras"])
    replies = "".join(
        f"""<table class="plhin"><tr><td class="pls"><div class="authi"><a class="xw1" href="/u/{i}">回帖网友{i}</a></div></td>
<td class="plc"><div class="authi"><em>发表于 {y}-{m}-{d} 21:{10 + i}</em></div>
<div class="t_fsz"><table><tr><td class="t_f">{esc(r)}</td></tr></table></div></td></tr></table>"""
        for i, r in enumerate(rng.sample(REPLIES, 3 + n % 3))
    )
    html = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={'gbk' if n % 2 else 'utf-8'}" />
<title>{esc(art['title'])} - 交流区 - 某某论坛 - Powered by Discuz!</title></head><body>
<div id="hd"><a href="/">某某论坛</a> <a href="/login">登录</a> <a href="/reg">注册</a> <form><input name="srch"><button>搜索</button></form></div>
<div id="pt" class="bm cl"><div class="z"><a href="/">首页</a> <em>›</em> <a href="/forum.php">论坛</a> <em>›</em> <a href="/f/1">交流区</a> <em>›</em> <a href="/t/1">{esc(art['title'])}</a></div></div>
<div id="postlist" class="pl bm">
<table class="plhin"><tr><td class="pls"><div class="authi"><a class="xw1" href="/u/0">{esc(author)}</a></div><dl><dt>积分</dt><dd>1234</dd><dt>帖子</dt><dd>56</dd></dl></td>
<td class="plc"><h1 class="ts"><span id="thread_subject">{esc(art['title'])}</span></h1>
<div class="authi"><em>发表于 {y}-{m}-{d} {clock}</em> | <a href="#">只看该作者</a></div>
<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_1">{text}</td></tr></table></div>
<div class="sign">签名：读书使人进步，生活需要热爱。</div></td></tr></table>
{replies}</div>
<div id="ft">Powered by Discuz! X3.4 © 2001-2023 Comsenz Inc.</div></body></html>"""
    truth = {"date": f"{art['when'].split()[0]}T{clock}:00", "origin": None, "author": author}
    return {"html": html, "encoding": "gbk" if n % 2 else "utf-8", "host": "bbs.example.com",
            "truth": truth, "boilerplate": [r[:10] for r in REPLIES] + ["签名", "只看该作者", "积分"]}


def gov(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    origin = art.get("origin") or "市政府办公室"
    day = art["when"].split()[0]
    shown = day if n % 2 else _cn_day(art["when"])
    body = paragraph_html(art["paras"], "p", rng).replace("<p>", '<p style="text-indent:2em">')
    html = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><title>{esc(art['title'])}</title></head><body>
<table class="top" width="1000"><tr><td>某某市人民政府门户网站</td><td><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a> <a href="/hdjl/">互动交流</a></td></tr></table>
<table width="1000"><tr><td class="weizhi">您现在的位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></td></tr></table>
<table width="1000" class="main"><tr><td align="center" class="title"><font size="5">{esc(art['title'])}</font></td></tr>
<tr><td class="info" align="center">发布日期：{shown}　　信息来源：{esc(origin)}　　浏览次数：<span id="hits">356</span>　　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
<tr><td><div id="zoom">{body}</div></td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr></table>
<div class="footer">主办：某某市人民政府办公室　网站标识码：1234000001　皖ICP备05001234号</div></body></html>"""
    return {"html": html, "encoding": "gbk", "host": "www.example.gov.cn",
            "truth": {"date": day, "origin": origin, "author": None},
            "boilerplate": ["打印本页", "关闭窗口", "网站标识码", "字体", "政务公开"]}


LAYOUTS = {"news": news, "blog": blog, "forum": forum, "gov": gov}


def wechat(art: dict[str, Any], rng: random.Random, n: int) -> Page:
    """A WeChat-style repost: nested sections and spans, empty spacer paragraphs, "文/" byline."""
    author = art.get("author") or "编辑部"
    account = ["教育观察", "城市生活圈", "读书会"][n % 3]
    spans = [
        f'<section style="margin:0 8px"><p style="line-height:1.75em"><span style="font-size:15px;color:#3f3f3f">'
        f"{esc(p)}</span></p></section><p><br /></p>" for p in art["paras"]
    ]
    qr = "<p style='text-align:center'><span>长按识别二维码，关注我们</span></p>"
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(art['title'])}</title>
<meta property="og:title" content="{esc(art['title'])}"><meta name="author" content="{esc(author)}"></head><body>
<div class="rich_media"><h1 class="rich_media_title" id="activity-name">{esc(art['title'])}</h1>
<div class="rich_media_meta_list"><span class="rich_media_meta_text">{esc(account)}</span> <em id="publish_time">{art['when'].split()[0]}</em></div>
<div class="rich_media_content" id="js_content"><section><section>
<p><span style="color:#888">文/{esc(author)}</span></p>
{"".join(spans)}</section>{qr}</section>
<p><span style="color:#888">阅读原文</span> · 在看 · 点赞</p></div>
<div class="rich_media_tool"><a href="#">阅读原文</a> 阅读 10万+ <a href="#">在看</a></div>
<div class="hot_recommend"><h3>热门推荐</h3><ul>{links(rng.sample(NEWS, 3))}</ul></div></div></body></html>"""
    return {"html": html, "encoding": "utf-8", "host": "mp.example.com",
            "truth": {"date": art["when"].split()[0], "origin": None, "author": author},
            "boilerplate": ["长按识别二维码", "阅读原文", "在看", "热门推荐", account]}


LAYOUTS["wechat"] = wechat
