"""The page stream: deterministic by seed, article and list pages mixed.

Each page draws its layout from its own RNG (seeded by the run seed and the
page number), so page *i* looks the same whatever else changes; the prose
comes from one shared generator that never repeats a sentence.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from benchmarks.layoutgen.article import article_page
from benchmarks.layoutgen.listpage import list_page
from benchmarks.layoutgen.page import GeneratedPage
from benchmarks.layoutgen.prose import ProseSource

LIST_SHARE = 0.2  # about one page in five is a list, as on a crawl of a template site


def generate(seed: int, pages: int, list_share: float = LIST_SHARE) -> Iterator[GeneratedPage]:
    """``pages`` pages for ``seed``; the first N pages of a longer run are the same N pages."""
    prose = ProseSource(random.Random(f"prose/{seed}"))
    for index in range(pages):
        rng = random.Random(f"page/{seed}/{index}")
        make = list_page if rng.random() < list_share else article_page
        yield make(index, rng, prose)
