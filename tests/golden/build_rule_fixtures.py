"""Regenerate the rule-class golden pages (run from the repo root).

One page per failure class the generalised extractor fixed: a recommendation
line inside the text, promo lines, intro/outro formulas of an unknown site,
info and notice lines in the body, div-per-paragraph bodies, an ASP.NET
``<form>`` wrapper, a hidden print copy, logo headings and title-less pages.
Each page is written by the project, like a real template page but with its
own class names and wording, so the rules are checked on text they were not
written from. Expectations live in ``cases.toml``.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

# --- 1. recommendation lines in the middle of the text, a real tail after it ---------
REC_INLINE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>初三下学期班主任工作计划_班主任工作计划_育才范文网</title>
<meta name="keywords" content="初三,班主任,工作计划" />
<meta name="description" content="为了做好初三下学期的班级管理工作，帮助学生以良好的状态迎接中考……" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div class="header"><div class="toplogo"><a href="/"><img src="/templets/default/images/logo.gif" alt="育才范文网" /></a></div>
<ul class="menu"><li><a href="/">主页</a></li><li><a href="/jihua/">工作计划</a></li><li><a href="/zongjie/">工作总结</a></li><li><a href="/banzhuren/">班主任工作计划</a></li><li><a href="/jiaoan/">教案</a></li></ul></div>
<div class="breadcrumbs">当前位置：<a href="/">育才范文网</a> &gt; <a href="/banzhuren/">班主任工作计划</a> &gt; 正文</div>
<div class="w960"><div class="pleft">
<h1>初三下学期班主任工作计划</h1>
<div class="info">发布时间：2024-02-18 09:12 &nbsp; 作者：陈晓燕 &nbsp; 阅读：<script src="/plus/count.php?view=yes&aid=35721&mid=1"></script>次</div>
<div class="content">
<p>　　为了做好初三下学期的班级管理工作，帮助学生以良好的状态迎接中考，结合本班实际情况，特制定本学期班主任工作计划。</p>
<p>　　一、班级现状分析。本班共有学生四十八人，其中男生二十五人，女生二十三人。经过两年半的共同努力，班级已经形成了较好的学风，但部分学生学习主动性不强，偏科现象比较明显。</p>
<p style="color:#FF0000;font-weight:bold">推荐阅读：<a href="/zongjie/35102.html" target="_blank">初三班主任工作总结</a>　<a href="/yanjianggao/34877.html" target="_blank">中考百日誓师发言稿</a></p>
<p>　　二、工作目标。以中考为中心，加强学生的理想教育和心理疏导，稳定班级秩序，力争本班中考成绩比上学期期末考试有明显提高。</p>
<p>　　三、具体措施。<br />
　　1．抓好常规管理。坚持每天早到校、晚离校，督促学生按时到校、认真完成作业，及时发现并解决学生中出现的问题。<br />
延伸阅读：<a href="/lizhi/30411.html">中考励志标语</a>、<a href="/fayangao/30958.html">初三家长会发言稿</a><br />
　　2．做好培优补差工作。针对不同层次的学生制定不同的辅导计划，利用课余时间对学困生进行个别辅导，帮助他们树立信心。<br />
　　3．加强家校联系。通过家长会、电话和班级微信群等方式，及时与家长沟通学生的在校表现，形成教育合力。</p>
<p>　　四、时间安排。二月份制定复习计划，召开家长会；三月份举行百日誓师大会；四月份组织第一次模拟考试并做好质量分析；五月份加强心理辅导，帮助学生调整考前状态。</p>
<p>　　总之，本学期我将以更加饱满的热情投入到工作中，与各科老师密切配合，努力让每一名学生都能在中考中发挥出自己的最好水平。</p>
<p><strong>相关文章：</strong></p>
<p><a href="/banzhuren/35640.html">初二下学期班主任工作计划</a></p>
<p>　　新的学期已经开始，为了使本班的各项工作能够有条不紊地开展，根据学校的工作安排，结合班级</p>
<p><a href="/banzhuren/35233.html">初三上学期班主任工作总结</a></p>
<p>　　回顾这一学期的工作，我深深感到班主任工作的繁杂与辛苦，在学校领导的关心和支持下，我带领全班同学……</p>
</div>
<div class="dede_pages"><ul class="pagelist"></ul></div>
</div>
<div class="pright"><div class="commend"><dl><dt><strong>热门文章</strong></dt>
<dd><ul><li><a href="/jihua/1.html">小学班主任工作计划</a></li><li><a href="/jihua/2.html">高一班主任工作计划</a></li><li><a href="/jihua/3.html">幼儿园大班班务计划</a></li></ul></dd></dl></div></div>
</div>
<div class="footer">本站部分内容转载自互联网，如有侵权，敬请告知<br />Copyright &copy; 2009-2024 育才范文网 版权所有 苏ICP备00000000号</div>
</body></html>"""

# --- 2. promo lines removed whole, keyword links in prose keep their word -------------
PROMO = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>读《城南旧事》有感600字_读后感_墨香作文网</title>
<meta name="keywords" content="城南旧事读后感,读后感600字">
<link rel="stylesheet" href="//static.moxiangzw.com/css/main.css">
</head><body>
<div class="site-top"><div class="wrap"><a class="brand" href="/">墨香作文网</a>
<ul class="nav-list"><li><a href="/">首页</a></li><li><a href="/xiezuo/">写作指导</a></li><li><a href="/duhougan/">读后感</a></li><li><a href="/riji/">日记</a></li></ul></div></div>
<div class="wrap crumbs-line">当前位置：<a href="/">墨香作文网</a> » <a href="/duhougan/">读后感</a> » 正文</div>
<div class="wrap"><div class="col-main">
<h1 class="zw-title">读《城南旧事》有感600字</h1>
<div class="zw-meta"><span>2022-03-14</span><span>栏目：读后感</span></div>
<div class="zw-text">
<p>【推荐】想了解更多读后感的资讯，请访问：<a href="/duhougan/">读后感</a></p>
<p>寒假里，我读了林海音的<a href="/tag/chengnan/" class="kw">《城南旧事》</a>。这本书用小女孩英子的眼睛，讲述了老北京城南的一段段往事，读完以后，我的心久久不能平静。</p>
<p>书中最让我难忘的是秀贞和妞儿的故事。秀贞一直在等她失散的孩子，人们都说她是疯子，只有英子愿意和她做朋友。英子的善良和纯真，让我明白了对待别人不能只看表面。</p>
<p>更多读后感范文请点击：<a href="/duhougan/">读后感频道</a></p>
<p>还有那个藏在草丛里的年轻人，他为了供弟弟上学才去偷东西。英子并不因此看不起他，反而和他约定要一起去看海。后来他被抓走了，英子难过极了，我读到这里也忍不住流下了眼泪。</p>
<p>猜你感兴趣：<a href="/duhougan/4411.html">读《草房子》有感</a> <a href="/duhougan/4412.html">读《骆驼祥子》有感</a></p>
<p>书的最后，爸爸去世了，英子也长大了。她在<a href="/tag/biye/">毕业典礼</a>上明白，自己已经不再是小孩子了。童年总会过去，但那些美好的回忆会一直留在心里。<br>
★ <a href="/xiezuo/211.html">读后感怎么写</a>、<a href="/duhougan/300zi/">读后感300字</a></p>
<p>读完这本书，我懂得了要珍惜身边的人，也要珍惜自己无忧无虑的童年时光。</p>
<p>查看更多城南旧事读后感相关内容&gt;&gt;</p>
</div>
<div class="zw-share">分享：<a href="#">QQ空间</a> <a href="#">微博</a></div>
</div>
<div class="col-side"><h3>本周热门</h3><ol><li><a href="/duhougan/1.html">读《西游记》有感</a></li><li><a href="/riji/2.html">寒假日记300字</a></li><li><a href="/xiezuo/3.html">作文开头的十种方法</a></li></ol></div></div>
<div class="site-foot">© 2015-2023 墨香作文网 moxiangzw.com 京ICP备00000000号-1</div>
</body></html>"""

# --- 3. intro/outro formulas with a site name no rule lists -------------------------
INTRO_OUTRO = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2023年度个人述职报告_述职报告_青禾文档网</title>
<meta name="keywords" content="述职报告,个人述职报告">
</head><body>
<div id="topnav"><a href="/">青禾文档网</a> | <a href="/zongjie/">工作总结</a> | <a href="/shuzhi/">述职报告</a> | <a href="/jihua/">工作计划</a></div>
<div id="pos">您的位置：<a href="/">首页</a> &gt;&gt; <a href="/shuzhi/">述职报告</a> &gt;&gt; 正文</div>
<table width="980" align="center"><tr><td width="700" valign="top">
<h1 class="arttitle">2023年度个人述职报告</h1>
<div class="artinfo">日期：2023-12-26 &nbsp; 来源：青禾文档网</div>
<div id="artbody">
<p>【导语】如何写好年度述职报告？青禾文档网整理了《2023年度个人述职报告》一文，供大家参考。</p>
<p>编者按：年终岁尾，述职报告怎么写才能出彩？青禾文档网编辑为您精选了以下范文，希望对您有所启发。</p>
<p>以下信息仅供参考！</p>
<p>　　各位领导、同事们：</p>
<p>　　2023年，我在公司领导的关心和同事们的支持下，围绕部门年度目标，认真履行岗位职责，较好地完成了各项工作任务。现将一年来的工作情况报告如下。</p>
<p>　　一、加强学习，提升业务能力。我坚持每周参加部门业务学习，系统学习了合同管理和项目预算的相关知识，全年撰写学习笔记三万余字，业务水平有了明显提高。</p>
<p>　　二、履职尽责，完成重点任务。全年牵头完成了三个重点项目的招标和验收工作，审核合同一百二十余份，未出现一起差错，为公司节约成本约八十万元。</p>
<p>　　三、存在的不足。一是创新意识还不够强，工作中习惯于按部就班；二是与其他部门的沟通还不够及时，个别工作衔接不够顺畅。</p>
<p>　　我们整理了全年的工作经验，希望明年做得更好。</p>
<p>　　新的一年，我将继续加强学习，改进工作方法，争取在新的一年里取得更好的成绩。以上就是关于年度述职报告的全部内容，希望对你有帮助</p>
<p>2023年度个人述职报告由青禾文档网收集整理，希望能对大家有所帮助！</p>
<p>感谢您的阅读，祝您工作顺利！</p>
</div>
</td><td width="270" valign="top"><div class="rbox"><b>最新述职报告</b><br><a href="/shuzhi/1.html">教师个人述职报告</a><br><a href="/shuzhi/2.html">财务人员述职报告</a><br><a href="/shuzhi/3.html">销售经理述职报告</a></div></td></tr></table>
<div id="copy">青禾文档网 版权所有 联系邮箱：service#qinghewd.com</div>
</body></html>"""

# --- 4. info lines inside the body, every spelling and position -----------------------
INFO_LINES = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>我县开展夏季防溺水安全教育进校园活动 - 安全教育 - 平安校园网</title>
</head><body>
<div class="hd"><div class="hd-in"><a class="hd-logo" href="/">平安校园网</a><span class="hd-nav"><a href="/">首页</a> <a href="/anquan/">安全教育</a> <a href="/xiaoyuan/">校园动态</a> <a href="/jiazhang/">家长课堂</a></span></div></div>
<div class="loc">当前位置：<a href="/">首页</a> &gt; <a href="/anquan/">安全教育</a></div>
<div class="bd"><div class="bd-l">
<h1>我县开展夏季防溺水安全教育进校园活动</h1>
<div class="wz-nr">
<p>（发布时间：2019/07/28）</p>
<p>信息来源：青岩县教育局 | 作者 韦晓丽</p>
<p>　　为切实增强中小学生的防溺水安全意识，7月26日，县教育局联合县消防救援大队、县红十字会，在城关第一小学启动了夏季防溺水安全教育进校园活动。</p>
<p>　　活动现场，消防救援人员结合近年来发生的溺水事故案例，向同学们讲解了“六不”防溺水安全知识，并现场演示了心肺复苏等急救方法。</p>
<p>稿源：青岩县教育局</p>
<p>　　县红十字会的志愿者还为学生发放了防溺水安全宣传手册，并组织学生签订了防溺水安全承诺书，引导学生自觉远离危险水域。<br>转载自青岩县教育局</p>
<p>　　据了解，暑假期间，全县各中小学将通过家访、电话和班级群等方式，持续做好防溺水安全提醒，确保每一名学生度过一个安全、快乐的假期。</p>
<p>[来源]青岩县教育局</p>
<p>[作者]韦晓丽</p>
<p>本文来源于青岩县教育局</p>
</div>
<div class="wz-fy"><a href="/anquan/3390.html">上一条：暑期安全致家长的一封信</a></div>
</div>
<div class="bd-r"><h3>阅读排行</h3><ul><li><a href="/a/1.html">防溺水安全知识十条</a></li><li><a href="/a/2.html">暑假安全教育主题班会</a></li><li><a href="/a/3.html">交通安全手抄报内容</a></li></ul></div></div>
<div class="ft">主办单位：平安校园网 &nbsp; 备案号：黔ICP备00000000号</div>
</body></html>"""

# --- 5. notice lines: user-contribution disclaimers, copyright notes, 投稿 lines --------
NOTICES = """<!doctype html>
<html><head><meta charset="utf-8">
<title>清明节扫墓的注意事项有哪些_民俗知识_启明生活网</title>
<meta name="description" content="清明节扫墓要注意哪些事项？">
</head><body>
<header class="g-hd"><a href="/" class="g-logo">启明生活网</a><nav><a href="/">首页</a><a href="/minsu/">民俗知识</a><a href="/jieri/">节日大全</a><a href="/jiankang/">健康</a></nav></header>
<div class="g-path">当前位置：<a href="/">首页</a> &gt; <a href="/minsu/">民俗知识</a> &gt; 清明节扫墓的注意事项有哪些</div>
<main class="g-main">
<div class="post">
<h1 class="post-h">清明节扫墓的注意事项有哪些</h1>
<div class="post-sub"><time>2021-04-01 08:30</time> · 民俗知识</div>
<div class="post-bd">
<p>【版权声明】本文系启明生活网原创整理，未经授权，谢绝转载。</p>
<p>清明节是我国的传统节日，每到这一天，人们都会回乡扫墓，祭奠先人。扫墓虽是习俗，但也有不少需要注意的地方。</p>
<p>第一，注意防火安全。扫墓时尽量采用献花、植树、擦拭墓碑等文明方式祭扫，不在林区焚烧纸钱、燃放鞭炮，离开前要确认没有留下火种。</p>
<p>第二，注意交通安全。清明节前后道路车辆较多，出行前要规划好路线，错峰出行，山路行车要减速慢行，不疲劳驾驶。</p>
<p>第三，注意保暖和饮食卫生。清明时节天气多变，早晚温差较大，要随身带好衣物；野外就餐要注意食品卫生，不要随意采摘野果、野菜食用。</p>
<p>第四，注意言行举止。扫墓是严肃的事情，在墓地不要大声喧哗、嬉戏打闹，也要教育孩子尊重逝者、缅怀先人。</p>
<p>声明：本文内容由互联网用户自发贡献，该文观点仅代表作者本人。本站仅提供信息存储空间服务，不拥有所有权，不承担相关法律责任。如发现本站有涉嫌抄袭侵权的内容，请联系我们，一经查实，本站将立刻删除。</p>
<p>（本文由热心网友“清风徐来”投稿，内容不代表本站立场）</p>
</div>
</div>
<aside class="g-side"><h3>相关专题</h3><a href="/zt/qingming/">清明节专题</a><a href="/zt/hanshi/">寒食节专题</a></aside>
</main>
<footer class="g-ft">© 2018-2023 启明生活网 All Rights Reserved</footer>
</body></html>"""

# --- 6. one bare <div> per paragraph, each wrapped again, in an unnamed container -------
NESTED_DIVS = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>难忘的一堂课作文700字_初一作文_小荷作文网</title>
</head><body>
<div class="topbar"><a href="/">小荷作文网</a> <a href="/chuyi/">初一作文</a> <a href="/chuer/">初二作文</a> <a href="/sucai/">作文素材</a></div>
<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a href="/chuyi/">初一作文</a></div>
<div class="zuo">
<div class="bt-box"><h1>难忘的一堂课作文700字</h1><div class="rq">2022-09-10 作者：李雨桐</div></div>
<div>
<div><div>在我的记忆里，上过的课数也数不清，可是有一堂课，我到现在还记得清清楚楚，那是初一开学后的第一节生物课。</div></div>
<div><div>上课铃响了，生物老师抱着一个纸箱走进教室。她神秘地笑了笑，说今天我们不在教室里上课，要去校园里找一找春天留下的种子。</div></div>
<div><div>同学们一下子欢呼起来。我们分成几个小组，有的在草丛里翻找，有的在树下仔细观察。我和同桌在香樟树下捡到了一把黑色的小果子，老师告诉我们，那就是香樟的种子。</div></div>
<div><div>回到教室，老师让每个小组把找到的种子种进花盆里，还要求我们每天记录它们的变化。从那以后，每天早上我到学校的第一件事，就是去看看我们的花盆。</div></div>
<div><div>两个星期后，一棵嫩绿的小芽终于钻出了泥土。那一刻，全组同学都高兴得跳了起来，我第一次感受到了生命的神奇。</div></div>
<div><div>这堂课已经过去很久了，但它让我明白，知识不只在课本里，也在我们身边的一草一木之中。</div></div>
</div>
</div>
<div class="you"><div class="you-t">网站简介</div><div class="you-c">小荷作文网收录各年级优秀作文，欢迎同学们投稿。</div>
<div class="you-t">热门作文</div><ul><li><a href="/a/1.html">我的同桌作文</a></li><li><a href="/a/2.html">秋天的校园作文</a></li><li><a href="/a/3.html">一件难忘的事作文</a></li></ul></div>
<div class="dibu">小荷作文网 Copyright 2012-2023</div>
</body></html>"""

# --- 7. ASP.NET: the whole page inside <form id="Form1"> ------------------------------
ASPNET = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><title>
	关于做好2024年春季学期开学工作的通知 - 城关镇中心学校
</title><link href="css/style.css" rel="stylesheet" type="text/css" /></head>
<body>
<form name="Form1" method="post" action="ShowNews.aspx?id=2381" id="Form1">
<div>
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mg9kFgICAw9kFgQCAQ8PFgIeBFRleHQFKOWFs+S6juWBmuWlvTIwMjTlubTmmKXlraPlrabmnJ/lvIDlrablt6XkvZznmoTpgJrnn6VkZGQ=" />
</div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['Form1'];
function __doPostBack(eventTarget, eventArgument) { theForm.__EVENTTARGET.value = eventTarget; theForm.submit(); }
//]]>
</script>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="top_bg"><img src="images/banner.jpg" alt="城关镇中心学校" /></td></tr>
<tr><td class="menu"><a href="Default.aspx">学校首页</a> | <a href="NewsList.aspx?cid=1">学校新闻</a> | <a href="NewsList.aspx?cid=2">通知公告</a> | <a href="NewsList.aspx?cid=3">教研动态</a> | <a href="NewsList.aspx?cid=4">德育园地</a></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="230" valign="top" class="left_bg"><table width="100%"><tr><td class="left_title">通知公告</td></tr>
<tr><td><a href="ShowNews.aspx?id=2375">期末考试安排</a><br /><a href="ShowNews.aspx?id=2360">寒假放假通知</a><br /><a href="ShowNews.aspx?id=2341">教师招聘公告</a></td></tr></table></td>
<td width="770" valign="top">
<table width="100%"><tr><td class="weizhi">您现在的位置：<a href="Default.aspx">首页</a> &gt;&gt; <a href="NewsList.aspx?cid=2">通知公告</a></td></tr>
<tr><td align="center" class="news_title"><span id="lblTitle">关于做好2024年春季学期开学工作的通知</span></td></tr>
<tr><td align="center" class="news_info">发布人：<span id="lblUser">教务处</span>&nbsp;&nbsp;发布时间：<span id="lblTime">2024-02-19 15:40</span>&nbsp;&nbsp;浏览次数：<span id="lblHits">356</span></td></tr>
<tr><td class="news_content"><span id="lblContent"><p>各村小、教学点：</p>
<p>　　根据县教育局关于春季学期开学工作的统一部署，现将我校2024年春季学期开学工作有关事项通知如下：</p>
<p>　　一、开学时间。教师于2月22日到校报到，学生于2月24日报名注册，2月26日正式上课。</p>
<p>　　二、开学准备。各校要在开学前完成校舍安全排查，重点检查教室、食堂、厕所和围墙，发现隐患立即整改，确保师生安全。</p>
<p>　　三、教学工作。各校要按照课程计划开齐开足课程，认真做好开学第一课，及时收集学生寒假作业并进行检查和讲评。</p>
<p>　　四、工作要求。各校校长是开学工作的第一责任人，要高度重视，周密安排，开学工作情况请于2月28日前报中心学校教务处。</p>
<p style="text-align:right">城关镇中心学校</p>
<p style="text-align:right">2024年2月19日</p></span></td></tr></table>
</td></tr></table>
<table width="1000" align="center"><tr><td class="bottom">版权所有：城关镇中心学校 地址：城关镇学府路8号 电话：0000-0000000</td></tr></table>
</form>
</body></html>"""

# --- 8. the text twice on the page: a hidden copy for printing ------------------------
PRINT_COPY = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>家庭教育心得体会_心得体会_晨曦范文网</title>
<style>@media print { .no-print { display:none } #print-area { display:block !important } }</style>
</head><body>
<div class="no-print nav-bar"><a href="/">晨曦范文网</a><a href="/xinde/">心得体会</a><a href="/jiating/">家庭教育</a><a href="/zongjie/">工作总结</a></div>
<div class="no-print here">当前位置：<a href="/">首页</a> &gt; <a href="/xinde/">心得体会</a> &gt; 正文</div>
<div class="box-main">
<h1>家庭教育心得体会</h1>
<div class="no-print tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:;">收藏</a></div>
<div class="arc-text">
<p>孩子上小学以后，我越来越感到家庭教育的重要。家长是孩子的第一任老师，一言一行都在影响着孩子。</p>
<p>首先，要给孩子做好榜样。我们要求孩子少看手机，自己就先把手机放下；要求孩子爱读书，晚饭后全家就一起读半小时书。</p>
<p>其次，要多陪伴、多倾听。孩子放学回家，我总会问问他今天在学校开不开心，遇到了什么事。孩子愿意说，我们就耐心听，不急着批评。</p>
<p>最后，要尊重孩子的成长规律。每个孩子都有自己的节奏，不能总拿别人家的孩子作比较，多鼓励、少指责，孩子才会越来越自信。</p>
<div id="print-area" style="display:none">
<p>孩子上小学以后，我越来越感到家庭教育的重要。家长是孩子的第一任老师，一言一行都在影响着孩子。</p>
<p>首先，要给孩子做好榜样。我们要求孩子少看手机，自己就先把手机放下；要求孩子爱读书，晚饭后全家就一起读半小时书。</p>
<p>其次，要多陪伴、多倾听。孩子放学回家，我总会问问他今天在学校开不开心，遇到了什么事。孩子愿意说，我们就耐心听，不急着批评。</p>
<p>最后，要尊重孩子的成长规律。每个孩子都有自己的节奏，不能总拿别人家的孩子作比较，多鼓励、少指责，孩子才会越来越自信。</p>
</div>
</div>
</div>
<div class="no-print side-box"><h3>心得体会推荐</h3><ul><li><a href="/xinde/1.html">读书心得体会</a></li><li><a href="/xinde/2.html">军训心得体会</a></li><li><a href="/xinde/3.html">培训心得体会</a></li></ul></div>
<div class="no-print foot">晨曦范文网 版权所有</div>
</body></html>"""

# --- 9a. the site logo in <h1>, the article title in <h2> ---------------------------
LOGO_H1 = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>2024年大学生寒假社会实践报告_社会实践报告_知行范文网</title>
</head><body>
<div class="head"><h1 class="site-logo"><a href="/"><img src="/skin/logo.png" width="180" height="50">知行范文网</a></h1>
<div class="head-nav"><a href="/">首页</a> <a href="/baogao/">报告大全</a> <a href="/shijian/">社会实践报告</a> <a href="/shixi/">实习报告</a></div></div>
<div class="mianbao">当前位置：<a href="/">知行范文网</a> &gt; <a href="/baogao/">报告大全</a> &gt; <a href="/shijian/">社会实践报告</a> &gt; 正文</div>
<div class="main-l">
<div class="art-head"><h2>2024年大学生寒假社会实践报告</h2><p class="art-date">更新时间：2024-03-02</p></div>
<div class="art-body">
<p>　　今年寒假，我回到家乡，在镇上的一家农产品电商服务站参加了为期二十天的社会实践。这次实践让我对农村电商有了直观的认识。</p>
<p>　　一、实践内容。服务站的主要工作是帮助农户把自家的土特产放到网上销售。我的任务是拍摄商品照片、撰写商品介绍，并协助工作人员打包发货。</p>
<p>　　二、实践收获。通过这次实践，我学会了用手机拍出清晰好看的商品照片，也明白了讲好产品背后的故事对销售有多重要。一位大爷家的红薯粉条在我们重新拍照上架后，一周就卖出了两百多单。</p>
<p>　　三、实践体会。纸上得来终觉浅，绝知此事要躬行。我今后会更加努力地学习专业知识，争取将来为家乡的发展贡献自己的力量。</p>
</div></div>
<div class="main-r"><h2>推荐范文</h2><ul><li><a href="/shijian/1.html">暑期社会实践报告</a></li><li><a href="/shixi/2.html">会计实习报告</a></li></ul></div>
<div class="foot">Copyright 2016-2024 知行范文网</div>
</body></html>"""

# --- 9b. no heading at all: the title is <title> minus "-站名" ----------------------
HEAD_TITLE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>2023-2024学年第一学期班主任工作计划-启航教育网</title>
</head><body>
<div class="dh"><a href="/">启航教育网</a> · <a href="/jihua/">工作计划</a> · <a href="/zongjie/">工作总结</a></div>
<div class="zhuti">
<div class="wenzi">
<p><b>2023-2024学年第一学期班主任工作计划</b></p>
<p>　　本学期我继续担任五年级二班的班主任。为了使班级工作有计划、有步骤地开展，结合学校德育工作要点和本班实际，制定本学期工作计划。</p>
<p>　　一、指导思想。以学生的全面发展为目标，抓好学生的行为习惯养成教育，营造团结向上的班级氛围。</p>
<p>　　二、主要工作。开学第一个月重点抓好常规，选好班干部；每月召开一次主题班会；每周利用班队课表扬进步的学生，做好与家长的沟通。</p>
<p>　　三、工作安排。九月份整顿班风，十月份开展爱国主义主题教育，十一月份组织读书交流会，十二月份做好期末复习动员。</p>
</div>
<div class="cebian"><h2>热门文章</h2><a href="/jihua/1.html">小学教师个人工作计划</a><br><a href="/jihua/2.html">少先队工作计划</a></div>
</div>
<div class="db">启航教育网 联系我们</div>
</body></html>"""



# --- 9. a short essay, one unnamed <div> per paragraph, beside a box of linked teasers
# (whole sentences inside <a>) and an unnamed comment list: the div rows must add up to
# more than any one of them, and the teaser links must not sink their container. -----
SHORT_DIVS = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>我家的小院_小学作文_春苗作文网</title></head><body>
<div><a href="/">春苗作文网</a><ul><li><a href="/xiaoxue/">小学作文</a></li><li><a href="/chuzhong/">初中作文</a></li><li><a href="/sucai/">作文素材</a></li></ul></div>
<div>位置：<a href="/">春苗作文网</a>&gt;&gt;<a href="/xiaoxue/">小学作文</a>&gt;&gt;我家的小院</div>
<div><div><div><h1>我家的小院</h1></div>
<div><p>更新时间：2023年4月2日 08:10　撰稿：林小雨</p></div>
<div><div>
<div><a href="/down/22.doc">点击下载：我家的小院.doc</a></div>
<div>我家有一个小院，院子不大，却种满了花草。</div>
<div>&emsp;&emsp;春天，月季开得红艳艳的，蜜蜂在花丛中飞来飞去。奶奶常坐在院子里择菜，一边干活一边哼着小曲。</div>
<div><div>我最喜欢傍晚的小院。爸爸下班回来，我们一家人在葡萄架下吃饭、聊天，院子里满是笑声。</div></div>
<div>大家都在看</div>
<div><a href="/xiaoxue/3301.html"><p>秋天到了，田野里一片金黄，稻子笑弯了腰，农民伯伯忙着收割，脸上露出了丰收的喜悦。</p></a></div>
<div><a href="/xiaoxue/3302.html"><p>我的妈妈是一名医生，她每天早出晚归，为病人看病，从来不喊一声累，我长大了也要像她一样。</p></a></div>
<div><a href="/xiaoxue/3303.html"><p>下课铃一响，同学们像小鸟一样飞出教室，操场上顿时热闹起来，有的跳绳，有的踢毽子。</p></a></div>
</div></div>
<ul><li>网友311：写得真好，我家也有一个这样的小院，读着特别亲切。2023-04-05</li>
<li>网友702：语句通顺，描写细致，给我的孩子当范文了，谢谢分享。2023-04-06</li>
<li>网友958：结尾还可以再写一写自己的感受，整体来说很不错。2023-04-08</li>
<li>网友120：小院的四季要是都写到就更好了，不过现在这样也很生动。2023-04-09</li></ul>
</div></div>
<div>Copyright &#169; 2010-2024 春苗作文网 版权所有</div>
</body></html>"""


# --- 10. a page that includes a whole header document: its "</html>" stands before the
# article (libxml2 drops all that follows it; browsers ignore the tag). ----------------
INCLUDED_HEADER = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于做好2024年防汛工作的通知_通知公告_青石县人民政府</title></head>
<body>
<!--#include virtual="/include/header.html"-->
<div class="header"><a href="/">青石县人民政府</a> <a href="/zwgk/">政务公开</a> <a href="/tzgg/">通知公告</a></div>
<script>var lang = 'zh-cn';</script>
</body>
</html>
<!--end header-->
<div class="content">
<div class="crumb"><a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="article">
<h1>关于做好2024年防汛工作的通知</h1>
<div class="info">发布时间：2024-05-06 10:00　来源：县应急管理局</div>
<div class="pages_content">
<p>各乡镇人民政府，县直有关单位：</p>
<p>　　当前我县已进入汛期，为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下：</p>
<p>　　一、压实防汛责任。各乡镇、各单位主要负责人是本辖区、本行业防汛工作第一责任人，要亲自部署、靠前指挥。</p>
<p>　　二、加强隐患排查。对水库、河道、山塘和地质灾害隐患点开展拉网式排查，发现问题立即整改。</p>
<p>　　三、严格值班值守。汛期实行24小时值班和领导带班制度，遇有重大情况及时报告。</p>
</div></div></div>
<div class="footer">主办：青石县人民政府办公室 版权所有</div>
</body></html>"""


# --- Pages the extractor once got wrong (their expectations waited in pending.toml until
# it was fixed; all are in cases.toml now). -----------------------------------------------

def _essay_page(title: str, site: str, paragraphs: list[str], tail: str = "") -> str:
    """A short 作文 page of an unknown copy site, the kind with only three paragraphs."""
    body = "".join(f"<p>　　{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_小学作文_{site}</title>
<meta name="keywords" content="{title}"></head><body>
<div class="tou"><a href="/" class="logo">{site}</a> <a href="/">首页</a> <a href="/xiaoxue/">小学作文</a> <a href="/chuzhong/">初中作文</a> <a href="/sucai/">作文素材</a></div>
<div class="lujing">当前位置：<a href="/">首页</a> &gt; <a href="/xiaoxue/">小学作文</a> &gt; 正文</div>
<div class="zhu"><h1>{title}</h1><div class="shuxing">时间：2021-11-05 &nbsp; 栏目：小学作文</div>
<div class="zhengwen">{body}{tail}</div></div>
<div class="bian"><h3>最新作文</h3><ul><li><a href="/a/1.html">我的好朋友作文</a></li><li><a href="/a/2.html">秋天的落叶作文</a></li><li><a href="/a/3.html">我学会了骑自行车</a></li></ul></div>
<div class="di">{site} 版权所有</div></body></html>"""


SNOW = [
    "早上一拉开窗帘，我就惊呆了：外面白茫茫的一片，屋顶上、树枝上、马路上都铺满了厚厚的积雪。",
    "吃过早饭，我和弟弟迫不及待地跑到楼下。我们先滚了一个大雪球做雪人的身子，又滚了一个小雪球做脑袋，还用胡萝卜给它做了一个红红的鼻子。",
    "玩累了，我们站在雪人旁边拍了一张照片。虽然手冻得通红，可我们心里暖暖的，这真是快乐的一天。",
]
# 3 paragraphs, the outro glued to the last: the "lead-in" rule clears everything.
SHORT_OUTRO = _essay_page("第一场雪作文300字", "童心作文网", [
    *SNOW[:2], SNOW[2] + "以上就是小编为大家整理的第一场雪作文300字，希望对你有帮助。"])
# 3 paragraphs, the site's promo glued to the last: the last paragraph goes whole.
SHORT_PROMO = _essay_page("堆雪人作文300字", "童心作文网", [
    *SNOW[:2], SNOW[2] + '想了解更多作文的资讯，请访问：<a href="/xiaoxue/">小学作文</a>'])
# The related tail's teasers are whole sentences of 60+ characters: read as more article.
FULL_TEASERS = _essay_page("第一场雪作文300字", "童心作文网", SNOW, """
<p><strong>相关文章：</strong></p>
<p><a href="/a/7701.html">下雪了作文300字</a></p>
<p>　　昨天夜里，天空中飘起了鹅毛大雪。今天早上起来一看，整个世界都变成了银白色，小区里的孩子们都跑出来打雪仗、堆雪人，笑声传得很远很远。</p>
<p><a href="/a/7702.html">冬天来了作文300字</a></p>
<p>　　冬天来了，北风呼呼地刮着，树叶都掉光了。小河结了厚厚的冰，我和小伙伴们在冰面上滑来滑去，一不小心摔了个四脚朝天，大家都哈哈大笑起来。</p>""")
# An editor note with words no rule lists, and closing lines in other spellings.
EDITOR_NOTE = _essay_page("第一场雪作文300字", "童心作文网", [
    "【小编寄语】第一场雪作文300字怎么写呢？下面是童心作文网为同学们精心挑选的范文，希望大家喜欢！",
    *SNOW, "如果觉得本文不错，欢迎分享给身边的朋友！", "感谢大家的阅读与支持！"])
# A closing info line whose fields are set apart by ideographic spaces (one space after
# normalising): the date joins the origin; "记者" is no label, so the reporter does too.
INFO_SPACING = _essay_page("我校举行冬季长跑比赛", "童心作文网", [
    "来源：县教育信息网 记者 周明",
    "为增强学生体质，丰富校园文化生活，11月4日下午，我校在田径场举行了冬季长跑比赛，全校三至六年级共四百余名学生参加。",
    "比赛分年级进行，发令枪响后，同学们你追我赶，跑道两旁的加油声此起彼伏。经过激烈角逐，共有六十名同学获得了个人奖项。",
    "作者：周明\u3000\u3000来源：县教育信息网\u3000\u30002021-11-05",
])


def main() -> None:
    pages = {
        "rule_rec_inline.html": REC_INLINE.encode("gbk", "xmlcharrefreplace"),
        "rule_promo_lines.html": PROMO.encode("utf-8"),
        "rule_intro_outro.html": INTRO_OUTRO.encode("gbk", "xmlcharrefreplace"),
        "rule_info_lines.html": INFO_LINES.encode("gbk", "xmlcharrefreplace"),
        "rule_notices.html": NOTICES.encode("utf-8"),
        "rule_nested_divs.html": NESTED_DIVS.encode("utf-8"),
        "rule_aspnet_form.html": ASPNET.encode("gbk", "xmlcharrefreplace"),
        "rule_print_copy.html": PRINT_COPY.encode("utf-8"),
        "rule_logo_h1.html": LOGO_H1.encode("gbk", "xmlcharrefreplace"),
        "rule_head_title.html": HEAD_TITLE.encode("utf-8"),
        "fail_short_outro.html": SHORT_OUTRO.encode("gbk", "xmlcharrefreplace"),
        "fail_short_promo.html": SHORT_PROMO.encode("gbk", "xmlcharrefreplace"),
        "fail_full_teasers.html": FULL_TEASERS.encode("gbk", "xmlcharrefreplace"),
        "fail_editor_note.html": EDITOR_NOTE.encode("gbk", "xmlcharrefreplace"),
        "fail_info_spacing.html": INFO_SPACING.encode("gbk", "xmlcharrefreplace"),
        "rule_short_divs.html": SHORT_DIVS.encode("gbk", "xmlcharrefreplace"),
        "rule_included_header.html": INCLUDED_HEADER.encode("utf-8"),
    }
    for name, data in pages.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
