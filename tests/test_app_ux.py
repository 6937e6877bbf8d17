"""The reader's rough edges a new user hit (issue 11), under Pilot on a real store."""

from __future__ import annotations

import re
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
from tui.widgets.key_hints import KeyHints
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
        await search(pilot, "trains")
        await pilot.press("h")  # in the list: back out of the search
        assert len(lst.ids) == store.count()


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
        assert picker.query_one("#lists-filter").value == "rail"  # the first letter kept
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


def hints_line(app) -> str:
    return app.screen.query_one(KeyHints).render().plain


@pytest.mark.parametrize("width", [40, 60, 80, 99, 120, 157, 200])
async def test_key_hints_are_whole_at_every_width(store, width):
    app = make_app(store)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        hints = app.screen.query_one(KeyHints)
        shown = hints_line(app)
        assert len(shown) <= width
        described = {d for _k, _s, d, _e, _a in hints.hints()}
        # every hint on the line is a whole "key Description" (no "Expo▏")
        words = [w for w in re.split(r"  +", shown.strip()) if w]
        for hint in words:
            key, _, description = hint.partition(" ")
            assert description in described, (width, hint)
        if width >= 40:
            assert shown.rstrip().endswith("^p Palette") and shown.count("Palette") == 1


async def test_search_box_open_shows_the_palette_hint_once(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"brid")
        await pilot.pause()
        shown = hints_line(app)
        assert shown.count("Palette") == 1
        assert "/ Search" not in shown  # letters type into the box now


async def test_who_pane_takes_room_only_with_speakers(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        who = app.screen.query_one("#who")
        lst = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(Reader)
        assert not who.display and reader.region.width > 60  # nothing open: no empty pane
        await pilot.press("enter")  # the bridge story: the mayor is quoted
        await settle(pilot)
        assert who.display and who.region.width >= 28 and lst.region.width >= 40
        await pilot.press("escape")
        await search(pilot, "solar")  # a teaser that quotes nobody
        await pilot.press("enter")
        await settle(pilot)
        assert not who.display and reader.region.width > 60


async def test_w_at_80x24_keeps_the_reader_readable(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        who = app.screen.query_one("#who")
        assert who.display and reader.display and reader.region.width >= 40
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.query_one(ArticleList).display and not who.display


async def test_the_url_is_one_unbroken_hyperlink(tmp_path):
    store = make_store(tmp_path / "n.db")
    long_url = "https://example.org/" + "/".join(f"section-{i}" for i in range(20))
    store.db.execute(
        "UPDATE articles SET url = ? WHERE title = 'Night trains are back'", (long_url,)
    )
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await search(pilot, "Night")
        await pilot.press("enter")
        await settle(pilot)
        url = app.screen.query_one("#reader-url")
        assert url.region.height == 1  # one row: never wrapped mid-address
        strip = url.render_line(0)
        links = {seg.style.link for seg in strip if seg.style and seg.style.link}
        assert links == {long_url}
    store.close()


async def test_help_keeps_the_action_column_at_60x20(store):
    app = make_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Action" in text and "Ac…" not in text
        assert "Move down" in text


async def test_a_refresh_where_every_feed_failed_says_so(tmp_path, feed_server):
    feed_server.route("/down.xml", status=500)
    store = Store(tmp_path / "down.db")
    store.add_feed(feed_server.url("/down.xml"), title="Down Feed")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await settle(pilot)
        said = " ".join(notes(app))
        assert "No feed could be refreshed: 1 feed failed: Down Feed" in said
        assert "Refreshed 0" not in said
    store.close()
