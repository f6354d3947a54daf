"""Scrapy settings of fanwen: every default once, each with its reason.

Override any of them with ``-s NAME=VALUE`` (``scrapy crawl`` and ``fanwen
crawl`` alike). fanwen's own settings carry a prefix per component
(``CRAWL_``, ``CLEAN_``, ``DEDUPE_``, ``STORE_``, ``ARCHIVE_``).
"""

import os

from crawler import __version__

BOT_NAME = "fanwen"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- politeness ------------------------------------------------------------
FANWEN_CONTACT_URL = "https://github.com/fanwen-archive/fanwen"  # who to tell when we misbehave
USER_AGENT = f"fanwen/{__version__} (+{FANWEN_CONTACT_URL})"
ADDONS = {"crawler.addons.ContactUserAgent": 0}  # -s FANWEN_CONTACT_URL=… alone updates USER_AGENT
ROBOTSTXT_OBEY = True  # template sites publish robots.txt; we honour it
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4  # small farms sit on small servers
DOWNLOAD_DELAY = 0.25  # a floor under AutoThrottle, per domain
AUTOTHROTTLE_ENABLED = True  # slows down when the site does (403 under load is common)
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 2  # initial response + 2 retries = 3 requests
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429, 403]  # 403: farms' rate limiting
RETRY_AFTER_ENABLED = True  # Scrapy retries 429/503 at once; we wait as long as the site asks
RETRY_AFTER_HTTP_CODES = [429, 503]  # the answers RFC 9110 lets carry Retry-After
RETRY_AFTER_MAX_SECONDS = 300.0  # a longer pause is left to the next scheduled run
RETRY_GIVE_UP_LOG_LEVEL = "INFO"  # a page that failed 3 times is counted in the summary, not an error
ROBOTSTXT_TIMEOUT = 10.0  # seconds: robots.txt is a small static file; slower is "unreachable"
ROBOTSTXT_RETRY_TIMES = 1  # one more try, then RFC 9309: 5xx/unreachable disallows the site this run
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # no article page is 8 MB; a bigger body is a file or a trap
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5  # bare domains answer with redirect stubs; chains beyond 5 are loops
COOKIES_ENABLED = False  # cookies only feed session tracking; pages do not need them

# --- bounds against traps ----------------------------------------------------
DEPTH_LIMIT = 16  # home → channel → sub → list_N … → article → related: deep, not endless
DEPTH_PRIORITY = 0
SPIDER_MIDDLEWARES = {
    # Same place as Scrapy's: parts and related articles inherit their article's depth,
    # so what DEPTH_LIMIT cuts no longer depends on crawl order (crawler/middlewares/depth.py).
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "crawler.middlewares.depth.ArticleDepthMiddleware": 900,
    # Output flows from high numbers to low: junk items go before the trap guard credits them.
    "crawler.middlewares.notarticle.NotArticleMiddleware": 960,
    "crawler.middlewares.trapguard.TrapGuardMiddleware": 950,
    # Archived article pages due for a refetch, after the spider's start requests.
    "crawler.middlewares.revisit.RevisitMiddleware": 100,
}
CRAWL_MAX_PAGES_PER_SITE = 50_000  # hard cap per host, whatever the site links to
CRAWL_MAX_QUERY_VARIANTS = 40  # distinct query strings per path: endless ?page=/?d= stop here
CRAWL_FOLLOW_OTHER = True  # follow links of unknown kind (not list, not article, not trap)
CRAWL_TRAPGUARD_ENABLED = True  # budgets per URL pattern, link cap per page, calendar shapes
CRAWL_PATTERN_BUDGET = 20  # pages of one URL pattern that may give nothing before it is cut off
CRAWL_PATTERN_BUDGET_PER_HIT = 2.0  # more such pages earned by each productive page of the pattern
CRAWL_CALENDAR_BUDGET = 5  # a date-shaped pattern (/2024/01/05/, ?day=20240105) starts smaller
CRAWL_MAX_LINKS_PER_PAGE = 500  # real list pages link < 300; parts, articles, lists are kept first

# --- what is not an article ---------------------------------------------------------
JUNK_ENABLED = True  # garbage bytes and soft 404s are dropped before the pipelines
JUNK_MAX_REPLACED_SHARE = 0.02  # U+FFFD share: a damaged real page has < 0.1%, random bytes ~12%
JUNK_MAX_CONTROL_SHARE = 0.01  # control characters: none in real pages, ~17% in random bytes
JUNK_MIN_COMMON_SHARE = 0.9  # ideographs in GB2312/Big5: demo pages >= 0.99, garbage ~0.8 or less
JUNK_SOFT404_MAX_CHARS = 600  # a "页面不存在" page is short; a real article about 404s is not

# --- pipelines -------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipelines.clean.CleanPipeline": 100,
    "pipelines.store.StorePipeline": 300,
}
CLEAN_ENABLED = True
CLEAN_MIN_CHARS = 80  # fewer characters than a short paragraph is not an article
DEDUPE_ENABLED = True
DEDUPE_NEAR_ENABLED = True  # MinHash/LSH over character shingles: copies with small edits
DEDUPE_SHINGLE_SIZE = 5  # copies keep >= 0.56 Jaccard, unrelated template essays <= 0.10 (benchmarks/README.md)
DEDUPE_NUM_PERM = 128  # signature slots: estimate error ~0.04 near the threshold
DEDUPE_BANDS = 32  # x 4 rows: Jaccard 0.56 (worst copy) proposed 96% of the time, 0.04 pairs 8e-5
DEDUPE_BAND_ROWS = 4  # slots per band (0: NUM_PERM / BANDS); 20 x 3 measured 4x slower at 100k
DEDUPE_THRESHOLD = 0.4  # middle of the 0.19 (worst negative) .. 0.56 (worst copy) gap at k=5
STORE_ENABLED = True
STORE_COMPLETE_SHARE = 0.9  # an original with less than 90% of its group's longest text lost part of it: keep the longer copy's text
ARCHIVE_PATH = os.environ.get("FANWEN_DB", "data/archive.sqlite")
ARCHIVE_PAGE_BATCH = 50  # ledger rows per commit when no article commits them sooner
ARCHIVE_INCREMENTAL = True  # skip archived article pages not due; `fanwen crawl --full` turns it off
ARCHIVE_REFRESH_DAYS = 30.0  # template articles rarely change; a monthly conditional refetch finds edits
ARCHIVE_REFRESH_DAYS_BY_SITE: dict[str, float] = {}  # {"www.example.com": 7}: per-site override of the above
ARCHIVE_EMIT_SKIPPED = False  # feeds get only what was fetched; True adds skipped articles from the archive
ARCHIVE_REVISIT = True  # also request due article pages no list links any more (finds 404/410 gone)

EXTENSIONS = {
    "crawler.extensions.jobdir.JobDirGuard": 0,  # before the scheduler opens JOBDIR; no-op without it
    # -1: its closing lines must log before LogCount (0) stops counting and the ledger saves stats
    "crawler.extensions.unreachable.UnreachableHosts": -1,
    # The one writer of the archive (run, ledger, articles) and the crawl's read-only view of it.
    "crawler.extensions.archive.ArchiveExtension": 500,
    "crawler.archive.reader.ArchiveReader": 505,
    "crawler.extensions.progress.ProgressLine": 510,
}
CRAWL_UNREACHABLE_SUMMARY = True  # one error line per unreachable host, not a traceback per request
PROGRESS_ENABLED = True  # only shows on a terminal; cron gets silence
PROGRESS_FORCE = False  # show even when stderr is not a terminal (debugging)
PROGRESS_INTERVAL = 1.0  # seconds between updates of the line
DOWNLOADER_MIDDLEWARES = {
    # RFC 9309 reading of a failed robots.txt (5xx/unreachable: disallow), in Scrapy's place.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.RobotsPolicyMiddleware": 100,
    # Before the site cap: a queued trap link refused here does not use up the site's pages.
    "crawler.middlewares.patternbudget.PatternBudgetMiddleware": 105,
    # After robots.txt (100): a disallowed URL must not use up a site's cap.
    "crawler.middlewares.sitecap.SiteCapMiddleware": 110,
    "crawler.middlewares.incremental.IncrementalMiddleware": 120,
    # Sees 429/503 before RetryMiddleware (550) schedules the retry, so the pause applies to it.
    "crawler.middlewares.retryafter.RetryAfterMiddleware": 560,
    "crawler.demo.proxy.DemoProxyMiddleware": 740,  # before HttpProxyMiddleware (750)
    # Next to the downloader (above DownloaderStats, 850): records each exchange as sent and
    # received, every redirect hop and retry, the body before HttpCompression (590) decodes it.
    "crawler.warc.capture.WarcCaptureMiddleware": 950,
}
DEMO_PROXY = ""  # set by `fanwen demo` and the tests: the loopback demo server

# --- raw capture (docs/warc.md) --------------------------------------------------
WARC_ENABLED = True  # keep every exchange: re-extraction without recrawling, proof, replay in pywb
WARC_DIR = ""  # empty: warc/ beside ARCHIVE_PATH
WARC_MAX_SIZE = 1024**3  # 1 GB per file, the size Heritrix and Browsertrix rotate at
WARC_REPLAY_SINCE_RUN = 0  # `fanwen reextract --since`: replay captures of this run and later only

# --- output ----------------------------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"  # Chinese as characters, not \u escapes
LOG_LEVEL = "INFO"
LOG_FORMATTER = "crawler.logformatter.QuietLogFormatter"  # one line per dropped page, no item dump
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"  # dropping a non-article is routine on content farms
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False  # an open port per scheduled run is a liability

# --- distributed crawl on scrapy-redis (docs/scaling.md) -------------------------------
FANWEN_REDIS_PREFIX = "fanwen"  # every Redis key of a crawl starts with it: crawls share a server by prefix
FANWEN_LEASE_SECONDS = 60  # a dead worker's requests go back to the frontier after this; live ones renew
FANWEN_WORKER_IDLE_SECONDS = 10.0  # a worker exits after this long with no request queued or leased anywhere
FANWEN_HOST_DELAY = -1.0  # seconds between two requests to a host across all workers; -1: DOWNLOAD_DELAY
FANWEN_HOST_CONCURRENCY = -1  # requests in flight per host across all workers; -1: CONCURRENT_REQUESTS_PER_DOMAIN
