"""The refresh pipeline: fetch feeds concurrently, parse off the event loop, write per feed.

    report = await refresh_feeds(store, progress=print)

- Fetching: one shared client (`feeds.http`), global + per-host limits, conditional
  GET; a 304 changes only the feed's bookkeeping.
- Parsing: feedparser is CPU-bound pure Python, so big refreshes parse in a process
  pool (both cores) and small ones in a thread (the event loop stays responsive).
- Writing: on the caller's thread and `Store` (so it works from a Textual async
  worker with the app's own store), one transaction per feed: a kill mid-refresh
  leaves every feed either as before or fully updated, marks untouched.
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
from .store import Store

INLINE_PARSE_MAX = 256 * 1024  # bodies parsed on the event loop by the quick path (~1-3 ms)
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
) -> RefreshReport:
    """Refresh all feeds (or `feed_ids`); see the module docstring.

    `processes`: parse in a process pool (True), a thread (False), or decide by
    the number of feeds (None).
    """
    started = time.monotonic()
    feeds = store.list_feeds()
    if feed_ids is not None:
        wanted = set(feed_ids)
        feeds = [f for f in feeds if f.id in wanted]
    if processes is None:
        processes = len(feeds) >= PROCESS_POOL_MIN_FEEDS and (os.cpu_count() or 1) > 1
    report = RefreshReport(results=[])
    async with _refresh_lock(store.path, lock_wait), fetcher(client, limits) as f:
        with _executor(processes) as pool:
            await _refresh(store, feeds, f, pool, processes, report, progress)
        if feeds:
            prefetch = [
                aid
                for r in report.results
                for aid in r.new_ids
                if full_text or _policy(feeds, r.feed_id) == "always"
            ]
            if prefetch:
                report.full_text_fetched = await _prefetch(store, prefetch, f.client, progress)
    report.seconds = time.monotonic() - started
    return report


async def _refresh(
    store: Store,
    feeds: list[Feed],
    f: Fetcher,
    pool: Executor,
    processes: bool,
    report: RefreshReport,
    progress: Callable[[RefreshProgress], None] | None,
) -> None:
    loop = asyncio.get_running_loop()
    now = time.time()
    total = len(feeds)

    async def one(feed: Feed) -> tuple[Feed, FeedResult, ParsedFeed | None, str | None, str | None]:
        result = FeedResult(feed.id, feed.title, feed.url)
        if feed.retry_after and feed.retry_after > now:
            result.skipped = True
            return feed, result, None, None, None
        try:
            got = await f.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            if got.not_modified:
                result.not_modified = True
                return feed, result, None, None, None
            # With worker processes everything parses there: the event loop keeps
            # fetching and writing on one core while they parse on the other. In a
            # thread, well-formed RSS/Atom parses right here (~1-3 ms, fastfeedparser)
            # and the rest (broken, odd, big) goes to feedparser off the event loop.
            parsed = None
            if not processes and len(got.content) <= INLINE_PARSE_MAX:
                parsed = parse_fast(got.content, got.url)
            if parsed is None:
                try:
                    parsed = await loop.run_in_executor(pool, parse_feed, got.content, got.url)
                except BrokenProcessPool:  # a worker died (OOM?): parse this one here
                    parsed = parse_feed(got.content, got.url)
            return feed, result, parsed, got.etag, got.last_modified
        except HttpStatusError as exc:
            result.error = str(exc)
            result.retry_after = exc.retry_after
            return feed, result, None, None, None
        except FeedError as exc:
            result.error = str(exc)
            return feed, result, None, None, None

    tasks = [asyncio.ensure_future(one(feed)) for feed in feeds]
    try:
        for done, next_done in enumerate(asyncio.as_completed(tasks), 1):
            feed, result, parsed, etag, last_modified = await next_done
            _write(store, feed, result, parsed, etag, last_modified)
            report.results.append(result)
            if progress is not None:
                progress(RefreshProgress(done, total, result))
    finally:
        for t in tasks:
            t.cancel()


def _write(
    store: Store,
    feed: Feed,
    result: FeedResult,
    parsed: ParsedFeed | None,
    etag: str | None,
    last_modified: str | None,
) -> None:
    """One feed's outcome in one transaction (StoreError propagates: the store is broken)."""
    if result.skipped:
        return
    if result.error is not None:
        store.record_error(feed.id, result.error, retry_after=result.retry_after)
        return
    if result.not_modified:
        store.mark_not_modified(feed.id)
        return
    assert parsed is not None
    result.new_ids = store.save_parsed(
        feed.id, parsed, etag=etag, last_modified=last_modified, problem=None
    )
    result.new = len(result.new_ids)
    if feed.title == feed.url and parsed.title:  # first fetch: the feed's own title
        result.title = clean_line(parsed.title) or feed.title


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


@contextlib.contextmanager
def _executor(processes: bool) -> AsyncIterator[Executor]:  # type: ignore[misc]
    pool: Executor
    if processes:
        workers = min(os.cpu_count() or 2, 4)
        pool = ProcessPoolExecutor(max_workers=workers)
        for _ in range(workers):  # fork and import the parsers while the first requests fly
            pool.submit(_warm_up)
    else:
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-parse")
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _warm_up() -> None:
    import fastfeedparser  # noqa: F401
    import lxml.etree  # noqa: F401


@contextlib.asynccontextmanager
async def _refresh_lock(db: Path, wait: float) -> AsyncIterator[None]:
    """Exclusive flock on `<db>.lock` for the whole refresh (released by the kernel on kill)."""
    if str(db) == ":memory:":
        yield
        return
    try:
        fd = os.open(f"{db}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # cannot create it (read-only folder): writing will say what is wrong
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
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
