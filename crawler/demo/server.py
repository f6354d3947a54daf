"""Serve a DemoSite on loopback as an HTTP forward proxy.

Scrapy reaches the made-up hosts by setting ``meta["proxy"]`` to
``proxy_url``: requests then carry an absolute URI whose host we dispatch
on. Direct requests fall back to the Host header.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from crawler.demo.site import DemoSite


def _handler_for(site: DemoSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive; every response has Content-Length

        def _answer(self) -> None:
            target = self.path
            if target.startswith(("http://", "https://")):
                parts = urlsplit(target)
                host = parts.netloc
                target = parts.path + ("?" + parts.query if parts.query else "")
            else:
                host = self.headers.get("Host", "")
            status, headers, body = site.respond(self.command, host, target, dict(self.headers))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if body:
                self.wfile.write(body)

        do_GET = _answer
        do_HEAD = _answer

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Silent: a crawl makes thousands of requests."""

    return Handler


class DemoServer:
    """Context manager: a daemon-thread ThreadingHTTPServer on 127.0.0.1:<free port>."""

    def __init__(self, site: DemoSite, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site = site
        self.httpd = ThreadingHTTPServer((host, port), _handler_for(site))
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> DemoServer:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="demo-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
