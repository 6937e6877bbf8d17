"""The reader against the real local HTTP server (tests/feedserver.py), keys pressed
under Pilot: `r` (this feed only), `refresh_on_start`, `f` and the `full_text` setting,
`y`'s OSC 52 sequence as the terminal receives it, and the digest prefetch (the one
app here built without prefetch=False)."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from app_data import NOW
from feedserver import FeedServer, Item, page, rss

from feeds.refresh import refresh_feeds
from feeds.store import Store
from tui.app import NewsdeskApp
from tui.config import Settings
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import TEASER_CHARS

SIZE = (120, 36)
PAGE = [
    "The ferry company added a night crossing to the islands from next month.",
    "Harbour staff said the late boat would carry up to forty cars.",
]
LONG = " ".join(["The island council met on Monday to discuss the summer timetable."] * 20)
assert len(LONG) > TEASER_CHARS  # a full article in the feed, not a teaser
NAMES = ["Ames", "Berg", "Cole", "Dunn", "Egan", "Ford", "Gray", "Hale", "Ives", "Kent",
         "Lund", "Moss", "Nash", "Orr", "Pike", "Reid", "Shaw", "Tate", "Vale", "Webb"]  # fmt: skip


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_CONFIG", str(tmp_path / "absent.toml"))


def serve(srv: FeedServer, extra: bool = False) -> None:
    """Alpha carries a teaser, Beta a whole article; both link to pages on the server."""
    alpha = [Item("Alpha one", "/pa/1", "<p>Short teaser.</p>", "a1")]
    beta = [Item("Beta one", "/pb/1", f"<p>{LONG}</p>", "b1")]
    if extra:
        alpha.append(Item("Alpha two", "/pa/2", "<p>Another teaser.</p>", "a2"))
        beta.append(Item("Beta two", "/pb/2", "<p>Another teaser.</p>", "b2"))
    srv.route("/a.xml", rss("Alpha", alpha))
    srv.route("/b.xml", rss("Beta", beta))
    for path in ("/pa/1", "/pa/2", "/pb/2"):
        srv.route(path, page("A page", PAGE), content_type="text/html")
    # Beta's page says more than its feed (or the feed's text would be kept):
    more = [f"Councillor {n} said the new timetable suited the fishing boats too." for n in NAMES]
    srv.route("/pb/1", page("A page", PAGE + more), content_type="text/html")


@pytest.fixture
def store(tmp_path: Path, feed_server: FeedServer) -> Iterator[Store]:
    serve(feed_server)
    s = Store(tmp_path / "news.db")
    s.add_feed(feed_server.url("/a.xml"), title="Alpha")
    s.add_feed(feed_server.url("/b.xml"), title="Beta")
    yield s
    s.close()


def app_for(store: Store, **settings: object) -> NewsdeskApp:
    return NewsdeskApp(
        store, Settings(**settings), clock=lambda: NOW, processes=False, prefetch=False
    )


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, done: Callable[[], bool], what: str) -> None:  # type: ignore[no-untyped-def]
    """Wait for something the app does on its own (a timer): fails only if it never comes."""
    end = time.monotonic() + 30
    while not done():
        assert time.monotonic() < end, f"never {what}"
        await pilot.pause(0.05)


def titles(app: NewsdeskApp, store: Store) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return sorted(store.get_article(i).title for i in lst.ids)  # type: ignore[union-attr]


async def point_at(app: NewsdeskApp, pilot, store: Store, title: str) -> int:  # type: ignore[no-untyped-def]
    lst = app.screen.query_one(ArticleList)
    aid = next(a.id for a in store.articles() if a.title == title)
    lst.cursor = lst.ids.index(aid)
    await pilot.pause()
    return aid


async def test_r_refreshes_only_the_feed_under_the_cursor(
    store: Store, feed_server: FeedServer
) -> None:
    await refresh_feeds(store, processes=False)
    serve(feed_server, extra=True)  # both feeds grow
    app = app_for(store, full_text="never")
    async with app.run_test(size=SIZE) as pilot:
        assert titles(app, store) == ["Alpha one", "Beta one"]
        await point_at(app, pilot, store, "Alpha one")
        await pilot.press("r")
        await settle(pilot)
        assert titles(app, store) == ["Alpha one", "Alpha two", "Beta one"]  # shown at once
        assert len(feed_server.hits("/a.xml")) == 2 and len(feed_server.hits("/b.xml")) == 1
        await pilot.press("R")
        await settle(pilot)
        assert titles(app, store) == ["Alpha one", "Alpha two", "Beta one", "Beta two"]


@pytest.mark.parametrize("on_start", [True, False])
async def test_refresh_on_start(store: Store, feed_server: FeedServer, on_start: bool) -> None:
    app = app_for(store, refresh_on_start=on_start)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        asked = len(feed_server.hits("/a.xml")) + len(feed_server.hits("/b.xml"))
        if on_start:
            assert asked == 2 and titles(app, store) == ["Alpha one", "Beta one"]
        else:
            assert asked == 0 and titles(app, store) == []


async def test_f_fetches_the_page_and_shows_it(store: Store, feed_server: FeedServer) -> None:
    await refresh_feeds(store, processes=False)
    app = app_for(store, full_text="never")
    async with app.run_test(size=SIZE) as pilot:
        aid = await point_at(app, pilot, store, "Alpha one")
        await pilot.press("enter")
        await settle(pilot)
        assert feed_server.hits("/pa/1") == []  # "never": opening does not fetch
        await pilot.press("f")
        await settle(pilot)
        assert len(feed_server.hits("/pa/1")) == 1
        full = store.get_article(aid).full_text  # type: ignore[union-attr]
        assert full is not None and PAGE[1] in full and "Copyright" not in full
        shown = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "forty cars" in shown  # the page's words, in the reader


@pytest.mark.parametrize(
    ("policy", "fetched"),
    [("never", set()), ("short", {"/pa/1"}), ("always", {"/pa/1", "/pb/1"})],
)
async def test_full_text_setting_when_opening(
    store: Store, feed_server: FeedServer, policy: str, fetched: set[str]
) -> None:
    """Opening a teaser (Alpha) and a whole article (Beta): which pages are fetched."""
    await refresh_feeds(store, processes=False)
    app = app_for(store, full_text=policy)
    async with app.run_test(size=SIZE) as pilot:
        for title in ("Alpha one", "Beta one"):
            await point_at(app, pilot, store, title)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("escape")
            await pilot.pause()
    assert {p for p in ("/pa/1", "/pb/1") if feed_server.hits(p)} == fetched
    with_page = {a.title for a in store.articles() if a.full_text and PAGE[0] in a.full_text}
    assert with_page == {"Alpha one" if p == "/pa/1" else "Beta one" for p in fetched}


async def test_y_sends_the_link_to_the_terminal_as_osc_52(store: Store) -> None:
    from feeds.models import ParsedEntry, ParsedFeed

    feed = store.list_feeds()[0]
    entries = [
        ParsedEntry("y1", "https://example.org/ferry?x=1&y=2", "Web link", None, NOW, "Text."),
        ParsedEntry("y2", "javascript:alert(1)", "Script link", None, NOW - 60, "Text."),
    ]
    store.save_feed(feed.id, ParsedFeed("Alpha", None, entries))
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        written: list[str] = []
        driver = app._driver
        assert driver is not None
        real_write = driver.write
        driver.write = lambda data: (written.append(data), real_write(data))[1]  # type: ignore[method-assign]
        await point_at(app, pilot, store, "Web link")
        await pilot.press("y")
        await pilot.pause()
        osc = [w for w in written if w.startswith("\x1b]52;")]
        link = base64.b64encode(b"https://example.org/ferry?x=1&y=2").decode()
        assert osc == [f"\x1b]52;c;{link}\a"]
        await point_at(app, pilot, store, "Script link")
        await pilot.press("y")
        await pilot.pause()
        assert [w for w in written if w.startswith("\x1b]52;")] == osc  # nothing more sent


async def test_prefetch_makes_the_visible_digests_before_any_is_opened(store: Store) -> None:
    await refresh_feeds(store, processes=False)
    app = NewsdeskApp(store, Settings(full_text="never"), clock=lambda: NOW, processes=False)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        visible = store.get_articles(lst.visible_ids())
        assert len(visible) == 2
        await until(
            pilot,
            lambda: all(app.digests.cached(a) is not None for a in visible),
            "prefetched the visible digests",
        )
        assert all(not a.read for a in store.articles())  # nothing was opened to get them


async def test_demo_mode_never_asks_the_server(store: Store, feed_server: FeedServer) -> None:
    app = NewsdeskApp(
        store, Settings(refresh_on_start=True, full_text="always"), clock=lambda: NOW,
        demo=True, processes=False, prefetch=False,
    )  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "r", "f")
        await settle(pilot)
    assert feed_server.requests == []
