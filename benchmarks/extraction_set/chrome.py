"""Page chrome shared by the evaluation layouts: related lists, teasers, ads, paragraphs.

Everything here is text a reader of the site sees around (or inside) the
article but that is not the article. Each helper returns HTML plus the
phrases it put on the page, so a page's truth lists exactly the boilerplate
that must not leak into an extracted body.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Sequence

RELATED = [
    "2022年班主任工作总结范文", "教师年度考核个人总结", "元宵节作文500字", "快乐的寒假作文",
    "入党积极分子思想汇报", "关于诚信的演讲稿", "党课讲稿范文精选", "酒店卫生管理制度",
    "幼儿园中班教学计划", "大学生职业生涯规划书", "员工转正申请书范文", "读《红楼梦》有感800字",
    "五一劳动节手抄报资料", "销售人员年终总结", "新学期学习计划表", "感恩父母的作文",
]
TEASERS = [
    "在工程实践中，监理往往重视对施工承包合同的管理，但忽视了对委托监理合同的管理，造成了较高的履约风险。签订委托监理合同需要注意什么呢？",
    "清明节，又称踏青节、行清节、三月节和祭祖节，在仲春与暮春之交举行。下面是为大家整理的关于清明节活动总结的文章，欢迎品鉴！",
    "时间往往是在不经意中流逝，一年的时间就这样在我们的手指中倏忽而逝，而我们也该开始写写总结了。下面是小编为大家整理的教师工作总结。",
    "期中考试已落下了帷幕，优异的成绩见证了同学们的不懈努力，也见证了老师们辛勤的工作，我们为取得令自己满意的成绩而感到高兴。",
    "本人于1991年3月参加工作以来一直担任小学数学教学，任职以来认真履行职责，较好地完成各项任务，得到学校领导、老师和家长们的肯定。",
    "酒店卫生管理制度：宾馆场所内、外环境整洁，经常开窗换气，不乱放、挂或晾晒衣物，从业人员的日常生活用具不与顾客用品混用、混放。",
]
ADS = [
    '<script>a("common_1");</script>',
    '<script type="text/javascript">cpro_id="u2345678";</script><script src="//cpro.baidustatic.com/cpro/ui/c.js"></script>',
    '<ins class="adsbygoogle" style="display:block" data-ad-slot="123456"></ins><script>(adsbygoogle=window.adsbygoogle||[]).push({});</script>',
    '<div class="ad"><script>show_ad("content_mid");</script></div>',
    '<div style="float:right;margin:5px"><script src="/js/ad300.js"></script></div>',
]
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|篇\d|.{0,12}篇\d$|第[一二三四五六七八九十]+)")


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def related(rng: random.Random, n: int = 5) -> list[str]:
    return rng.sample(RELATED, n)


def links(titles: Sequence[str], li: bool = True, base: str = "/a/") -> str:
    items = [f'<a href="{base}{1000 + i}.html" title="{esc(t)}">{esc(t)}</a>' for i, t in enumerate(titles)]
    return "".join(f"<li>{a}</li>" for a in items) if li else " ".join(items)


def is_heading(text: str) -> bool:
    return len(text) <= 24 and bool(HEADING.match(text))


def paragraph_html(paras: Sequence[str], style: str, rng: random.Random, ads: bool = False) -> str:
    """The body's paragraphs in one of the markup styles real sites use."""
    out: list[str] = []
    ad_at = rng.randrange(1, max(2, len(paras))) if ads else -1
    for i, text in enumerate(paras):
        if i == ad_at:
            out.append(rng.choice(ADS))
        out.append(_one(text, style, rng))
    return "\n".join(out)


def _one(text: str, style: str, rng: random.Random) -> str:
    body = esc(text)
    if is_heading(text):
        body = rng.choice([f"<strong>{body}</strong>", f"<b>{body}</b>", body])
    indent = rng.choice(["&nbsp;&nbsp;&nbsp;&nbsp;", "\u3000\u3000", "", "&emsp;&emsp;"])
    if style == "br":
        return f"{indent}{body}<br />"
    if style == "brbr":
        return f"{indent}{body}<br><br>"
    if style == "div":
        return f"<div>{indent}{body}</div>"
    if style == "span":
        return f'<p style="text-indent:2em"><span style="font-size:14px;font-family:宋体">{body}</span></p>'
    return f"<p>{indent}{body}</p>"


def keyword_links(paras_html: str, words: Sequence[str], css: str = "channel_keylink") -> str:
    """Wrap the first occurrence of each word in a keyword link (PowerEasy style)."""
    for i, word in enumerate(words):
        paras_html = paras_html.replace(
            word, f'<a class="{css}" href="/tag/{i}.html" target="_blank">{word}</a>', 1
        )
    return paras_html


def copyright_line(site: str, years: str = "2005-2023") -> str:
    return f"Copyright © {years} {site} 版权所有"


DISCLAIMER = "本站部分内容转载自互联网，如有侵权，敬请告知"
