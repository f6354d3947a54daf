"""A generated page and its truth, known by construction.

Every string the generator puts on a page is recorded as it is put there:
the article's paragraphs (exactly the text a perfect extractor returns), and
each boilerplate insertion with its class, its position and the distinctive
"cores" whose presence in archived text proves it leaked. Nothing here is
ever derived from an extractor's output.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Inserted:
    """One piece of boilerplate (or one keyword link) placed on the page.

    ``cores`` are substrings of what the reader sees; any of them found in the
    archived text (and absent from the true text) is a leak. For
    ``keyword_link`` the logic is inverted: the core is the linked word with
    its neighbours, and it must be *kept*.
    """

    cls: str
    position: str  # top | middle | end | after | outside | header | inline
    cores: list[str]
    text: str = ""  # what a reader sees of it, for --worst and --dump
    at: int = -1  # for middle insertions: index of the first true paragraph after it


@dataclass
class Truth:
    """What a perfect archive makes of the page."""

    kind: str  # article | list
    url: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    origin: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601; with seconds when the page shows a time
    inserted: list[Inserted] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)  # dimension -> value drawn

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class GeneratedPage:
    """The bytes a server would send for one URL, and the truth about them."""

    index: int
    body: bytes
    content_type: str | None  # the HTTP header, None when the server sends none
    truth: Truth

    @property
    def url(self) -> str:
        return self.truth.url

    @property
    def kind(self) -> str:
        return self.truth.kind
