"""The reader's look, pinned with pytest-textual-snapshot at a fixed size, theme and clock.

Regenerate after an intended change: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_data import NOW, make_store

from tui.app import NewsdeskApp
from tui.config import Settings

SIZE = (120, 36)


@pytest.fixture
def app(tmp_path: Path):
    store = make_store(tmp_path / "news.db")
    yield NewsdeskApp(
        store, Settings(theme="textual-dark"), clock=lambda: NOW, processes=False, prefetch=False
    )
    store.close()


async def _open_first(pilot) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_list(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE)


def test_reading_with_who_said_what(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=_open_first)


def test_narrow_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_first)


def test_help(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["question_mark"])


def test_feeds_and_tags(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["t"])
