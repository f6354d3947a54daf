"""Search, show and export on a synthetic archive, next to SQL LIKE baselines.

Builds an archive of N articles (~1,500 Chinese characters each) whose words
are Zipf-sampled from a vocabulary of a few thousand common words: a short
hand-written list of function and everyday words plus 2–4 character pieces of
the demo corpus's clause banks (the 心得/总结 prose of template sites). Then:

* index build time and size (``fanwen reindex`` path, incl. optimize);
* search p50/p95 for 1-, 2-, 4-character and 8-character phrase queries
  (substrings drawn from the corpus, so they exist), through the library call
  ``fanwen search`` uses (ranking, filter-free, top 20, snippets included);
* the same queries as ``LIKE '%q%'`` (unranked, first 20) and the plain
  sqlite-utils FTS (unicode61) with its recall against the truth;
* ``show`` latency; export records/s and peak RSS (whole archive vs one site,
  in a child process: flat memory means the two are alike), to a file and to
  /dev/null (CPU cost without the disk).

    python benchmarks/query.py --articles 200000 [--keep PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.archive import fts  # noqa: E402
from crawler.archive.db import Archive  # noqa: E402
from crawler.archive.query import article_detail, search  # noqa: E402
from crawler.demo import lexicon as lx  # noqa: E402

COMMON = """
的 了 是 在 和 有 我 我们 他们 你们 这 那 一个 没有 不 也 都 就 还 要 会 能 可以 自己 大家
工作 学习 生活 社会 发展 问题 同志 领导 群众 学生 老师 家长 孩子 学校 单位 公司 部门 岗位
认真 积极 进一步 不断 努力 坚持 加强 提高 落实 推进 完善 开展 组织 参加 完成 取得 实现
思想 认识 经验 体会 收获 成绩 不足 措施 方法 制度 责任 目标 任务 计划 总结 报告 方案 活动
时间 今年 去年 明天 今天 上午 下午 期间 以来 通过 根据 按照 为了 因为 所以 但是 而且 同时
重要 主要 基本 全面 深入 扎实 有效 具体 明显 良好 优秀 突出 相关 有关 各项 各种 一些 许多
中国 国家 人民 党员 干部 教育 文化 经济 科技 安全 服务 管理 质量 效率 能力 素质 作风 纪律
我们要 大家都 在这里 通过学习 首先 其次 最后 总之 一方面 另一方面 与此同时 由此可见 综上所述
春天 夏天 秋天 冬天 阳光 大海 山川 城市 农村 家乡 祖国 世界 未来 理想 梦想 青春 希望 幸福
"""
PUNCT = ["，", "。", "、", "；", "！", "？", "：", "“", "”"]
SITES = [f"site{i:02d}.example.cn" for i in range(20)]
CATEGORIES = [["作文", "小学作文"], ["作文", "初中作文"], ["心得体会"], ["工作总结"], ["演讲稿"],
              ["范文", "合同范本"], ["教案"], ["读后感"]]


def vocabulary() -> list[str]:
    """A few thousand words, most common first (Zipf rank = list order)."""
    words = COMMON.split()
    seen = set(words)
    clauses = [*lx.OPEN, *lx.MID, *lx.CLOSE, *lx.LEADS, *lx.HEADINGS, *lx.BOOKS]
    nouns = [n for _, _, ns in lx.TOPICS for n in ns] + [t for t, _, _ in lx.TOPICS]
    rng = random.Random(7)
    for clause in clauses + nouns + list(lx.PLACES) + list(lx.ORGS):
        for run in re.findall(r"[\u4e00-\u9fff]+", clause):
            i = 0
            while i < len(run):
                step = rng.choice((2, 2, 3, 4))
                piece = run[i:i + step]
                i += step
                if len(piece) >= 2 and piece not in seen:
                    seen.add(piece)
                    words.append(piece)
    return words


def articles(n: int, seed: int) -> Iterator[tuple]:
    """(article row, sightings) for n synthetic articles."""
    words = np.array(vocabulary(), dtype=object)
    ranks = np.arange(1, len(words) + 1)
    cdf = np.cumsum(1.0 / ranks)
    cdf /= cdf[-1]
    rng = np.random.default_rng(seed)
    prng = random.Random(seed)
    for aid in range(1, n + 1):
        picks = words[np.searchsorted(cdf, rng.random(820))]
        paragraphs, para = [], []
        for i, word in enumerate(picks, 1):
            para.append(word)
            if i % 9 == 0:
                para.append(prng.choice(PUNCT))
            if i % 140 == 0:
                paragraphs.append("".join(para) + "。")
                para = []
        if para:
            paragraphs.append("".join(para) + "。")
        yield article_row(aid, paragraphs, "".join(picks[:6]), prng)


def article_row(aid: int, paragraphs: list[str], title: str, rng: random.Random) -> tuple:
    text = "\n".join(paragraphs)
    site = rng.choice(SITES)
    url = f"http://{site}/a/{aid}.html"
    day = f"20{rng.randint(15, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    seen = f"{day}T08:00:00Z"
    row = (aid, url, url, site, title, json.dumps(rng.choice(CATEGORIES), ensure_ascii=False),
           "[]", json.dumps(["标签" + str(aid % 50)], ensure_ascii=False), day, "本站原创",
           "作者", text, json.dumps(paragraphs, ensure_ascii=False), len(text),
           f"{aid:032x}", seen, seen)
    copies: list[tuple[int, str, str, str, str, float | None, str, str]] = [
        (aid, url, site, title, "original", None, seen, seen)]
    for k in range(rng.choice((0, 0, 1, 2))):
        other = rng.choice(SITES)
        copies.append((aid, f"http://{other}/copy/{aid}-{k}.html", other, title, "near", 0.9,
                       seen, seen))
    return row, copies


ARTICLE_SQL = (
    "INSERT INTO articles (id, canonical_url, url, site, title, category, breadcrumb, tags, "
    "published_at, origin, author, text, paragraphs, chars, content_hash, first_seen, last_seen) "
    "VALUES (" + ",".join("?" * 17) + ")"
)
SIGHTING_SQL = (
    "INSERT INTO sightings (article_id, url, site, seen_title, match, similarity, first_seen, "
    "last_seen) VALUES (?,?,?,?,?,?,?,?)"
)


def load(path: Path, n: int, seed: int) -> float:
    """Bulk-load the articles without indexing; returns seconds."""
    archive = Archive(path)
    start = time.perf_counter()
    batch: list[tuple] = []
    for row, copies in articles(n, seed):
        batch.append((row, copies))
        if len(batch) == 2000:
            _write(archive, batch)
            batch = []
    _write(archive, batch)
    archive.close()
    return time.perf_counter() - start


def _write(archive: Archive, batch: list[tuple]) -> None:
    with archive.transaction():
        archive.db.conn.executemany(ARTICLE_SQL, [row for row, _ in batch])
        archive.db.conn.executemany(SIGHTING_SQL, [c for _, cs in batch for c in cs])


def table_bytes(conn: sqlite3.Connection, pattern: str) -> int:
    return conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?", [pattern]).fetchone()[0] or 0


def sample_queries(conn: sqlite3.Connection, n_articles: int, length: int, count: int,
                   rng: random.Random) -> list[str]:
    """Substrings of real texts made only of Han characters."""
    out: list[str] = []
    while len(out) < count:
        text = conn.execute("SELECT text FROM articles WHERE id = ?",
                            [rng.randint(1, n_articles)]).fetchone()[0]
        i = rng.randrange(0, len(text) - length)
        piece = text[i:i + length]
        if re.fullmatch(r"[\u4e00-\u9fff]+", piece):
            out.append(piece)
    return out


def timed(fn: Callable[[str], object], queries: list[str]) -> dict[str, float]:
    times = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 2)}


def run_searches(path: Path, n: int, per_kind: int, like_per_kind: int) -> dict:
    archive = Archive(path)
    db, conn = archive.db, archive.db.conn
    rng = random.Random(11)
    kinds = {"1 char": 1, "2 chars": 2, "4 chars": 4, "8-char phrase": 8}
    out: dict[str, dict[str, Any]] = {}
    for kind, length in kinds.items():
        queries = sample_queries(conn, n, length, per_kind, rng)
        q: Callable[[str], str] = (lambda s: f'"{s}"') if length == 8 else (lambda s: s)
        search(db, q(queries[0]))  # warm the cache

        def fts(s: str, q: Callable[[str], str] = q) -> object:  # q bound now, not at loop end
            return search(db, q(s), limit=20)

        row = {"fts": timed(fts, queries)}
        like = queries[:like_per_kind]
        row["like_first20"] = timed(lambda s: conn.execute(
            "SELECT id FROM articles WHERE title LIKE ?1 OR text LIKE ?1 LIMIT 20",
            [f"%{s}%"]).fetchall(), like)
        row["recall"] = recall(conn, db, like, q)
        out[kind] = row
    ids = [rng.randint(1, n) for _ in range(200)]
    out["show"] = timed(lambda i: article_detail(db, int(i)), [str(i) for i in ids])
    archive.close()
    return out


def recall(conn: sqlite3.Connection, db, queries: list[str], q) -> dict[str, float]:
    """Share of LIKE's full match set each index finds (sqlite-utils: unicode61)."""
    ours = plain = total = 0
    for s in queries:
        truth = {r[0] for r in conn.execute(
            "SELECT id FROM articles WHERE title LIKE ?1 OR text LIKE ?1", [f"%{s}%"])}
        total += len(truth)
        ours += len(truth & {h.id for h in search(db, q(s), limit=None)})
        plain += len(truth & {r[0] for r in conn.execute(
            "SELECT rowid FROM articles_text_fts WHERE articles_text_fts MATCH ?",
            [f'"{s}"'])})
    return {"fanwen": round(ours / max(total, 1), 3),
            "sqlite_utils_fts": round(plain / max(total, 1), 3)}


def export_run(path: Path, out: Path | None, extra: list[str], records: int | None = None) -> dict:
    """Export in a child process: wall time and peak RSS of that process alone.

    ``out=None`` exports to stdout, which is /dev/null: the CPU cost without
    the disk (``records`` then says how many lines that was).

    Peak RSS is VmHWM: ``ru_maxrss`` survives exec on Linux and would report
    this (much larger) benchmark process instead.
    """
    code = (
        "import sys, time; from crawler.cli.query import export as main\n"
        "t = time.perf_counter()\n"
        "try: main(sys.argv[1:])\n"
        "except SystemExit: pass\n"
        "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "print(time.perf_counter() - t, hwm[0], file=sys.stderr)"
    )
    cmd = [sys.executable, "-c", code, "--db", str(path), "-o", str(out or "-"), *extra]
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=True, cwd=Path(__file__).resolve().parent.parent)
    seconds, rss_kb = done.stderr.strip().splitlines()[-1].split()
    if out is not None and not str(out).endswith(".gz"):
        with open(out, "rb") as f:
            records = sum(1 for _ in f)
    return {"records": records, "seconds": round(float(seconds), 2),
            "records_per_s": round(records / float(seconds)) if records else None,
            "peak_rss_mb": round(int(rss_kb) / 1024, 1),
            "mb": round(out.stat().st_size / 2**20) if out else None}


def build(path: Path, n: int, seed: int) -> dict:
    load_s = load(path, n, seed)
    archive = Archive(path)
    start = time.perf_counter()
    fts.reindex(archive.db)
    index_s = time.perf_counter() - start
    start = time.perf_counter()
    # What `sqlite-utils enable-fts` creates (its default name is taken by ours).
    archive.db.executescript(
        "CREATE VIRTUAL TABLE articles_text_fts USING fts5(title, text, content='articles', "
        "content_rowid='id'); INSERT INTO articles_text_fts(articles_text_fts) VALUES ('rebuild');"
    )
    plain_s = time.perf_counter() - start
    conn = archive.db.conn
    sizes = {"articles_mb": table_bytes(conn, "articles"),
             "fanwen_fts_mb": table_bytes(conn, "articles_fts%"),
             "sqlite_utils_fts_mb": table_bytes(conn, "articles_text_fts%")}
    archive.close()
    return {"load_s": round(load_s, 1), "index_build_s": round(index_s, 1),
            "sqlite_utils_fts_build_s": round(plain_s, 1),
            **{k: round(v / 2**20) for k, v in sizes.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=100, help="timed queries per kind")
    parser.add_argument("--like-queries", type=int, default=5, help="LIKE/recall queries per kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the archive here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.keep.parent if args.keep else None) as tmp:
        path = args.keep or Path(tmp) / "bench.sqlite"
        result = {"articles": args.articles, "python": platform.python_version(),
                  "sqlite": sqlite3.sqlite_version, "cpus": os.cpu_count()}
        if not path.exists():
            result["build"] = build(path, args.articles, args.seed)
            print(json.dumps(result["build"]), file=sys.stderr)
        result["search"] = run_searches(path, args.articles, args.queries, args.like_queries)
        print(json.dumps(result["search"]), file=sys.stderr)
        result["export"] = export_run(path, Path(tmp) / "all.jsonl", [])
        runs = [export_run(path, None, [], result["export"]["records"]) for _ in range(3)]
        rates = sorted(r["records_per_s"] for r in runs)
        result["export_devnull"] = {**runs[0], "records_per_s": rates[1],  # median of 3
                                    "records_per_s_runs": rates}
        result["export_one_site"] = export_run(path, Path(tmp) / "site.jsonl",
                                               ["--site", SITES[0]])
        result["export_gz_with_sightings"] = export_run(
            path, Path(tmp) / "all.jsonl.gz", ["--with-sightings"], args.articles)
        print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
