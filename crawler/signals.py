"""fanwen's own crawl signals (Scrapy signals are plain sentinel objects)."""

# Sent by the spider's errback: kwargs request, failure. The ledger records the
# error against the URL so `fanwen runs`/`pages` say what could not be fetched.
page_failed = object()
