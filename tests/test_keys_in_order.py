"""Keys that arrive together (a paste, a fast typist) go where the user meant them.

Each burst is posted to the app at once, as the terminal driver does, without
waiting between keys (Pilot's `press` waits, which hides the problem).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_data import NOW, make_store
from textual import events
from textual.widgets import Input

from tui.app import NewsdeskApp
from tui.config import Settings
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader

SIZE = (120, 36)
NAMES = {"\r": "enter", "/": "slash", " ": "space", '"': "quotation_mark", "(": "left_parenthesis"}


@pytest.fixture
def store(tmp_path: Path):
    s = make_store(tmp_path / "news.db")
    yield s
    s.close()


def make_app(store, tmp_path: Path) -> NewsdeskApp:
    settings = Settings(export_dir=tmp_path / "exports")
    return NewsdeskApp(store, settings, clock=lambda: NOW, processes=False, prefetch=False)


def burst(app: NewsdeskApp, text: str) -> None:
    """Post every key of `text` at once, as the terminal driver does for one read."""
    for ch in text:
        app.post_message(events.Key(NAMES.get(ch, ch), ch))


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()


async def test_enter_q_together_opens_then_goes_back(store, tmp_path):
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.query_one(ArticleList).current_id
        burst(app, "\rq")
        await settle(pilot)
        assert app.is_running  # q went back from the reader, it did not quit
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and reader.article.id == first
        assert store.get_article(first).read  # it was opened
        assert app.screen.query_one(ArticleList).has_focus
        burst(app, "q")
        await settle(pilot)
        assert not app.is_running  # at the top, q quits


async def test_slash_then_text_goes_into_the_search_box(store, tmp_path):
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, '/"unbalanced AND (')
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        assert search.has_focus and search.value == '"unbalanced AND ('
        # none of it ran as commands: no export, no "mark all read?", nothing starred or read
        assert isinstance(app.screen, MainScreen)
        assert not (tmp_path / "exports").exists()
        assert not any(a.read or a.starred for a in store.articles())
        assert app.is_running


async def test_a_search_typed_in_one_burst_filters_the_list(store, tmp_path):
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "/bridge\r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.search == "bridge"
        lst = screen.query_one(ArticleList)
        assert lst.has_focus
        assert [store.get_article(i).title for i in lst.ids] == ["Council approves river bridge"]
        assert not (tmp_path / "exports").exists()


async def test_a_paste_after_slash_goes_into_the_search_box(store, tmp_path):
    app = make_app(store, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "/")
        app.post_message(events.Paste("night trains"))
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == "night trains"
