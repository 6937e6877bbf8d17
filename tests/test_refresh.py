"""refresh_feeds against the local server: every fault a per-feed error, nothing lost,
conditional requests on the second run, full text only when asked, one refresh at a time."""

from __future__ import annotations

import asyncio
import fcntl
import os
import time
from pathlib import Path

import pytest
from feedserver import FeedServer, Item, atom, jsonfeed, page, rss

from feeds.errors import RefreshBusy
from feeds.http import FetchLimits
from feeds.refresh import RefreshProgress, refresh_feeds
from feeds.store import Store

LIMITS = FetchLimits(connect_timeout=2, read_timeout=1, total_timeout=2, max_bytes=300_000)
LONG = " ".join(["The harbour council met again on Monday to argue about the plan."] * 30)


def items(prefix: str, n: int = 3) -> list[Item]:
    return [Item(f"{prefix} {i}", f"/{prefix}/{i}", f"<p>Teaser {i}.</p>") for i in range(n)]


def serve_all(srv: FeedServer) -> dict[str, str]:
    good = {
        "rss": srv.route("/rss.xml", rss("RSS", items("r")), etag='"r1"'),
        "atom": srv.route(
            "/atom.xml", atom("Atom", items("a")), last_modified="Tue, 02 Jan 2024 10:00:00 GMT"
        ),
        "json": srv.route("/json", jsonfeed("JSON", items("j")), etag='"j1"'),
    }
    bad = {
        "slow": srv.route("/slow.xml", rss("S", items("s")), delay=4),
        "500": srv.route("/500.xml", status=500),
        "404": srv.url("/missing.xml"),
        "429": srv.route("/429.xml", status=429, headers={"Retry-After": "3600"}),
        "loop": srv.redirect("/loop1", "/loop2"),
        "big": srv.route("/big.xml", size=2_000_000),
        "html": srv.route("/page.html", page("Not a feed", ["Hello"]), content_type="text/html"),
        "empty": srv.route("/empty.xml", b""),
    }
    srv.redirect("/loop2", "/loop1")
    # wrong declared encoding: cp1251 bytes labelled UTF-8 (feedparser copes; an ok feed)
    good["enc"] = srv.route(
        "/enc.xml",
        rss("Новости", items("e")).encode("cp1251"),
        content_type="application/rss+xml; charset=utf-8",
    )
    return {**{f"ok-{k}": v for k, v in good.items()}, **bad}


def run(store: Store, **kw: object):  # type: ignore[no-untyped-def]
    return asyncio.run(refresh_feeds(store, limits=LIMITS, **kw))  # type: ignore[arg-type]


def test_faults_are_per_feed_errors_and_nothing_is_lost(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    urls = serve_all(feed_server)
    with Store(tmp_path / "r.db") as store:
        ids = {name: store.add_feed(url)[0].id for name, url in urls.items()}
        seen: list[RefreshProgress] = []
        report = run(store, progress=seen.append)
        assert len(seen) == len(urls) and seen[-1].done == seen[-1].total == len(urls)
        failed = {r.feed_id: r.error for r in report.failed}
        for name, fid in ids.items():
            feed = store.get_feed(fid)
            assert feed is not None
            if name.startswith("ok-"):
                assert fid not in failed and feed.total == 3 and feed.last_error is None, name
            else:
                assert failed.get(fid) and feed.last_error == failed[fid], name
                assert "\n" not in feed.last_error  # type: ignore[operator]
        retry_after = store.get_feed(ids["429"]).retry_after  # type: ignore[union-attr]
        assert retry_after is not None and retry_after > time.time() + 3000  # Retry-After: 3600
        before = store.count()
        # Now the good feeds break too: their articles stay.
        for path in ("/rss.xml", "/atom.xml", "/json", "/enc.xml"):
            feed_server.route(path, status=503)
        report = run(store)
        assert store.count() == before and store.integrity_check() == "ok"
        skipped = [r for r in report.results if r.skipped]
        assert [r.feed_id for r in skipped] == [ids["429"]]  # waiting for Retry-After


def test_second_refresh_is_conditional_and_writes_nothing(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.route("/a.xml", rss("A", items("a")), etag='"e1"')
    feed_server.route(
        "/b.xml", atom("B", items("b")), last_modified="Tue, 02 Jan 2024 10:00:00 GMT"
    )
    with Store(tmp_path / "c.db") as store:
        for p in ("/a.xml", "/b.xml"):
            store.add_feed(feed_server.url(p))
        first = run(store)
        assert first.new_articles == 6 and not first.failed
        changes = store.db.total_changes
        second = run(store)
        assert second.not_modified == 2 and second.new_articles == 0
        assert feed_server.hits("/a.xml")[-1].headers.get("If-None-Match") == '"e1"'
        assert feed_server.hits("/b.xml")[-1].headers.get("If-Modified-Since")
        # only each feed's bookkeeping row was touched
        assert store.db.total_changes - changes == 2


def test_new_articles_and_updates_keep_marks(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.route("/a.xml", rss("A", items("a", 2)))
    with Store(tmp_path / "m.db") as store:
        store.add_feed(feed_server.url("/a.xml"))
        run(store)
        first = store.articles()[0]
        store.set_read([first.id])
        store.set_starred(first.id, True)
        feed_server.route("/a.xml", rss("A", items("a", 5)))
        assert run(store).new_articles == 3
        again = store.get_article(first.id)
        assert again is not None and again.read and again.starred and store.count() == 5


def test_full_text_only_when_asked(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.route("/a.xml", rss("A", [Item("Story", "/story", "<p>Short teaser.</p>")]))
    feed_server.route("/story", page("Story", [LONG, LONG]), content_type="text/html")
    with Store(tmp_path / "f.db") as store:
        store.add_feed(feed_server.url("/a.xml"))
        run(store)
        assert not feed_server.hits("/story")  # plain refresh never fetches pages
        feed_server.route(
            "/a.xml", rss("A", [Item("Story 2", "/story", "<p>Short.</p>", guid="2")])
        )
        report = run(store, full_text=True)
        assert report.full_text_fetched == 1 and len(feed_server.hits("/story")) == 1
        art = next(a for a in store.articles() if a.guid == "2")
        assert art.full_text and "harbour council" in art.full_text


def test_ensure_full_text_policy_and_failure(tmp_path: Path, feed_server: FeedServer) -> None:
    from feeds.fulltext import ensure_full_text

    feed_server.route(
        "/a.xml",
        rss("A", [Item("S", "/story", "<p>Teaser.</p>"), Item("Gone", "/gone", "<p>T.</p>")]),
    )
    feed_server.route("/story", page("S", [LONG]), content_type="text/html")
    with Store(tmp_path / "p.db") as store:
        feed, _ = store.add_feed(feed_server.url("/a.xml"))
        run(store)
        story = next(a for a in store.articles() if a.title == "S")
        gone = next(a for a in store.articles() if a.title == "Gone")
        store.set_policy(feed.id, "never")
        assert asyncio.run(ensure_full_text(store, story)).full_text is None
        assert asyncio.run(ensure_full_text(store, story, force=True)).full_text
        same = asyncio.run(ensure_full_text(store, gone, force=True))  # 404: teaser kept
        assert same.full_text is None and same.text == gone.text


def test_a_second_refresh_waits_or_says_busy(tmp_path: Path, feed_server: FeedServer) -> None:
    db = tmp_path / "l.db"
    with Store(db) as store:
        store.add_feed(feed_server.route("/a.xml", rss("A", items("a"))))
        fd = os.open(f"{db}.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)  # another refresh holds the store
        try:
            with pytest.raises(RefreshBusy, match="another refresh"):
                asyncio.run(refresh_feeds(store, lock_wait=0.3))
        finally:
            os.close(fd)
        assert run(store).new_articles == 3


def test_works_inside_a_running_loop_with_a_given_client(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    import httpx

    feed_server.route("/a.xml", rss("A", items("a")))

    async def app_worker() -> int:  # as the TUI does: its own loop, store and client
        with Store(tmp_path / "t.db") as store:
            store.add_feed(feed_server.url("/a.xml"))
            async with httpx.AsyncClient() as client:
                report = await refresh_feeds(store, client=client, processes=False)
            return report.new_articles

    assert asyncio.run(app_worker()) == 3
