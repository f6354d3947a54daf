"""The bundled demo site: determinism, ground truth, encodings and HTTP realities."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import urlsplit

import pytest

from crawler.demo.corpus import bigrams
from crawler.demo.server import DemoServer
from crawler.demo.site import DemoSite, build_demo


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return build_demo()


def _get(
    site: DemoSite, url: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    return site.respond("GET", parts.netloc, target, headers or {})


def test_build_is_deterministic(site: DemoSite) -> None:
    again = build_demo()
    assert json.dumps(again.manifest, sort_keys=True) == json.dumps(site.manifest, sort_keys=True)
    assert again.pages == site.pages


def test_counts(site: DemoSite) -> None:
    m = site.manifest
    a = [x for x in m["articles"] if x["host"] == "www.aixuefw.test"]
    assert len(a) >= 200
    assert len({x["category"][0] for x in a}) >= 5
    kinds = Counter(x["kind"] for x in a)
    assert kinds["multipage"] >= 10 and kinds["compilation"] >= 5
    assert sum(not x["linked_from_lists"] for x in a) >= 10
    edits = Counter(c["edit"] for c in m["copies"] if c["host"] == "www.wenmi8.test")
    assert edits["exact"] >= 15 and edits["near"] >= 15
    assert sum(x["encoding"] == "utf-8-bom" for x in a) == 1
    assert site.hosts == ["www.aixuefw.test", "m.aixuefw.test", "www.wenmi8.test"]


def test_articles_are_pairwise_distinct(site: DemoSite) -> None:
    """Bigram Jaccard < 0.3 for every pair; bitmask ints keep the O(n²) loop fast."""
    vocab: dict[str, int] = {}
    masks = []
    for art in site.manifest["articles"]:
        bits = 0
        for gram in bigrams(art["paragraphs"]):
            bits |= 1 << vocab.setdefault(gram, len(vocab))
        masks.append(bits)
    worst = 0.0
    for i, x in enumerate(masks):
        for y in masks[i + 1 :]:
            worst = max(worst, (x & y).bit_count() / (x | y).bit_count())
    assert worst < 0.3


def test_no_sentence_is_common(site: DemoSite) -> None:
    articles = site.manifest["articles"]
    seen: Counter[str] = Counter()
    for art in articles:
        sentences = {s for p in art["paragraphs"] for s in re.split("[。！？]", p) if len(s) >= 6}
        seen.update(sentences)
    assert seen.most_common(1)[0][1] < 0.02 * len(articles)


def test_article_shape(site: DemoSite) -> None:
    for art in site.manifest["articles"]:
        text = "".join(art["paragraphs"])
        assert 6 <= len(art["paragraphs"]) <= 20, art["url"]
        assert 450 <= len(text) <= 2700, art["url"]
    comp = next(a for a in site.manifest["articles"] if a["kind"] == "compilation")
    assert "篇1" in comp["paragraphs"] and "(通用" in comp["title"]


def test_boilerplate_never_in_real_paragraphs(site: DemoSite) -> None:
    texts = ["\n".join(a["paragraphs"]) for a in site.manifest["articles"]]
    for phrase in site.manifest["boilerplate_phrases"]:
        assert not any(phrase in t for t in texts), phrase


def test_site_a_pages_are_gbk_not_gb2312(site: DemoSite) -> None:
    gbk_only = re.compile("[镕〇喆]")
    arts = [
        a
        for a in site.manifest["articles"]
        if a["encoding"] == "gbk" and gbk_only.search("".join(a["paragraphs"]) + a["title"])
    ]
    assert len(arts) >= 3
    status, headers, body = _get(site, arts[0]["url"])
    assert status == 200
    assert arts[0]["title"] in body.decode("gbk")
    with pytest.raises(UnicodeDecodeError):
        body.decode("gb2312")
    assert any("·" in a["title"] for a in site.manifest["articles"])


def test_every_page_part_renders_its_paragraphs(site: DemoSite) -> None:
    for art in site.manifest["articles"][::9]:
        html = ""
        for url in art["page_urls"]:
            status, headers, body = _get(site, url)
            if status == 500:  # the flaky article
                status, headers, body = _get(site, url)
            assert status == 200
            enc = "utf-8-sig" if art["encoding"].startswith("utf-8") else "gbk"
            html += body.decode(enc)
        plain = re.sub(r"<[^>]+>", "", html)
        for para in art["paragraphs"]:
            assert para.replace("“", "").replace("”", "") in plain.replace("“", "").replace("”", "")


def test_mirror_and_copies_resolve(site: DemoSite) -> None:
    for copy in site.manifest["copies"][::25]:
        assert _get(site, copy["url"])[0] == 200


def test_server_round_trip(site: DemoSite) -> None:
    special = site.manifest["special"]
    with DemoServer(site) as server:
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({"http": server.proxy_url}), _NoRedirect()
        )

        def fetch(
            url: str, headers: dict[str, str] | None = None
        ) -> tuple[int, dict[str, str], bytes]:
            req = urllib.request.Request(url, headers=headers or {})
            try:
                with opener.open(req, timeout=5) as resp:
                    return resp.status, dict(resp.headers), resp.read()
            except urllib.error.HTTPError as err:
                return err.code, dict(err.headers), err.read()

        art = site.manifest["articles"][0]
        status, headers, body = fetch(art["url"])
        assert status == 200 and "charset" in (
            headers["Content-Type"] + body[:400].decode("ascii", "ignore")
        )
        assert fetch("http://www.aixuefw.test/robots.txt")[2].startswith(b"User-agent")
        assert fetch(special["not_found"][0])[0] == 404
        old, new = next(iter(special["redirects"].items()))
        status, headers, _ = fetch(old)
        assert status == 301 and headers["Location"] == new
        assert fetch(special["flaky_500"])[0] == 500
        assert fetch(special["flaky_500"])[0] == 200
        status, headers, _ = fetch(art["url"])
        assert fetch(art["url"], {"If-None-Match": headers["ETag"]})[0] == 304
        assert fetch("http://unknown.test/")[0] == 502
        status, _, body = fetch("http://www.aixuefw.test/search.php?q=x&page=7")
        assert status == 200 and b"page=8" in body


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
