"""feeds.http against a real local server: limits, redirects, conditional GET, Retry-After."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time

import brotli
import pytest
from feedserver import FeedServer, Item, rss

from feeds.errors import FetchError, FetchTimeout, HttpStatusError, TooLargeError, TooManyRedirects
from feeds.http import USER_AGENT, FetchLimits, fetcher

SMALL = FetchLimits(connect_timeout=2, read_timeout=1, total_timeout=2, max_bytes=200_000)


def fetch(url: str, limits: FetchLimits = SMALL, **kw: str) -> object:
    async def go() -> object:
        async with fetcher(limits=limits) as f:
            return await f.fetch(url, **kw)

    return asyncio.run(go())


def test_ok_with_user_agent_and_validators(feed_server: FeedServer) -> None:
    url = feed_server.route(
        "/f.xml",
        rss("F", [Item("a", "/a")]),
        etag='"v1"',
        last_modified="Mon, 01 Jan 2024 00:00:00 GMT",
    )
    got = fetch(url)
    assert got.status == 200 and b"<rss" in got.content and got.etag == '"v1"'  # type: ignore[attr-defined]
    assert feed_server.hits("/f.xml")[0].headers["User-Agent"] == USER_AGENT
    again = fetch(url, etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    assert again.not_modified  # type: ignore[attr-defined]
    assert feed_server.hits("/f.xml")[1].headers["If-None-Match"] == '"v1"'


@pytest.mark.parametrize(
    ("setup", "error", "text"),
    [
        (lambda s: s.route("/x", status=500), HttpStatusError, "HTTP 500"),
        (lambda s: s.route("/x", status=404), HttpStatusError, "HTTP 404"),
        (lambda s: (s.redirect("/x", "/y"), s.redirect("/y", "/x")), TooManyRedirects, "redirects"),
        (lambda s: s.route("/x", "x", delay=3), FetchTimeout, "timed out"),
        (lambda s: s.route("/x", size=1_000_000), TooLargeError, "too large"),
        (lambda s: s.redirect("/x", "file:///etc/passwd"), FetchError, "http(s)"),
    ],
)
def test_faults_are_one_line_fetch_errors(feed_server: FeedServer, setup, error, text) -> None:  # type: ignore[no-untyped-def]
    setup(feed_server)
    with pytest.raises(error) as info:
        fetch(feed_server.url("/x"))
    assert text in str(info.value) or text in str(info.value).lower()
    assert "\n" not in str(info.value)


def test_retry_after(feed_server: FeedServer) -> None:
    feed_server.route("/x", status=429, headers={"Retry-After": "120"})
    with pytest.raises(HttpStatusError) as info:
        fetch(feed_server.url("/x"))
    assert info.value.status == 429
    assert info.value.retry_after is not None and info.value.retry_after > time.time() + 100


def test_gzip_bomb_stops_at_the_cap(feed_server: FeedServer) -> None:
    bomb = gzip.compress(b"<" * 5_000_000)  # ~5 KB on the wire, 5 MB inflated
    feed_server.route("/x", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLargeError, match="decompressed"):
        fetch(feed_server.url("/x"))


def test_brotli_bomb_stops_at_the_cap(feed_server: FeedServer) -> None:
    bomb = brotli.compress(b"\0" * 32_000_000, quality=5)  # a few KB on the wire, 32 MB inflated
    feed_server.route("/x", bomb, headers={"Content-Encoding": "br"})
    with pytest.raises(TooLargeError, match="decompressed"):
        fetch(feed_server.url("/x"))


def test_redirect_to_a_non_http_url_is_one_clear_error(feed_server: FeedServer) -> None:
    feed_server.redirect("/x", "javascript:alert(1)")
    with pytest.raises(FetchError) as info:
        fetch(feed_server.url("/x"))
    assert str(info.value) == "redirect to a URL that is not a valid http(s) URL"


def test_gzip_ok_and_redirect_followed(feed_server: FeedServer) -> None:
    feed_server.route("/f.xml", rss("F", [Item("a", "/a")]), gzip=True)
    feed_server.redirect("/old.xml", "/f.xml", status=301)
    got = fetch(feed_server.url("/old.xml"))
    assert b"<rss" in got.content and got.url.endswith("/f.xml")  # type: ignore[attr-defined]


def test_per_host_limit(feed_server: FeedServer) -> None:
    """Never more than `per_host` requests open at once on one host, and that many do run
    together: the server holds every answer until two requests are open at the same time."""
    two_open = threading.Event()
    for i in range(6):
        feed_server.route(f"/s{i}", "x", hold=two_open)

    def open_two() -> None:  # fails the test below by never opening the gate
        end = time.monotonic() + 30
        while feed_server.in_flight < 2 and time.monotonic() < end:
            time.sleep(0.01)
        two_open.set()

    gate = threading.Thread(target=open_two)
    gate.start()
    limits = FetchLimits(per_host=2, total_timeout=60)

    async def go() -> list[object]:
        async with fetcher(limits=limits) as f:
            urls = [feed_server.url(f"/s{i}") for i in range(6)]
            return await asyncio.gather(*(f.fetch(u) for u in urls))

    results = asyncio.run(go())
    gate.join()
    assert [getattr(r, "status", None) for r in results] == [200] * 6
    assert feed_server.max_in_flight == 2  # 6 would mean no limit, 1 a limit of one


def test_time_waiting_for_a_connection_slot_is_not_the_feeds_time(
    feed_server: FeedServer,
) -> None:
    """The per-feed total clock starts with the feed's first request: feeds queued behind
    slow ones on the same host are fetched, not reported as timed out unasked.

    One request at a time (per_host=1, checked below), each answered after 0.3 s: the
    fifth is queued for at least 1.2 s, past the 1 s total limit, yet each feed's own
    request is well inside it."""
    for i in range(5):
        feed_server.route(f"/q{i}", "x", delay=0.3)
    limits = FetchLimits(per_host=1, total_timeout=1.0, read_timeout=5, connect_timeout=5)

    async def go() -> list[object]:
        async with fetcher(limits=limits) as f:
            urls = [feed_server.url(f"/q{i}") for i in range(5)]
            return await asyncio.gather(*(f.fetch(u) for u in urls), return_exceptions=True)

    results = asyncio.run(go())
    assert feed_server.max_in_flight == 1  # so the last one waited 4 x 0.3 s in the queue
    assert all(getattr(r, "status", None) == 200 for r in results), results
    assert sum(len(feed_server.hits(f"/q{i}")) for i in range(5)) == 5
