"""One log line per dropped page, its reason and its URL; the item only at DEBUG.

Scrapy's LogFormatter.dropped prints the whole item under the reason. An
ArticleRecord dropped by the clean pipeline still holds its raw pages, so a
run over a content farm logged megabytes of HTML (2.8 MB, ~5,000 lines in
one run of the hostile test site). Set as ``LOG_FORMATTER``.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure


class QuietLogFormatter(LogFormatter):
    """Scrapy's formatter, but ``dropped`` is one line unless LOG_LEVEL is DEBUG."""

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None,
                spider: Spider) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        url = getattr(item, "url", None) or getattr(response, "url", "")
        result["args"] = {"exception": exception, "item": item, "url": url}
        said = url and url in str(exception)
        result["msg"] = "Dropped: %(exception)s" if said else "Dropped %(url)s: %(exception)s"
        if _level(spider.crawler.settings.get("LOG_LEVEL")) <= logging.DEBUG:
            result["msg"] += "\n%(item)s"
        return result


def _level(name: object) -> int:
    return name if isinstance(name, int) else logging.getLevelName(str(name).upper())
