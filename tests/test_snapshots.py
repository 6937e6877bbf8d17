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


@pytest.fixture
def long_app(tmp_path: Path):
    """The reader on an article long enough that its digest must leave sentences out
    (tests/texts/skarvik_ferry.txt: 8 paragraphs, 5 points)."""
    from feeds.models import ParsedEntry, ParsedFeed

    store = make_store(tmp_path / "news.db", hostile=False)
    feed, _ = store.add_feed("http://127.0.0.1:9/coast.xml", title="Coast News")
    text = (Path(__file__).parent / "texts" / "skarvik_ferry.txt").read_text(encoding="utf-8")
    title = "Ferry service to Skarvik islands to double next summer"
    entry = ParsedEntry("sk1", "https://example.org/skarvik", title, None, NOW - 600, text)
    store.save_feed(feed.id, ParsedFeed("Coast News", None, [entry]))
    yield NewsdeskApp(
        store, Settings(theme="textual-dark"), clock=lambda: NOW, processes=False, prefetch=False
    )
    store.close()


def test_reading_a_long_article_the_digest_chooses(snap_compare, long_app):
    assert snap_compare(long_app, terminal_size=SIZE, run_before=_open_first)
