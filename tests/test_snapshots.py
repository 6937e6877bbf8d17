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


# Issue 11: whole key hints at every width, the side pane only with speakers, w at 80x24,
# help at 60x20, the search box open, an empty store, search matches highlighted.


async def _open_then_w(pilot) -> None:
    await _open_first(pilot)
    await pilot.press("w")
    await pilot.pause()


@pytest.mark.parametrize("size", [(60, 20), (100, 30), (160, 40)])
def test_reading_at_sizes(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=_open_first)


def test_who_beside_the_reader_at_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_then_w)


def test_help_60x20(snap_compare, app):
    assert snap_compare(app, terminal_size=(60, 20), press=["question_mark"])


def test_search_box_open(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, press=["slash", *"bridge OR trains"])


def test_search_matches_highlighted(snap_compare, app):
    async def run_before(pilot) -> None:
        await pilot.press("slash", *"bridge OR trains", "enter")
        await _open_first(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_empty_store(snap_compare, tmp_path):
    from feeds.store import Store

    store = Store(tmp_path / "empty.db")
    app = NewsdeskApp(
        store, Settings(theme="textual-dark"), clock=lambda: NOW, processes=False, prefetch=False
    )
    assert snap_compare(app, terminal_size=(100, 24))
    store.close()


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
