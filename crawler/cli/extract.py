"""``fanwen extract``: what a crawl would archive from one saved page or one URL.

The command is a thin shell over ``crawler.article_from_html.extract_bytes``,
the same calls the spider and the clean pipeline make, so debugging a profile
here debugs the crawl. Every bad input (missing file, empty or binary body,
unreachable URL) ends in one line on stderr and exit code 1.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import click

from crawler.article_from_html import Extraction, extract_bytes

FETCH_TIMEOUT = 20  # seconds: one page, interactive use; a hung server must not hang the shell
MAX_BYTES = 50 * 1024 * 1024  # far above any real article page; stops a runaway download
USER_AGENT = "fanwen-extract (+https://github.com/fanwen)"
_BINARY_SNIFF = 1024  # a NUL in the first KiB means an image, archive or office file, not HTML


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> tuple[bytes, str | None, str]:
    """Body, Content-Type and final URL of ``url``; ClickException with one line on failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES)
            return body, response.headers.get("Content-Type"), response.geturl()
    except urllib.error.HTTPError as exc:
        raise click.ClickException(f"cannot fetch {url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise click.ClickException(f"cannot fetch {url}: {reason}") from exc


def read_source(source: str) -> tuple[bytes, str | None, str]:
    """Bytes, Content-Type (None for files) and URL of a path or http(s) URL."""
    if source.startswith(("http://", "https://")):
        return fetch(source)
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
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise click.ClickException(f"{source} looks binary (NUL bytes), not an HTML page")


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
        click.echo(f"{key:>14}: {value if value not in (None, '') else '-'}")
    click.echo("")
    for paragraph in record["paragraphs"]:
        click.echo(paragraph)


@click.command()
@click.argument("source", metavar="PATH_OR_URL")
@click.option("--url", help="The page's real URL (picks the site profile; resolves links).")
@click.option("--profile", "profile_name", help="Force a site profile instead of detecting one.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def extract(source: str, url: str | None, profile_name: str | None, as_json: bool) -> None:
    """Show what a crawl would archive from one saved page or one URL.

    Runs the crawl's own decode -> profile -> extract -> clean path. Exit 1 with
    one line on stderr when there is no page or no article text in it.

    \b
    Example:
      fanwen extract saved/1234567.html --url http://www.example.com/zw/1234567.html
      fanwen extract https://www.example.com/zw/1234567.html --json
    """
    body, content_type, found_url = read_source(source)
    _check_body(body, source, content_type)
    page_url = url or found_url
    try:
        found = extract_bytes(body, page_url, content_type, profile_name)
    except KeyError as exc:
        raise click.ClickException(str(exc.args[0])) from exc
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
