"""The raw capture: every HTTP exchange of a crawl kept in WARC files (ISO 28500).

``records`` turns Scrapy requests and responses into warcio records,
``files`` appends them to a rotating, crash-safe set of ``.warc.gz`` files,
``capture`` is the downloader middleware that does both during a crawl,
``reader`` reads a record back (skipping a torn last record), ``replay``
answers a crawl's requests from the files (``fanwen reextract``).
"""
