"""SIGKILL `newsdesk refresh` part-way: the store stays sound, nothing doubled, no mark lost."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from feedserver import FeedServer, Item, rss

from feeds.store import Store


def feed(i: int, n: int) -> str:
    return rss(
        f"Feed {i}", [Item(f"F{i} story {k}", f"/f{i}/{k}", "<p>Text.</p>" * 20) for k in range(n)]
    )


def refresh(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(db), "refresh"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def check(db: Path) -> dict[int, int]:
    with Store(db) as s:
        assert s.integrity_check() == "ok"
        s.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        rows = s.db.execute(
            "SELECT feed_id, count(*), count(DISTINCT guid) FROM articles GROUP BY feed_id"
        ).fetchall()
    assert all(n == d for _, n, d in rows)  # no duplicates
    return {fid: n for fid, n, _ in rows}


def workers_left(db: Path, started: set[int]) -> list[str]:
    """Processes still running with this store on their command line, or started by
    the refresh (its worker processes and the fork server they come from)."""
    left = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z" and (str(db).encode() in cmd or int(proc.name) in started):
            left.append(proc.name)
    return left


def descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                parents[int(proc.name)] = int(
                    (proc / "stat").read_text().rsplit(")", 1)[1].split()[1]
                )
            except (OSError, IndexError, ValueError):
                continue
    found, grew = {pid}, True
    while grew:
        more = {p for p, pp in parents.items() if pp in found} - found
        found |= more
        grew = bool(more)
    return found - {pid}


# 6 feeds parse in a thread and write here; 30 go to worker processes that write too.
@pytest.mark.parametrize(("n", "slow"), [(6, {1, 3, 5}), (30, {1, 2, 3, 4})])
def test_sigkill_mid_refresh(
    tmp_path: Path, feed_server: FeedServer, n: int, slow: set[int]
) -> None:
    db = tmp_path / "k.db"
    with Store(db) as s:
        for i in range(n):
            s.add_feed(feed_server.route(f"/f{i}.xml", feed(i, 20)))
    assert refresh(db).wait(timeout=60) == 0
    with Store(db) as s:
        marked = s.article_ids()[::5]
        s.set_read(marked)
        for aid in marked:
            s.set_starred(aid, True)
    before = check(db)
    # The feeds grow; the slow ones are held by the server until after the kill, so the
    # kill lands mid-refresh for sure, after the others are written.
    held = threading.Event()
    for i in range(n):
        feed_server.route(f"/f{i}.xml", feed(i, 60), hold=held if i in slow else None)
    proc = refresh(db)
    fast = {fid for i, fid in enumerate(sorted(before)) if i not in slow}

    def written() -> set[int]:
        con = sqlite3.connect(db, timeout=30)
        try:
            rows = con.execute("SELECT feed_id, count(*) FROM articles GROUP BY feed_id")
            return {fid for fid, k in rows if k == 60}
        finally:
            con.close()

    deadline = time.monotonic() + 60  # generous: fails only if it never happens
    while not (all(feed_server.hits(f"/f{i}.xml")[1:] for i in range(n)) and fast <= written()):
        assert proc.poll() is None, "the refresh ended with feeds still held"
        assert time.monotonic() < deadline, "refresh never reached the slow feeds"
        time.sleep(0.05)
    assert proc.poll() is None  # alive: the held feeds are not answered yet
    started = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    held.set()
    deadline = time.monotonic() + 10
    while workers_left(db, started):  # worker processes end with their refresh
        assert time.monotonic() < deadline, f"orphaned workers: {workers_left(db, started)}"
        time.sleep(0.05)
    counts = check(db)
    assert counts == {fid: 60 if fid in fast else before[fid] for fid in before}  # whole feeds
    for i in range(n):
        feed_server.route(f"/f{i}.xml", feed(i, 60))
    r = refresh(db)  # not "another refresh is running": the lock died with the killed one
    assert r.wait(timeout=60) == 0, r.stderr.read() if r.stderr else ""
    assert sorted(check(db).values()) == [60] * n
    with Store(db) as s:
        for aid in marked:
            a = s.get_article(aid)
            assert a is not None and a.read and a.starred
