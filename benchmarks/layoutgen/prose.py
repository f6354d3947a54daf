"""Article text: title, channel and paragraphs, from the project's own prose sources.

Most articles come from the demo's clause-bank generator (formulaic 范文
prose that never repeats a sentence); some are the hand-written essays of the
extraction set. Lengths, "一、" headings and "篇N" compilations vary, because
extraction rules keyed on a paragraph count or a heading shape break there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.extraction_set.corpus import FANWEN
from benchmarks.layoutgen.vocab import CHANNELS, TITLE_FORMS
from crawler.demo.corpus import TITLES, TOPICS, ProseGenerator, Topic

LENGTHS = {"short": (3, 4, 260), "medium": (4, 8, 900), "long": (8, 14, 2200)}


@dataclass(frozen=True)
class ArticleText:
    title: str
    channel: str  # channel name, e.g. 工作总结
    slug: str  # channel path slug
    paragraphs: list[str]
    source: str  # demo | corpus | compilation
    length: str  # short | medium | long


class ProseSource:
    """Draws article texts; one per call, never the same sentence twice (demo prose)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.prose = ProseGenerator(rng)

    def article(self) -> ArticleText:
        rng = self.rng
        channel, slug = rng.choice(CHANNELS)
        roll = rng.random()
        if roll < 0.12:
            record = rng.choice(FANWEN)
            return ArticleText(record["title"], channel, slug, list(record["paras"]), "corpus", "medium")
        genre = rng.choice(list(TITLES))
        topic = rng.choice(TOPICS)
        if roll < 0.18:
            count = rng.randint(2, 4)
            title = f"{topic.name}{rng.choice(('心得体会', '演讲稿', '工作总结'))}（通用{count}篇）"
            paras = self.prose.essays(genre, topic, count, rng.randint(900, 1800))
            return ArticleText(title, channel, slug, paras, "compilation", "long")
        length = rng.choices(list(LENGTHS), weights=(2, 5, 3))[0]
        low, high, chars = LENGTHS[length]
        paras = self.prose.paragraphs(genre, topic, rng.randint(low, high), chars)
        if length != "short" and rng.random() < 0.3 and not any("、" in p[:3] for p in paras):
            paras = self._with_headings(paras, topic)
        title = rng.choice(TITLE_FORMS).format(t=self.prose.title(genre, topic))
        return ArticleText(title, channel, slug, paras, "demo", length)

    def _with_headings(self, paras: list[str], topic: Topic) -> list[str]:
        """Insert "一、…" headings every few paragraphs (the demo only does it for long texts)."""
        out: list[str] = []
        for i, para in enumerate(paras):
            if i % 3 == 0:
                out.append(self.prose.heading(i // 3, topic))
            out.append(para)
        return out

    def blurb(self, chars: int) -> str:
        """A list-page teaser: the start of some article, cut like template sites cut it."""
        genre, topic = self.rng.choice(list(TITLES)), self.rng.choice(TOPICS)
        text = self.prose.paragraphs(genre, topic, 1, chars + 40)[0]
        return text[:chars] + self.rng.choice(("...", "…", "……", ""))

    def title(self) -> str:
        genre, topic = self.rng.choice(list(TITLES)), self.rng.choice(TOPICS)
        return self.prose.title(genre, topic)
