"""The reader's rough edges a new user hit (issue 11), under Pilot on a real store."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from app_data import NOW, make_store
from feedserver import Item, rss
from test_app import SIZE, make_app, screen_text, settle
from textual.command import CommandPalette

from feeds.store import Store
from tui.screens.lists import ListPicker
from tui.text import HIGHLIGHT
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader
from tui.widgets.status import StatusLine


@pytest.fixture
def store(tmp_path: Path):
    s = make_store(tmp_path / "news.db")
    yield s
    s.close()


def status(app) -> str:
    return app.screen.query_one(StatusLine).render().plain


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def list_titles(app) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [app.store.get_article(i).title for i in lst.ids]


async def search(pilot, text: str) -> None:
    await pilot.press("slash", *text, "enter")
    await pilot.pause()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bridge OR trains", {"Council approves river bridge", "Night trains are back"}),
        ("bridge AND trains", set()),
        ('"night trains"', {"Night trains are back"}),
        ("nigh*", {"Night trains are back"}),
        ("council NOT bridge", set()),
        ("(bridge OR solar) AND council", {"Council approves river bridge"}),
    ],
)
async def test_search_takes_fts5_syntax(store, query, expected):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, query)
        assert set(list_titles(app)) == expected


async def test_a_bare_operator_or_broken_search_says_why(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "AND")
        assert list_titles(app) == []  # not every article
        assert "nothing to search for" in screen_text(app)  # the empty list says why
        await pilot.press("escape")
        await search(pilot, "(trains OR")
        assert list_titles(app) == ["Night trains are back"]  # the words, literally
        assert any("not valid search syntax" in n for n in notes(app))


async def test_matches_are_highlighted_in_the_list_and_the_reader(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "trains")
        lst = app.screen.query_one(ArticleList)
        row = lst._row_text(lst.current(), 80, "1d")
        marked = [row.plain[s.start : s.end] for s in row.spans if str(s.style) == HIGHLIGHT]
        assert marked == ["trains"]
        await pilot.press("enter")
        await settle(pilot)
        body = app.screen.query_one("#reader-body").content
        marked = [body.plain[s.start : s.end] for s in body.spans if str(s.style) == HIGHLIGHT]
        assert marked == ["trains"]


async def test_empty_store_says_how_to_add_feeds(tmp_path):
    store = Store(tmp_path / "empty.db")
    app = NewsdeskApp_for(store)
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        assert "newsdesk add" in text and "newsdesk import" in text
        await pilot.press("R")
        await settle(pilot)
        assert any("No feeds to refresh" in n for n in notes(app))
        assert not any("Refreshed" in n for n in notes(app))
    store.close()


def NewsdeskApp_for(store):  # noqa: N802 - reads as the app it makes
    return make_app(store)


async def test_status_line_counts_unread_and_says_article_once(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        total = len(app.screen.query_one(ArticleList).ids)
        assert f"1/{total} articles · {total} unread" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert f"{total - 1} unread" in status(app)
        await search(pilot, "trains")
        assert "1/1 article ·" in status(app)


async def test_J_and_K_move_between_articles_from_the_reader_and_h_goes_back(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(Reader)
        await pilot.press("enter")
        await settle(pilot)
        first = reader.article.id
        await pilot.press("J")
        await settle(pilot)
        assert reader.has_focus and reader.article.id == lst.ids[1] != first
        assert lst.cursor == 1
        await pilot.press("K")
        await settle(pilot)
        assert reader.article.id == first and lst.cursor == 0
        await pilot.press("h")
        assert lst.has_focus
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("left")
        assert lst.has_focus


async def test_reading_progress_in_the_status_line(tmp_path):
    store = make_store(tmp_path / "n.db")
    long = "\n\n".join(f"Paragraph {i} of a long report on the harbour." for i in range(120))
    store.db.execute("UPDATE articles SET text = ? WHERE title = 'Night trains are back'", (long,))
    store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "Night")
        await pilot.press("enter")
        await settle(pilot)
        assert "read 0%" in status(app)
        await pilot.press("G")
        await settle(pilot)
        assert "read 100%" in status(app)
    store.close()


async def test_times_in_the_reader_are_local(store, monkeypatch):
    monkeypatch.setenv("TZ", "XST+3")
    time.tzset()
    try:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await search(pilot, "bridge")
            await pilot.press("enter")
            await settle(pilot)
            published = NOW - 2 * 3600  # 10:00 UTC
            assert published % 86400 == 10 * 3600
            header = app.screen.query_one("#reader-header").content
            assert "2026-11-20 07:00 XST" in header.plain
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


async def test_typing_in_the_picker_filters_it(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        picker = app.screen
        assert isinstance(picker, ListPicker)
        await pilot.press(*"rail")
        await pilot.pause()
        assert [c.label for c in picker.choices] == ["Rail Weekly"]
        await pilot.press("enter")
        await pilot.pause()
        assert set(list_titles(app)) == {"Night trains are back", "Timetable changes"}
        await pilot.press("t", "slash", *"tech", "escape")  # Escape clears the filter first
        await pilot.pause()
        assert isinstance(app.screen, ListPicker) and len(app.screen.choices) > 3
        await pilot.press("escape")
        assert not isinstance(app.screen, ListPicker)


async def test_feeds_and_lists_are_in_the_command_palette(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Show feed: Rail")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert set(list_titles(app)) == {"Night trains are back", "Timetable changes"}
        await pilot.press("ctrl+p", *"Show list: Starred")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert list_titles(app) == [] and "Starred" in status(app)


async def test_refresh_of_one_feed_says_1_feed(tmp_path, feed_server):
    feed_server.route("/one.xml", rss("Only One", [Item("A single story", "/s")]))
    store = Store(tmp_path / "one.db")
    store.add_feed(feed_server.url("/one.xml"), title="Only One")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await settle(pilot)
        assert list_titles(app) == ["A single story"]
        assert "Refreshed 1 feed · 1 new" in notes(app)
        assert "1/1 article · 1 unread" in status(app)
    store.close()
