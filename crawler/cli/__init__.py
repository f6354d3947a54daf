"""The ``fanwen`` command group: a thin layer over crawler and archive.

Each command lives in a module of this package by what it works on
(crawling, reading the archive); this module only assembles the group.
Exit codes: 0 ok; 1 user error (one line on stderr); 2 usage error (click);
3 the crawl failed or closed abnormally; 4 another crawl holds the archive;
5 the archive cannot be written.
"""

from __future__ import annotations

import click

from crawler import __version__
from crawler.cli import archive, crawl, distributed, extract, provenance, query, serve, warc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fanwen")
def main() -> None:
    """fanwen: crawl Chinese template (范文) sites into a clean, deduplicated,
    searchable SQLite archive that remembers every copy it saw.

    \b
    Example:
      fanwen demo                       # crawl the bundled demo site
      fanwen crawl https://www.example.com/ --max-pages 5000
      fanwen search 先进性教育 --site www.example.com
      fanwen show 42
      fanwen export -o articles.jsonl.gz
      fanwen stats
    """


for module in (crawl, distributed, archive, query, provenance, extract, serve, warc):
    for command in module.COMMANDS:
        main.add_command(command)
