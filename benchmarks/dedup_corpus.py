"""A labelled stream of Chinese template-site documents for the dedup benchmark.

Essays come from the demo site's prose generator (:mod:`crawler.demo.corpus`,
read-only here), so they read like the crawled 范文 prose: formulaic,
same-genre essays sharing clause patterns. Around them this module builds
what the template farms do to each other's articles (copies) and the pairs
that must stay apart (hard negatives).

Every document carries ``group``: documents of one group are the same
article; a match across groups is a false positive.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from crawler.dedup.fingerprint import hash_form
from crawler.demo.corpus import TITLES, TOPICS, ProseGenerator, Topic

SITES = ("瑞文网", "学习啦", "范文先生网", "应届毕业生网", "出国留学网", "酷文网", "短美文网")
INTROS = (
    "以下是{site}小编精心整理的{title}，欢迎阅读，希望大家能够喜欢。",
    "下面是{site}小编为大家整理的{title}，仅供参考，欢迎浏览。",
    "{title}由{site}整理发布，大家可以参考一下，希望对大家有所帮助。",
    "在日常学习、工作或生活中，大家总少不了接触{genre}吧，{site}为大家分享了{title}，一起来看看吧。",
)
OUTROS = (
    "想了解更多{genre}的资讯，请访问：{site}。",
    "本文由{site}整理，转载请保留出处。",
    "更多{genre}请关注{site}{genre}栏目。",
    "以上就是{site}为大家带来的{title}，希望能帮到大家。",
)
# Long shared paragraphs: a promo or notice pasted under unrelated essays.
BOILERPLATE = (
    "本站部分内容转载自互联网，如有侵权，敬请告知，我们将在第一时间删除。本站所有文章仅供学习参考，"
    "不代表本站观点，请读者自行甄别。如需转载，请注明出处并保留原文链接，感谢您的理解与支持。"
    "如果您在使用过程中遇到任何问题，欢迎通过页面底部的联系方式与我们取得联系。",
    "【提示】本文档来源自网络，转发文档请保留以上标记。为方便阅读，文档已经过重新排版，"
    "内容仅供参考。欢迎下载使用，如有不妥之处，敬请批评指正，我们会认真对待每一条意见和建议，"
    "不断提升服务质量，为广大读者提供更多优质的范文资源。",
)
GENRE_NAMES = {
    "xinde": "心得体会", "sixiang": "思想汇报", "zongjie": "工作总结", "yanjiang": "演讲稿",
    "duhougan": "读后感", "zuowen": "作文", "fangan": "活动方案", "ziwo": "自我介绍",
    "fayan": "发言稿",
}


@dataclass
class Doc:
    """One page body as the dedupe pipeline would see it, with its truth."""

    text: str
    group: int
    kind: str  # original | copy | compilation | part | boilerplate | same_topic
    edits: list[str] = field(default_factory=list)
    source: str | None = None  # the group's original text, for the true bigram Jaccard


@dataclass
class Essay:
    title: str
    genre: str
    topic: Topic
    paragraphs: list[str]


def bigram_jaccard(a: str, b: str) -> float:
    """Character-bigram Jaccard of the normalised texts: the recall criterion."""
    x, y = hash_form(a), hash_form(b)
    sa = {x[i : i + 2] for i in range(len(x) - 1)}
    sb = {y[i : i + 2] for i in range(len(y) - 1)}
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.prose = ProseGenerator(self.rng)
        self.groups = 0

    def group(self) -> int:
        self.groups += 1
        return self.groups

    def essay(self, genre: str | None = None, topic: Topic | None = None,
              chars: int | None = None) -> Essay:
        rng = self.rng
        genre = genre or rng.choice(sorted(TITLES))
        topic = topic or rng.choice(TOPICS)
        chars = chars or int(rng.triangular(400, 2500, 900))
        paras = self.prose.paragraphs(genre, topic, rng.randint(5, 16), chars)
        return Essay(self.prose.title(genre, topic), genre, topic, paras)

    def dressed(self, essay: Essay, site: str) -> list[str]:
        """The essay as a site publishes it: maybe an intro line and an outro."""
        fill = {"site": site, "title": essay.title, "genre": GENRE_NAMES[essay.genre]}
        paras = list(essay.paragraphs)
        if self.rng.random() < 0.7:
            paras.insert(0, self.rng.choice(INTROS).format(**fill))
        if self.rng.random() < 0.5:
            paras.append(self.rng.choice(OUTROS).format(**fill))
        return paras

    # --- copy edits: each returns new paragraphs and a label ----------------------
    def swap_dress(self, essay: Essay, paras: list[str], site: str) -> tuple[list[str], str]:
        return self.dressed(essay, site), "intro/outro swapped"

    def edit_sentences(self, essay: Essay, paras: list[str], site: str) -> tuple[list[str], str]:
        paras = list(paras)
        n = self.rng.randint(1, 4)
        for _ in range(n):
            i = self.rng.randrange(len(paras))
            sentences = [s for s in paras[i].split("。") if s]
            if not sentences:
                continue
            j = self.rng.randrange(len(sentences))
            action = self.rng.random()
            decks = self.prose._clauses(essay.genre)
            if action < 0.5:
                sentences[j] = self.prose.sentence(essay.genre, essay.topic, decks).rstrip("。！")
            elif action < 0.75 and len(sentences) > 1:
                del sentences[j]
            else:
                sentences.insert(j, self.prose.sentence(essay.genre, essay.topic, decks).rstrip("。！"))
            paras[i] = "。".join(sentences) + "。"
        return paras, f"{n} sentence edits"

    def truncate(self, essay: Essay, paras: list[str], site: str) -> tuple[list[str], str]:
        keep = self.rng.uniform(0.5, 0.95)
        text = "\n".join(paras)
        cut = text[: int(len(text) * keep)]
        return cut.split("\n"), f"truncated to {keep:.0%}"

    def drop_last(self, essay: Essay, paras: list[str], site: str) -> tuple[list[str], str]:
        k = self.rng.randint(1, max(1, len(paras) // 4))
        return paras[:-k] or paras, f"last {k} paragraphs dropped"

    def site_swap(self, essay: Essay, paras: list[str], site: str) -> tuple[list[str], str]:
        text = "\n".join(paras)
        for other in SITES:
            text = text.replace(other, site)
        return text.split("\n"), "site name substituted"

    def reorder(self, essay: Essay, paras: list[str], site: str) -> tuple[list[str], str]:
        paras = list(paras)
        if len(paras) > 2:
            i, j = self.rng.sample(range(len(paras)), 2)
            paras[i], paras[j] = paras[j], paras[i]
        return paras, "two paragraphs swapped"

    def typos(self, essay: Essay, paras: list[str], site: str) -> tuple[list[str], str]:
        text = list("\n".join(paras))
        n = max(1, int(len(text) * self.rng.uniform(0.002, 0.01)))
        for _ in range(n):
            i = self.rng.randrange(len(text))
            if text[i] != "\n":
                text[i] = self.rng.choice("的了是在和有我们工作学习")
        return "".join(text).split("\n"), f"{n} character typos"

    EDITS = ("swap_dress", "edit_sentences", "truncate", "drop_last", "site_swap", "reorder",
             "typos")

    def copy(self, essay: Essay, original: list[str], group: int) -> Doc:
        site = self.rng.choice(SITES)
        paras, labels = list(original), []
        for name in self.rng.sample(self.EDITS, self.rng.randint(1, 3)):
            paras, label = getattr(self, name)(essay, paras, site)
            labels.append(label)
        return Doc("\n".join(paras), group, "copy", labels, "\n".join(original))

    # --- the stream -------------------------------------------------------------
    def article_with_copies(self) -> list[Doc]:
        essay = self.essay()
        group = self.group()
        original = self.dressed(essay, self.rng.choice(SITES))
        docs = [Doc("\n".join(original), group, "original")]
        for _ in range(self.rng.choice((0, 1, 1, 2, 3))):
            docs.append(self.copy(essay, original, group))
        return docs

    def compilation(self) -> list[Doc]:
        """'(通用N篇)' and its parts, each part also published alone: never merged."""
        genre = self.rng.choice(sorted(TITLES))
        topic = self.rng.choice(TOPICS)
        n = self.rng.choice((2, 2, 3, 3, 4, 5))
        essays = [self.essay(genre, topic, int(self.rng.uniform(300, 900))) for _ in range(n)]
        body: list[str] = []
        for k, essay in enumerate(essays, 1):
            body += [f"篇{k}", *essay.paragraphs]
        whole = Doc("\n".join(body), self.group(), "compilation")
        parts = [Doc("\n".join(e.paragraphs), self.group(), "part") for e in essays]
        return [whole, *parts] if self.rng.random() < 0.5 else [*parts, whole]

    def shared_boilerplate(self) -> list[Doc]:
        """Two short different essays under the same long notice paragraph."""
        genre = self.rng.choice(sorted(TITLES))
        plate = self.rng.choice(BOILERPLATE)
        docs = []
        for _ in range(2):
            essay = self.essay(genre, chars=int(self.rng.uniform(300, 700)))
            docs.append(Doc("\n".join([*essay.paragraphs, plate]), self.group(), "boilerplate"))
        return docs

    def same_topic(self) -> list[Doc]:
        """Two essays of one genre and topic, as a site's list page holds them."""
        genre = self.rng.choice(sorted(TITLES))
        topic = self.rng.choice(TOPICS)
        return [
            Doc("\n".join(self.essay(genre, topic).paragraphs), self.group(), "same_topic")
            for _ in range(2)
        ]


def labelled_stream(seed: int, documents: int) -> list[Doc]:
    """At least ``documents`` documents in crawl order: originals before copies
    (copies interleaved later in the stream, as a later crawl finds them)."""
    gen = Generator(seed)
    early: list[Doc] = []
    late: list[Doc] = []
    makers = (
        (gen.article_with_copies, 0.7), (gen.compilation, 0.1),
        (gen.shared_boilerplate, 0.1), (gen.same_topic, 0.1),
    )
    while len(early) + len(late) < documents:
        maker = gen.rng.choices([m for m, _ in makers], [w for _, w in makers])[0]
        docs = maker()
        if maker == gen.article_with_copies:
            early.append(docs[0])
            late.extend(docs[1:])
        else:
            early.extend(docs)
    stream = early
    for doc in late:
        stream.insert(gen.rng.randint(len(stream) // 2, len(stream)), doc)
    return _in_order(stream)


def _in_order(stream: list[Doc]) -> list[Doc]:
    """Move any copy that landed before its original to just after it."""
    seen: set[int] = set()
    out: list[Doc] = []
    waiting: dict[int, list[Doc]] = {}
    for doc in stream:
        if doc.kind == "copy" and doc.group not in seen:
            waiting.setdefault(doc.group, []).append(doc)
            continue
        out.append(doc)
        if doc.group not in seen:
            seen.add(doc.group)
            out.extend(waiting.pop(doc.group, []))
    return out


def filler(seed: int) -> Iterator[str]:
    """Endless distinct bodies for the 100k-document memory run: sentences
    drawn from a pool of generated prose, cheap to make (only the index size
    matters there), rarely sharing more than a sentence with each other."""
    gen = Generator(seed)
    pool = [s for _ in range(300) for p in gen.essay().paragraphs for s in p.split("。") if s]
    while True:
        sentences = gen.rng.sample(pool, gen.rng.randint(15, 50))
        yield "\n".join("。".join(sentences[i : i + 5]) + "。" for i in range(0, len(sentences), 5))
