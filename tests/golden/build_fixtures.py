"""Regenerate the golden HTML pages (run from the repo root).

The pages are stored as the exact bytes a server would send, several in GBK,
so they are built here from readable UTF-8 sources. Expectations live in
``cases.toml``; editing a page here means re-checking them.
"""

from __future__ import annotations

import html
from pathlib import Path

HERE = Path(__file__).parent
SAMPLE = HERE / "template-article-page.txt"  # the template sample page's text, as shared


def _sample_page() -> str:
    """The shared template sample rendered as a DedeCMS page (div.content body)."""
    lines = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    title = lines[2]
    start = lines.index("来源 求是")
    body_lines = lines[4:start]
    after = lines[start + 1:]
    ps = []
    for i, line in enumerate(body_lines):
        text = html.escape(line, quote=False)
        for n, lead in (("一、", "标准"), ("三、", "成效")):
            if line.startswith(n):
                cut = line.index(lead) + len(lead)
                text = f"<strong>{html.escape(line[:cut])}</strong>{html.escape(line[cut:])}"
        if line.startswith("二、"):
            cut = line.index("突出问题") + 4
            ps.append(f"<h3>{html.escape(line[:cut])}</h3>")
            text = html.escape(line[cut:])
        ps.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{text}</p>" if i % 3 else f"<p>\u3000\u3000{text}</p>")
    related, reading, more, download, seen, ext_head, *snippets = after
    snippet_html = "".join(
        f'<div class="item"><a href="/x/{i}.html"><p>{html.escape(s)}</p></a></div>'
        for i, s in enumerate(snippets)
    )
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{title}_党团范文_爱学范文网</title>
<meta name="keywords" content="先进性教育,人民满意工程" />
<meta name="description" content="{title}" />
<meta name="mobile-agent" content="format=html5;url=http://m.aixuefanwen.com/dangtuan/1234567.html" />
<link rel="canonical" href="/dangtuan/1234567.html" />
<script src="/js/uaredirect.js"></script>
</head><body>
<div class="top"><div class="welcome">您好,欢迎来到爱学范文!</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/dangtuan/">党团范文</a></li><li><a href="/zongjie/">工作总结</a></li></ul></div>
<div class="breadcrumbs">当前位置:<a href="/">爱学范文网</a>&gt;&gt;<a href="/dangtuan/">党团范文</a>&gt;&gt;{title}</div>
<div class="main"><div class="left">
<h1>{title}</h1>
<div class="tags_time">标签:时间:</div>
<div class="content">
<script>a("common_1");</script>
{"".join(ps)}
<p>来源 求是</p>
<p>{html.escape(related)}</p>
<ul><li><a href="/dangtuan/1.html">保持共产党员先进性教育心得</a></li><li><a href="/dangtuan/2.html">党员先进性教育活动总结</a></li></ul>
<p>{reading}</p>
<p>{more.replace("党团范文", '<a href="/dangtuan/">党团范文</a>', 1).replace("请访问:党团范文", '请访问:<a href="/dangtuan/">党团范文</a>')}</p>
<p><a class="down" href="/down/1234567.doc">{download}</a></p>
</div>
<div class="seen"><h3>{html.escape(seen)}</h3><ul><li><a href="/a/1.html">党课讲稿范文</a></li><li><a href="/a/2.html">入党申请书</a></li></ul></div>
<div class="extend"><h3>{ext_head}</h3>{snippet_html}</div>
</div>
<div class="right"><h3>热门文章</h3><ul><li><a href="/a/3.html">2023年民主生活会发言提纲</a></li><li><a href="/a/4.html">酒店卫生管理制度</a></li></ul></div></div>
<div class="footer">Copyright © 2005-2023 爱学范文网 版权所有<br/>本站部分内容转载自互联网，如有侵权，敬请告知</div>
</body></html>"""


SIDEBAR = """<div class="sidebar_right"><h3>热门推荐</h3><ul class="list_news">
<li><a href="/zw/1.html">我的妈妈作文300字</a></li><li><a href="/zw/2.html">难忘的一件事作文</a></li>
<li><a href="/zw/3.html">我的梦想作文600字</a></li><li><a href="/zw/4.html">秋天的校园作文</a></li></ul></div>"""

RUIWEN = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>春节作文（通用3篇）</title>
<meta name="mobile-agent" content="format=html5;url=https://m.ruiwen.com/zuowen/chunjie/7654321.html">
</head><body><div class="header"><a class="logo" href="/"><h1>瑞文网</h1></a></div>
<div class="sidebar"><a href="/">瑞文网</a> &gt; <a href="/zuowen/">作文</a> &gt; <a href="/zuowen/chunjie/">春节作文</a> &gt; 正文</div>
<div class="article"><h1 class="title">春节作文（通用3篇）</h1>
<div class="info">时间：2023-01-20 10:30:00 作者：瑞文网</div>
<div class="content">
<p>在平日的学习、工作和生活里，大家都写过作文，肯定对各类作文都很熟悉吧，作文是由文字组成，经过人的思想考虑，通过语言组织来表达一个主题意义的文体。</p>
<p>以下是小编精心整理的春节作文（通用3篇），欢迎阅读，希望大家能够喜欢。</p>
<h2>春节作文 篇1</h2>
<p>　　春节到了，家家户户贴春联、挂灯笼，街上到处是热闹的人群。奶奶一早就开始包饺子，我在一旁帮忙擀皮。</p>
<script>a("common_1");</script>
<p>　　晚上，我们一家人围坐在电视机前看春节联欢晚会，窗外的烟花把夜空照得五彩缤纷。</p>
<div class="download_card"><a href="/down/7654321.doc">下载文档</a><span>推荐度:★★★★</span></div>
<h2>春节作文 篇2</h2>
<p>　　大年初一，我穿上新衣服，跟着爸爸妈妈去给长辈拜年，收到了好几个红包，心里美滋滋的。</p>
<div class="excellent_articles_box"><h3>优秀范文推荐</h3><ul><li><a href="/a/9.html">元宵节作文</a></li><li><a href="/a/10.html">中秋节作文</a></li></ul></div>
<h2>春节作文 篇3</h2>
<p>　　春节是中国最隆重的传统节日，它寄托着人们对新一年的美好祝愿，也承载着浓浓的亲情。</p>
<div class="rel_art_line"><a href="/a/11.html">春节作文500字</a><a href="/a/12.html">春节作文300字</a></div>
<p>【<a href="/zuowen/chunjie/">春节作文</a>】相关文章：</p>
<p><a href="/a/13.html">快乐的春节作文</a></p>
</div></div>
{SIDEBAR}
<div class="footer">Copyright©2006-2023 ruiwen.com 版权所有</div>
</body></html>"""

XUEXILA = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>清明节的由来_学习啦</title>
<meta property="og:site_name" content="学习啦">
</head><body>
<div class="nav"><a href="/">学习啦</a> <a href="/jieri/">节日</a> <a href="/qingming/">清明节</a></div>
<div class="ar_title"><h1>清明节的由来</h1><span>发布时间：2021-04-02 09:05 作者：小草</span></div>
<div class="con_article con_main">
<p>清明节是我国重要的传统节日。下面是小编为大家整理的清明节的由来，希望对你有帮助。</p>
<p>清明节的由来与寒食节有关。相传春秋时期，晋国公子重耳流亡在外，介子推割股奉君，后来隐居绵山不出。</p>
<p>德国学者马克思·韦伯曾经写道，节日是社会记忆的载体；清明节的扫墓、踏青等习俗，正是这种记忆代代相传的方式。</p>
<p style="color:#c00">推荐阅读：<a href="/a/1.html">清明节手抄报</a> <a href="/a/2.html">清明节诗句</a></p>
<p>唐代以后，寒食节与清明节逐渐合二为一，扫墓祭祖成为清明节最重要的习俗之一，并延续至今。</p>
<p>猜你喜欢：</p>
<p><a href="/a/3.html">1.清明节的习俗有哪些</a></p>
<p>2.清明节放假安排通知</p>
</div>
<ul class="r_list"><li><h4><a href="/a/5.html">端午节的由来</a></h4></li><li><h4><a href="/a/6.html">中秋节的由来</a></h4></li></ul>
</body></html>"""

POWEREASY = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2023年个人工作总结 - 范文先生网</title></head>
<body><table width="960"><tr><td class="top_menu"><a href="/">网站首页</a> | <a href="/Article/">文章中心</a> | <a href="/Article/List/List_85.html">工作总结</a> | <a href="/Soft/">下载中心</a></td></tr></table>
<div class="list_path">您现在的位置： <a href="/">范文先生网</a> &gt;&gt; <a href="/Article/">文章中心</a> &gt;&gt; <a href="/Article/List/List_85.html">工作总结</a> &gt;&gt; 正文</div>
<table width="960"><tr>
<td width="220" valign="top"><div class="channel_m_m"><a href="/a/1.html">年度工作总结</a><br><a href="/a/2.html">教师工作总结</a><br><a href="/a/3.html">销售工作总结</a><br><a href="/a/4.html">财务工作总结</a></div></td>
<td width="740" valign="top">
<table><tr><td class="article_title"><b>2023年个人工作总结</b></td></tr>
<tr><td class="article_info">作者：佚名&nbsp;&nbsp;文章来源：本站原创&nbsp;&nbsp;点击数：<script>hits(1)</script>&nbsp;&nbsp;更新时间：2023-3-5</td></tr>
<tr><td id="fontzoom">　　时光荏苒，转眼间2023年已经过去，回顾一年来的<a class="channel_keylink" href="/Article/List/List_85.html">工作总结</a>经验，我在领导和同事们的帮助下，较好地完成了各项任务。<br><br>　　一、加强学习，提高业务水平。我认真学习业务知识，积极参加单位组织的各类培训，努力提高自身的综合素质。<br><br>　　二、扎实工作，圆满完成任务。在日常工作中，我坚持做到今日事今日毕，对待每一项<a class="channel_keylink" href="/x">工作</a>都认真负责，力求做到最好。<br><br>　　三、存在的不足。由于经验不足，有时处理问题不够周全，今后要继续努力，不断改进，争取更大的进步。</td></tr></table>
<div class="prenext">上一篇：<a href="/a/5.html">2022年个人工作总结</a><br>下一篇：<a href="/a/6.html">2024年工作计划</a></div>
</td></tr></table>
<div class="copyright">版权所有 Copyright © 2003-2023 范文先生网 All Rights Reserved</div>
</body></html>"""

NEWS = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>我省今年新建乡村学校120所 - 某某日报网</title>
<meta property="og:site_name" content="某某日报网">
<meta property="article:published_time" content="2023-05-06T10:12:00+08:00">
<meta name="author" content="李明">
</head><body>
<div id="topbar"><a href="/">首页</a><a href="/news/">新闻</a><a href="/sports/">体育</a><a href="/finance/">财经</a><a href="/edu/">教育</a></div>
<div class="wrap"><div class="colL"><div class="story">
<h1>我省今年新建乡村学校120所</h1>
<div class="meta-line"><span>2023年05月06日 10:12</span> <span>来源：某某日报</span></div>
<div class="story-body">
<p>本报讯（记者 李明）记者从省教育厅获悉，今年我省将新建乡村学校120所，改扩建薄弱学校300余所，进一步缩小城乡教育差距。</p>
<p>据介绍，新建学校将重点布局在人口集中的中心村镇，每所学校都将配备标准化的实验室、图书室和运动场，所需资金由省市县三级财政共同承担。</p>
<p>省教育厅有关负责人表示，下一步将加强乡村教师队伍建设，通过定向培养、待遇倾斜等措施，让优秀教师“下得去、留得住、教得好”。</p>
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
</div></div>
<div class="colR"><h3>热点新闻</h3><ul><li><a href="/n/1.html">全省高考报名人数再创新高</a></li><li><a href="/n/2.html">城市道路改造工程全面启动</a></li><li><a href="/n/3.html">夏季防汛工作部署会召开</a></li><li><a href="/n/4.html">本周天气以晴为主</a></li></ul></div></div>
<div id="foot"><p>某某日报网 版权所有 未经授权禁止转载</p></div>
</body></html>"""

FORUM = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>分享一篇读书心得：读《平凡的世界》有感 - 读书交流 - 书友论坛 - Powered by Discuz!</title></head>
<body><div id="hd"><a href="/">书友论坛</a> <a href="/forum.php">论坛</a> <a href="/search.php">搜索</a></div>
<div id="pt"><a href="/">书友论坛</a> <em>›</em> <a href="/forum-2-1.html">读书交流</a> <em>›</em> 分享一篇读书心得</div>
<div id="postlist">
<table id="pid1"><tr><td class="pls"><div class="authi">书虫小王</div><p>积分: 1024</p></td>
<td class="plc"><div class="pi">发表于 2022-8-15 21:30:45</div>
<div class="pcb"><td class="t_f" id="postmessage_1">最近读完了路遥的《平凡的世界》，心里久久不能平静。<br />
孙少平在艰苦的环境中从未放弃对知识的渴望，他在煤矿井下的坚持让我明白，平凡的人也可以有不平凡的追求。<br />
孙少安则代表了另一种力量：扎根土地，用勤劳改变家庭的命运。两兄弟的选择不同，却都活出了尊严。<br />
这本书告诉我，生活从来不会因为你的出身而对你特别宽容，但只要不放弃，总能在平凡中找到属于自己的光亮。</td></div>
<div class="sign">签名：读书使人进步</div></td></tr></table>
<table id="pid2"><tr><td class="pls"><div class="authi">路人甲</div></td><td class="plc"><div class="pi">发表于 2022-8-16 08:01</div><td class="t_f" id="postmessage_2">写得好，顶一个！</td></td></tr></table>
</div>
<div id="ft">Powered by Discuz! X3.4 © 2001-2022 Comsenz Inc.</div>
</body></html>"""

MOBILE = """<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>教师个人工作总结_爱学范文网手机版</title></head>
<body><header class="m-head"><a href="/">返回</a><span>爱学范文网</span></header>
<section class="m-art"><div class="m-tit">教师个人工作总结</div>
<div class="m-txt">
<p>本学期，我担任初二年级两个班的语文教学工作，在学校领导的关心和同事的帮助下，顺利完成了教学任务。</p>
<p>一、思想方面。我热爱教育事业，认真学习党的教育方针，严格遵守学校的各项规章制度，做到为人师表。</p>
<p>二、教学方面。我认真备课、上课，课后及时批改作业，针对学生的不同情况进行个别辅导，学生成绩稳步提高。</p>
<p>三、不足与努力方向。今后我将继续加强业务学习，改进教学方法，努力成为一名更优秀的教师。</p>
</div>
<a class="m-down" href="/down/1.doc">下载文档</a>
<div class="m-rec"><h3>相关推荐</h3><ul><li><a href="/a/1.html">班主任工作总结</a></li><li><a href="/a/2.html">教师年度考核个人总结</a></li><li><a href="/a/3.html">教师述职报告</a></li></ul></div>
</section><footer><a href="/?pc">电脑版</a> 爱学范文网</footer></body></html>"""

BOM = """<html><head><title>致家长的一封信_通知范文</title></head><body>
<div class="hd"><a href="/">首页</a></div><div id="article"><h1>致家长的一封信</h1>
<p>尊敬的各位家长：您好！为了让孩子度过一个安全、快乐、充实的暑假，现将有关事项通知如下。</p>
<p>一、注意交通安全，教育孩子遵守交通规则，不在马路上追逐打闹。</p>
<p>二、注意防溺水安全，严禁孩子私自到河流、水库等地游泳。</p></div></body></html>"""

CONFLICT = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>安全生产承诺书_承诺书范文</title></head><body>
<div class="breadcrumbs">当前位置：<a href="/">首页</a> &gt; <a href="/cns/">承诺书</a> &gt;</div>
<h1>安全生产承诺书</h1><div class="content">
<p>为切实做好安全生产工作，落实安全生产主体责任，本单位郑重承诺如下：</p>
<p>一、严格遵守安全生产法律法规，建立健全安全生产责任制，层层签订安全生产责任书。</p>
<p>二、定期开展安全隐患排查治理，发现问题立即整改，确保不发生重大安全事故。</p>
<p>承诺单位：某某有限公司 负责人：王·某</p></div></body></html>"""

INVALID = """<html><head><meta charset="gbk"><title>读书笔记摘抄_读书笔记</title></head><body>
<h1>读书笔记摘抄</h1><div class="content">
<p>书籍是人类进步的阶梯。读一本好书，就是和许多高尚的人谈话。@@BAD@@</p>
<p>读书破万卷，下笔如有神。读书使人充实，讨论使人机智，笔记使人准确。</p>
<p>我们应当珍惜时间，多读好书，在书中汲取前人的智慧，丰富自己的精神世界。</p></div></body></html>"""


def main() -> None:
    pages = {
        "dedecms_sample.html": _sample_page().encode("gbk", "xmlcharrefreplace"),
        "ruiwen_like.html": RUIWEN.encode("utf-8"),
        "xuexila_like.html": XUEXILA.encode("gbk", "xmlcharrefreplace"),
        "powereasy_like.html": POWEREASY.encode("gbk", "xmlcharrefreplace"),
        "news_unknown.html": NEWS.encode("utf-8"),
        "forum_unknown.html": FORUM.encode("gbk", "xmlcharrefreplace"),
        "mobile_page.html": MOBILE.encode("utf-8"),
        "utf8_bom.html": b"\xef\xbb\xbf" + BOM.replace("\n", "\r\n").encode("utf-8"),
        "charset_conflict.html": CONFLICT.encode("gbk", "xmlcharrefreplace"),
        "invalid_gbk.html": INVALID.encode("gbk", "xmlcharrefreplace").replace(b"@@BAD@@", b"\xff\xff\xff"),
    }
    for name, data in pages.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
