"""Deterministic Chinese template-site prose for the demo site.

Articles are assembled from the clause banks in :mod:`crawler.demo.lexicon`:
each sentence joins two or three clauses whose slots are filled with
topic nouns, places, names and numbers. A corpus-wide set of emitted
sentences guarantees no sentence repeats, so near-duplicate detection in the
crawler can only fire on real copies, never on shared filler.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from crawler.demo import lexicon as lx

_SLOT = re.compile(r"\{(\w)\}")
_SYN = re.compile("|".join(sorted(map(re.escape, lx.SYNONYMS), key=len, reverse=True)))
VOICE_SHARE = 0.3  # share of each clause bank one article may use: keeps pairs apart

# Genre -> title patterns; the numeric suffix tables keep titles distinct.
TITLES: dict[str, tuple[str, ...]] = {
    "xinde": (
        "{t}心得体会",
        "参加{n}的心得体会",
        "{t}学习心得",
        "关于{n}的几点体会",
        "{y}年{t}培训心得",
    ),
    "sixiang": ("{y}年第{x}季度思想汇报", "{t}思想汇报", "入党积极分子{t}思想汇报"),
    "zongjie": ("{y}年{t}工作总结", "{t}个人工作总结", "{o}{t}年终总结", "{m}月份{n}工作总结"),
    "yanjiang": ("{t}主题演讲稿", "国旗下讲话:{t}", "以{n}为主题的演讲稿", "{o}{t}竞聘演讲稿"),
    "duhougan": ("读《{b}》有感", "《{b}》读后感", "《{b}》读书心得"),
    "zuowen": ("难忘的{n}", "我眼中的{t}", "{t}作文{x}00字", "{n}的故事"),
    "fangan": ("{t}活动方案", "{o}{n}实施方案", "{y}年{t}工作计划"),
    "ziwo": ("{o}面试自我介绍", "新员工{t}自我介绍", "竞聘{n}岗位自我介绍"),
    "fayan": ("{t}座谈会发言稿", "在{n}推进会上的发言", "{t}表态发言"),
}
COMPILATION_TITLES = ("{t}国旗下讲话稿", "{t}心得体会", "{t}演讲稿", "{t}工作总结", "{t}发言稿")
_TITLE_SUFFIXES = ("", "范文", "(精选)", "最新", "范例", "模板", "参考", "大全")
_HEADING_GENRES = {"zongjie", "fangan", "fayan", "xinde"}


Decks = dict[str, tuple[list[str], list[str]]]  # kind -> (voice pool, current deck)


@dataclass(frozen=True)
class Topic:
    """A subject with its own nouns, so articles on it share a vocabulary."""

    name: str
    slug: str
    nouns: tuple[str, ...]


TOPICS: tuple[Topic, ...] = tuple(Topic(*t) for t in lx.TOPICS)


def person(rng: random.Random) -> str:
    """A plausible Chinese name; some carry GBK-only characters."""
    return rng.choice(lx.SURNAMES) + rng.choice(lx.GIVEN)


class ProseGenerator:
    """Writes titles and paragraphs; remembers sentences to never repeat one."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._sentences: set[str] = set()
        self._titles: set[str] = set()

    def fill(self, template: str, topic: Topic, vary: bool = True) -> str:
        """Replace each slot independently, so one clause varies across uses."""
        rng = self.rng

        def pick(match: re.Match[str]) -> str:
            key = match.group(1)
            if key == "t":
                return topic.name
            if key == "n":
                return rng.choice(topic.nouns)
            if key == "p":
                return rng.choice(lx.PLACES)
            if key == "o":
                return rng.choice(lx.ORGS)
            if key == "w":
                return person(rng)
            if key == "x":
                return rng.choice(lx.CN_NUMS[1:9])
            if key == "y":
                return rng.choice(("二〇一九", "二〇二〇", "2021", "2022", "2023", "二〇二三"))
            if key == "m":
                return str(rng.randint(1, 12))
            if key == "b":
                return rng.choice(lx.BOOKS)
            raise KeyError(key)

        if not vary:
            return _SLOT.sub(pick, template)
        varied = _SYN.sub(lambda m: rng.choice(lx.SYNONYMS[m.group(0)]), template)
        if rng.random() < 0.15:
            varied = rng.choice(lx.LEADS) + "，" + varied
        return _SLOT.sub(pick, varied)

    def title(self, genre: str, topic: Topic, patterns: Sequence[str] | None = None) -> str:
        """A title not used before in this corpus."""
        patterns = patterns or TITLES[genre]
        for attempt in range(60):
            base = self.fill(self.rng.choice(patterns), topic, vary=False)
            suffix = _TITLE_SUFFIXES[attempt // 8] if attempt >= 8 else ""
            candidate = base + suffix
            if candidate not in self._titles:
                self._titles.add(candidate)
                return candidate
        candidate = f"{base}({len(self._titles)})"
        self._titles.add(candidate)
        return candidate

    def _clauses(self, genre: str) -> Decks:
        """Per-article "voice": a random share of each bank, drawn as a deck."""
        rng = self.rng
        banks = {"open": lx.OPEN, "mid": lx.MID, "close": lx.CLOSE, "genre": lx.GENRE[genre]}
        decks: Decks = {}
        for kind, bank in banks.items():
            pool = rng.sample(bank, max(4, int(len(bank) * VOICE_SHARE)))
            decks[kind] = (pool, [])
        return decks

    def _draw(self, decks: Decks, kind: str) -> str:
        pool, deck = decks[kind]
        if not deck:
            deck.extend(pool)
            self.rng.shuffle(deck)
        return deck.pop()

    def sentence(self, genre: str, topic: Topic, decks: Decks) -> str:
        """Two or three clauses joined; retried until the sentence is new."""
        patterns = (
            ("open", "mid"),
            ("mid", "close"),
            ("open", "mid", "close"),
            ("genre", "close"),
            ("open", "genre"),
            ("genre", "mid"),
            ("mid",),
        )
        text = ""
        for _ in range(20):
            pattern = self.rng.choice(patterns)
            clauses = [self.fill(self._draw(decks, kind), topic) for kind in pattern]
            end = "！" if genre == "yanjiang" and self.rng.random() < 0.3 else "。"
            text = "，".join(clauses) + end
            if text not in self._sentences:
                break
        self._sentences.add(text)
        return text

    def heading(self, index: int, topic: Topic) -> str:
        return (
            lx.CN_NUMS[index % 10]
            + "、"
            + self.fill(self.rng.choice(lx.HEADINGS), topic, vary=False)
        )

    def paragraphs(
        self, genre: str, topic: Topic, count: int, chars: int, decks: Decks | None = None
    ) -> list[str]:
        """`count` paragraphs of about `chars` characters in total."""
        decks = decks or self._clauses(genre)
        with_headings = genre in _HEADING_GENRES and count >= 8 and self.rng.random() < 0.6
        per_para = max(40, chars // count)
        out: list[str] = []
        section = 0
        for i in range(count):
            if with_headings and i % 4 == 1:
                out.append(self.heading(section, topic))
                section += 1
                continue
            para = ""
            while len(para) < per_para * self.rng.uniform(0.7, 1.3):
                para += self.sentence(genre, topic, decks)
            out.append(para)
        return out

    def essays(self, genre: str, topic: Topic, count: int, chars: int) -> list[str]:
        """A compilation body: "篇1" … "篇N" headings, each before its own essay."""
        out: list[str] = []
        decks = self._clauses(genre)  # one voice: a compilation must not span the whole bank
        for n in range(1, count + 1):
            out.append(f"篇{n}")
            out.extend(self.paragraphs(genre, topic, self.rng.randint(2, 4), chars // count, decks))
        return out


def bigrams(paragraphs: Sequence[str]) -> set[str]:
    """Character bigrams of the concatenated text: the similarity unit of the tests."""
    text = "".join(paragraphs)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0
