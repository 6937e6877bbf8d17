"""The People view under Pilot: speakers of the current list, their statements across
articles, Enter opens the article at the statement (a real store in tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_data import NOW, make_store
from textual.widgets import OptionList

from tui.app import NewsdeskApp
from tui.config import Settings
from tui.screens.people import PeopleScreen
from tui.widgets.reader import Reader

SIZE = (120, 36)


@pytest.fixture
def store(tmp_path: Path):
    s = make_store(tmp_path / "news.db")
    yield s
    s.close()


def make_app(store) -> NewsdeskApp:
    return NewsdeskApp(store, Settings(), clock=lambda: NOW, processes=False, prefetch=False)


def options(screen: PeopleScreen) -> list[str]:
    ol = screen.query_one(OptionList)
    return [str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count)]


async def test_people_view_lists_speakers_then_statements_then_opens(store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = options(screen)
        assert any("Maria Lopez" in r for r in rows) and any("Anna Weber" in r for r in rows)
        assert all(r.split()[0].isdigit() for r in rows)  # each with its count
        target = next(i for i, r in enumerate(rows) if "Anna Weber" in r)
        screen.query_one(OptionList).highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        statements = options(screen)
        assert statements and "Demand has never been higher" in statements[0]
        await pilot.press("escape")  # back to the speakers
        await pilot.pause()
        assert any("Maria Lopez" in r for r in options(screen))
        screen.query_one(OptionList).highlighted = target
        await pilot.press("enter", "enter")  # the speaker, then her first statement
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, PeopleScreen)
        reader = app.screen.query_one(Reader)
        assert reader.article is not None
        assert "Demand has never been higher" in reader.article.body


async def test_people_view_is_in_the_command_palette(store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE):
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "People" in commands
