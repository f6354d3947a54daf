"""Regenerate the info-line golden pages (run from the repo root).

One page per way an info line was missed or misread (``crawler.extraction.infolines``):
glued to the end of a ``<br>``-separated text with dated comments below it; under
the title beside page tools while a generic ``div.info`` holds only keywords; an
unlabelled date under a heading set in a table cell, with an editor line above
the byline and an interview's "记者：…？" questions in the text. Written by the
project in the manner of real pages, with their own names and wording.
Expectations live in ``cases.toml``.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

# --- 1. the info line glued to a <br> text; comments with dates under it ---------------
BR_TAIL = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>班主任家访心得体会_心得体会_启明文库</title></head><body>
<div class="t1"><a href="/">启明文库</a> <a href="/xinde/">心得体会</a> <a href="/zongjie/">工作总结</a></div>
<div class="k3"><div class="k3a">
<h1>班主任家访心得体会</h1>
<div class="k3b">　　这个暑假，我和搭班的数学老师一起走访了班里的二十一户家庭。<br>
　　走进学生家里，我才真正看到了孩子们课堂之外的样子：有的孩子放学后要帮父母看店，有的孩子每天自己做饭，有的孩子和年迈的爷爷奶奶住在一起。<br>
　　家访让我明白，每一个孩子的背后都有一个需要被理解的家庭。今后我会更耐心地倾听孩子的心声，和家长一起为孩子的成长出力。<br>
发布日期:2019-07-28 10:12　来源:中国教育报 文/王丽<br></div>
<div class="k3c"><h3>网友评论</h3><ul>
<li><span>网友517</span>：写得很真诚，我们学校今年也在做家访。<span>2023-07-15</span></li>
<li><span>网友208</span>：家访确实能拉近老师和家长的距离。<span>2023-06-19</span></li>
<li><span>网友662</span>：请问有没有家访记录表的模板？<span>2023-02-18</span></li>
</ul></div>
</div></div>
<div class="t9">Copyright &copy; 2012-2024 启明文库 版权所有</div>
</body></html>"""

# --- 2. page tools beside the info line; a generic div.info of keywords only -----------
TOOLS = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>社区志愿服务活动总结 - 青松范文网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zongjie/">活动总结</a></div>
<div class="main">
<h1>社区志愿服务活动总结</h1>
<p class="meta">字号：大 中 小　2014-10-27 14:15　[来源]人民网　撰稿：李明</p>
<div class="info">关键词：活动总结 志愿服务</div>
<div class="text">
<p>三月以来，我们社区志愿服务队围绕“关爱老人、美化家园”的主题，先后组织了六次集中服务活动。</p>
<p>志愿者们走进八户独居老人家中，帮助他们打扫卫生、检查电路，陪老人聊天，临走时留下了联系卡。</p>
<p>在环境整治活动中，大家清理了小区楼道里堆放多年的杂物，还在空地上种下了两百多株月季。</p>
<p>下一步，我们将建立志愿服务积分制度，吸引更多居民加入到志愿服务的队伍中来。</p>
</div>
</div>
<div class="foot">青松范文网 版权所有</div>
</body></html>"""

# --- 3. a heading in a table cell, an unlabelled date under it, the editor before the byline
TABLE_NEWS = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>农机合作社的新账本(图)_三农新闻_北方农网</title></head><body>
<table width="760" align="center"><tr><td><a href="/">北方农网</a> &gt; <a href="/sannong/">三农新闻</a> &gt; 正文</td></tr></table>
<table width="760" align="center"><tr><td class="zw">
<table width="100%"><tr><td align="center"><font size="4"><b>农机合作社的新账本</b>(图)</font></td></tr>
<tr><td align="center">http://www.beifangnong.test　2005年03月21日 11:21　北方农民报</td></tr></table>
<p>　　春耕还没开始，合作社的二十台拖拉机已经被预订一空。</p>
<p>　　记者：你们合作社今年为什么这么早就开始接订单？</p>
<p>　　理事长：去年我们帮三个乡镇代耕了两万多亩地，农户尝到了甜头，今年一过完年就有人上门来约。</p>
<p>　　记者：代耕的收费怎么算？</p>
<p>　　理事长：按亩收费，比农户自己雇人便宜三成，合作社也有了稳定的收入，年底还能给社员分红。</p>
<p>　　合作社的账本上，去年的代耕收入第一次超过了农机补贴。</p>
<p>编辑：金金</p>
<p>作者：宋怡</p>
</td></tr></table>
<table width="760" align="center"><tr><td>北方农网 版权所有</td></tr></table>
</body></html>"""


def main() -> None:
    pages = {
        "info_br_tail.html": BR_TAIL.encode("gbk"),
        "info_page_tools.html": TOOLS.encode("utf-8"),
        "info_table_news.html": TABLE_NEWS.encode("gbk"),
    }
    for name, data in pages.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
