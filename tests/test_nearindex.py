"""Near-duplicate index: the MinHash math, and the index persisted in the archive."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from crawler.archive.db import Archive
from crawler.dedup import minhash as mh
from crawler.dedup.fingerprint import hash_form
from crawler.dedup.nearindex import NearIndex, compatible, essay_count, near_index_from_settings
from crawler.demo.corpus import TOPICS, ProseGenerator
from tests import archive_rows

SITE_INTRO = "以下是瑞文网小编精心整理的工作总结，欢迎阅读，希望大家能够喜欢。"


def essays(n: int, seed: int = 3, genre: str = "zongjie") -> list[str]:
    rng = random.Random(seed)
    gen = ProseGenerator(rng)
    topic = rng.choice(TOPICS)
    return ["\n".join(gen.paragraphs(genre, topic, rng.randint(6, 10), 900)) for _ in range(n)]


def store(archive: Archive, index: NearIndex, text: str) -> int:
    with archive.transaction():
        article_id = archive_rows.insert_article(archive, {"text": text, "chars": len(text)})
        index.add(article_id, text)
    return article_id


# --- pure math ---------------------------------------------------------------------
def test_near_form_equals_hash_form() -> None:
    samples = [*essays(3), "ＡＢＣ２０２３年，Ｈｅｌｌｏ　World！⑴ ℡ ﹏ 【篇一】", ""]
    assert [mh.near_form(t) for t in samples] == [hash_form(t) for t in samples]


def test_vectorised_signature_is_bit_for_bit_the_reference() -> None:
    for size in (1, 2, 3, 4, 5, 8):
        for text in [*essays(2), "短", "两字", "一段不长的文字，只有二十来个字符，许多桶是空的。", ""]:
            form = mh.near_form(text)
            for bins in (64, 100):
                fast = mh.signature(mh.shingle_ids(mh.near_codes(text), size), bins, seed=7)
                assert fast.tolist() == mh.reference_signature(form, size, bins, seed=7)


def test_short_texts_are_densified_consistently() -> None:
    """Empty bins borrow from a fixed donor order: every slot holds a real id,
    and a text's signature does not depend on anything but the text."""
    ids = mh.shingle_ids("一段不长的文字", 5)
    sig = mh.signature(ids, 128, seed=3)
    assert set(sig.tolist()) <= set(ids.tolist()) and len(ids) == 3
    assert sig.tolist() == mh.signature(ids.copy(), 128, seed=3).tolist()
    assert sig.tolist() != mh.signature(ids, 128, seed=4).tolist()


def test_shingles_are_distinct_sorted_and_short_texts_are_one_shingle() -> None:
    ids = mh.shingle_ids("我们我们我们", 2)
    assert len(ids) == 2 and (np.diff(ids.astype(np.int64)) > 0).all()
    assert len(mh.shingle_ids("好", 5)) == 1
    assert len(mh.shingle_ids("", 5)) == 0


def test_estimates_behave_like_ideal_minhash() -> None:
    """Error of the signature estimate ~ sqrt(J(1-J)/P), as for true random permutations."""
    base = essays(12, seed=5)
    zs = []
    for i, text in enumerate(base):
        other = text[: int(len(text) * (0.3 + 0.06 * i))] + base[(i + 1) % len(base)][:300]
        a, b = mh.shingle_ids(mh.near_form(text), 5), mh.shingle_ids(mh.near_form(other), 5)
        j = mh.jaccard(a, b)
        est = mh.estimate(mh.signature(a, 128, 2), mh.signature(b, 128, 2)[None, :])[0]
        zs.append((est - j) / max(np.sqrt(j * (1 - j) / 128), 0.01))
    assert abs(float(np.mean(zs))) < 1.0 and float(np.sqrt(np.mean(np.square(zs)))) < 2.0


def test_band_keys_distinct_per_band_and_stable() -> None:
    sig = np.zeros(128, np.uint32)  # every band holds the same rows
    keys = mh.band_keys(sig, 32)
    assert len(set(keys)) == 32
    assert keys == mh.band_keys(sig.copy(), 32)
    assert mh.candidate_probability(0.6, 32, 4) > 0.98 > mh.candidate_probability(0.2, 32, 4)


def test_jaccard_exact() -> None:
    a = np.array([1, 2, 3, 4], np.uint32)
    b = np.array([3, 4, 5], np.uint32)
    assert mh.jaccard(a, b) == pytest.approx(2 / 5)


def test_essay_headings() -> None:
    assert essay_count("篇1\n正文\n篇2\n正文") == 2
    assert essay_count("【篇一】\n正文\n篇二：我的心得\n正文\n第三篇\n正文") == 3
    assert essay_count("第一篇文章让我明白了很多道理，" * 5) == 0
    assert not compatible("篇1\n甲\n篇2\n乙", "甲")
    assert compatible("甲乙", "甲")


# --- the persisted index ---------------------------------------------------------------
def test_copy_in_a_later_run_finds_the_article_of_an_earlier_run(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    text, *others = essays(4)
    run1 = Archive(path)
    index = NearIndex(run1.db)
    index.sync()
    article_id = store(run1, index, text)
    for other in others:
        store(run1, index, other)
    run1.close()

    run2 = Archive(path)
    index = NearIndex(run2.db)
    assert index.sync() == 0  # nothing to rebuild: the index was persisted
    paragraphs = text.split("\n")
    paragraphs[2] = paragraphs[2][: len(paragraphs[2]) // 2] + "这一句由转载网站改写过了。"
    copy = "\n".join([SITE_INTRO, *paragraphs[:-1]])
    found = index.find(copy)
    assert found is not None and found[0] == article_id and 0.4 <= found[1] < 1.0
    assert index.find(essays(1, seed=99)[0]) is None
    run2.close()


def test_sync_indexes_articles_stored_while_the_index_was_off(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.sqlite")
    text = essays(1)[0]
    with archive.transaction():
        article_id = archive_rows.insert_article(archive, {"text": text})
    index = NearIndex(archive.db)
    assert index.sync() == 1
    assert index.find(text) == (article_id, 1.0)
    assert NearIndex(archive.db, shingle_size=4).sync() == 1  # other parameters: rebuilt


def test_compilation_is_not_merged_with_its_parts(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.sqlite")
    index = NearIndex(archive.db)
    index.sync()
    parts = essays(2, seed=11)
    parts[1] = parts[1][: len(parts[1]) // 2]  # a big first part: Jaccard alone would merge
    compilation = "篇1\n" + parts[0] + "\n篇2\n" + parts[1]
    store(archive, index, compilation)
    assert mh.jaccard(index.shingles(compilation), index.shingles(parts[0])) >= index.threshold
    assert index.find(parts[0]) is None
    part_id = store(archive, index, parts[0])
    assert index.find("篇1\n" + parts[0] + "\n篇2\n" + essays(1, seed=12)[0]) is None
    found = index.find(parts[0] + "\n" + SITE_INTRO)
    assert found is not None and found[0] == part_id


def test_two_essays_sharing_a_boilerplate_paragraph_stay_apart(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.sqlite")
    index = NearIndex(archive.db)
    plate = (
        "本站部分内容转载自互联网，如有侵权，敬请告知，我们将在第一时间删除。本站所有文章仅供学习参考，"
        "不代表本站观点，请读者自行甄别。如需转载，请注明出处并保留原文链接，感谢您的理解与支持。"
    )
    first, second = (text[:300] + "\n" + plate for text in essays(2, seed=21))
    store(archive, index, first)
    assert index.find(second) is None


def test_add_is_idempotent_and_remove_forgets(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.sqlite")
    index = NearIndex(archive.db, bands=16)
    text = essays(1)[0]
    article_id = store(archive, index, text)
    index.add(article_id, text)
    assert archive.db.execute("SELECT count(*) FROM near_bands").fetchone()[0] == 16
    index.remove(article_id)
    assert archive.db.execute("SELECT count(*) FROM near_bands").fetchone()[0] == 0
    assert index.find(text) is None


def test_near_index_reads_the_dedupe_settings(tmp_path: Path) -> None:
    from scrapy.settings import Settings

    settings = Settings({"DEDUPE_SHINGLE_SIZE": 4, "DEDUPE_NUM_PERM": 64, "DEDUPE_BANDS": 16,
                         "DEDUPE_BAND_ROWS": 4, "DEDUPE_THRESHOLD": 0.5})
    index = near_index_from_settings(Archive(tmp_path / "a.sqlite").db, settings)
    assert (index.shingle_size, index.num_perm, index.bands, index.rows, index.threshold) == (
        4, 64, 16, 4, 0.5)


def test_bands_that_do_not_fit_the_signature_are_refused(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.sqlite")
    with pytest.raises(ValueError, match="bands x rows"):
        NearIndex(archive.db, num_perm=64, bands=20, rows=4)


def test_pipelines_mark_a_near_copy(make_crawler, archive_path: Path) -> None:
    from tests.conftest import cleaned_item, store_records

    crawler = make_crawler(DEDUPE_NEAR_ENABLED=True)
    text = essays(1)[0]
    items = [
        cleaned_item("http://a.test/x/1234567.html", text),
        cleaned_item("http://b.test/y/7654321.html", SITE_INTRO + "\n" + text, site="b.test"),
    ]
    out = store_records(crawler, items)
    assert [i.match for i in out] == ["original", "near"]
    assert out[1].article_id == out[0].article_id and 0.9 < (out[1].similarity or 0) < 1.0
