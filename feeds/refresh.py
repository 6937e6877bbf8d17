"""The refresh pipeline: fetch feeds concurrently, parse off the event loop, write per feed.

    report = await refresh_feeds(store, progress=print)

- Fetching: one shared client (`feeds.http`), global + per-host limits, conditional
  GET; a 304 changes only the feed's bookkeeping.
- Parsing and writing: big refreshes (PROCESS_POOL_MIN_FEEDS) hand each fetched body
  to worker processes that parse it and write it through their own connection, so
  the event loop only fetches, on its own core. Small ones parse a well-formed body
  of up to INLINE_PARSE_MAX inline (the quick path), a broken one of up to
  THREAD_PARSE_MAX in a thread, and write on the caller's thread and `Store`; any
  other body, where a parse can blow up, goes to a worker process as in a big refresh.
  Either way one transaction per feed: a kill mid-refresh leaves every feed either as
  before or fully updated, marks untouched.
- Every parse in a worker, with its write, has a wall-time and a memory limit
  (`FetchLimits.parse_timeout`, `.parse_memory`; `feeds.workers`): a worker past
  either is killed and replaced, the feed gets "parse took over 20 s" or "parse
  needed over 256 MB" and keeps what it had, and the refresh goes on.
- Failures are per feed (`store.record_error`); they never stop the others.
- A whole refresh holds `fcntl.flock` on `<db>.lock`: a second refresh waits up to
  `lock_wait` seconds, then raises `RefreshBusy`.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import httpx

from .errors import FeedError, HttpStatusError, RefreshBusy, TaskLimitError, WorkerDied
from .http import Fetcher, FetchLimits, FetchResult, fetcher
from .models import Feed, ParsedFeed
from .parse import parse_fast, parse_feed
from .sanitize import clean_line
from .store import Store, StoreError
from .workers import LimitedPool, TaskLimits, tune_malloc

# A small refresh parses well-formed bodies of up to INLINE_PARSE_MAX on the event loop
# (the quick path, ~1-3 ms) and other bodies of up to THREAD_PARSE_MAX in a thread
# (feedparser); anything else goes to a worker process with limits, as in a big refresh.
# Up to 64 KiB the slowest hostile body (deep nesting, in feedparser's loose parser)
# takes about a second and 15 MB; at 256 KiB it took 5-7 s and 60 MB, and past that
# a parse can take minutes and gigabytes.
INLINE_PARSE_MAX = 256 * 1024
THREAD_PARSE_MAX = 64 * 1024
STORY_WINDOW = 3 * 86400.0  # feeds.stories.WINDOW (not imported: it loads summarize/)
# A refresh groups its new articles into stories when at most this many recent ones wait;
# more (the first refresh of a long list: 5,000 at once) are left for whoever first lists
# stories (`newsdesk stories`, `digest --group-by story`, the Stories view), so a refresh
# stays as fast as one without stories.
GROUP_IN_REFRESH = 500
PROCESS_POOL_MIN_FEEDS = 24  # below this, starting worker processes costs more than it saves


@dataclass(slots=True)
class FeedResult:
    feed_id: int
    title: str
    url: str
    new: int = 0
    not_modified: bool = False
    skipped: bool = False  # not fetched: the server asked us to wait (Retry-After)
    error: str | None = None  # one line; None when the feed refreshed fine
    retry_after: float | None = None  # unix time the server asked us to wait for (429/503)
    new_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class RefreshProgress:
    done: int
    total: int
    result: FeedResult | None = None  # the feed just finished
    phase: Literal["feeds", "full text"] = "feeds"


@dataclass(slots=True)
class RefreshReport:
    results: list[FeedResult]
    seconds: float = 0.0
    full_text_fetched: int = 0
    grouped: int = 0  # articles given a story id after the feeds were written

    @property
    def ok(self) -> list[FeedResult]:
        return [r for r in self.results if r.error is None]

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if r.error is not None]

    @property
    def new_articles(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def not_modified(self) -> int:
        return sum(r.not_modified for r in self.results)


async def refresh_feeds(
    store: Store,
    feed_ids: Sequence[int] | None = None,
    *,
    full_text: bool = False,
    progress: Callable[[RefreshProgress], None] | None = None,
    client: httpx.AsyncClient | None = None,
    limits: FetchLimits | None = None,
    lock_wait: float = 30.0,
    processes: bool | None = None,
    story_window: float | None = STORY_WINDOW,
) -> RefreshReport:
    """Refresh all feeds (or `feed_ids`); see the module docstring.

    `processes`: parse in a process pool (True), a thread (False), or decide by
    the number of feeds (None). `story_window`: new articles then join a story open
    that many seconds (`feeds.stories`), unless more than `GROUP_IN_REFRESH` wait; None
    leaves them ungrouped (grouped on demand).
    """
    started = time.monotonic()
    feeds = store.list_feeds()
    if feed_ids is not None:
        wanted = set(feed_ids)
        feeds = [f for f in feeds if f.id in wanted]
    if processes is None:
        processes = len(feeds) >= PROCESS_POOL_MIN_FEEDS and (os.cpu_count() or 1) > 1
    if str(store.path) == ":memory:":
        processes = False  # worker processes write through their own connections
    report = RefreshReport(results=[])
    tune_malloc()  # big bodies go back to the system once freed, here and in workers
    async with _refresh_lock(store.path, lock_wait) as lock_fd, fetcher(client, limits) as f:
        pool = _Pool(processes, store.path, lock_fd, f.limits)
        # One big body (over http.BIG_BODY) in this process at a time: the others wait,
        # unread, on their connections (bench/hostile.py: the refresh process peaked at
        # 180 MB holding them, 125 MB with two at a time).
        f.big_bodies = asyncio.Semaphore(1)
        if processes and any(feed.last_success is None for feed in feeds):
            pool.workers()  # new feeds will need them: start them while the first requests fly
        try:
            await _refresh(store, feeds, f, pool, processes, report, progress)
        finally:
            pool.shutdown()
        if feeds:
            prefetch = [
                aid
                for r in report.results
                for aid in r.new_ids
                if full_text or _policy(feeds, r.feed_id) == "always"
            ]
            if prefetch:
                report.full_text_fetched = await _prefetch(store, prefetch, f.client, progress)
        if story_window is not None and report.new_articles:
            # Still under the refresh lock, after every feed is written; one transaction.
            with contextlib.suppress(StoreError):  # left ungrouped: grouped on demand
                if _waiting(store, story_window) <= GROUP_IN_REFRESH:
                    from .stories import assign_stories

                    report.grouped = assign_stories(store, window=story_window)
    report.seconds = time.monotonic() - started
    return report


def _waiting(store: Store, window: float) -> int:
    """Ungrouped articles recent enough to join a story (what grouping would compare)."""
    return store.db.execute(
        """SELECT count(*) FROM articles
           WHERE story IS NULL AND coalesce(published, fetched) >= ?""",
        (time.time() - window,),
    ).fetchone()[0]


@dataclass(slots=True)
class _Fetched:
    feed: Feed
    result: FeedResult
    parsed: ParsedFeed | None = None  # still to be written here
    etag: str | None = None
    last_modified: str | None = None


async def _refresh(
    store: Store,
    feeds: list[Feed],
    f: Fetcher,
    pool: _Pool,
    processes: bool,
    report: RefreshReport,
    progress: Callable[[RefreshProgress], None] | None,
) -> None:
    loop = asyncio.get_running_loop()
    now = time.time()
    total = len(feeds)

    async def one(feed: Feed) -> _Fetched:
        out = _Fetched(feed, FeedResult(feed.id, feed.title, feed.url))
        if feed.retry_after and feed.retry_after > now:
            out.result.skipped = True
            return out
        try:
            got = await f.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            if got.not_modified:
                out.result.not_modified = True
                return out
            out.etag, out.last_modified = got.etag, got.last_modified
            try:
                await parse(out, got)
            finally:
                if got.release is not None:  # a big body: the next one may come in
                    got.release()
        except HttpStatusError as exc:
            out.result.error = str(exc)
            out.result.retry_after = exc.retry_after
        except FeedError as exc:
            out.result.error = str(exc)
        return out

    async def parse(out: _Fetched, got: FetchResult) -> None:
        content, got.content = got.content, b""
        if not processes and len(content) <= INLINE_PARSE_MAX:
            # Well-formed RSS/Atom parses right here (~1-3 ms, fastfeedparser).
            out.parsed = parse_fast(content, got.url)
            if out.parsed is not None:
                return
        if processes or (len(content) > THREAD_PARSE_MAX and pool.can_fork):
            # A worker process parses *and* writes (its own connection, one transaction
            # per feed), within the parse limits: this event loop only fetches. The body
            # is handed over (in a list): not kept here while the worker parses.
            body, content = [content], b""
            try:
                new_ids, title = await pool.workers().run(
                    _parse_and_save, str(store.path), out.feed.id, got.url, got.etag,
                    got.last_modified, data=body,
                )  # fmt: skip
            except TaskLimitError as exc:  # the worker is gone; what was stored stays
                out.result.error = f"parse {exc}"
            except WorkerDied as exc:
                out.result.error = f"parse failed: {exc}"
            else:
                _saved(out, new_ids, title)
            return
        # A small broken or odd body: feedparser, off the event loop.
        out.parsed = await loop.run_in_executor(pool.thread(), parse_feed, content, got.url)

    tasks = [asyncio.ensure_future(one(feed)) for feed in feeds]
    try:
        for done, next_done in enumerate(asyncio.as_completed(tasks), 1):
            out = await next_done
            _write(store, out)
            report.results.append(out.result)
            if progress is not None:
                progress(RefreshProgress(done, total, out.result))
    finally:
        for t in tasks:
            t.cancel()


_WORKER_STORES: dict[str, Store] = {}  # in a worker process: its own connection per store


def _parse_and_save(
    content: bytes,
    db: str,
    feed_id: int,
    url: str,
    etag: str | None,
    last_modified: str | None,
) -> tuple[list[int], str]:
    """In a worker process: parse one feed and write it in one transaction."""
    parsed = parse_feed(content, url)  # FeedError: the caller records it
    del content
    store = _WORKER_STORES.get(db)
    if store is None:
        store = _WORKER_STORES[db] = Store(db)
    new_ids = store.save_parsed(
        feed_id, parsed, etag=etag, last_modified=last_modified, problem=None
    )
    return new_ids, clean_line(parsed.title)


def _saved(out: _Fetched, new_ids: list[int], title: str) -> None:
    out.result.new_ids = new_ids
    out.result.new = len(new_ids)
    if out.feed.title == out.feed.url and title:  # first fetch: the feed's own title
        out.result.title = title


def _write(store: Store, out: _Fetched) -> None:
    """One feed's outcome in one transaction (StoreError propagates: the store is broken)."""
    result = out.result
    if result.skipped:
        return
    if result.error is not None:
        store.record_error(out.feed.id, result.error, retry_after=result.retry_after)
    elif result.not_modified:
        store.mark_not_modified(out.feed.id)
    elif out.parsed is not None:  # else a worker process wrote it
        new_ids = store.save_parsed(
            out.feed.id, out.parsed, etag=out.etag, last_modified=out.last_modified, problem=None
        )
        _saved(out, new_ids, clean_line(out.parsed.title))


async def _prefetch(
    store: Store,
    article_ids: list[int],
    client: httpx.AsyncClient,
    progress: Callable[[RefreshProgress], None] | None,
) -> int:
    """Full text for new articles, newest first, a few pages at once."""
    from .fulltext import ensure_full_text

    articles = store.get_articles(sorted(article_ids, reverse=True))
    fetched = 0
    sem = asyncio.Semaphore(8)

    async def one(a):  # type: ignore[no-untyped-def]
        async with sem:
            return await ensure_full_text(store, a, client)

    tasks = [asyncio.ensure_future(one(a)) for a in articles]
    try:
        for n, next_done in enumerate(asyncio.as_completed(tasks), 1):
            updated = await next_done
            fetched += bool(updated.full_text)
            if progress is not None:
                progress(RefreshProgress(n, len(tasks), None, "full text"))
    finally:
        for t in tasks:
            t.cancel()
    return fetched


def _policy(feeds: list[Feed], feed_id: int) -> str:
    return next((f.policy for f in feeds if f.id == feed_id), "short")


class _Pool:
    """Where feeds parse: worker processes (with limits; they write too) and, for small
    bodies of a small refresh, a thread. Both start on first use, so an all-304 refresh
    starts neither."""

    def __init__(self, processes: bool, db: Path, lock_fd: int | None, limits: FetchLimits):
        self.processes, self.db, self.lock_fd, self.limits = processes, db, lock_fd, limits
        self.can_fork = str(db) != ":memory:"  # workers write through their own connections
        # A small refresh needs one only for the odd big body.
        self.size = min(os.cpu_count() or 2, 4) if processes else 1
        self._workers: LimitedPool | None = None
        self._thread: ThreadPoolExecutor | None = None

    def workers(self) -> LimitedPool:
        if self._workers is None:
            self._workers = LimitedPool(
                self.size,
                TaskLimits(self.limits.parse_timeout, self.limits.parse_memory),
                init=_warm_up,
                init_args=(str(self.db),),
                lock=(self.lock_fd, f"{self.db}.lock"),
            )
            if self.processes:
                self._workers.start()  # fork, import the parsers, connect: in parallel
        return self._workers

    def thread(self) -> ThreadPoolExecutor:
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-parse")
        return self._thread

    def shutdown(self) -> None:
        if self._workers is not None:
            self._workers.shutdown()
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)


def _warm_up(db: str) -> None:
    import fastfeedparser  # noqa: F401
    import lxml.etree  # noqa: F401

    _WORKER_STORES.setdefault(db, Store(db))


@contextlib.asynccontextmanager
async def _refresh_lock(db: Path, wait: float) -> AsyncIterator[int | None]:
    """Exclusive flock on `<db>.lock` for the whole refresh (released by the kernel on kill).

    Yields the locked descriptor (None without a lock file), for `workers.worker_init`.
    """
    if str(db) == ":memory:":
        yield None
        return
    try:
        fd = os.open(f"{db}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield None  # cannot create it (read-only folder): writing will say what is wrong
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise RefreshBusy(
                        "another refresh is running on this store; try again later"
                    ) from None
                await asyncio.sleep(0.1)
        try:
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
