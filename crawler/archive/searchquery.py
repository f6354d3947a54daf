"""The search language, parsed once and used three ways.

``fanwen search`` accepts terms (substrings, any length, any script),
``"quoted phrases"`` (whitespace inside matches any whitespace), ``AND``
(also implied by a space), ``OR``, ``NOT`` and parentheses. The parsed tree is
rewritten to an FTS5 expression over the n-gram index (:func:`to_fts`),
evaluated directly on text (:func:`matches`: the definition the index must
equal, used to verify hits and by the tests), and mined for the terms to
highlight (:func:`positive_terms`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.archive.ngrams import fold, fts_phrase


class QueryError(ValueError):
    """The query cannot be understood (said in one line for the user)."""


@dataclass(frozen=True)
class Term:
    text: str


@dataclass(frozen=True)
class All:
    include: tuple[Node, ...]
    exclude: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Either:
    options: tuple[Node, ...]


Node = Term | All | Either
_LEXEME = re.compile(r'"([^"]*)"|([()])|([^\s()"]+)|(")')
_KEYWORDS = {"AND", "OR", "NOT"}


def lex(query: str) -> list[tuple[str, str]]:
    """(kind, value) pairs; kind is 'term', 'op' or the parenthesis itself."""
    out: list[tuple[str, str]] = []
    for quoted, paren, word, stray in _LEXEME.findall(query):
        if stray:
            raise QueryError("unbalanced double quote in query")
        if paren:
            out.append((paren, paren))
        elif word in _KEYWORDS:
            out.append(("op", word))
        elif word or quoted.strip():
            out.append(("term", word or quoted))
    return out


class _Parser:
    """Recursive descent over the lexemes; every error names the token at fault."""

    def __init__(self, lexemes: list[tuple[str, str]]) -> None:
        self.items = lexemes
        self.pos = 0
        self.depth = 0  # open parentheses

    def peek(self) -> tuple[str, str] | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def take(self) -> tuple[str, str]:
        item = self.items[self.pos]
        self.pos += 1
        return item

    def either(self) -> Node:
        options = [self.all(None)]
        while self.peek() == ("op", "OR"):
            self.take()
            options.append(self.all("OR"))
        return options[0] if len(options) == 1 else Either(tuple(options))

    def all(self, after: str | None) -> Node:
        """Terms joined by AND (or a space), minus NOT terms; ``after`` is the
        operator before this group of terms, if any (it needs a term)."""
        include: list[Node] = []
        exclude: list[Node] = []
        pending = after  # an operator still waiting for its term
        while (item := self.peek()) not in (None, (")", ")"), ("op", "OR")):
            if item == ("op", "AND"):
                if pending:
                    raise QueryError(f"{pending} needs a term after it, not AND")
                if not include and not exclude:
                    raise QueryError("AND needs a term before it")
                self.take()
                pending = "AND"
            elif item == ("op", "NOT"):
                self.take()
                exclude.append(self.atom("NOT"))
                pending = None
            else:
                include.append(self.atom(pending))
                pending = None
        if pending:
            raise QueryError(f"{pending} needs a term after it")
        if not include:
            raise QueryError(self._missing_term(bool(exclude)))
        if len(include) == 1 and not exclude:
            return include[0]
        return All(tuple(include), tuple(exclude))

    def _missing_term(self, only_excluded: bool) -> str:
        """Why a group of terms came out empty, said as the user would fix it."""
        if only_excluded:
            return "NOT only excludes: add a term to search for, e.g. 'a NOT b'"
        item = self.peek()
        if item == ("op", "OR"):
            return "OR needs a term before it"
        if item == (")", ")"):
            return "empty parentheses ()" if self.depth else "unmatched ')'"
        return "'(' is never closed"

    def atom(self, after: str | None) -> Node:
        item = self.peek()
        if item is None or item[0] in ("op", ")"):
            found = f", not {item[1]}" if item else ""
            raise QueryError(f"{after or 'the query'} needs a term after it{found}")
        kind, value = self.take()
        if kind == "term":
            return Term(value)
        return self.group()

    def group(self) -> Node:
        """After '(': the query inside, up to its ')'."""
        before = self.items[self.pos - 2][1] if self.pos >= 2 else ""
        if before.upper() == "NEAR":
            raise QueryError("NEAR(...) is not supported: terms match anywhere; use AND")
        self.depth += 1
        node = self.either()
        if self.peek() != (")", ")"):
            raise QueryError("'(' is never closed")
        self.take()
        self.depth -= 1
        return node


def parse(query: str) -> Node:
    """The query's tree, or QueryError saying what is wrong with it."""
    parser = _Parser(lex(query))
    if parser.peek() is None:
        raise QueryError("empty query")
    node = parser.either()
    if parser.peek() is not None:
        raise QueryError("unmatched ')'")
    return node


def to_fts(node: Node) -> str:
    """The FTS5 MATCH expression over the n-gram index for ``node``."""
    if isinstance(node, Term):
        return fts_phrase(node.text)
    if isinstance(node, Either):
        return " OR ".join(f"({to_fts(n)})" for n in node.options)
    positive = " AND ".join(f"({to_fts(n)})" for n in node.include)
    if not node.exclude:
        return positive
    negative = " OR ".join(f"({to_fts(n)})" for n in node.exclude)
    return f"({positive}) NOT ({negative})"


def term_pattern(text: str) -> re.Pattern[str]:
    """``text`` as a regex over folded text: whitespace inside matches any run."""
    return re.compile(r"\s+".join(map(re.escape, fold(text).split())))


def matches(node: Node, fields: list[str]) -> bool:
    """Whether folded ``fields`` (title, text) satisfy ``node``: the ground truth."""
    if isinstance(node, Term):
        pattern = term_pattern(node.text)
        return any(pattern.search(field) for field in fields)
    if isinstance(node, Either):
        return any(matches(n, fields) for n in node.options)
    return all(matches(n, fields) for n in node.include) and not any(
        matches(n, fields) for n in node.exclude
    )


def positive_terms(node: Node) -> list[str]:
    """Terms whose presence made a hit (excluded terms are not highlighted)."""
    if isinstance(node, Term):
        return [node.text]
    children = node.options if isinstance(node, Either) else node.include
    return [term for child in children for term in positive_terms(child)]
