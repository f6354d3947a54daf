"""Decides what the demo sites contain: articles, kinds, copies and specials.

Everything is drawn from one seeded ``random.Random`` in a fixed order, so a
seed always yields the same sites. Rendering happens later (builder.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crawler.demo import lexicon as lx
from crawler.demo.corpus import COMPILATION_TITLES, TOPICS, ProseGenerator, Topic, person
from crawler.demo.model import HOST_A, HOST_B, Article, Sub

CHANNELS: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("dangtuan", "党团范文", (("xinde", "心得体会", "xinde"), ("sixiang", "思想汇报", "sixiang"))),
    (
        "gongzuo",
        "工作总结",
        (("nianzhong", "年终总结", "zongjie"), ("geren", "个人总结", "zongjie")),
    ),
    (
        "yanjiang",
        "演讲稿",
        (("guoqixia", "国旗下讲话", "yanjiang"), ("jingpin", "竞聘演讲", "yanjiang")),
    ),
    (
        "duhougan",
        "读后感",
        (("mingzhu", "名著读后感", "duhougan"), ("ertong", "儿童读物读后感", "duhougan")),
    ),
    ("zuowen", "作文大全", (("xiaoxue", "小学作文", "zuowen"), ("chuzhong", "初中作文", "zuowen"))),
    ("fangan", "策划方案", (("huodong", "活动方案", "fangan"), ("jihua", "工作计划", "fangan"))),
    ("qiuzhi", "求职范文", (("ziwo", "自我介绍", "ziwo"), ("fayan", "发言稿", "fayan"))),
)
SUBS: tuple[Sub, ...] = tuple(
    Sub(ch, ch_name, slug, name, genre)
    for ch, ch_name, subs in CHANNELS
    for slug, name, genre in subs
)
# Uneven on purpose: the heavy subcategories get 3+ list pages.
SUB_WEIGHTS = (4, 1, 3, 1, 2, 1, 1, 1, 2, 1, 1, 1, 1, 1)
B_LISTS: tuple[tuple[int, str, str], ...] = (
    (85, "工作总结", "zongjie"),
    (86, "心得体会", "xinde"),
    (87, "演讲稿", "yanjiang"),
    (88, "作文", "zuowen"),
)
JACCARD_LIMIT = 0.27  # below the 0.3 the tests demand, with a margin
_EPOCH = datetime(2019, 1, 1)


class DiversityGuard:
    """Rejects a draft too close (bigram Jaccard) to an accepted article.

    Bigram sets are kept as Python int bitmasks: and/or plus bit_count run in
    C, which makes the all-pairs check cheap for the default build.
    """

    def __init__(self, full_check_limit: int = 600) -> None:
        self.vocab: dict[str, int] = {}
        self.masks: list[int] = []
        self.full_check_limit = full_check_limit
        self.forced = 0

    def mask(self, paragraphs: list[str]) -> int:
        text = "".join(paragraphs)
        vocab = self.vocab
        idx = [vocab.setdefault(text[i : i + 2], len(vocab)) for i in range(len(text) - 1)]
        bits = bytearray(len(vocab) // 8 + 1)
        for i in idx:
            bits[i >> 3] |= 1 << (i & 7)
        return int.from_bytes(bits, "little")

    def force(self, paragraphs: list[str], genre: str) -> None:
        self.forced += 1
        if len(self.masks) < self.full_check_limit:
            self.masks.append(self.mask(paragraphs))

    def accept(self, paragraphs: list[str], genre: str) -> bool:
        """True (and remembered) when the draft is far from every accepted one.

        Only the first `full_check_limit` articles are checked: the pairwise
        guarantee is tested on the default build, while benchmark builds of
        thousands of articles would spend most of their time here.
        """
        if len(self.masks) >= self.full_check_limit:
            return True
        new = self.mask(paragraphs)
        for old in self.masks:
            if (new & old).bit_count() > JACCARD_LIMIT * (new | old).bit_count():
                return False
        self.masks.append(new)
        return True


@dataclass
class Copy:
    page: Article
    original: Article
    edit: str
    note: str


@dataclass
class Plan:
    a: list[Article]
    b: list[Article]
    copies: list[Copy]
    flaky: Article
    utf8: Article
    redirects: dict[str, Article] = field(default_factory=dict)
    dead: list[str] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)
    # Kept so later revisions (revision.py) write prose that repeats no sentence,
    # title or near-text of the first build.
    gen: ProseGenerator | None = None
    guard: DiversityGuard | None = None


def _draft(
    gen: ProseGenerator, guard: DiversityGuard, genre: str, topic: Topic, kind: str
) -> list[str]:
    """Drafts until one is far enough from every accepted article.

    Later attempts are shorter (fewer shared bigrams) and may switch topic;
    the default build needs ~1.5 attempts per article.
    """
    rng = gen.rng
    paras: list[str] = []
    for attempt in range(40):
        scale = 1.0 if attempt < 6 else 0.7
        if attempt >= 3:
            topic = rng.choice(TOPICS)
        if kind == "compilation":
            paras = gen.essays(genre, topic, 3, int(rng.randint(1500, 2100) * scale))
        elif kind == "multipage":
            paras = gen.paragraphs(
                genre, topic, rng.randint(12, 18), int(rng.randint(1400, 2200) * scale)
            )
        else:
            paras = gen.paragraphs(
                genre, topic, rng.randint(6, 20), int(rng.triangular(500, 2500, 900) * scale)
            )
        if guard.accept(paras, genre):
            return paras
    # Past the bank's capacity (very large builds): keep the last draft rather than fail.
    guard.force(paras, genre)
    return paras


def _when(rng: random.Random) -> datetime:
    return (_EPOCH + timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))).replace(second=0)


def _split(paras: list[str], parts: int) -> list[list[str]]:
    size = -(-len(paras) // parts)
    return [paras[i : i + size] for i in range(0, len(paras), size)]


def plan_site_a(
    rng: random.Random, gen: ProseGenerator, guard: DiversityGuard, n: int
) -> list[Article]:
    ids = rng.sample(range(1_000_000, 10_000_000), n)
    kinds = ["normal"] * n
    for i in range(0, max(10, n // 20) * 7, 7):
        kinds[(i + 3) % n] = "multipage"
    for i in range(0, max(5, n // 30) * 11, 11):
        kinds[(i + 5) % n] = "compilation"
    related_only = {i for i in range(2, n, 13) if kinds[i] == "normal"}
    while len(related_only) < 10:
        related_only.add(
            next(i for i in range(n) if kinds[i] == "normal" and i not in related_only)
        )
    out = []
    for i, aid in enumerate(ids):
        sub = rng.choices(SUBS, SUB_WEIGHTS)[0]
        topic = rng.choice(TOPICS)
        kind = kinds[i]
        paras = _draft(gen, guard, sub.genre, topic, kind)
        if kind == "compilation":
            k = sum(p.startswith("篇") for p in paras)
            title = gen.title(sub.genre, topic, COMPILATION_TITLES) + f"(通用{k}篇)"
        else:
            title = gen.title(sub.genre, topic)
        ext = ".htm" if kind == "normal" and rng.random() < 0.15 else ".html"
        path = f"{sub.path}{aid}{ext}"
        has_origin = rng.random() < 0.5
        art = Article(
            aid=aid,
            host=HOST_A,
            path=path,
            title=title,
            category=[sub.channel_name, sub.name],
            tags=[(topic.name, topic.slug), (sub.name, sub.slug)],
            paragraphs=paras,
            kind=kind,
            sub=sub,
            genre=sub.genre,
            published=_when(rng),
            date_style=rng.choices(("datetime", "date", "cn", "none"), (5, 2, 2, 1))[0],
            author=person(rng) if rng.random() < 0.6 else None,
            origin=rng.choice(lx.ORIGINS) if has_origin else None,
            origin_in_body=has_origin and rng.random() < 0.3,
            linked=i not in related_only,
            encoding="gbk-header-only" if rng.random() < 0.1 else "gbk",
            layout=rng.randrange(3),
            intro=rng.random() < 0.75,
        )
        parts = _split(paras, rng.choice((2, 3))) if kind == "multipage" else [paras]
        art.parts = parts
        stem = path.rsplit(".", 1)[0]
        art.part_paths = [path] + [f"{stem}_{k}{ext}" for k in range(2, len(parts) + 1)]
        out.append(art)
    return out


def plan_site_b(
    rng: random.Random, gen: ProseGenerator, guard: DiversityGuard, n: int
) -> list[Article]:
    ids = rng.sample(range(1000, 10000), n)
    out = []
    for i in range(n):
        list_id, list_name, genre = B_LISTS[i % len(B_LISTS)]
        topic = rng.choice(TOPICS)
        paras = _draft(gen, guard, genre, topic, "normal")
        when = _when(rng)
        path = f"/fanwen/HTML/fanwen_{when:%Y%m%d%H%M%S}_{ids[i]}.html"
        out.append(
            Article(
                aid=ids[i],
                host=HOST_B,
                path=path,
                title=gen.title(genre, topic),
                category=[list_name],
                tags=[],
                paragraphs=paras,
                genre=genre,
                published=when,
                date_style="datetime",
                author=person(rng) if rng.random() < 0.5 else None,
                encoding="utf-8",
                parts=[paras],
                part_paths=[path],
                layout=list_id,
            )
        )
    return out


def _near_edit(rng: random.Random, gen: ProseGenerator, art: Article) -> tuple[list[str], str]:
    paras = list(art.paragraphs)
    if rng.random() < 0.5:
        return paras[:-1], "last paragraph dropped"
    idx = max(range(len(paras)), key=lambda j: len(paras[j]))
    sentences = [s + "。" for s in paras[idx].split("。") if s]
    topic = next(t for t in TOPICS if t.name == art.tags[0][0])
    sentences[len(sentences) // 2] = gen.sentence(art.genre, topic, gen._clauses(art.genre))
    paras[idx] = "".join(sentences)
    return paras, f"one sentence of paragraph {idx + 1} rewritten"


def plan_copies(
    rng: random.Random, gen: ProseGenerator, a: list[Article], n: int, taken: set[int]
) -> list[Copy]:
    pool = [
        x
        for x in a
        if x.kind == "normal" and x.linked and len(x.paragraphs) >= 7 and x.aid not in taken
    ]
    chosen = rng.sample(pool, min(n, len(pool)))
    ids = rng.sample(range(10000, 100000), len(chosen))
    copies = []
    for i, orig in enumerate(chosen):
        list_id, list_name, _ = B_LISTS[i % len(B_LISTS)]
        when = (
            orig.published + timedelta(days=rng.randint(3, 300)) if orig.published else _when(rng)
        )
        if i % 2 == 0:
            paras, edit, note = (
                list(orig.paragraphs),
                "exact",
                "same paragraphs, xuexila chrome and intro",
            )
        else:
            paras, note = _near_edit(rng, gen, orig)
            edit = "near"
        path = f"/fanwen/HTML/fanwen_{when:%Y%m%d%H%M%S}_{ids[i]}.html"
        page = Article(
            aid=ids[i],
            host=HOST_B,
            path=path,
            title=orig.title,
            category=[list_name],
            tags=[],
            paragraphs=paras,
            genre=orig.genre,
            published=when,
            date_style="datetime",
            encoding="utf-8",
            parts=[paras],
            part_paths=[path],
            layout=list_id,
        )
        copies.append(Copy(page, orig, edit, note))
    return copies


# Site A needs room for its specials: 10 multi-page articles and 5 compilations
# (fixed slots), 10 reachable only through related links, and 5 ordinary linked
# articles that get an old-URL redirect. Below 28 some of them cannot be placed.
MIN_ARTICLES = 28


def plan(seed: int, articles: int) -> Plan:
    if articles < MIN_ARTICLES:
        raise ValueError(f"the demo needs at least {MIN_ARTICLES} articles, not {articles}")
    rng = random.Random(seed)
    gen = ProseGenerator(rng)
    guard = DiversityGuard()
    a = plan_site_a(rng, gen, guard, articles)
    b = plan_site_b(rng, gen, guard, max(30, articles // 8))
    normal = [x for x in a if x.kind == "normal" and x.linked]
    utf8, flaky = normal[1], normal[2]
    utf8.encoding = "utf-8-bom"
    copies = plan_copies(rng, gen, a, max(40, articles // 6), {flaky.aid, utf8.aid})
    result = Plan(a=a, b=b, copies=copies, flaky=flaky, utf8=utf8, gen=gen, guard=guard)
    for art in rng.sample(normal, 5):
        result.redirects[f"/html/{art.aid}.htm"] = art
    for sub in rng.sample(SUBS, 4):
        result.dead.append(f"{sub.path}{rng.randrange(1_000_000, 10_000_000)}.html")
    result.sessions = [f"{rng.getrandbits(128):032x}" for _ in range(8)]
    return result
