"""Character hygiene of every stored field, and of what commands print.

Hostile or broken pages put BEL, ESC, DEL and C1 controls (U+009B is a
terminal's CSI) into titles, bylines and tags. The archive promises no
control character but ``\\n`` (the paragraph break) in any field, so the
clean pipeline passes each finished article through :func:`tidy_article`
once, whatever the extractor did. Zero-width joiners are kept where they
glue an emoji sequence (👨‍👩‍👧 is one family, not three people) and dropped
elsewhere, where they are invisible debris. :func:`printable` is for the
terminal: a stored value from an older archive still never reaches it raw.
"""

from __future__ import annotations

import re

# C0 (but \n), DEL and C1: the characters a stored field never holds.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_WHITESPACE_CONTROL = re.compile(r"[\t\n\v\f\r\x85]")
_RUNS_OF_SPACE = re.compile(r" {2,}")
# Emoji and the modifiers that may stand on either side of a joiner.
_EMOJI = "\u00a9\u00ae\u203c-\u3299\ufe0f\U0001f000-\U0001faff\U000e0020-\U000e007f"
LONE_JOINER = re.compile(rf"(?<![{_EMOJI}])\u200d|\u200d(?![{_EMOJI}])")


def drop_lone_joiners(text: str) -> str:
    """Zero-width joiners out, except between two emoji (a ZWJ sequence)."""
    return LONE_JOINER.sub("", text) if "\u200d" in text else text


def plain_field(value: str) -> str:
    """A one-line field: line breaks and tabs become spaces, other controls go."""
    value = _WHITESPACE_CONTROL.sub(" ", value)
    value = drop_lone_joiners(CONTROL.sub("", value))
    return _RUNS_OF_SPACE.sub(" ", value).strip()


def optional_field(value: str | None) -> str | None:
    return (plain_field(value) or None) if value is not None else None


def field_items(values: list[str]) -> list[str]:
    return [clean for value in values if (clean := plain_field(value))]


def has_control(value: str) -> bool:
    return CONTROL.search(value) is not None


def printable(text: str, keep: tuple[str, ...] = ()) -> str:
    """``text`` safe for a terminal: controls but ``\\n`` shown as ``\\x1b``-style escapes.

    ``keep`` are the command's own escape sequences (search highlighting),
    left working while everything between them is escaped.
    """
    if not text:
        return text
    if keep:
        pattern = "(" + "|".join(map(re.escape, keep)) + ")"
        return "".join(part if part in keep else printable(part) for part in re.split(pattern, text))
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
