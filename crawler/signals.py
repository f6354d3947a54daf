"""fanwen's own crawl signals (Scrapy signals are plain sentinel objects).

They carry page facts to whoever keeps the ledger (the archive extension of a
local crawl, or a forwarder to another process): the components that notice
a fact never write it themselves.
"""

# Sent by the spider's errback: kwargs request, failure. The ledger records the
# error against the URL so `fanwen runs`/`pages` say what could not be fetched.
page_failed = object()
# Sent by the incremental middleware: kwargs request. A conditional refetch
# answered 304: the archived page is current.
page_not_modified = object()
# Sent by the incremental middleware: kwargs request, response. The page now
# answers 404/410; its article is kept.
page_gone = object()
