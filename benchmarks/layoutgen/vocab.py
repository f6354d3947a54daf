"""Word lists the page parts draw from: sites, channels, names, class names.

Kept as data in one module so that a new spelling seen on a real site is one
line here, not a code change. Hosts are made up and match no site profile's
host list, so a profile can only be chosen by markup, as for an unknown site.
"""

from __future__ import annotations

from benchmarks.extraction_set.chrome import RELATED, TEASERS

SITES = (
    ("爱写范文网", "www.aixiefanwen.com"), ("文秘之家", "www.wenmizhijia.net"),
    ("好作文吧", "www.haozuowen8.com"), ("第一学习网", "www.diyixuexi.cn"),
    ("范文大全网", "www.fanwendaquan.org"), ("学习资料网", "www.xuexiziliao.com"),
    ("心得体会网", "xinde.tihui123.com"), ("教案之家", "www.jiaoanzhijia.cn"),
    ("语文学习站", "yuwen.xuexizhan.net"), ("公文写作网", "www.gongwenxiezuo.com"),
    ("淘范文", "www.taofanwen.cc"), ("小学作文网", "zuowen.xiaoxue99.com"),
)
# (channel name, path slug)
CHANNELS = (
    ("工作总结", "zongjie"), ("心得体会", "xinde"), ("演讲稿", "yanjianggao"),
    ("作文大全", "zuowen"), ("思想汇报", "sixianghuibao"), ("工作计划", "jihua"),
    ("读后感", "duhougan"), ("活动方案", "fangan"), ("发言稿", "fayan"),
    ("自我介绍", "ziwojieshao"), ("教学设计", "jiaoxue"), ("申请书", "shenqingshu"),
)
SUB_SLUGS = ("xiejing", "xieren", "nianzhong", "geren", "xuesheng", "jiaoshi", "dangyuan", "qiye")
ORIGINS = (
    "人民网", "求是", "光明日报", "中国教育报", "新华网", "学习强国", "半月谈", "中国青年报",
    "某某日报", "央视网", "澎湃新闻", "教育部网站", "本站原创", "网络整理", "中国文明网",
)
EDITORS = ("小编", "admin", "编辑部")
TITLE_FORMS = ("{t}", "{t}范文", "{t}（精选）", "最新{t}", "{t}（通用5篇）", "{t}【精选】", "{t}模板")
RELATED_TITLES = RELATED
TEASER_TEXTS = TEASERS

# Class / id names by role. "semantic" names are what template sites use
# (some in fanwen's generic profile, many not); random ones are drawn by
# ``naming.random_name``.
SEMANTIC = {
    "body": (
        "content", "article", "arc_body", "con_article", "article-content", "art_content",
        "contentText", "newsContent", "detail", "text", "entry", "main-text", "zw", "neirong",
        "wenzhang", "article_text", "content_main", "conText", "show_text", "nr", "TRS_Editor",
        "article-body", "post-content", "artbody", "txt",
    ),
    "wrapper": (
        "main", "wrap", "container", "left", "mainleft", "con_left", "l_box", "box", "inner",
        "col-md-8", "w1000", "article_box", "page", "layout", "content-wrap", "bd",
    ),
    "title": ("title", "ar_title", "art_title", "arc_title", "tit", "h_title", "article-title"),
    "info": ("info", "article-info", "arc_info", "tags_time", "time", "source", "meta", "msg",
             "attr", "property", "fl_info", "post-meta"),
    "sidebar": ("sidebar", "right", "side", "r_box", "mainright", "aside", "col-md-4", "rbox"),
    "nav": ("nav", "menu", "navbar", "top_nav", "mainnav", "channel_nav"),
    "footer": ("footer", "foot", "bottom", "copyright", "ft"),
    "breadcrumb": ("breadcrumbs", "position", "place", "crumbs", "location", "weizhi", "dqwz",
                   "curmbs", "path"),
    "related": ("related", "xiangguan", "relate", "tuijian", "recommend", "likes", "youlike",
                "yanshen", "also_read", "rel_list", "more_art", "hot_list", "xgwz"),
    "list": ("list_news", "list", "listbox", "e2", "news_list", "article_list", "lb", "list_con",
             "arclist", "post-list", "items"),
    "pager": ("pages", "pagination", "page", "pagelist", "dede_pages", "fenye", "pager",
              "page_nav", "pg"),
    "comments": ("comments", "comment", "pinglun", "reply", "cmt_list"),
    "download": ("download_card", "down_box", "xiazai", "doc_down", "wordDown"),
    "share": ("share", "bdsharebuttonbox", "fenxiang", "share_box"),
}
KEYLINK_CLASSES = ("channel_keylink", "keylink", "infotextkey", "tag_link", "hotword", "")
COMMENT_TEXTS = (
    "写得很好，对我的帮助很大，正好要写一篇类似的总结，收藏了。",
    "内容很实在，不像有些范文那样空洞，希望小编多更新一些这样的文章。",
    "第二部分写得特别好，我们单位今年也是这样做的，很有共鸣。",
    "请问有没有完整的word版本？想下载下来打印给同事们看看。",
    "我觉得结尾还可以再充实一些，不过整体来说还是很不错的。",
    "文章条理清楚，语言朴实，读完之后很受启发，谢谢分享。",
)
NOTICES = (
    "本站部分内容转载自互联网，如有侵权，敬请告知，我们将及时删除。",
    "【提示】本文档来源自{site}，转发文档请保留以上标记。",
    "声明：本文内容由互联网用户自发贡献，本站不拥有所有权，不承担相关法律责任。",
    "（本文由{site}网友投稿，不代表本站观点）",
    "版权声明：本文为{site}原创整理，未经许可不得转载。",
)
DISCLAIMER_LINES = (
    "本站部分内容转载自互联网，如有侵权，敬请告知",
    "<a href='/about.html'>关于我们</a> | <a href='/contact.html'>联系我们</a> | <a href='/map.html'>网站地图</a>",
    "ICP备案号：京ICP备12345678号",
    "投稿邮箱：tougao@example.com",
)
