"""End to end: a demo crawl's WARC files hold every exchange, read back with warcio
and pywb, and `fanwen reextract` after an extraction rule changed gives the archive a
fresh crawl with that rule gives, without one request to the server."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from crawler.demo.server import DemoServer
from crawler.demo.site import DemoSite, build_demo
from crawler.links import canonical_url
from crawler.warc.files import Location
from tests.e2e import ROOT, crawl, crawl_args, query, run

ARTICLES = 30
RULE = ROOT / "tests" / "rule_first_three.py"
BIN = Path(sys.executable).parent
# pywb lives in its own venv (.ci/run makes .pywb/): it pins redis<3, the project redis-py 8.
PYWB = Path(os.environ.get("PYWB_BIN", ROOT / ".pywb" / "bin")).resolve()


class RequestLog:
    """The demo site with every request it answers recorded (the replay must cause none)."""

    def __init__(self, site: DemoSite) -> None:
        self.site = site
        self.requests: list[str] = []

    def respond(self, method: str, host: str, target: str, headers: dict[str, str]) -> Any:
        self.requests.append(f"{method} {host}{target}")
        return self.site.respond(method, host, target, headers)


@pytest.fixture(scope="module")
def log() -> RequestLog:
    return RequestLog(build_demo(articles=ARTICLES))


@pytest.fixture(scope="module")
def server(log: RequestLog) -> Iterator[DemoServer]:
    with DemoServer(cast(DemoSite, log)) as running:
        yield running


@pytest.fixture(scope="module")
def crawled(server: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("warc") / "archive.sqlite"
    crawl(db, server.proxy_url)
    return db


def locations(db: Path, where: str = "1") -> list[tuple[str, Location]]:
    rows = query(db, f"SELECT url, warc_file, warc_offset, warc_length FROM pages WHERE {where}")
    return [(url, Location(f, o, n)) for url, f, o, n in rows if f is not None]


def test_every_response_of_the_crawl_is_in_the_warc(crawled: Path) -> None:
    from crawler.warc.reader import read_at, scan, warc_files

    directory = crawled.parent / "warc"
    pages = query(crawled, "SELECT count(*) FROM pages WHERE http_status IS NOT NULL")[0][0]
    placed = locations(crawled)
    assert len(placed) == pages > 100  # every answered page of the ledger has its record
    for url, where in placed:
        assert canonical_url(read_at(directory, where).uri) == url
    records = [c for path in warc_files(directory) for c in scan(path)]
    by_place = {c.location for c in records}
    assert {where for _, where in placed} <= by_place
    others = [c for c in records if c.location not in {w for _, w in placed}]
    # What no page row points at: robots.txt, the redirect hops before a page, and
    # another spelling of a page's URL (the row is keyed by the canonical URL: last wins).
    page_urls = {url for url, _ in placed}
    assert [c.uri for c in others if not (c.uri.endswith("/robots.txt") or 300 <= c.status < 400
                                          or canonical_url(c.uri) in page_urls)] == []
    assert sum(c.uri.endswith("/robots.txt") for c in records) == 3  # fetched through us too


def test_warcio_check_and_index_pass(crawled: Path) -> None:
    files = sorted(str(p) for p in (crawled.parent / "warc").glob("*.warc.gz"))
    check = subprocess.run([str(BIN / "warcio"), "check", *files], capture_output=True,
                           text=True, timeout=120)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    index = subprocess.run([str(BIN / "warcio"), "index", "-f", "warc-type", *files],
                           capture_output=True, text=True, timeout=120)
    types = [json.loads(line)["warc-type"] for line in index.stdout.splitlines()]
    assert types.count("warcinfo") == len(files)
    assert types.count("request") == types.count("response") + types.count("revisit")


def test_warc_command_gives_the_raw_response_the_server_sent(crawled: Path, log: RequestLog,
                                                            tmp_path: Path) -> None:
    [(article_id, url)] = query(crawled, "SELECT id, url FROM articles ORDER BY id LIMIT 1")
    out = tmp_path / "page.http"
    done = run([sys.executable, "-m", "crawler", "warc", str(article_id), "--db", str(crawled),
                "-o", str(out)])
    assert done.returncode == 0, done.stderr
    head, _, body = out.read_bytes().partition(b"\r\n\r\n")
    parts = url.split("/", 3)
    status, _, sent = log.site.respond("GET", parts[2], "/" + parts[3], {})
    assert head.startswith(b"HTTP/1.1 200 OK") and body == sent
    missing = run([sys.executable, "-m", "crawler", "warc", "http://nowhere.test/x",
                   "--db", str(crawled)])
    assert missing.returncode == 1 and "no captured page" in missing.stderr


def test_export_warc_gives_each_sighting_its_record(crawled: Path) -> None:
    done = run([sys.executable, "-m", "crawler", "export", "--warc", "--db", str(crawled)])
    records = [json.loads(line) for line in done.stdout.splitlines()]
    sightings = [s for r in records for s in r["sightings"]]
    assert len(sightings) == query(crawled, "SELECT count(*) FROM sightings")[0][0]
    assert all(s["warc"]["file"].endswith(".warc.gz") for s in sightings)


def snapshot(db: Path) -> dict[str, Any]:
    """What a crawl decides, without times and ids."""
    return {
        "articles": sorted(query(db, "SELECT canonical_url, url, site, title, text, content_hash, "
                                     "decided_by, text_url, published_at, origin, author, chars "
                                     "FROM articles")),
        "sightings": sorted(query(db, "SELECT s.url, a.canonical_url, s.match, "
                                      "round(s.similarity, 4), t.hash, s.seen_title, s.complete "
                                      "FROM sightings s JOIN articles a ON a.id = s.article_id "
                                      "JOIN texts t ON t.id = s.text_id")),
        "texts": sorted(query(db, "SELECT t.hash, a.canonical_url FROM texts t "
                                  "JOIN articles a ON a.id = t.article_id")),
        "near": query(db, "SELECT count(*) FROM near_signatures"),
        "fts": query(db, "SELECT count(*) FROM articles_fts"),
        "article_pages": sorted(query(db, "SELECT p.url, a.canonical_url FROM pages p "
                                          "JOIN articles a ON a.id = p.article_id")),
    }


def test_reextract_after_a_rule_change_equals_a_fresh_crawl_without_network(
    crawled: Path, server: DemoServer, log: RequestLog, tmp_path: Path
) -> None:
    db = tmp_path / "archive.sqlite"
    shutil.copy(crawled, db)
    shutil.copytree(crawled.parent / "warc", tmp_path / "warc")
    before = snapshot(db)
    log.requests.clear()
    done = run([sys.executable, str(RULE), "reextract", "--db", str(db), "--json"], timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert log.requests == []  # zero network: the demo server answered nothing
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["texts_changed"] > 0 and summary["not_captured"] == 0
    fresh = tmp_path / "fresh" / "archive.sqlite"
    args = crawl_args(fresh, server.proxy_url)
    fresh_run = run([sys.executable, str(RULE), *args[3:]], timeout=300)
    assert fresh_run.returncode == 0, fresh_run.stderr[-3000:]
    after = snapshot(db)
    assert after != before
    assert after == snapshot(fresh)
    runs = query(db, "SELECT count(*) FROM runs")[0][0]
    assert runs == 2  # the crawl's run kept, the reextract's added
    assert query(db, "SELECT count(*) FROM pages") == query(crawled, "SELECT count(*) FROM pages")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(not (PYWB / "wayback").exists(),
                    reason="pywb not installed in .pywb/ (or PYWB_BIN); .ci/run installs it")
def test_pywb_replays_a_captured_article(crawled: Path, log: RequestLog, tmp_path: Path) -> None:
    files = sorted(str(p) for p in (crawled.parent / "warc").glob("*.warc.gz"))
    for step in (["init", "fanwen"], ["add", "fanwen", *files]):
        done = subprocess.run([str(PYWB / "wb-manager"), *step], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
    [(url,)] = query(crawled, "SELECT url FROM articles ORDER BY id LIMIT 1")
    port = free_port()
    wayback = subprocess.Popen([str(PYWB / "wayback"), "-p", str(port), "-b", "127.0.0.1"],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        body = _get_when_up(f"http://127.0.0.1:{port}/fanwen/2000id_/{url}", wayback)
    finally:
        wayback.terminate()
        wayback.communicate(timeout=30)
    parts = url.split("/", 3)
    assert body == log.site.respond("GET", parts[2], "/" + parts[3], {})[2]


def _get_when_up(address: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> bytes:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(address, timeout=10) as answer:
                return bytes(answer.read())
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)
