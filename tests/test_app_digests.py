"""Digests in the reader: a failed digest says so, and worker processes work in the app."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from app_data import NOW, make_store

import summarize
from tui.app import NewsdeskApp
from tui.config import Settings
from tui.widgets.reader import Reader

SIZE = (120, 36)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path: Path):
    s = make_store(tmp_path / "news.db")
    yield s
    s.close()


def _text(app: NewsdeskApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_a_failed_digest_says_why_not_no_key_points(store, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the summariser broke")

    monkeypatch.setattr(summarize, "summarize_article", broken)
    app = NewsdeskApp(store, Settings(), clock=lambda: NOW, processes=False, prefetch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        points = _text(app, "#reader-points")
        who = _text(app, "#who-body")
        assert "digest failed: RuntimeError: the summariser broke" in points
        assert "digest failed" in who
        assert "No key points" not in points and "No quoted speakers" not in who
        assert any("digest failed" in str(n.message) for n in app._notifications)
        assert app.digests.cached(app.screen.query_one(Reader).article) is None  # not cached
    logged = [r.getMessage() for r in caplog.records if r.name == "newsdesk.digests"]
    assert any("the summariser broke" in m for m in logged)


async def test_export_of_a_failed_digest_says_why(store, monkeypatch, tmp_path):
    monkeypatch.setattr(summarize, "summarize_article", lambda *a, **k: 1 / 0)
    app = NewsdeskApp(
        store,
        Settings(export_dir=tmp_path / "out"),
        clock=lambda: NOW,
        processes=False,
        prefetch=False,
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("Cannot export: digest failed: ZeroDivisionError" in m for m in messages)


async def test_a_text_without_points_still_says_no_key_points(store):
    from summarize import Summary

    app = NewsdeskApp(store, Settings(), clock=lambda: NOW, processes=False, prefetch=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        reader = app.screen.query_one(Reader)
        reader.set_summary(Summary(title=None, key_points=[], speakers=[]))
        await pilot.pause()
        assert "No key points for this text." in _text(app, "#reader-points")


# The reader's situation, as a user's terminal has it: a stderr whose fileno() is -1
# (Textual's stream capture). Run in a fresh interpreter so no pool or resource tracker
# exists yet, exactly as when the reader starts.
_IN_APP = """
import asyncio, sys
from tui.summaries import DigestService, start_worker_processes
from feeds.store import Store

class Captured:  # what Textual puts in place of sys.stderr
    def write(self, s): return len(s)
    def flush(self): pass
    def fileno(self): return -1

if {prestart}:
    start_worker_processes()
sys.stderr = Captured()
store = Store(sys.argv[1])
article = store.articles()[0]
service = DigestService(store)
summary = asyncio.run(service.summary(article))
print(len(summary.key_points), service.processes)
"""


@pytest.mark.parametrize(("prestart", "processes"), [(True, "True"), (False, "True")])
def test_digests_inside_the_app_use_processes_or_fall_back(tmp_path, prestart, processes):
    make_store(tmp_path / "news.db").close()
    code = textwrap.dedent(_IN_APP).format(prestart=prestart)
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "news.db")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    points, used_processes = out.stdout.split()
    assert int(points) > 0  # a digest either way, never an empty one
    # Started early or not (a Pilot test, a pool made later in the app): processes, since
    # feeds.workers.start_process_helpers puts the real stderr back while it starts them.
    assert used_processes == processes


def test_without_worker_processes_digests_come_from_a_thread(tmp_path):
    # No processes to be had: their interpreter cannot be started (as on a system that
    # forbids it). The digest still comes, from a thread, and the reader says nothing odd.
    make_store(tmp_path / "news.db").close()
    code = _IN_APP.format(prestart=False).replace(
        "import asyncio, sys",
        "import asyncio, sys, multiprocessing\n"
        "multiprocessing.set_executable('/nonexistent/python')",
    )
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), str(tmp_path / "news.db")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    points, used_processes = out.stdout.split()
    assert int(points) > 0
    assert used_processes == "False"
