"""Character n-gram tokens for the Chinese full-text index.

FTS5's own tokenizers cannot serve Chinese: ``unicode61`` makes a whole run
of Han characters one token, and ``trigram`` cannot match 1–2 character
queries (on SQLite 3.40 it silently returns nothing). Python's ``sqlite3``
cannot register a custom tokenizer either, and a tokenizer that only fanwen
knows would make the archive unreadable to datasette and other clients.

So fanwen tokenizes in Python and hands FTS5 ready-made tokens through the
built-in ``ascii`` tokenizer, which keeps every non-ASCII character inside a
token and splits only on ASCII punctuation and spaces:

* text is case-folded and cut into *runs* at whitespace;
* every character of a run gives one token: the trigram starting there, or,
  for the run's last two characters, the bigram and the character alone;
* ASCII punctuation is mapped into the Private Use Area so ``ascii`` keeps it.

One token per character means FTS5 positions are character positions, so a
query term of n ≥ 3 characters is the FTS5 phrase of its n-2 trigrams, and a
1- or 2-character term is the prefix query ``"c"*`` / ``"cd"*`` (every
occurrence starts a token), answered from FTS5's prefix indexes (``prefix='1
2'``). All are exact substring tests, not approximations.

Why trigrams rather than bigrams: a phrase costs FTS5 the doclists of all its
tokens. The bigrams of common characters (的, 了, 在 …) sit in nearly every
article, so a rare 4-character phrase made of them scanned most of the index
(60 ms at 200k articles); its trigrams are far rarer. The 2-character prefix
index gives 2-character queries what the bigram tokens gave them.
"""

from __future__ import annotations

import re

# ASCII characters the ``ascii`` tokenizer would treat as separators, except
# whitespace (which separates runs anyway), moved where it keeps them.
_PRIVATE_BASE = 0xE000
_ESCAPED = [c for c in range(128) if not chr(c).isalnum() and not chr(c).isspace()]
_ESCAPES = str.maketrans({c: chr(_PRIVATE_BASE + c) for c in _ESCAPED})
# translate() costs more than the rest of tokenizing; most Chinese text needs none.
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _ESCAPED))) + "]")


def fold(text: str) -> str:
    """The case-insensitive form both the index and the queries are built from."""
    return text.lower()


def runs(text: str) -> list[str]:
    """Whitespace-separated runs of ``text``, folded and escaped for FTS5."""
    folded = fold(text)
    if _NEEDS_ESCAPE.search(folded):
        folded = folded.translate(_ESCAPES)
    return folded.split()


def run_tokens(run: str) -> list[str]:
    """One token per character: trigrams, then the last bigram and the last character."""
    tokens = list(map(_join3, run, run[1:], run[2:]))
    if len(run) >= 2:
        tokens.append(run[-2:])
    tokens.append(run[-1])
    return tokens


def _join3(a: str, b: str, c: str) -> str:
    return a + b + c


def index_tokens(text: str | None) -> str:
    """The token stream FTS5 stores for ``text`` (space-separated)."""
    if not text:
        return ""
    return " ".join(" ".join(run_tokens(run)) for run in runs(text))


def phrase_tokens(words: list[str]) -> tuple[list[str], bool]:
    """Tokens of a phrase of escaped ``words``, and whether the last is a prefix.

    Every word but the last must end its run (so it ends with its last bigram
    and last character); the last word may continue, so it contributes only
    its trigrams, or, when one or two characters long, a prefix token.
    """
    tokens: list[str] = []
    for word in words[:-1]:
        tokens.extend(run_tokens(word))
    last = words[-1]
    if len(last) <= 2:
        tokens.append(last)
        return tokens, True
    tokens.extend(map(_join3, last, last[1:], last[2:]))
    return tokens, False


def fts_phrase(text: str) -> str:
    """The FTS5 expression matching ``text`` as a substring (whitespace: any run)."""
    words = runs(text)
    if not words:
        raise ValueError("empty search term")
    tokens, prefix = phrase_tokens(words)
    return '"' + " ".join(tokens) + '"' + ("*" if prefix else "")
