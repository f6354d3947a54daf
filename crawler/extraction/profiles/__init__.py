"""Site profiles: what fanwen knows about one template family, kept as data.

A profile is one TOML file in this folder. Selectors and URL patterns are data,
not code, so supporting a new family means adding a file, not a branch in the
spider. `generic.toml` holds the defaults every profile inherits and is the
fallback for sites no profile matches: its selectors are the union of what the
known families use, and the extractor falls back to text-density heuristics
when none of them hits.

A profile matches a page by host (``hosts``: domain suffixes the family is
known to run on) or, failing that, by markup (``detect``: CSS selectors that
all occur on the page), because template copies move to new domains all the
time while their markup stays the same.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from parsel import Selector

# A Traversable, not a Path: installed as a zipped egg (scrapyd) the TOML files
# live inside a zip archive, where Path(...).open() fails with NotADirectoryError.
PROFILE_DIR: Traversable = resources.files(__package__)
GENERIC = "generic"


@dataclass(frozen=True)
class Profile:
    """Selectors and URL rules of one template family.

    Every selector field is a tuple of CSS selectors tried in order; the first
    that matches wins. Regex fields are matched against the URL path+query.
    """

    name: str
    description: str = ""
    hosts: tuple[str, ...] = ()
    detect: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    breadcrumb: tuple[str, ...] = ()
    info: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    unwrap_links: tuple[str, ...] = ()
    stop_markers: tuple[str, ...] = ()
    article_url: tuple[str, ...] = ()
    list_url: tuple[str, ...] = ()
    trap_url: tuple[str, ...] = ()
    next_part_url: tuple[str, ...] = ()
    mirrors: dict[str, str] = field(default_factory=dict)

    def url_matches(self, kind: str, path: str) -> bool:
        """True when ``path`` matches one of the profile's ``<kind>_url`` regexes."""
        return any(p.search(path) for p in _compiled(getattr(self, f"{kind}_url")))

    def matches_host(self, host: str) -> bool:
        host = host.lower()
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def matches_page(self, selector: Selector) -> bool:
        return bool(self.detect) and all(selector.css(css) for css in self.detect)


@cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _merge(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """Own values replace the base; list values listed with ``+`` extend it.

    A key ``"+drop"`` appends to the generic ``drop`` list, so a family adds its
    own boilerplate without repeating the shared one.
    """
    merged = dict(base)
    for key, value in own.items():
        if key.startswith("+"):
            merged[key[1:]] = list(merged.get(key[1:], [])) + list(value)
        else:
            merged[key] = value
    return merged


def _build(data: dict[str, Any]) -> Profile:
    known = {f.name for f in fields(Profile)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"profile {data.get('name')!r}: unknown keys {sorted(unknown)}")
    kwargs: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return Profile(**kwargs)


def _read(path: Traversable) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@cache
def load_profiles(directory: Traversable = PROFILE_DIR) -> dict[str, Profile]:
    """All profiles of ``directory``, each merged over ``generic.toml``."""
    generic = _read(directory / f"{GENERIC}.toml")
    generic["name"] = GENERIC
    profiles = {GENERIC: _build(generic)}
    files = sorted((p for p in directory.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)
    for path in files:
        stem = path.name.removesuffix(".toml")
        if stem == GENERIC:
            continue
        own = _read(path)
        own.setdefault("name", stem)
        profiles[own["name"]] = _build(_merge(generic, own))
    return profiles


def get_profile(name: str) -> Profile:
    profiles = load_profiles()
    if name not in profiles:
        raise KeyError(f"unknown profile {name!r}; known: {', '.join(sorted(profiles))}")
    return profiles[name]


def profile_for(host: str, selector: Selector | None = None) -> Profile:
    """The profile for a page: by host first, then by markup, else generic."""
    profiles = load_profiles()
    specific = [p for p in profiles.values() if p.name != GENERIC]
    for profile in specific:
        if profile.matches_host(host):
            return profile
    if selector is not None:
        for profile in specific:
            if profile.matches_page(selector):
                return profile
    return profiles[GENERIC]
