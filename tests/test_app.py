"""The reader under Pilot: every key and the main flows, on a real store in tmp_path."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from app_data import HOSTILE_TITLE, NOW, make_store
from textual.command import CommandPalette

from feeds.store import ArticleFilter
from tui.app import NewsdeskApp
from tui.config import Settings
from tui.screens.confirm import Confirm
from tui.screens.help import HelpScreen
from tui.screens.lists import ListPicker
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader

SIZE = (120, 36)


@pytest.fixture
def store(tmp_path: Path):
    s = make_store(tmp_path / "news.db")
    yield s
    s.close()


def make_app(store, **settings) -> NewsdeskApp:
    return NewsdeskApp(
        store, Settings(**settings), clock=lambda: NOW, processes=False, prefetch=False
    )


def titles(app: NewsdeskApp) -> list[str]:
    lst = app.screen.query_one(ArticleList)
    return [lst.render_line(y).text for y in range(min(len(lst.ids), lst.size.height))]


def screen_text(app: NewsdeskApp) -> str:
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


async def pick(app: NewsdeskApp, pilot, wanted) -> None:
    """Open the feeds/tags picker (t) and choose the first choice `wanted(choice)` accepts."""
    await pilot.press("t")
    picker = app.screen
    assert isinstance(picker, ListPicker)
    picker.query_one("#lists").highlighted = next(
        i for i, c in enumerate(picker.choices) if wanted(c)
    )
    await pilot.press("enter")
    await pilot.pause()


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_list_shows_articles_newest_first(store):
    app = make_app(store)
    async with app.run_test(size=SIZE):
        rows = titles(app)
        assert "Council approves river bridge" in rows[0]
        assert rows[0].startswith("N")  # unread mark
        assert "2h" in rows[0] and "City News" in rows[0]
        assert len(app.screen.query_one(ArticleList).ids) == store.count()


async def test_markup_and_escapes_in_a_title_show_literally(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        row = next(r for r in titles(app) if "title" in r and "red" in r)
        assert "[bold red]x[/] red title" in row
        assert "\x1b" not in row and "pwned" not in row
        lst = app.screen.query_one(ArticleList)
        lst.cursor = lst.ids.index(_id(store, HOSTILE_TITLE))
        await pilot.press("enter")
        await settle(pilot)
        header = str(app.screen.query_one("#reader-header").render())
        assert "[bold red]x[/]" in header
        body = str(app.screen.query_one("#reader-body").render())
        assert "\x1b" not in body and "Body with" in body


def _id(store, title: str) -> int:
    return next(a.id for a in store.articles() if a.title == title)


async def test_motion_keys(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        await pilot.press("j", "j", "down")
        assert lst.cursor == 3
        await pilot.press("k", "up")
        assert lst.cursor == 1
        await pilot.press("G")
        assert lst.cursor == len(lst.ids) - 1
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("end", "home")
        assert lst.cursor == 0


async def test_open_read_and_back(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        reader = app.screen.query_one(Reader)
        assert reader.has_focus and reader.article is not None
        assert reader.article.title == "Council approves river bridge"
        await settle(pilot)
        points = str(app.screen.query_one("#reader-points").render())
        assert "Key points" in points and "•" in points
        who = str(app.screen.query_one("#who-body").render())
        assert "Maria Lopez" in who
        assert store.get_article(reader.article.id).read
        await pilot.press("j")  # scrolls the reader, not the list
        assert app.screen.query_one(ArticleList).cursor == 0
        await pilot.press("q")
        assert app.screen.query_one(ArticleList).has_focus
        await pilot.press("j", "l")
        assert reader.has_focus and reader.article.title == "Solar panels for schools"
        assert "press f for the full article" in str(app.screen.query_one("#reader-body").render())
        await pilot.press("escape")
        assert app.screen.query_one(ArticleList).has_focus


async def test_digest_is_cached_in_the_store(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        article = app.screen.query_one(Reader).article
        assert app.digests.cached(article) is not None


async def test_q_at_top_quits_and_Q_always_quits(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "Q")
        await pilot.pause()
    assert app.return_code == 0


async def test_next_and_previous_unread(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        store.set_read([lst.ids[1]], True)
        lst.forget()
        await pilot.press("n")
        assert lst.cursor == 2  # skipped the read one
        assert store.get_article(lst.ids[2]).read
        await pilot.press("escape", "n")
        assert lst.cursor == 3
        await pilot.press("N")
        assert lst.cursor == 0


async def test_toggle_read_and_mark_all_read(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        first = lst.ids[0]
        await pilot.press("m")
        assert store.get_article(first).read
        assert titles(app)[0].startswith(" ")
        await pilot.press("m")
        assert not store.get_article(first).read
        await pilot.press("A")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        assert store.count(ArticleFilter(unread=True)) > 0
        await pilot.press("A", "y")
        await pilot.pause()
        assert store.count(ArticleFilter(unread=True)) == 0


async def test_star(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        await pilot.press("s")
        assert store.get_article(lst.ids[0]).starred
        assert "★" in titles(app)[0]
        await pick(app, pilot, lambda c: c.kind == "starred")
        assert lst.ids == [store.articles()[0].id]
        await pilot.press("s")
        assert not store.get_article(lst.ids[0]).starred


async def test_open_in_browser_only_http(store, monkeypatch):
    import webbrowser

    opened: list[str] = []

    class Desktop(webbrowser.BackgroundBrowser):
        def open(self, url, new=0, autoraise=True):
            opened.append(url)
            return True

    monkeypatch.setattr("webbrowser.get", lambda *a: Desktop("desktop"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://example.org/bridge"]
        lst = app.screen.query_one(ArticleList)
        lst.cursor = lst.ids.index(_id(store, HOSTILE_TITLE))  # javascript: URL
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://example.org/bridge"]


async def test_search_filters_and_escape_clears(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        total = len(lst.ids)
        await pilot.press("slash", *"trains", "enter")
        await pilot.pause()
        assert [store.get_article(i).title for i in lst.ids] == ["Night trains are back"]
        assert lst.has_focus
        await pilot.press("escape")
        assert len(lst.ids) == total
        await pilot.press("slash", *"bridge")
        await pilot.press("escape")
        assert len(lst.ids) == total and lst.has_focus


async def test_who_said_what_toggle(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        who = app.screen.query_one("#who")
        assert not who.display  # nothing open: no speakers, no pane taking room
        await pilot.press("enter")  # the bridge story quotes the mayor
        await settle(pilot)
        assert who.display
        await pilot.press("w")
        assert not who.display
        await pilot.press("w")
        assert who.display


async def test_layout_setting_hides_who_said_what(store):
    app = make_app(store, who_said_what=False)
    async with app.run_test(size=SIZE):
        assert not app.screen.query_one("#who").display


async def test_narrow_terminal_drops_the_side_pane_first(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query_one("#who").display
        assert app.screen.query_one("#reader").display
        assert "Council approves" in titles(app)[0]
        await pilot.press("enter", "w")
        assert app.screen.query_one("#who").display


async def test_tiny_terminal_shows_one_pane(store):
    app = make_app(store)
    async with app.run_test(size=(50, 20)) as pilot:
        assert not app.screen.query_one("#reader").display
        await pilot.press("enter")
        assert app.screen.query_one("#reader").display
        assert not app.screen.query_one("#articles").display
        await pilot.press("q")
        assert app.screen.query_one("#articles").display


async def test_pick_a_tag_and_failed_feed_shows_error(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        picker = app.screen
        assert isinstance(picker, ListPicker)
        text = screen_text(app)
        assert "#travel" in text and "HTTP 500 from server" in text
        index = next(i for i, c in enumerate(picker.choices) if c.tag == "travel")
        picker.query_one("#lists").highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        lst = app.screen.query_one(ArticleList)
        assert {store.get_article(i).feed_title for i in lst.ids} == {"Rail Weekly"}
        await pilot.press("q")  # back to All
        assert len(lst.ids) == store.count()
        await pilot.press("t", "escape")
        assert not isinstance(app.screen, ListPicker)


async def test_a_one_feed_list_gives_the_feed_column_to_titles(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        assert "City News" in lst.render_line(0).text
        await pick(app, pilot, lambda c: c.label == "City News")
        rows = titles(app)
        assert rows and not any("City News" in r for r in rows)
        assert rows[0].startswith("N   2h Council approves river bridge")
        await pilot.press("q")  # back to All: the column is back
        await pilot.pause()
        assert "City News" in lst.render_line(0).text


async def test_narrow_terminals_still_show_titles(store):
    for width in (60, 59, 40):
        app = make_app(store)
        async with app.run_test(size=(width, 24)):
            rows = titles(app)
            assert "Council approves" in rows[0], (width, rows[0])


async def test_export_article_and_list(store, tmp_path):
    out = tmp_path / "exports"
    app = make_app(store, export_dir=out)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await settle(pilot)
        files = sorted(out.glob("*.md"))
        assert len(files) == 1
        text = files[0].read_text()
        assert "Council approves river bridge" in text and "Maria Lopez" in text
        await pilot.press("E")
        await settle(pilot)
        files = sorted(out.glob("*.md"))
        assert len(files) == 2
        listing = next(f for f in files if "bridge" not in f.name).read_text()
        assert "Night trains are back" in listing


async def test_help_screen_lists_every_key(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = {keys: action for keys, action, _ in app.screen.rows}
        for key in [
            "r",
            "R",
            "n",
            "N",
            "m",
            "A",
            "s",
            "o",
            "y",
            "/",
            "f",
            "w",
            "e",
            "E",
            "t",
            "q",
            "?",
        ]:
            assert any(key in k.split(", ") for k in shown), key
        assert shown["enter, l"] == "Open"
        assert "newsdesk keys" in screen_text(app)
        await pilot.press("j", "j")
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_actions(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Star")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert store.get_article(app.screen.query_one(ArticleList).ids[0]).starred


async def test_key_overrides_from_settings(store):
    app = make_app(store, keys={"down": "x", "star": "S"})
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        await pilot.press("x", "x")
        assert lst.cursor == 2
        await pilot.press("S")
        assert store.get_article(lst.ids[2]).starred


async def test_mouse_click_opens_a_row(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(ArticleList, offset=(10, 1))
        await pilot.pause()
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.title == "Solar panels for schools"


async def test_ten_thousand_articles_open_without_loading_them(tmp_path):
    store = make_store(tmp_path / "big.db", extra=10_000)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(ArticleList)
        assert len(lst.ids) > 10_000
        assert len(lst._rows) < 200  # only the visible window was read
        await pilot.press("G")
        assert "Filler story 9999" in titles(app)[-1]
    store.close()


async def test_demo_mode_does_not_touch_the_network(store):
    app = NewsdeskApp(
        store, Settings(), clock=lambda: NOW, demo=True, processes=False, prefetch=False
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R", "r", "f")
        await settle(pilot)
        assert "no network" in " ".join(str(n.message) for n in app._notifications)
