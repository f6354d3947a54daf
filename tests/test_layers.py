"""The import graph keeps the data flow's shape: no cycles, and only the archive writes.

spiders and middlewares may read the archive (``crawler.archive.reader``) but
never import its write side; extraction and dedup know nothing of the archive
or of Scrapy's crawl objects. A change that breaks this fails here, not in a
review months later.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "pipelines")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Project modules ``path`` imports, at any depth of the file (lazy imports count)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                target = full if full in MODULES else node.module
                if target in MODULES:
                    out.add(target)
        elif isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names if alias.name in MODULES}
    return out


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in GRAPH[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in GRAPH:
        if name not in index:
            visit(name)
    return found


def test_no_import_cycle() -> None:
    assert _cycles() == []


@pytest.mark.parametrize("layer", ["crawler.spiders", "crawler.middlewares"])
def test_crawling_reads_the_archive_never_writes_it(layer: str) -> None:
    for name, targets in GRAPH.items():
        if name.startswith(layer):
            archive = {t for t in targets if t.startswith("crawler.archive")}
            assert archive <= {"crawler.archive.reader"}, f"{name} imports {archive}"
            assert "crawler.extensions.archive" not in targets, name


@pytest.mark.parametrize("layer", ["crawler.extraction", "crawler.dedup"])
def test_extraction_and_dedup_stand_alone(layer: str) -> None:
    for name, targets in GRAPH.items():
        if name.startswith(layer):
            outside = {t for t in targets if t.startswith(("crawler.archive", "crawler.spiders",
                                                           "crawler.middlewares", "pipelines",
                                                           "crawler.cli"))}
            assert not outside, f"{name} imports {outside}"


def test_one_writer_class() -> None:
    """Only the writer (and the schema's migrations, the copy groups and indexes it
    drives) hold SQL that changes archive rows; crawl components hold none. The one
    other is `fanwen reextract`'s rebuild, which runs with no crawl open: it moves the
    old file's runs, pages and versions into the replayed one (docs/warc.md)."""
    writers = set()
    for name, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        if any(verb in source for verb in ("INSERT INTO", "UPDATE pages", "UPDATE articles",
                                           "UPDATE sightings", '.table("runs").insert')):
            writers.add(name)
    assert writers <= {
        "crawler.archive.writer", "crawler.archive.groups", "crawler.archive.schema",
        "crawler.archive.fts", "crawler.dedup.nearindex", "crawler.archive.rebuild",
    }, writers
