"""A real HTTP server on 127.0.0.1 for tests: feeds, article pages and faults. No internet.

Use the `feed_server` fixture (tests/conftest.py), or the class directly:

    from feedserver import FeedServer, rss, atom, jsonfeed, page, Item

    with FeedServer() as srv:
        srv.route("/a.xml", rss("A feed", [Item("One", "/a/1", "<p>Text</p>")]))
        srv.route("/slow.xml", rss(...), delay=5)                 # answers after 5 s
        gate = threading.Event()
        srv.route("/held.xml", rss(...), hold=gate)               # answers once gate.set()
        srv.route("/boom.xml", status=500)                        # any status, empty body
        srv.route("/wait.xml", status=429, headers={"Retry-After": "120"})
        srv.route("/cond.xml", body, etag='"v1"', last_modified="Tue, 02 Jan 2024 10:00:00 GMT")
        srv.route("/big.xml", size=30_000_000)                    # streams that many bytes
        srv.redirect("/loop1", "/loop2"); srv.redirect("/loop2", "/loop1")
        url = srv.url("/a.xml")                                   # http://127.0.0.1:PORT/a.xml
        srv.hits("/a.xml")                                        # requests received for a path
        srv.requests[-1].headers["If-None-Match"]                 # what the client sent
        srv.max_in_flight                                         # most requests open at once

`route(path, body=b"", *, status=200, content_type=..., headers=None, delay=0.0,
hold=None, etag=None, last_modified=None, size=None, gzip=False)`: `body` is bytes or str
(UTF-8); `delay` sleeps before the status line; `hold` (a threading.Event) keeps the
request open until it is set (or the server closes): the client is provably mid-fetch;
`etag`/`last_modified` make the route answer 304 to a matching If-None-Match /
If-Modified-Since; `size` streams that many bytes of XML-ish filler instead of `body`;
`gzip` compresses the body and sets Content-Encoding. Routes can be replaced at any
time (a feed that grows).
Builders: `rss(title, items)`, `atom(title, items)`, `jsonfeed(title, items)`,
`page(title, paragraphs)` (an article web page), `Item(title, link, html, guid, date)`.
"""

from __future__ import annotations

import gzip as gzip_mod
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hold: threading.Event | None = None
    etag: str | None = None
    last_modified: str | None = None
    size: int | None = None
    gzip: bool = False


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self.in_flight = 0  # requests received and not yet answered
        self.max_in_flight = 0
        self._closing = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", **kw: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        if "content_type" not in kw and data.lstrip().startswith(b"{"):
            kw["content_type"] = "application/feed+json"
        self.routes[path] = Route(body=data, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.route(path, status=status, headers={"Location": to})

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def close(self) -> None:
        self._closing.set()
        for route in list(self.routes.values()):  # held requests end with the server
            if route.hold is not None:
                route.hold.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> FeedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms stalls

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client was killed mid-request: what some tests do on purpose

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            with server._lock:
                server.requests.append(Request(path, dict(self.headers.items()), time.time()))
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            try:
                route = server.routes.get(path)
                if route is not None and route.delay:
                    time.sleep(route.delay)
                if route is not None and route.hold is not None and not server._closing.is_set():
                    route.hold.wait(timeout=120)
            finally:
                # No longer in flight once the answer starts: the client may reuse its slot
                # only after reading it, so the count never overlaps the next request.
                with server._lock:
                    server.in_flight -= 1
            if route is None:
                return self._send(404, b"not found", "text/plain", {})
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if (route.etag and inm == route.etag) or (
                route.last_modified and ims == route.last_modified and not route.etag
            ):
                return self._send(304, b"", None, self._validators(route))
            headers = {**self._validators(route), **route.headers}
            if route.size is not None:
                return self._stream(route, headers)
            body = route.body
            if route.gzip:
                body = gzip_mod.compress(body)
                headers["Content-Encoding"] = "gzip"
            self._send(route.status, body, route.content_type, headers)

        def _validators(self, route: Route) -> dict[str, str]:
            out = {}
            if route.etag:
                out["ETag"] = route.etag
            if route.last_modified:
                out["Last-Modified"] = route.last_modified
            return out

        def _send(
            self, status: int, body: bytes, ctype: str | None, headers: dict[str, str]
        ) -> None:
            try:
                self.send_response(status)
                if ctype and status != 304:
                    self.send_header("Content-Type", ctype)
                for k, v in headers.items():
                    self.send_header(k, v)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _stream(self, route: Route, headers: dict[str, str]) -> None:
            chunk = b"<!-- filler filler filler filler filler filler filler filler -->\n" * 1000
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(route.size))  # may be ignored by clients
                self.end_headers()
                left = route.size or 0
                while left > 0:
                    part = chunk[:left]
                    self.wfile.write(part)
                    left -= len(part)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


# -- builders ----------------------------------------------------------------------------


@dataclass
class Item:
    title: str
    link: str | None = None
    html: str = "<p>Some text.</p>"
    guid: str | None = None
    date: str | None = "Tue, 02 Jan 2024 10:00:00 GMT"
    author: str | None = None


def rss(title: str, items: list[Item], link: str = "/") -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>{escape(link)}</link>",
    ]
    for it in items:
        out.append("<item>")
        out.append(f"<title>{escape(it.title)}</title>")
        if it.link:
            out.append(f"<link>{escape(it.link)}</link>")
        if it.guid:
            out.append(f'<guid isPermaLink="false">{escape(it.guid)}</guid>')
        if it.date:
            out.append(f"<pubDate>{it.date}</pubDate>")
        if it.author:
            out.append(f"<author>{escape(it.author)}</author>")
        out.append(f"<description>{escape(it.html)}</description>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def atom(title: str, items: list[Item], link: str = "/") -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f'<title>{escape(title)}</title><link href="{escape(link)}"/>',
        "<id>urn:test:feed</id><updated>2024-01-02T10:00:00Z</updated>",
    ]
    for it in items:
        out.append("<entry>")
        out.append(f"<title>{escape(it.title)}</title>")
        if it.link:
            out.append(f'<link rel="alternate" href="{escape(it.link)}"/>')
        out.append(f"<id>{escape(it.guid or it.link or it.title)}</id>")
        out.append("<updated>2024-01-02T10:00:00Z</updated>")
        if it.author:
            out.append(f"<author><name>{escape(it.author)}</name></author>")
        out.append(f'<content type="html">{escape(it.html)}</content>')
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out)


def jsonfeed(title: str, items: list[Item], link: str = "/") -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "home_page_url": link,
            "items": [
                {
                    "id": it.guid or it.link or it.title,
                    "url": it.link,
                    "title": it.title,
                    "content_html": it.html,
                    "date_published": "2024-01-02T10:00:00Z",
                    **({"authors": [{"name": it.author}]} if it.author else {}),
                }
                for it in items
            ],
        }
    )


def page(title: str, paragraphs: list[str], feed_link: str | None = None) -> str:
    """An article web page with navigation and footer around the body."""
    head = f"<title>{escape(title)}</title>"
    if feed_link:
        head += f'<link rel="alternate" type="application/rss+xml" href="{escape(feed_link)}">'
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    )
