"""The docs keep up with the code: every `fanwen` command and option, every setting of
fanwen's own, and every middleware in the settings is named in README.md or docs/*.md."""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from scrapy.settings import default_settings

from crawler import settings
from crawler.cli import main

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = Path(settings.__file__)
DOCS = "\n".join(p.read_text(encoding="utf-8")
                 for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def commands(group: click.Group = main, prefix: str = "fanwen") -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from commands(command, path)


def options() -> Iterator[tuple[str, str]]:
    for path, command in commands():
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                for flag in param.opts + param.secondary_opts:
                    if flag.startswith("--") and flag != "--help":
                        yield path, flag


def assigned_names() -> list[str]:
    """Upper-case names assigned at the top level of crawler/settings.py, in order."""
    names = []
    for node in ast.parse(SETTINGS.read_text(encoding="utf-8")).body:
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, ast.AnnAssign) else [])
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()]
    return names


def own_settings() -> list[str]:
    """fanwen's settings: the names in crawler/settings.py Scrapy does not define."""
    return [n for n in dict.fromkeys(assigned_names()) if not hasattr(default_settings, n)]


def mentioned(word: str, text: str = DOCS) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


@pytest.mark.parametrize("path", [p for p, _ in commands()])
def test_every_command_is_documented(path: str) -> None:
    name = path.removeprefix("fanwen ")
    assert mentioned(f"fanwen {name}"), f"`{path}` is in no README.md or docs/*.md"


@pytest.mark.parametrize("path,flag", list(options()))
def test_every_option_is_documented(path: str, flag: str) -> None:
    assert mentioned(flag), f"`{path} {flag}` is in no README.md or docs/*.md"


@pytest.mark.parametrize("name", own_settings())
def test_every_own_setting_is_documented(name: str) -> None:
    assert mentioned(name), f"setting {name} (crawler/settings.py) is in no README.md or docs/*.md"


def test_settings_assign_each_name_once() -> None:
    """A second assignment silently replaces the first (a merge once lost a middleware)."""
    assert [n for n, c in Counter(assigned_names()).items() if c > 1] == []


def test_the_setting_prefixes_are_covered() -> None:
    assert {n.split("_")[0] for n in own_settings()} >= {
        "FANWEN", "ARCHIVE", "DEDUPE", "CRAWL", "CLEAN", "STORE", "JUNK"}


@pytest.mark.parametrize("path", [
    p for p, n in {**settings.DOWNLOADER_MIDDLEWARES, **settings.SPIDER_MIDDLEWARES}.items()
    if n is not None and p.startswith("crawler.")])
def test_every_middleware_is_in_the_architecture(path: str) -> None:
    assert mentioned(path.rsplit(".", 1)[1], ARCHITECTURE), f"{path} is not in docs/architecture.md"
