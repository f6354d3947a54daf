"""Class and id attributes: semantic, random or absent, drawn per page.

A rule that works only because the body is called ``content`` is a rule tuned
for the sites someone looked at; drawing the names independently of the
layout shows which extraction steps depend on names and which on structure.
"""

from __future__ import annotations

import random
import string

from benchmarks.layoutgen.vocab import SEMANTIC

STYLES = ("semantic", "random", "absent")


def random_name(rng: random.Random) -> str:
    """A minified-looking token such as ``c7x2`` or ``bd_k3q``."""
    head = rng.choice(string.ascii_lowercase)
    tail = "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(rng.randint(2, 5)))
    return rng.choice(("", "x_", "bd_", "m-")) + head + tail


class Namer:
    """Names for one page: every role follows the page's style, with some mixing.

    Real pages mix: a random-named page still has a ``footer``; a semantic one
    has a few anonymous divs. ``purity`` is the share of roles following the style.
    """

    def __init__(self, rng: random.Random, style: str, purity: float = 0.85) -> None:
        self.rng, self.style, self.purity = rng, style, purity

    def attr(self, role: str) -> str:
        """`` class="…"`` / `` id="…"`` (with the leading space) or ``""``."""
        style = self.style if self.rng.random() < self.purity else self.rng.choice(STYLES)
        if style == "absent":
            return ""
        name = (self.rng.choice(SEMANTIC[role]) if style == "semantic" and role in SEMANTIC
                else random_name(self.rng))
        if self.rng.random() < 0.2:
            return f' id="{name}"'
        extra = f" {random_name(self.rng)}" if self.rng.random() < 0.15 else ""
        return f' class="{name}{extra}"'

    def named(self, role: str) -> str:
        """Like ``attr`` but never empty: for roles a real page always names."""
        return self.attr(role) or f' class="{random_name(self.rng)}"'
