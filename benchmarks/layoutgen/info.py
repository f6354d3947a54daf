"""The info line: date, origin (来源) and author in every common spelling, plus noise fields.

Sites spell the origin a dozen ways (来源：, 文章来源:, 本文来源于, 出处, 稿源,
转载自, [来源] …) and put the line under the title, at the top or end of the
body, or in the middle of it. The truth records each value shown; the cores
are the label+value strings that must not stay in the archived text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from benchmarks.layoutgen.markup import esc
from benchmarks.layoutgen.vocab import ORIGINS
from crawler.demo.corpus import person

ORIGIN_FORMS = ("来源：{v}", "来源:{v}", "文章来源：{v}", "文章来源:{v}", "本文来源于{v}", "出处：{v}",
                "稿源：{v}", "转载自{v}", "[来源]{v}", "【来源：{v}】", "来源 {v}", "信息来源：{v}",
                "来源于：{v}")
AUTHOR_FORMS = ("作者：{v}", "作者:{v}", "文/{v}", "撰稿：{v}", "作者 {v}", "[作者]{v}")
DATE_LABELS = ("时间：", "发布时间：", "日期：", "发表于 ", "更新时间：", "", "发布日期:")
SEPARATORS = ("&nbsp;&nbsp;", " ", "\u3000", " | ", "&nbsp;|&nbsp;")


@dataclass
class InfoLine:
    html: str
    text: str
    cores: list[str] = field(default_factory=list)
    date: str | None = None
    origin: str | None = None
    author: str | None = None
    forms: dict[str, str] = field(default_factory=dict)  # which spelling of each field was drawn


def shown_date(rng: random.Random) -> tuple[str, str, str]:
    """(as the page prints it, ISO 8601 truth: with seconds when a time is shown, form name)."""
    y, mo, d = rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28)
    h, mi, s = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    day = f"{y:04d}-{mo:02d}-{d:02d}"
    return rng.choice((
        (f"{day} {h:02d}:{mi:02d}", f"{day}T{h:02d}:{mi:02d}:00", "Y-m-d H:M"),
        (f"{day} {h:02d}:{mi:02d}:{s:02d}", f"{day}T{h:02d}:{mi:02d}:{s:02d}", "Y-m-d H:M:S"),
        (day, day, "Y-m-d"),
        (f"{y}年{mo:02d}月{d:02d}日", day, "Y年m月d日"),
        (f"{y}年{mo}月{d}日 {h:02d}:{mi:02d}", f"{day}T{h:02d}:{mi:02d}:00", "Y年m月d日 H:M"),
        (f"{y}/{mo:02d}/{d:02d}", day, "Y/m/d"),
    ))


def info_line(rng: random.Random, position: str) -> InfoLine:
    """One info line; lines inside the body carry fewer fields (often just 来源)."""
    in_body = position in ("top", "middle", "end")
    fields: list[tuple[str, str]] = []  # (html, visible text)
    line = InfoLine("", "")
    if rng.random() < (0.3 if in_body else 0.85):
        shown, line.date, form = shown_date(rng)
        label = rng.choice(DATE_LABELS)
        line.forms["date_label"], line.forms["date_format"] = label.strip() or "(none)", form
        fields.append((esc(label + shown), label + shown))
    if rng.random() < (0.8 if in_body else 0.6):
        line.origin, form = rng.choice(ORIGINS), rng.choice(ORIGIN_FORMS)
        line.forms["origin_form"] = form
        text = form.format(v=line.origin)
        fields.append((esc(text), text))
        line.cores.append(text)
    if rng.random() < 0.5 or not fields:
        line.author, form = person(rng), rng.choice(AUTHOR_FORMS)
        line.forms["author_form"] = form
        text = form.format(v=line.author)
        fields.append((esc(text), text))
        line.cores.append(text)
    if not in_body and rng.random() < 0.5:
        n = rng.randint(12, 9999)
        noise = rng.choice((f"浏览：{n}次", f"点击：{n}", f"阅读量：{n}", "字号：大 中 小", "评论：0"))
        fields.append((esc(noise), noise))
        line.cores.append(noise)
    if rng.random() < 0.3:
        rng.shuffle(fields)
    sep = rng.choice(SEPARATORS)
    line.html = sep.join(h for h, _ in fields)
    line.text = " ".join(t for _, t in fields)
    if line.date:
        line.cores.append(next(t for _, t in fields if line.date[:4] in t))
    if in_body and rng.random() < 0.4:
        line.html, line.text = f"（{line.html}）", f"（{line.text}）"
    return line
