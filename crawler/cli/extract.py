"""``fanwen extract``: what a crawl would archive from one saved page or one URL.

The command is a thin shell over ``crawler.extraction.article_from_html.extract_bytes``,
the same calls the spider and the clean pipeline make, so debugging a profile
here debugs the crawl; pages the crawl would refuse as junk (garbage bytes,
soft 404s: ``crawler.extraction.junk``) are refused here too. Every bad input (missing
file, empty or binary body, unreachable URL, HTTP error, truncated body, a
server slower than ``--timeout`` in all) ends in one line on stderr and exit
code 1.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import click

from crawler.extraction.article_from_html import Extraction, extract_bytes
from crawler.extraction.hygiene import printable
from crawler.extraction.junk import JunkLimits, not_article_reason

FETCH_TIMEOUT = 20  # seconds: one page, interactive use; a hung server must not hang the shell
MAX_BYTES = 50 * 1024 * 1024  # far above any real article page; stops a runaway download
USER_AGENT = "fanwen-extract (+https://github.com/fanwen)"
_BINARY_SNIFF = 1024  # NULs in the first KiB mean an image, archive or office file, not HTML
_MAX_NULS = 2  # a stray NUL in a title is page debris (the crawl strips it), not a binary file


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str | None, str]:
    """Body, Content-Type and final URL of ``url`` within ``timeout`` seconds in all.

    urllib's timeout bounds each socket read, so a server dripping a byte a
    second never trips it; the download runs in a daemon thread and is given
    up at the deadline. ClickException with one line on any failure.
    """
    outcome: dict[str, Any] = {}

    def download() -> None:
        try:
            outcome["page"] = _download(url, time.monotonic() + timeout, timeout)
        except Exception as exc:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=download, name="fanwen-extract-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or outcome.get("error") is _TIMED_OUT:
        raise click.ClickException(f"cannot fetch {url}: no complete answer within {timeout:g}s (--timeout)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["page"]


_TIMED_OUT = click.ClickException("timed out")


def _download(url: str, deadline: float, timeout: float) -> tuple[bytes, str | None, str]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = _read_until(response, deadline)
            _check_length(url, body, response.headers.get("Content-Length"))
            return body, response.headers.get("Content-Type"), response.geturl()
    except urllib.error.HTTPError as exc:
        exc.close()  # an HTTPError is also the open response: release its socket
        raise click.ClickException(f"cannot fetch {url}: HTTP {exc.code} {exc.reason}") from exc
    except http.client.IncompleteRead as exc:
        raise click.ClickException(f"cannot fetch {url}: truncated body ({len(exc.partial)} bytes "
                                   "before the connection closed)") from exc
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        raise click.ClickException(f"cannot fetch {url}: {reason}") from exc


def _read_until(response: Any, deadline: float) -> bytes:
    """The body in chunks as they come, up to MAX_BYTES, while the deadline holds."""
    chunks: list[bytes] = []
    size = 0
    while size < MAX_BYTES:
        if time.monotonic() > deadline:
            raise _TIMED_OUT
        chunk = response.read1(min(65536, MAX_BYTES - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _check_length(url: str, body: bytes, declared: str | None) -> None:
    """A body shorter than its Content-Length was cut off: not the page."""
    if declared and declared.strip().isdigit() and len(body) < int(declared) and len(body) < MAX_BYTES:
        raise click.ClickException(
            f"cannot fetch {url}: truncated body ({len(body)} of {int(declared)} bytes)"
        )


def read_source(source: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str | None, str]:
    """Bytes, Content-Type (None for files) and URL of a path or http(s) URL."""
    if source.startswith(("http://", "https://")):
        return fetch(source, timeout)
    path = Path(source)
    if not path.is_file():
        raise click.ClickException(f"no such file: {source}")
    try:
        return path.read_bytes(), None, path.resolve().as_uri()
    except OSError as exc:
        raise click.ClickException(f"cannot read {source}: {exc.strerror}") from exc


def _check_body(body: bytes, source: str, content_type: str | None) -> None:
    """Refuse what is plainly not a web page, before spending time extracting it."""
    if not body.strip():
        raise click.ClickException(f"{source} is empty: nothing to extract")
    if content_type and not any(k in content_type.lower() for k in ("html", "xml", "text")):
        raise click.ClickException(f"{source} is not HTML (Content-Type: {content_type})")
    head = body[:_BINARY_SNIFF]
    if head.count(b"\x00") > _MAX_NULS and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise click.ClickException(f"{source} looks binary (NUL bytes), not an HTML page")


def _refuse_junk(found: Extraction, source: str) -> None:
    """What the crawl would not archive (garbage bytes, a soft 404) is no article here either."""
    raw = found.raw
    reason = not_article_reason(found.decoded.text, found.decoded.replaced, raw.title,
                                raw.head_title, raw.body_html, JunkLimits.defaults())
    if reason:
        raise click.ClickException(
            f"{source} is not an article: {reason.replace('_', ' ')} "
            f"(decoded as {found.decoded.encoding}, {found.decoded.replaced} bytes replaced)"
        )


def as_record(found: Extraction, url: str) -> dict[str, Any]:
    """The JSON shape: archive field names plus how the page was decoded."""
    art = found.article
    return {
        "url": url, "profile": found.profile, "encoding": found.decoded.encoding,
        "replaced_chars": found.decoded.replaced, "title": art.title, "category": art.category,
        "tags": art.tags, "published_at": art.published_at, "origin": art.origin,
        "author": art.author, "chars": art.chars, "paragraphs": art.paragraphs,
    }


def _print_text(record: dict[str, Any]) -> None:
    for key in ("title", "category", "tags", "published_at", "origin", "author", "url",
                "profile", "encoding", "replaced_chars", "chars"):
        value = record[key]
        if isinstance(value, list):
            value = " > ".join(value) if key == "category" else ", ".join(value)
        click.echo(printable(f"{key:>14}: {value if value not in (None, '') else '-'}"))
    click.echo("")
    for paragraph in record["paragraphs"]:
        click.echo(printable(paragraph))


@click.command()
@click.argument("source", metavar="PATH_OR_URL")
@click.option("--url", help="The page's real URL (picks the site profile; resolves links).")
@click.option("--profile", "profile_name", help="Force a site profile instead of detecting one.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=FETCH_TIMEOUT, show_default=True,
              help="Seconds to fetch a URL in all (connect, wait, read), however slowly it drips.")
def extract(source: str, url: str | None, profile_name: str | None, as_json: bool,
            timeout: float) -> None:
    """Show what a crawl would archive from one saved page or one URL.

    Runs the crawl's own decode -> profile -> extract -> clean path. Exit 1 with
    one line on stderr when there is no page or no article text in it.

    \b
    Example:
      fanwen extract saved/1234567.html --url http://www.example.com/zw/1234567.html
      fanwen extract https://www.example.com/zw/1234567.html --json --timeout 10
    """
    body, content_type, found_url = read_source(source, timeout)
    _check_body(body, source, content_type)
    page_url = url or found_url
    try:
        found = extract_bytes(body, page_url, content_type, profile_name)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
    _refuse_junk(found, source)
    if not found.article.paragraphs:
        raise click.ClickException(
            f"no article text found in {source} (decoded as {found.decoded.encoding}, "
            f"{found.decoded.replaced} bytes replaced, profile {found.profile})"
        )
    record = as_record(found, page_url)
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        _print_text(record)


COMMANDS = [extract]
