"""Crashes and concurrency: the store stays consistent, nothing is lost or doubled.

A writer process saves feeds (one transaction each) and read/starred marks, and
reports each commit on stdout; it is SIGKILLed at several moments. Afterwards:
`PRAGMA integrity_check` and the FTS index are ok, every feed holds all or none of
each round's articles, no guid is doubled, and every reported mark is still there.
Also: a reader open during writes, two writers at once, a full disk, a read-only
store, and (once the feeds layer is there) `newsdesk refresh` killed and run twice.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from feedserver import FeedServer, Item, rss

from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store, StoreError

pytestmark = pytest.mark.timeout(120)

FEEDS, PER_ROUND = 6, 25

WRITER = r"""
import sys, time
from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store
db, rounds, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
FEEDS, PER_ROUND = @FEEDS@, @PER_ROUND@
store = Store(db)
ids = [store.add_feed(f"http://127.0.0.1/{i}.xml")[0].id for i in range(FEEDS)]
print("ready", flush=True)
for r in range(start, start + rounds):
    for fid in ids:
        n = (r + 1) * PER_ROUND
        entries = [ParsedEntry(guid=f"g{k}", url=f"http://127.0.0.1/{fid}/{k}",
                               title=f"t{k} r{r}", text=("body %d " % k) * 50)
                   for k in range(n)]
        store.save_feed(fid, ParsedFeed(title=f"feed {fid}", site_url=None, entries=entries))
        print("saved", fid, r, flush=True)
        a = store.articles()[r % 7]
        store.set_read([a.id]); store.set_starred(a.id, True)
        print("marked", a.id, flush=True)
print("done", flush=True)
""".replace("@FEEDS@", str(FEEDS)).replace("@PER_ROUND@", str(PER_ROUND))


def start_writer(db: Path, rounds: int = 1000, start: int = 0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(rounds), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: see kill_inside_a_write
    )


def check_store(db: Path, marked: set[int]) -> None:
    with Store(db) as store:
        assert store.integrity_check() == "ok"
        store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        rows = store.db.execute(
            "SELECT feed_id, count(*), count(DISTINCT guid) FROM articles GROUP BY feed_id"
        ).fetchall()
        for _fid, n, distinct in rows:
            assert n == distinct  # nothing doubled
            assert n % PER_ROUND == 0  # a feed's refresh is all or nothing
        for aid in marked:
            a = store.get_article(aid)
            assert a is not None and a.read and a.starred, aid  # no mark lost
        # The store is writable again right away: no stale lock after a kill.
        store.set_read([], True)
        store.add_feed("http://127.0.0.1/after.xml")


@pytest.mark.parametrize("kill_after", [0, 1, 4, 9, 23])
def test_sigkill_during_writes(tmp_path: Path, kill_after: int) -> None:
    db = tmp_path / "k.db"
    marked: set[int] = set()
    proc = start_writer(db)
    assert proc.stdout is not None
    lines = 0
    for line in proc.stdout:
        if line.startswith("marked"):
            marked.add(int(line.split()[1]))
        if line.startswith(("saved", "marked")):
            lines += 1
        if lines >= kill_after:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    check_store(db, marked)
    # A second run after the crash continues cleanly and keeps the earlier marks.
    proc = start_writer(db, rounds=1, start=kill_after // 4 + 1)
    out, err = proc.communicate(timeout=100)
    assert proc.returncode == 0, err
    check_store(db, marked)


SPILL_MB = 30


def stall_when_inserting(db: Path, guid: str) -> None:
    """When article `guid` is inserted, a trigger first writes SPILL_MB of scratch rows
    (more than SQLite's page cache, so they spill into the WAL file before any commit:
    visible from outside), then runs a CPU-bound query for ~10 s. So whoever inserts it
    is provably inside that feed's write transaction, past its first articles, once the
    WAL file has grown (`stalled`). `unstall` removes it all."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("CREATE TABLE test_stall(x)")
        con.execute("CREATE TABLE test_spill(b)")
        con.execute("INSERT INTO test_stall VALUES " + ",".join(["(0)"] * 1000))
        con.execute(
            "CREATE TRIGGER test_stall_at AFTER INSERT ON articles "
            f"WHEN NEW.guid = '{guid}' BEGIN "
            f"INSERT INTO test_spill SELECT randomblob({SPILL_MB * 1000}) FROM test_stall; "
            "SELECT count(*) FROM test_stall a, test_stall b, test_stall c; END"
        )
    finally:
        con.close()


def stalled(db: Path) -> bool:
    wal = db.with_name(db.name + "-wal")
    return wal.exists() and wal.stat().st_size > SPILL_MB * 2**20 * 2 // 3


def unstall(db: Path) -> None:
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("DROP TRIGGER test_stall_at")
        con.execute("DROP TABLE test_stall")
        con.execute("DROP TABLE test_spill")
    finally:
        con.close()


def write_lock_held(db: Path) -> bool:
    """True if another connection is inside a write transaction on `db` right now."""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc) or "busy" in str(exc), exc
        return True
    finally:
        con.close()


def kill_inside_a_write(proc: subprocess.Popen[str], db: Path) -> None:
    """SIGKILL `proc` (and its process group) while it provably holds an open write
    transaction: seen busy, frozen with SIGSTOP, still busy while frozen, then killed.
    With `stall_when_inserting` the moment surely comes; the limit only stops a hang."""
    pgid = os.getpgid(proc.pid)
    end = time.monotonic() + 60
    while True:
        assert proc.poll() is None, "exited before a write transaction was caught"
        assert time.monotonic() < end, "no write transaction caught"
        if write_lock_held(db):
            os.killpg(pgid, signal.SIGSTOP)
            if write_lock_held(db):  # frozen inside the transaction: kill it there
                os.killpg(pgid, signal.SIGKILL)
                proc.wait()
                assert proc.returncode == -signal.SIGKILL
                return
            os.killpg(pgid, signal.SIGCONT)  # it committed in between: try again


def test_sigkill_inside_a_write_transaction(tmp_path: Path) -> None:
    """Killed with a feed transaction open (not between two): it rolls back whole."""
    db = tmp_path / "r.db"
    Store(db).close()
    stall_when_inserting(db, "g60")  # round 2, the first feed, 10 of its 25 new articles in
    proc = start_writer(db)
    end = time.monotonic() + 60  # generous: fails only if the stall never comes
    while not stalled(db):
        assert proc.poll() is None and time.monotonic() < end, "never reached the stall"
        time.sleep(0.01)
    kill_inside_a_write(proc, db)
    unstall(db)
    check_store(db, set())
    proc = start_writer(db, rounds=2, start=2)  # the next run completes what was cut
    out, err = proc.communicate(timeout=100)
    assert proc.returncode == 0, err
    check_store(db, set())
    with Store(db) as store:
        assert store.count() == FEEDS * 4 * PER_ROUND


def test_reader_open_while_writer_writes(tmp_path: Path) -> None:
    db = tmp_path / "rw.db"
    Store(db).close()
    proc = start_writer(db, rounds=6)
    errors: list[BaseException] = []
    with Store(db) as reader:
        while proc.poll() is None:
            try:
                with reader.db:  # one snapshot: every feed all-or-nothing
                    reader.db.execute("BEGIN")
                    for (n,) in reader.db.execute("SELECT count(*) FROM articles GROUP BY feed_id"):
                        assert n % PER_ROUND == 0
                    reader.articles(limit=50)
                    reader.list_feeds()
            except sqlite3.Error as exc:  # pragma: no cover - the failure we look for
                errors.append(exc)
            time.sleep(0.01)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert not errors
    check_store(db, set())


def test_two_writers_at_once(tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    Store(db).close()
    procs = [start_writer(db, rounds=3), start_writer(db, rounds=3, start=3)]
    for p in procs:
        out, err = p.communicate(timeout=100)
        assert p.returncode == 0, err
        assert "done" in out
    check_store(db, set())


def test_disk_full_keeps_the_store_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    with Store(db) as store:
        feed, _ = store.add_feed("http://127.0.0.1/f.xml")
        small = [ParsedEntry(guid=f"s{i}", url=None, title=f"s{i}") for i in range(10)]
        store.save_feed(feed.id, ParsedFeed(title="f", site_url=None, entries=small))
        store.set_starred(store.article_ids()[0], True)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is now full
        big = [
            ParsedEntry(guid=f"b{i}", url=None, title=f"b{i}", text="x" * 5000) for i in range(200)
        ]
        with pytest.raises(StoreError) as info:
            store.save_feed(feed.id, ParsedFeed(title="f", site_url=None, entries=small + big))
        assert "\n" not in str(info.value) and "full" in str(info.value)
    with Store(db) as store:
        assert store.integrity_check() == "ok"
        assert store.count() == 10
        assert sum(a.starred for a in store.articles()) == 1


def _make_read_only(paths: list[Path]) -> bool:
    """Files and folder read-only; as root (which ignores modes) via the immutable flag."""
    if os.geteuid() != 0:
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        return True
    try:
        subprocess.run(["chattr", "+i", *map(str, paths)], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def _make_writable(paths: list[Path]) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
    for p in paths:
        p.chmod(0o755 if p.is_dir() else 0o644)


def test_read_only_store_reads_and_refuses_writes_clearly(tmp_path: Path) -> None:
    db = tmp_path / "ro" / "ro.db"
    with Store(db) as store:
        feed, _ = store.add_feed("http://127.0.0.1/ro.xml", title="RO feed")
        entries = [ParsedEntry(guid="a", url=None, title="Only article")]
        store.save_feed(feed.id, ParsedFeed(title="RO feed", site_url=None, entries=entries))
    paths = [*db.parent.glob("ro.db*"), db.parent]
    if not _make_read_only(paths):
        pytest.skip("cannot make a file read-only for root here (no chattr)")
    try:
        cmd = [sys.executable, "-m", "tui", "--db", str(db)]
        writes = [["digest", "--mark-read"], ["add", "http://127.0.0.1/new.xml"]]
        for argv in writes:  # one clear line, exit 1 or 2, no traceback
            r = subprocess.run([*cmd, *argv], capture_output=True, text=True, timeout=60)
            assert "Traceback" not in r.stderr, (argv, r.stderr)
            if r.returncode != 0:
                assert r.returncode in (1, 2), (argv, r)
                assert r.stderr.startswith("newsdesk: ") and r.stderr.count("\n") == 1, r.stderr
        assert argv[0] == "digest" or r.returncode in (1, 2)  # `add` must fail
        reads = [["digest"], ["articles"], ["feeds"]]
        for argv in reads:  # reading still works
            r = subprocess.run([*cmd, *argv], capture_output=True, text=True, timeout=60)
            assert r.returncode == 0 and "Traceback" not in r.stderr, (argv, r.stderr)
            assert ("Only article" if argv[0] != "feeds" else "RO feed") in r.stdout, argv
    finally:
        _make_writable(paths)


# -- the real `newsdesk refresh` ----------------------------------------------------


def _bench_corpus():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import hostile_corpus as hc

    return hc


def _served_feeds(hc, n_items: int):  # type: ignore[no-untyped-def]
    """A few ordinary feeds, one of them big enough that writing it takes a while."""
    cases = []
    for i in range(8):
        items = hc._items(n_items if i == 0 else 30)
        for it in items:
            it.guid = f"f{i}-{it.guid}"
        cases.append(hc.Case(f"crash-{i}", "ok", body=hc.rss2(items).encode(), host=i))
    return cases


def _cli(db: Path) -> list[str]:
    return [sys.executable, "-m", "tui", "--db", str(db)]


def _refresh(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*_cli(db), "refresh"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: killed with its workers
    )


def _counts(db: Path) -> dict[int, int]:
    with Store(db) as store:
        assert store.integrity_check() == "ok"
        rows = store.db.execute(
            "SELECT feed_id, count(*), count(DISTINCT guid) FROM articles GROUP BY feed_id"
        ).fetchall()
    assert all(n == d for _, n, d in rows)  # nothing doubled
    return {fid: n for fid, n, _ in rows}


def test_two_refreshes_at_once(tmp_path: Path) -> None:
    hc = _bench_corpus()
    cases = _served_feeds(hc, 3000)
    db = tmp_path / "two.db"
    with hc.HostileServer(cases) as srv, Store(db) as store:
        for c in cases:
            store.add_feed(srv.url(c))
        store.close()
        procs = [_refresh(db), _refresh(db)]
        results = [p.communicate(timeout=100) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert "Traceback" not in err
        # Either both refresh (one waits for the other) or the second says so clearly.
        assert p.returncode in (0, 1, 3), err
        if p.returncode == 1:
            assert err.strip().count("\n") == 0 or "another" in err.lower(), err
    assert any(p.returncode == 0 for p in procs)
    counts = _counts(db)
    assert sorted(counts.values()) == sorted([3000] + [30] * 7)


def _grown(f: int, n: int) -> str:
    body = "<p>" + f"Feed {f} reports. " * 30 + "</p>"
    return rss(
        f"F{f}", [Item(f"F{f} story {k}", f"/a/{f}/{k}", body, f"f{f}-{k}") for k in range(n)]
    )


def _complete(db: Path, sizes: dict[int, int]) -> set[int]:
    """Feeds whose article count has reached its new size (read through WAL, no lock)."""
    con = sqlite3.connect(db, timeout=30)
    try:
        rows = con.execute("SELECT feed_id, count(*) FROM articles GROUP BY feed_id").fetchall()
    finally:
        con.close()
    return {fid for fid, n in rows if n == sizes[fid]}


@pytest.mark.parametrize("moment", ["all fetching", "some feeds written", "inside a write"])
def test_sigkill_during_refresh_loses_nothing(
    tmp_path: Path, feed_server: FeedServer, moment: str
) -> None:
    """`newsdesk refresh` SIGKILLed while it is provably running: at least one feed's
    answer is held by the server until after the kill, so the refresh cannot have finished
    (and the kill must find it alive). Killed while every feed is being fetched, after the
    other feeds are written, or frozen inside the big feed's write transaction (stalled
    half-way through its articles, see `stall_when_inserting`). Each feed then holds its
    old articles or all the new ones, marks are kept, and the next refresh completes."""
    db = tmp_path / "kill.db"
    held = threading.Event()
    n_feeds, big = 8, 0  # feed 0 is big: writing it takes a while
    with Store(db) as store:
        fids = [store.add_feed(feed_server.route(f"/{f}.xml", _grown(f, 30)))[0].id
                for f in range(n_feeds)]  # fmt: skip
    r = subprocess.run([*_cli(db), "refresh"], capture_output=True, text=True, timeout=100)
    assert r.returncode == 0, r.stderr
    with Store(db) as store:  # the user reads and stars some articles
        ids = store.article_ids()[::7]
        store.set_read(ids)
        for aid in ids[::2]:
            store.set_starred(aid, True)
    before = _counts(db)
    sizes = {fid: 3000 if f == big else 300 for f, fid in enumerate(fids)}
    last = n_feeds - 1  # held until the kill
    for f in range(n_feeds):  # the feeds grow: the same guids plus many new ones
        if moment == "all fetching":
            hold = held
        elif moment == "some feeds written":
            hold = held if f == last else None
        else:  # inside a write: every feed but the big one, so its write is the only one
            hold = None if f == big else held
        feed_server.route(f"/{f}.xml", _grown(f, sizes[fids[f]]), hold=hold)
    if moment == "inside a write":
        stall_when_inserting(db, f"f{big}-1500")
    proc = _refresh(db)

    def wait_for(done: Callable[[], bool], what: str) -> None:  # the refresh still running
        end = time.monotonic() + 60  # generous: fails only if the moment never comes
        while not done():
            assert proc.poll() is None and time.monotonic() < end, f"never {what}"
            time.sleep(0.02)

    def all_asked() -> bool:
        return all(len(feed_server.hits(f"/{f}.xml")) == 2 for f in range(n_feeds))

    if moment == "inside a write":  # every other feed held: the only write is the big one
        wait_for(lambda: stalled(db), "stalled half-way through the big feed")
        kill_inside_a_write(proc, db)
        unstall(db)
    else:
        if moment == "all fetching":
            wait_for(all_asked, "fetched every feed")
        else:
            others = set(fids) - {fids[last]}
            wait_for(
                lambda: (
                    others <= _complete(db, sizes) and len(feed_server.hits(f"/{last}.xml")) == 2
                ),
                "wrote the others while the held one waits",
            )
        assert proc.poll() is None and len(feed_server.hits(f"/{last}.xml")) == 2
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL  # killed, not exited
    held.set()
    counts = _counts(db)
    for fid, n in counts.items():  # each feed: the old articles, or old + new, never half
        assert n in (before[fid], sizes[fid]), (fid, n, before[fid])
    if moment == "all fetching":
        assert counts == before
    if moment == "some feeds written":
        assert counts == {**sizes, fids[last]: before[fids[last]]}
    with Store(db) as store:
        for aid in ids:
            a = store.get_article(aid)
            assert a is not None and a.read
            assert a.starred == (aid in ids[::2])
    r = subprocess.run([*_cli(db), "refresh"], capture_output=True, text=True, timeout=100)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert _counts(db) == sizes


@pytest.mark.parametrize("n_feeds", [1, 30])  # 30: parsed and written in worker processes
def test_disk_full_during_cli_refresh(
    tmp_path: Path, feed_server: FeedServer, n_feeds: int
) -> None:
    """`newsdesk refresh` when the store cannot grow (RLIMIT_FSIZE, SIGXFSZ ignored): one
    line on stderr, exit 1, no traceback; the store is intact with its articles and marks."""
    import resource

    db = tmp_path / "full.db"
    cmd = [sys.executable, "-m", "tui", "--db", str(db)]

    def old(f: int) -> list[Item]:
        return [Item(f"Old {f}.{i}", f"/a/{f}/{i}", guid=f"g{f}.{i}") for i in range(3)]

    with Store(db) as store:  # as an earlier refresh left it
        for f in range(n_feeds):
            feed, _ = store.add_feed(feed_server.url(f"/{f}.xml"))
            entries = [ParsedEntry(guid=it.guid, url=it.link, title=it.title) for it in old(f)]
            store.save_feed(feed.id, ParsedFeed(title=f"F{f}", site_url=None, entries=entries))
        ids = store.article_ids()
        assert len(ids) == 3 * n_feeds
        store.set_read(ids[:2])
        store.set_starred(ids[0], True)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    limit = max(p.stat().st_size for p in tmp_path.glob("full.db*")) + 32 * 1024
    body = "<p>" + "words " * 400 + "</p>"
    for f in range(n_feeds):  # ~70 KB more per feed: not even one fits
        new = [Item(f"New {f}.{i}", f"/b/{f}/{i}", body, f"n{f}.{i}") for i in range(30)]
        feed_server.route(f"/{f}.xml", rss(f"F{f}", old(f) + new))

    def no_room() -> None:  # runs in the child: files may not grow past `limit`
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    r = subprocess.run(
        [*cmd, "refresh"], capture_output=True, text=True, timeout=60, preexec_fn=no_room
    )
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert r.stderr.startswith("newsdesk: ") and r.stderr.count("\n") == 1, r.stderr
    assert "store" in r.stderr
    counts = _counts(db)  # integrity ok, nothing doubled
    assert set(counts.values()) <= {3, 33}  # each feed as before or complete, never half
    with Store(db) as store:
        arts = {a.id: a for a in store.articles()}
        assert all(i in arts for i in ids)
        assert [arts[i].read for i in ids[:3]] == [True, True, False]
        assert [arts[i].starred for i in ids[:3]] == [True, False, False]
    r = subprocess.run([*cmd, "refresh"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr  # room again: the refresh completes, marks kept
    assert set(_counts(db).values()) == {33}
    with Store(db) as store:
        assert store.get_article(ids[0]).starred and store.get_article(ids[1]).read  # type: ignore[union-attr]
