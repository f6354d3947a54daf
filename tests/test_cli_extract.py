"""``fanwen extract``: the crawl's extraction path on one file or URL, never a traceback."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from crawler.cli.extract import extract
from crawler.extraction.article_from_html import article_from_bytes

GOLDEN = Path(__file__).parent / "golden"
DEDE_URL = "http://www.aixuefanwen.com/dangtuan/1234567.html"


def run(*args: str) -> Result:
    return CliRunner().invoke(extract, list(args))


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(
        result.exception, SystemExit)
    assert result.output.strip().count("\n") == 0, result.output
    return result.output


def test_text_output_shows_fields_and_paragraphs() -> None:
    result = run(str(GOLDEN / "dedecms_sample.html"), "--url", DEDE_URL)
    assert result.exit_code == 0, result.output
    assert "title: 使先进性教育活动成为“人民满意工程”" in result.output
    assert "profile: dedecms" in result.output and "encoding: gb18030" in result.output
    assert "省农业厅科教处支部开展了“百站调查”" in result.output
    assert "相关文章" not in result.output


def test_json_matches_the_library_path() -> None:
    path = GOLDEN / "dedecms_sample.html"
    result = run(str(path), "--url", DEDE_URL, "--json")
    record = json.loads(result.output)
    article, decoded, profile = article_from_bytes(path.read_bytes(), DEDE_URL)
    assert record["paragraphs"] == article.paragraphs
    assert (record["origin"], record["profile"], record["replaced_chars"]) == ("求是", profile, 0)
    assert record["encoding"] == decoded.encoding


def test_forced_profile_and_unknown_profile() -> None:
    path = str(GOLDEN / "dedecms_sample.html")
    assert json.loads(run(path, "--profile", "generic", "--json").output)["profile"] == "generic"
    assert "unknown profile" in one_line_error(run(path, "--profile", "nosuch"))


def test_replaced_bytes_are_reported() -> None:
    record = json.loads(run(str(GOLDEN / "invalid_gbk.html"), "--json").output)
    assert record["replaced_chars"] == 3


@pytest.mark.parametrize("name,content", [
    ("empty.html", b""),
    ("blank.html", b"  \n\t "),
    ("binary.html", bytes(range(256)) * 40),
    ("missing.html", None),
])
def test_bad_files_are_one_line_errors(tmp_path: Path, name: str, content: bytes | None) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    one_line_error(run(str(path)))


def _prose(n: int) -> str:
    return f"<p>这是一段用来测试的正文，内容足够长，包含中文标点，读起来像文章。第{n}段。</p>"


def test_hostile_pages_give_an_article(tmp_path: Path) -> None:
    page = "<html><head><title>测试标题</title></head><body><div class='content'>"
    cases = {
        "truncated": (page + "".join(_prose(i) for i in range(20))).encode()[:900],
        "wrong_charset": ('<meta charset="utf-8">' + page + _prose(1) + _prose(2)).encode("gbk"),
        "five_mb": (page + "".join(_prose(i) for i in range(60_000)) + "</div>").encode(),
        "deep": ("<html><body>" + "<div>" * 10_000 + _prose(7) + "</div>" * 10_000).encode(),
    }
    for name, body in cases.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(body)
        result = run(str(path), "--json")
        assert result.exit_code == 0, (name, result.output[:300])
        record = json.loads(result.output)
        assert record["paragraphs"], name
        assert "\ufffd" not in "".join(record["paragraphs"]), name
        if name == "five_mb":
            assert len(body) > 5_000_000 and len(record["paragraphs"]) > 1000


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging to stderr (CliRunner would mix the log into output)."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "a.html").write_bytes((GOLDEN / "dedecms_sample.html").read_bytes())
    httpd = HTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched(server: str) -> None:
    result = run(f"{server}/a.html", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["url"] == f"{server}/a.html"
    assert record["title"] == "使先进性教育活动成为“人民满意工程”"


def test_url_failures_are_one_line(server: str) -> None:
    assert "HTTP 404" in one_line_error(run(f"{server}/missing.html"))
    port = int(server.rsplit(":", 1)[1])
    assert "cannot fetch" in one_line_error(run(f"http://127.0.0.1:{port + 1 if port < 65535 else 1}/"))


# --- issue 16: hostile servers ---------------------------------------------------------

@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    from tests.hostile_site import HostileServer

    with HostileServer() as server:
        yield server.url.rstrip("/")


def test_a_slow_drip_is_given_up_at_the_deadline(hostile: str) -> None:
    import time

    started = time.monotonic()
    message = one_line_error(run(f"{hostile}/drip.html", "--timeout", "1"))
    assert time.monotonic() - started < 3
    assert "within 1s" in message


@pytest.mark.parametrize("path,words", [
    ("/zw/9000005.html", "truncated body"),
    ("/zw/9000004.html", "HTTP 500"),
    ("/zw/9000003.html", "HTTP 404"),
    ("/zw/9000002.html", "not an article: soft 404"),
    ("/zw/9000001.html", "not an article: replacement chars"),
])
def test_hostile_answers_are_one_line_errors(hostile: str, path: str, words: str) -> None:
    assert words in one_line_error(run(f"{hostile}{path}", "--timeout", "10"))


def test_control_characters_are_cleaned_not_refused(hostile: str) -> None:
    from crawler.extraction.hygiene import has_control
    from tests.hostile_site import HostileSite

    result = run(f"{hostile}{HostileSite().articles[4].path}", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["title"] == "控制字符[31m标题测试2J" and record["author"] == "张三"
    assert not has_control(json.dumps(record, ensure_ascii=False))
    text = run(f"{hostile}{HostileSite().articles[4].path}")
    assert not has_control(text.output.replace("\n", ""))
