"""feeds.http against a real local server: limits, redirects, conditional GET, Retry-After."""

from __future__ import annotations

import asyncio
import gzip
import time

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
    brotli = pytest.importorskip("brotli")
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
    for i in range(6):
        feed_server.route(f"/s{i}", "x", delay=0.3)
    limits = FetchLimits(per_host=2, total_timeout=10)

    async def go() -> None:
        async with fetcher(limits=limits) as f:
            await asyncio.gather(*(f.fetch(feed_server.url(f"/s{i}")) for i in range(6)))

    asyncio.run(go())
    starts = sorted(r.at for r in feed_server.requests)
    # never more than 2 in flight: the 3rd request starts only after the 1st answered
    assert starts[2] - starts[0] >= 0.25


def test_time_waiting_for_a_connection_slot_is_not_the_feeds_time(
    feed_server: FeedServer,
) -> None:
    """The per-feed total clock starts with the feed's first request: feeds queued behind
    slow ones on the same host are fetched, not reported as timed out unasked."""
    for i in range(3):
        feed_server.route(f"/q{i}", "x", delay=0.3)
    limits = FetchLimits(per_host=1, total_timeout=0.75, read_timeout=5, connect_timeout=5)

    async def go() -> list[object]:
        async with fetcher(limits=limits) as f:
            urls = [feed_server.url(f"/q{i}") for i in range(3)]
            return await asyncio.gather(*(f.fetch(u) for u in urls), return_exceptions=True)

    results = asyncio.run(go())
    assert all(getattr(r, "status", None) == 200 for r in results), results
    assert sum(len(feed_server.hits(f"/q{i}")) for i in range(3)) == 3
