"""`o` and `f` when things go wrong: no browser, a failing browser, a terminal browser, a
page that cannot be fetched. (The real terminal hand-over is in tests/e2e.)"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from app_data import NOW, make_store
from feedserver import FeedServer, page

from feeds.models import ParsedEntry, ParsedFeed
from tui.app import NewsdeskApp
from tui.config import Settings

SIZE = (120, 36)


@pytest.fixture
def store(tmp_path: Path):
    s = make_store(tmp_path / "news.db", hostile=False)
    yield s
    s.close()


def make_app(store) -> NewsdeskApp:
    return NewsdeskApp(store, Settings(), clock=lambda: NOW, processes=False, prefetch=False)


def said(app: NewsdeskApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()


async def test_no_browser_says_so(store, monkeypatch):
    def none(*args):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr("webbrowser.get", none)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert any("No browser found" in m and "BROWSER" in m for m in said(app))
        assert not any(m.startswith("Opening") for m in said(app))


async def test_a_browser_that_fails_says_so(store, monkeypatch):
    class Broken(webbrowser.BackgroundBrowser):
        def open(self, url, new=0, autoraise=True):
            return False

    monkeypatch.setattr("webbrowser.get", lambda *a: Broken("firefox"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert any("firefox did not open https://example.org/bridge" in m for m in said(app))


async def test_a_terminal_browser_is_never_run_over_the_reader(store, monkeypatch):
    ran: list[str] = []

    class Terminal(webbrowser.GenericBrowser):
        def open(self, url, new=0, autoraise=True):
            ran.append(url)
            return True

    monkeypatch.setattr("webbrowser.get", lambda *a: Terminal("w3m"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:  # headless: the terminal cannot be handed over
        await pilot.press("o")
        await settle(pilot)
        assert ran == []
        assert any("Cannot hand the terminal to w3m" in m for m in said(app))


async def test_f_when_the_server_is_down_says_why(store):
    with FeedServer() as srv:
        url = srv.route("/story", page("Story", ["One paragraph."] * 3), content_type="text/html")
    # the server is stopped now: nothing listens on its port
    feed, _ = store.add_feed("http://127.0.0.1:9/down.xml", title="Down Feed")
    store.save_feed(
        feed.id,
        ParsedFeed(
            "Down Feed", None, [ParsedEntry("d1", url, "A teaser only", None, NOW, "Tease.")]
        ),
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.reload(keep=None)
        await pilot.pause()
        article = next(a for a in store.articles() if a.title == "A teaser only")
        app.screen.open_article(article.id)
        await pilot.press("f")
        await settle(pilot)
        assert any(m.startswith("Cannot fetch the full article: cannot connect") for m in said(app))
        body = str(app.screen.query_one("#reader-body").render())
        assert "could not be fetched: cannot connect" in body
        assert "press f for the full article" not in body
