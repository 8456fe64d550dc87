"""A small HTTP server on 127.0.0.1 playing wire sources: feeds, 304s, hangs, 500s, redirects,
oversized and garbage answers. Each test says what each path answers."""

import contextlib
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wire"


def feed_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class Route:
    """What one path answers. `kind`: feed, hang, status, redirect, big, trickle, garbage."""

    def __init__(
        self,
        kind="feed",
        *,
        body=b"",
        etag="",
        status=200,
        to="",
        seconds=0.0,
        size=0,
        chunked=False,
    ):
        self.kind, self.body, self.etag, self.status = kind, body, etag, status
        self.to, self.seconds, self.size, self.chunked = to, seconds, size, chunked
        self.hits = 0
        self.conditional_hits = 0


class WireServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    return self._send(404, b"not here")
                route.hits += 1
                if route.kind == "feed":
                    if route.etag and self.headers.get("If-None-Match") == route.etag:
                        route.conditional_hits += 1
                        self.send_response(304)
                        self.send_header("ETag", route.etag)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    headers = {"ETag": route.etag} if route.etag else {}
                    return self._send(200, route.body, "application/rss+xml", headers)
                if route.kind == "hang":
                    time.sleep(route.seconds)
                    return self._send(200, route.body or b"<rss/>")
                if route.kind == "status":
                    return self._send(route.status, b"<html>Internal error</html>", "text/html")
                if route.kind == "redirect":
                    self.send_response(302)
                    self.send_header("Location", route.to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.kind == "big":
                    if route.chunked:  # no Content-Length: the reader must count
                        self.send_response(200)
                        self.send_header("Content-Type", "application/rss+xml")
                        self.send_header("Connection", "close")
                        self.end_headers()
                        block = b"<!-- padding -->" * 4096
                        sent = 0
                        try:
                            while sent < route.size:
                                self.wfile.write(block)
                                sent += len(block)
                        except OSError:
                            pass
                        return
                    self.send_response(200)
                    self.send_header("Content-Length", str(route.size))
                    self.end_headers()
                    return
                if route.kind == "trickle":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    try:
                        for _ in range(int(route.seconds * 10)):
                            self.wfile.write(b" ")
                            self.wfile.flush()
                            time.sleep(0.1)
                    except OSError:
                        pass
                    return
                if route.kind == "gzip":
                    body = gzip.compress(route.body)
                    return self._send(
                        200, body, "application/rss+xml", {"Content-Encoding": "gzip"}
                    )
                if route.kind == "garbage":
                    return self._send(200, route.body or b"\x89PNG\r\n\x1a\n\x00\x00garbage")
                return self._send(500, b"unknown route kind")

            def _send(self, status, body, content_type="text/plain", headers=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{path}"

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)


@pytest.fixture
def wire_server():
    server = WireServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def make_source(db):
    from wire.models import Source

    def make(name, url, **fields):
        fields.setdefault("autotag", "off")
        fields.setdefault("interval_seconds", 60)
        return Source.objects.create(name=name, feed_url=url, **fields)

    return make
