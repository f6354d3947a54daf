"""Page to article: decode, read the layout, judge the page, clean the text.

Nothing here knows the archive or a running crawl: the spider, `fanwen extract`,
the benchmarks and re-extraction all call the same functions.
"""
