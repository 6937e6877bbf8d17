"""The reader's Stories view under Pilot, on a real store: list, a story's page, reading a
source, marking a story read; and its look (snapshot)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from app_data import HOUR, NOW, make_store
from story_data import FIRE

from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store
from feeds.stories import assign_stories
from tui.app import NewsdeskApp
from tui.config import Settings
from tui.screens.lists import ListPicker
from tui.screens.stories import StoriesScreen, sparkline
from tui.widgets.reader import Reader

SIZE = (120, 36)


def stories_store(path: Path) -> Store:
    store = make_store(path, hostile=False)
    for k, (feed, title, text) in enumerate(FIRE):
        f, _ = store.add_feed(f"http://127.0.0.1:9/{k}.xml", title=feed)
        entry = ParsedEntry(
            f"f{k}", f"https://example.org/fire{k}", title, None, NOW - (9 - 3 * k) * HOUR, text
        )
        store.save_feed(f.id, ParsedFeed(feed, None, [entry]))
    assign_stories(store, now=NOW)
    return store


@pytest.fixture
def app(tmp_path: Path):
    store = stories_store(tmp_path / "news.db")
    yield NewsdeskApp(
        store, Settings(theme="textual-dark"), clock=lambda: NOW, processes=False, prefetch=False
    )
    store.close()


def screen_text(app: NewsdeskApp) -> str:
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_stories_list_and_a_storys_page(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        first = app.screen.stories[0]
        assert (first.sources, first.articles, first.unread) == (3, 3, 3)
        text = screen_text(app)
        assert "● Fire destroys Orlov textile mill" in text or "● Orlov" in text
        assert "3 sources" in text
        # the page: points citing sources, the sources listed, who said what merged
        assert "Key points" in text and "Sources" in text
        assert re.search(r"\[[123]\]", text)
        for outlet in ("Alpha News", "Beta Post", "Gamma Wire"):
            assert outlet in text
        assert text.count("Mila Hrasko, chief") == 1  # one who-said-what entry across outlets
        assert "Hrasko, " not in text.replace("Mila Hrasko, chief", "", 1)
        assert "Who said what" in text and "Mila Hrasko" in text
        page = app.screen.summary
        assert page is not None  # one who-said-what entry for her across two outlets
        assert [sp.name for sp in page.speakers if "Hrasko" in sp.name] == ["Mila Hrasko"]

        await pilot.press("m")  # the story read: every member read
        await settle(pilot)
        ids = first.member_ids
        assert all(a.read for a in app.store.get_articles(ids))
        assert app.screen.stories[0].unread == 0

        summary = app.screen.summary
        assert summary is not None
        await pilot.press("2")  # [2] leads to that member article
        await settle(pilot)
        assert not isinstance(app.screen, StoriesScreen)
        reader = app.screen.query_one(Reader)
        assert reader.article is not None and str(reader.article.id) == summary.sources[1]


async def test_stories_from_the_feeds_picker_and_back(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        picker = app.screen
        assert isinstance(picker, ListPicker)
        picker.query_one("#lists").highlighted = next(
            i for i, c in enumerate(picker.choices) if c.kind == "stories"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StoriesScreen)


def test_sparkline_shows_coverage_over_time() -> None:
    assert sparkline([0, 0, 0, 100], 0, 100, width=4) == "█  ▃"
    assert sparkline([], 0, 1) == ""


def test_stories_snapshot(snap_compare, app: NewsdeskApp) -> None:
    async def open_stories(pilot) -> None:
        await pilot.press("v")
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_stories)


async def test_a_one_article_storys_page_counts_in_the_singular(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, StoriesScreen)
        assert app.screen.stories[-1].articles == 1
        await pilot.press("end")
        await settle(pilot)
        text = screen_text(app)
        assert "1 source · 1 article · latest" in text and "1 sources" not in text
