"""The first frame drawn from the store before Textual loads (tui/splash.py).

It must look like the app's own first screen (same rows, same columns, same
panes) and be as safe: feed text sanitized, nothing raw reaches the terminal.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import sqlite3
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from app_data import HOSTILE_TITLE, NOW, make_store

from feeds.sanitize import UNSAFE
from feeds.store import SCHEMA_VERSION, ArticleRow, Store
from tui import splash
from tui.app import NewsdeskApp
from tui.config import Settings
from tui.widgets.article_list import ArticleList


@pytest.fixture
def db(tmp_path: Path) -> Path:
    store = make_store(tmp_path / "news.db", extra=60)
    ids = store.article_ids()
    store.set_starred(ids[1], True)
    store.set_read([ids[2], ids[3]], True)
    store.close()
    return tmp_path / "news.db"


def test_schema_and_order_follow_the_store(db: Path) -> None:
    rows, count = splash.read_rows(db, 30)  # type: ignore[misc]
    with Store(db) as store:
        expected = store.get_articles(store.article_ids()[:30])
        assert count == store.count()
        assert [ArticleRow(*r[:5], bool(r[5]), bool(r[6])) for r in rows] == store.rows(limit=30)
    assert [r[3] for r in rows] == [a.title for a in expected]


def test_splash_waits_for_a_migration(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    assert splash.read_rows(db, 30) is None


def test_splash_stays_light(db: Path) -> None:
    # The splash runs before Textual; it must not pull in the feeds package either.
    code = (
        "import sys, tui.splash as s; from pathlib import Path;"
        "assert s.read_rows(Path(sys.argv[1]), 5)[1] > 5;"
        "s.load_clean_line(); print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('feeds', 'textual', 'rich', 'httpx', 'feedparser')))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("who", [True, False])
@pytest.mark.parametrize("width", [40, 60, 80, 99, 100, 101, 120, 157, 200])
async def test_frame_matches_the_app(db: Path, width: int, who: bool) -> None:
    height = 30
    rows, count = splash.read_rows(db, height - 2)  # type: ignore[misc]
    lay = splash.Layout(width, height, who=who, count=count)
    frame = splash.Frame(lay, rows, count, NOW).text()
    store = Store(db)
    app = NewsdeskApp(
        store, Settings(who_said_what=who), clock=lambda: NOW, processes=False, prefetch=False
    )
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()  # the layout once the width's breakpoint class is applied
        lst = app.screen.query_one(ArticleList)
        assert lay.list_width == lst.region.width
        assert lay.content_width == lst.scrollable_content_region.width
        reader = app.screen.query_one("#reader")
        if reader.display and reader.region.width:
            assert lay.reader_x == reader.region.x
        who_pane = app.screen.query_one("#who")
        if who_pane.display and who_pane.region.width:
            assert lay.who_x == who_pane.region.x
        for y in range(lay.list_height):
            assert frame[y][: lay.content_width] == lst.render_line(y).text, y
        assert all(len(line) == width for line in frame)
    store.close()


def test_hostile_titles_are_sanitized(db: Path) -> None:
    rows, count = splash.read_rows(db, 38)  # type: ignore[misc]
    assert any(r[3] == HOSTILE_TITLE for r in rows)  # stored raw on purpose (app_data)
    frame = splash.Frame(splash.Layout(120, 40, who=True, count=count), rows, count, NOW)
    assert any("[bold red]x[/] red title" in line for line in frame.text())
    for palette in (splash._DARK, None):
        out = frame.ansi(palette, truecolor=False)
        ours = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out)  # our own CSI sequences only
        assert not UNSAFE.search(ours)
        assert "pwned" not in out


def _pty(cols: int = 160, rows: int = 30) -> tuple[int, int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return master, slave


def _read(master: int) -> str:
    out = b""
    while select.select([master], [], [], 0.2)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out.decode("utf-8", "replace")


def test_draws_on_a_terminal_and_puts_it_back(db: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NEWSDESK_NO_SPLASH", raising=False)
    master, slave = _pty()
    try:
        before = termios.tcgetattr(slave)
        shown = splash.Splash.show(db, tmp_path / "none.toml", now=NOW, fds=(slave, slave))
        assert shown is not None
        assert not termios.tcgetattr(slave)[3] & termios.ECHO  # typed keys are not drawn
        out = _read(master)
        assert out.startswith("\x1b[?2026h\x1b[?1049h")
        assert "Council approves river bridge" in out and "1/" in out
        shown.close()  # the app never took over: leave the alternate screen
        assert _read(master).endswith("\x1b[?1049l")
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_never_draws_without_a_terminal_or_a_store(db: Path, tmp_path: Path) -> None:
    r, w = os.pipe()
    try:
        assert splash.Splash.show(db, tmp_path / "none.toml", fds=(r, w)) is None
    finally:
        os.close(r)
        os.close(w)
    master, slave = _pty()
    try:
        missing = tmp_path / "missing.db"
        assert splash.Splash.show(missing, tmp_path / "none.toml", fds=(slave, slave)) is None
        assert not missing.exists()
        bad = tmp_path / "bad.toml"
        bad.write_text("theme = [")
        assert splash.Splash.show(db, bad, fds=(slave, slave)) is None
    finally:
        os.close(master)
        os.close(slave)


def test_wide_characters_are_cut_by_cells() -> None:
    assert splash.fit("日本語のニュース", 7) == "日本語…"
    assert splash.fit("abc", 5, pad=True) == "abc  "
    assert splash.fit("abcdef", 4) == "abc…"
