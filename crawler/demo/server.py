"""Serve a DemoSite on loopback as an HTTP forward proxy.

Scrapy reaches the made-up hosts by setting ``meta["proxy"]`` to
``proxy_url``: requests then carry an absolute URI whose host we dispatch
on. Direct requests fall back to the Host header.
"""

from __future__ import annotations

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from crawler.demo.site import DemoSite


class _Server(ThreadingHTTPServer):
    """Holds the site it serves, so a test can swap in the next revision."""

    daemon_threads = True
    demo_site: DemoSite
    latency: float = 0.0  # seconds added to every response (benchmarks: a politeness-bound crawl)
    # (monotonic arrival time, host, path) of every request when a test asks for it: politeness
    # across processes can only be checked where the requests arrive.
    request_log: list[tuple[float, str, str]] | None = None

    def handle_error(self, request: object, client_address: object) -> None:
        """A crawler killed mid-request (the kill tests) is not a server error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def _handler() -> type[BaseHTTPRequestHandler]:
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
            assert isinstance(self.server, _Server)
            if self.server.request_log is not None:  # list.append is atomic across threads
                self.server.request_log.append((time.monotonic(), host, target))
            if self.server.latency:
                time.sleep(self.server.latency)
            site = self.server.demo_site  # read per request: swap_site() takes effect at once
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

    def __init__(self, site: DemoSite, host: str = "127.0.0.1", port: int = 0,
                 latency: float = 0.0, log_requests: bool = False) -> None:
        self.httpd = _Server((host, port), _handler())
        self.httpd.demo_site = site
        self.httpd.latency = latency
        self.httpd.request_log = [] if log_requests else None
        self._thread: threading.Thread | None = None

    @property
    def site(self) -> DemoSite:
        return self.httpd.demo_site

    def swap_site(self, site: DemoSite) -> None:
        """Serve ``site`` (e.g. the next revision) from the next request on, same port."""
        self.httpd.demo_site = site

    @property
    def request_log(self) -> list[tuple[float, str, str]]:
        """(monotonic arrival time, host, path) of each request so far (``log_requests=True``)."""
        if self.httpd.request_log is None:
            raise RuntimeError("DemoServer(log_requests=True) keeps the request log")
        return list(self.httpd.request_log)

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
