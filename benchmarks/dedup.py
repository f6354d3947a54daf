"""Near-duplicate detection benchmark: quality, speed and memory of
:class:`crawler.nearindex.NearIndex` against datasketch's documented path.

    python benchmarks/dedup.py                   # 3,000 labelled docs + 100k memory run
    python benchmarks/dedup.py --docs 2000 --memory-docs 20000 --json

Quality: a labelled stream (benchmarks/dedup_corpus.py) goes through
find-then-add, as the dedupe and store pipelines do. A match is correct when
it points at the same article (group); recall counts copies whose true
character-bigram Jaccard with their original is >= 0.7.
Speed: signature + lookup (+ add for new articles), one process, one core.
Memory: peak RSS of a child process that fills a persisted index to
``--memory-docs`` documents, sampled along the way to show it stays flat.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, as the crawl's pipeline runs

from dedup_corpus import Doc, bigram_jaccard, filler, labelled_stream  # noqa: E402

from crawler.archive.db import Archive  # noqa: E402
from crawler.fingerprint import hash_form  # noqa: E402
from crawler.nearindex import NearIndex  # noqa: E402

RECALL_FLOOR = 0.7  # copies at or above this bigram Jaccard must be found


def score(stream: list[Doc], found: list[int | None], ids: list[int]) -> dict[str, Any]:
    """Precision/recall of the matches: ``found[i]`` is the stream index matched."""
    tp = fp = positives = hits = 0
    merged_compilations = 0
    for i, doc in enumerate(stream):
        j = found[i]
        if j is not None:
            if stream[j].group == doc.group:
                tp += 1
            else:
                fp += 1
                merged_compilations += "compilation" in (doc.kind, stream[j].kind)
        copy = doc.kind == "copy" and doc.source is not None
        if copy and bigram_jaccard(doc.text, doc.source or "") >= RECALL_FLOOR:
            positives += 1
            hits += j is not None and stream[j].group == doc.group
    return {
        "matches": tp + fp, "false_matches": fp, "compilations_merged": merged_compilations,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": hits / positives if positives else 1.0, "positives": positives,
    }


def run_ours(stream: list[Doc], path: Path, **params: Any) -> dict[str, Any]:
    archive = Archive(path)
    index = NearIndex(archive.db, **params)
    index.sync()
    found: list[int | None] = []
    by_article: dict[int, int] = {}
    spent = 0.0
    for i, doc in enumerate(stream):
        with archive.transaction():
            start = time.perf_counter()
            hit = index.find(doc.text)
            spent += time.perf_counter() - start
            if hit is None:
                article_id = archive.insert_article({"text": doc.text, "chars": len(doc.text)})
                start = time.perf_counter()
                index.add(article_id, doc.text)
                spent += time.perf_counter() - start
                by_article[article_id] = i
        found.append(None if hit is None else by_article[hit[0]])
    archive.close()
    return {**score(stream, found, []), "docs_per_s": len(stream) / spent}


def shingles(text: str, size: int) -> set[bytes]:
    form = hash_form(text)
    width = min(size, len(form))
    return {form[i : i + width].encode("utf-8") for i in range(len(form) - width + 1)}


def run_datasketch(stream: list[Doc], size: int, num_perm: int, bands: int,
                   threshold: float) -> dict[str, Any]:
    """datasketch as documented: ``MinHash.update`` per shingle, ``MinHashLSH``
    insert/query, the best candidate by estimated Jaccard >= threshold."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(num_perm=num_perm, params=(bands, num_perm // bands))
    sigs: dict[str, MinHash] = {}
    found: list[int | None] = []
    spent = 0.0
    for i, doc in enumerate(stream):
        start = time.perf_counter()
        m = MinHash(num_perm=num_perm)
        for shingle in shingles(doc.text, size):
            m.update(shingle)
        scored = [(m.jaccard(sigs[key]), key) for key in lsh.query(m)]
        best = max(scored, default=None)
        if best is None or best[0] < threshold:
            lsh.insert(str(i), m)
            sigs[str(i)] = m
            found.append(None)
        else:
            found.append(int(best[1]))
        spent += time.perf_counter() - start
    return {**score(stream, found, []), "docs_per_s": len(stream) / spent}


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def memory_child(docs: int, path: Path, params: dict[str, Any]) -> dict[str, Any]:
    """Fill a persisted index to ``docs`` documents; RSS sampled as it grows."""
    archive = Archive(path)
    index = NearIndex(archive.db, **params)
    index.sync()
    texts = filler(11)
    samples: dict[int, float] = {}
    start = time.perf_counter()
    spent = 0.0
    for n in range(1, docs + 1):
        text = next(texts)
        with archive.transaction():
            t0 = time.perf_counter()
            hit = index.find(text)
            spent += time.perf_counter() - t0
            if hit is None:
                article_id = archive.insert_article({"text": text})
                t0 = time.perf_counter()
                index.add(article_id, text)
                spent += time.perf_counter() - t0
        if n % (docs // 10) == 0:
            samples[n] = round(rss_mb(), 1)
    archive.close()
    return {
        "docs": docs, "rss_mb_by_docs": samples,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "docs_per_s_at_scale": round(docs / spent), "seconds": round(time.perf_counter() - start),
        "db_mb": round(path.stat().st_size / 2**20, 1),
    }


def memory_run(docs: int, params: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(docs), "--db",
             str(Path(tmp) / "mem.sqlite"), "--params", json.dumps(params)],
            check=True, capture_output=True, text=True,
        )
    return json.loads(out.stdout)


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    lines = [
        "| implementation | docs/s | precision | recall | false matches | compilations merged |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['docs_per_s']:,.0f} | {r['precision']:.4f} | {r['recall']:.4f} "
            f"| {r['false_matches']} | {r['compilations_merged']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--memory-docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shingle-size", type=int, default=5)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--bands", type=int, default=32)
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        print(json.dumps(memory_child(args.memory_child, args.db, json.loads(args.params))))
        return
    params = {"shingle_size": args.shingle_size, "num_perm": args.num_perm,
              "bands": args.bands, "threshold": args.threshold}
    stream = labelled_stream(args.seed, args.docs)
    kinds: dict[str, int] = {}
    for doc in stream:
        kinds[doc.kind] = kinds.get(doc.kind, 0) + 1
    with tempfile.TemporaryDirectory() as tmp:
        ours = run_ours(stream, Path(tmp) / "bench.sqlite", **params)
    rows = [("fanwen NearIndex (numpy, SQLite)", ours)]
    if not args.no_baseline:
        base = run_datasketch(stream, args.shingle_size, args.num_perm, args.bands,
                              args.threshold)
        rows.append(("datasketch MinHash.update + MinHashLSH (in memory)", base))
    memory = memory_run(args.memory_docs, params) if args.memory_docs else None
    result = {"documents": len(stream), "kinds": kinds, "params": params,
              "results": dict(rows), "memory": memory}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"{len(stream)} labelled documents: {kinds}; {params}")
    print(table(rows))
    if len(rows) > 1:
        print(f"speed ratio: {ours['docs_per_s'] / rows[1][1]['docs_per_s']:.1f}x")
    if memory:
        print(f"persisted index, {memory['docs']:,} docs: peak RSS {memory['peak_rss_mb']} MB, "
              f"RSS by docs {memory['rss_mb_by_docs']}, {memory['docs_per_s_at_scale']:,} docs/s "
              f"at scale, archive {memory['db_mb']} MB")


if __name__ == "__main__":
    main()
