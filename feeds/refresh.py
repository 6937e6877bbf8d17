"""The refresh pipeline: fetch feeds concurrently, parse off the event loop, write per feed.

    report = await refresh_feeds(store, progress=print)

- Fetching: one shared client (`feeds.http`), global + per-host limits, conditional
  GET; a 304 changes only the feed's bookkeeping.
- Parsing and writing: big refreshes (PROCESS_POOL_MIN_FEEDS) hand each fetched body
  to a process pool whose workers parse it and write it through their own connection,
  so the event loop only fetches, on its own core. Small ones parse in a thread (or
  inline, the quick path) and write on the caller's thread and `Store`.
  Either way one transaction per feed: a kill mid-refresh leaves every feed either
  as before or fully updated, marks untouched.
- Failures are per feed (`store.record_error`); they never stop the others.
- A whole refresh holds `fcntl.flock` on `<db>.lock`: a second refresh waits up to
  `lock_wait` seconds, then raises `RefreshBusy`.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import httpx

from .errors import FeedError, HttpStatusError, RefreshBusy
from .http import Fetcher, FetchLimits, fetcher
from .models import Feed, ParsedFeed
from .parse import parse_fast, parse_feed
from .sanitize import clean_line
from .store import Store, StoreError

INLINE_PARSE_MAX = 256 * 1024  # bodies parsed on the event loop by the quick path (~1-3 ms)
STORY_WINDOW = 3 * 86400.0  # feeds.stories.WINDOW (not imported: it loads summarize/)
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
    that many seconds (`feeds.stories`); None leaves them ungrouped (grouped on demand).
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
    async with _refresh_lock(store.path, lock_wait) as lock_fd, fetcher(client, limits) as f:
        pool = _Pool(processes, store.path, lock_fd)
        if any(feed.last_success is None for feed in feeds):
            pool.get()  # new feeds will need it: start it while the first requests fly
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
            from .stories import assign_stories

            # Still under the refresh lock, after every feed is written; one transaction.
            with contextlib.suppress(StoreError):  # left ungrouped: grouped on demand
                report.grouped = assign_stories(store, window=story_window)
    report.seconds = time.monotonic() - started
    return report


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
            if processes:
                # The worker processes parse *and* write (their own connection, one
                # transaction per feed): this event loop only fetches, on its own core.
                try:
                    new_ids, title = await loop.run_in_executor(
                        pool.get(), _parse_and_save, str(store.path), feed.id, got.content, got.url,
                        got.etag, got.last_modified,
                    )  # fmt: skip
                    _saved(out, new_ids, title)
                    return out
                except BrokenProcessPool:  # a worker died (OOM?): do this one here
                    out.parsed = parse_feed(got.content, got.url)
                    return out
            # In a thread, well-formed RSS/Atom parses right here (~1-3 ms, fastfeedparser)
            # and the rest (broken, odd, big) goes to feedparser off the event loop.
            if len(got.content) <= INLINE_PARSE_MAX:
                out.parsed = parse_fast(got.content, got.url)
            if out.parsed is None:
                out.parsed = await loop.run_in_executor(
                    pool.get(), parse_feed, got.content, got.url
                )
        except HttpStatusError as exc:
            out.result.error = str(exc)
            out.result.retry_after = exc.retry_after
        except FeedError as exc:
            out.result.error = str(exc)
        return out

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
    db: str,
    feed_id: int,
    content: bytes,
    url: str,
    etag: str | None,
    last_modified: str | None,
) -> tuple[list[int], str]:
    """In a worker process: parse one feed and write it in one transaction."""
    parsed = parse_feed(content, url)  # FeedError: the caller records it
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
    """Where feeds parse (and, with processes, are written): started on first use, so an
    all-304 refresh never starts worker processes."""

    def __init__(self, processes: bool, db: Path, lock_fd: int | None):
        self.processes, self.db, self.lock_fd = processes, db, lock_fd
        self._pool: Executor | None = None

    def get(self) -> Executor:
        if self._pool is None:
            if self.processes:
                workers = min(os.cpu_count() or 2, 4)
                self._pool = ProcessPoolExecutor(
                    max_workers=workers,
                    initializer=_worker_init,
                    initargs=(os.getpid(), self.lock_fd, f"{self.db}.lock"),
                )
                for _ in range(workers):  # start, import the parsers, connect: in parallel
                    self._pool.submit(_warm_up, str(self.db))
            else:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-parse")
        return self._pool

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _worker_init(parent: int, lock_fd: int | None, lock_path: str) -> None:
    """A worker process must not outlive its refresh, nor keep the refresh lock."""
    if lock_fd is not None:  # forked: the worker holds a copy of the locked descriptor
        with contextlib.suppress(OSError):
            if os.path.samestat(os.fstat(lock_fd), os.stat(lock_path)):
                os.close(lock_fd)  # now the lock ends with the parent, even on SIGKILL
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:  # a killed parent leaves its workers waiting forever
        time.sleep(0.2)
    os._exit(1)  # an unfinished feed transaction rolls back


def _warm_up(db: str) -> None:
    import fastfeedparser  # noqa: F401
    import lxml.etree  # noqa: F401

    _WORKER_STORES.setdefault(db, Store(db))


@contextlib.asynccontextmanager
async def _refresh_lock(db: Path, wait: float) -> AsyncIterator[int | None]:
    """Exclusive flock on `<db>.lock` for the whole refresh (released by the kernel on kill).

    Yields the locked descriptor (None without a lock file), for `_worker_init`.
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
