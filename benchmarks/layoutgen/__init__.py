"""Layout-variation generator: template-site pages composed from independently drawn parts.

Article and list pages are assembled from parts drawn one by one (body
markup, class naming, wrapper depth, boilerplate kinds and their positions,
URL shape, charset …), with the truth known by construction, so extraction
and page-kind rules are checked on combinations nobody tuned for.

    python -m benchmarks.layoutgen --pages 2000 --seed 1 [--worst 20] [--dump DIR] [--json]

Modules, one job each: ``vocab`` (word lists), ``prose`` (article text),
``naming`` (class/id names), ``markup`` (body markup styles), ``boilerplate``
and ``info`` (what is not the article, and where it sits), ``chrome`` (page
furniture), ``urls`` (URL shapes), ``charset`` (bytes and declarations),
``article`` / ``listpage`` (composition), ``generate`` (the seeded stream),
``harness`` (fanwen's real spider callback and clean pipeline), ``metrics`` /
``scoring`` / ``report`` (numbers, breakdowns, worst pages, dumps).
"""

from benchmarks.layoutgen.generate import generate
from benchmarks.layoutgen.page import GeneratedPage, Inserted, Truth

__all__ = ["GeneratedPage", "Inserted", "Truth", "generate"]
