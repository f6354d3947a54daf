"""End to end: deploy fanwen to a real scrapyd on loopback and crawl with it.

The recipe of docs/scheduling.md, step by step: build an egg of this
checkout, ``scrapyd-deploy --egg`` it, ``schedule.json`` the ``template``
spider against the local demo site with ``setting=`` overrides, poll
``listjobs.json`` until the job finishes, then check the archive.
The egg is built from a copy of the checkout, so no build/ or egg-info
litters the working tree.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("scrapyd")
pytest.importorskip("scrapyd_client")

from crawler.demo.server import DemoServer  # noqa: E402
from crawler.demo.site import build_demo  # noqa: E402
from tests.e2e import ROOT, START_URLS, consistency_problems, fast_settings, query  # noqa: E402

ENTRY_POINT = '\n[project.entry-points.scrapy]\nsettings = "crawler.settings"\n'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=10) as resp:
        return json.loads(resp.read())


def build_egg(tmp: Path) -> Path:
    """An egg of this checkout, as the docs build it (no setup.py needed)."""
    src = tmp / "src"
    for name in ("crawler", "pipelines"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "scrapy.cfg", "README.md"):
        shutil.copy(ROOT / name, src / name)
    pyproject = src / "pyproject.toml"
    if "[project.entry-points.scrapy]" not in pyproject.read_text():
        # scrapyd finds the settings module through this entry point.
        pyproject.write_text(pyproject.read_text() + ENTRY_POINT)
    subprocess.run(
        [sys.executable, "-c", "from setuptools import setup; setup()", "bdist_egg", "-d", "dist"],
        cwd=src, check=True, capture_output=True, timeout=120,
    )
    (egg,) = (src / "dist").glob("*.egg")
    return egg


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    (home / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\npoll_interval = 0.5\n"
        f"eggs_dir = {home}/eggs\nlogs_dir = {home}/logs\ndbs_dir = {home}/dbs\n"
    )
    proc = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=home,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if api(base, "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("scrapyd did not start: " + (proc.stderr.read() if proc.stderr else ""))
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_deploy_schedule_and_archive(scrapyd: str, tmp_path: Path) -> None:
    egg = build_egg(tmp_path)
    cfg = egg.parent.parent / "scrapy.cfg"
    cfg.write_text(cfg.read_text() + f"\n[deploy:test]\nurl = {scrapyd}/\nproject = fanwen\n")
    deploy = subprocess.run(
        ["scrapyd-deploy", "test", "-p", "fanwen", "--version", "e2e", "--egg", str(egg)],
        cwd=cfg.parent, capture_output=True, text=True, timeout=60,
    )
    assert deploy.returncode == 0 and '"status": "ok"' in deploy.stdout, deploy.stderr
    assert "template" in api(scrapyd, "listspiders.json?project=fanwen")["spiders"]

    site = build_demo(articles=30)
    db = tmp_path / "archive.sqlite"
    with DemoServer(site) as server:
        settings = {**fast_settings(server.proxy_url), "ARCHIVE_PATH": str(db)}
        job = api(scrapyd, "schedule.json", [
            ("project", "fanwen"), ("spider", "template"), ("start_urls", ",".join(START_URLS)),
            *(("setting", f"{name}={value}") for name, value in settings.items()),
        ])
        assert job["status"] == "ok", job
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline:
            jobs = api(scrapyd, "listjobs.json?project=fanwen")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"scrapyd job did not finish in time: {jobs}")

    assert consistency_problems(db) == []
    [(status, reason)] = query(db, "SELECT status, finish_reason FROM runs")
    assert (status, reason) == ("ok", "finished")
    archived = {url for (url,) in query(db, "SELECT url FROM sightings")}
    assert {a["url"] for a in site.manifest["articles"]} - archived == set()
    assert query(db, "SELECT count(*) FROM articles") == [(len(site.manifest["articles"]),)]
