"""WARC records of one HTTP exchange, built from what Scrapy sent and received.

Pure functions over Scrapy's ``Request``/``Response``: no file, no crawler.
The response record holds the bytes as the server sent them (the capture
middleware sits next to the downloader, before HTTP decompression); only
``Transfer-Encoding`` is dropped, because Twisted has already de-chunked the
body and a reader would otherwise try to de-chunk it again.
"""

from __future__ import annotations

import base64
import hashlib
from http.client import responses as reasons
from io import BytesIO
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders

NOT_MODIFIED = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"
IDENTICAL = "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"
HOP_BY_HOP = frozenset({"transfer-encoding"})  # the body is stored de-chunked

BUILDER = RecordBuilder()


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest warcio writes (``sha1:`` + base32), computed up front
    so an identical payload can become a revisit before anything is written."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _header_pairs(headers: Any, drop: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        if name.decode("latin-1").lower() not in drop
        for value in values
    ]


def request_record(request: Request, date: str) -> Any:
    """The request as sent: origin-form target and the headers Scrapy set
    (``Host`` added, as the HTTP/1.1 client adds it on the wire)."""
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pairs = _header_pairs(request.headers)
    if not any(name.lower() == "host" for name, _ in pairs):
        pairs.insert(0, ("Host", parts.netloc))
    http = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", pairs, is_http_request=True)
    return BUILDER.create_warc_record(
        request.url, "request", payload=BytesIO(request.body), length=len(request.body),
        http_headers=http, warc_headers_dict={"WARC-Date": date},
    )


def _status_line(response: Response) -> tuple[str, str]:
    protocol = response.protocol or "HTTP/1.1"
    return f"{response.status} {reasons.get(response.status, 'Unknown')}", protocol


def _http_headers(response: Response) -> StatusAndHeaders:
    status, protocol = _status_line(response)
    return StatusAndHeaders(status, _header_pairs(response.headers, HOP_BY_HOP), protocol=protocol)


def response_record(response: Response, date: str) -> Any:
    body = response.body
    return BUILDER.create_warc_record(
        response.url, "response", payload=BytesIO(body), length=len(body),
        http_headers=_http_headers(response), warc_headers_dict={"WARC-Date": date},
    )


def revisit_record(response: Response, date: str, profile: str, refers_to: dict[str, str]
                   | None = None) -> Any:
    """A revisit: headers only. ``refers_to`` (id, uri, date of the first record with this
    payload) for identical payloads; none for a 304, whose earlier answer is the archive's."""
    headers = {"WARC-Date": date, "WARC-Profile": profile}
    if refers_to:
        headers.update({
            "WARC-Refers-To": refers_to["id"],
            "WARC-Refers-To-Target-URI": refers_to["uri"],
            "WARC-Refers-To-Date": refers_to["date"],
            "WARC-Payload-Digest": refers_to["digest"],
        })
    else:
        headers["WARC-Refers-To-Target-URI"] = response.url
    return BUILDER.create_warc_record(
        response.url, "revisit", http_headers=_http_headers(response), warc_headers_dict=headers,
    )


def warc_date() -> str:
    return str(BUILDER.curr_warc_date())
