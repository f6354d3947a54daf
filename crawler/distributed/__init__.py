"""The distributed crawl on scrapy-redis: roles seed / worker / ingest (docs/scaling.md).

Workers share a Redis frontier, dupefilter and politeness state; a popped
request is leased until its outputs are in Redis; one ingest process is the
only writer of the archive.
"""
