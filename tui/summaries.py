"""Digests for the reader, computed off the UI thread and cached in the store.

Summarising is CPU-bound, so it runs in a one-process pool; the Store is only
touched here on the UI thread, which owns it. The same text asked for twice
while in flight is computed once.

Worker processes inside the running app: Textual replaces `sys.stderr` with an
object whose `fileno()` is -1, and multiprocessing hands `sys.stderr.fileno()`
to the resource tracker it starts with the first pool, which then fails
("bad value(s) in fds_to_keep"). `start_worker_processes()` starts the
forkserver and the resource tracker while the real streams are still in place
(the reader calls it before `App.run`); every later pool reuses them. If
processes still cannot be had, the service falls back to a worker thread.

A digest that fails raises `DigestFailed` with a one-line reason (and the
reason is logged); an empty `Summary` only ever means the text has no points.
"""

from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from feeds.models import Article
    from feeds.store import Store
    from summarize import Summary

log = logging.getLogger("newsdesk.digests")

_FAILED = "failed"  # key of the dict `compute` returns when the summariser raised


class DigestFailed(Exception):
    """The digest of one text could not be made; str() is the one-line reason."""


def start_worker_processes() -> str | None:
    """Start the forkserver (and resource tracker) now, with the real standard streams.

    Call before Textual takes the streams over. Returns the reason when it
    failed (the service then falls back to a thread), None when ready.
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None  # spawn starts workers without a server; nothing to start early
    try:
        from feeds.workers import start_process_helpers

        start_process_helpers("forkserver")
    except Exception as exc:  # no processes here: the reader uses a thread
        log.warning("cannot start digest worker processes: %s", _reason(exc))
        return _reason(exc)
    return None


def compute(body: str, title: str | None) -> dict[str, Any]:
    """Runs in the worker: the digest as a dict, or {"failed": reason} if the summariser raised."""
    from summarize import summarize_article

    try:
        return summarize_article(body, title=title or None).to_dict()
    except Exception as exc:  # a summariser bug must not break the reader
        return {_FAILED: _reason(exc)}


def _background() -> None:
    """Worker set-up: yield the CPU to the reader, and never write onto its screen."""
    import os

    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass
    try:  # the terminal belongs to the reader: a stray warning must not paint over it
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class DigestService:
    def __init__(self, store: Store, *, processes: bool = True) -> None:
        self.store = store
        self.processes = processes
        self._executor: Executor | None = None
        self._pending: dict[str, asyncio.Future[Summary]] = {}
        self._failed: dict[str, str] = {}  # content hash -> reason (not retried this session)
        self._pool_worked = False  # a process pool has given a result (so a failure is a death)

    @property
    def executor(self) -> Executor:
        if self._executor is None:
            if self.processes:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                # The UI runs threads, so never fork; forkserver starts workers cleanly.
                from feeds.workers import start_process_helpers

                methods = multiprocessing.get_all_start_methods()
                method = "forkserver" if "forkserver" in methods else "spawn"
                start_process_helpers(method)  # a no-op when start_worker_processes ran
                ctx = multiprocessing.get_context(method)
                self._executor = ProcessPoolExecutor(1, mp_context=ctx, initializer=_background)
            else:
                from concurrent.futures import ThreadPoolExecutor

                self._executor = ThreadPoolExecutor(1, thread_name_prefix="digest")
        return self._executor

    def cached(self, article: Article) -> Summary | None:
        from feeds.digests import cached_summary

        return cached_summary(self.store, article)

    def failure(self, article: Article) -> str | None:
        """Why the digest of the article's current text failed (this session), if it did."""
        from feeds.store import content_hash

        return self._failed.get(content_hash(article.body))

    def pending(self, article: Article) -> bool:
        from feeds.store import content_hash

        return content_hash(article.body) in self._pending

    async def summary(self, article: Article) -> Summary:
        """The article's digest: cached, or computed off-thread and then cached.

        Raises DigestFailed when it cannot be made.
        """
        from feeds.store import content_hash

        found = self.cached(article)
        if found is not None:
            return found
        key = content_hash(article.body)
        if key in self._failed:
            raise DigestFailed(self._failed[key])
        fut = self._pending.get(key)
        if fut is None:
            fut = asyncio.ensure_future(self._run(key, article.body, article.title))
            self._pending[key] = fut
        return await asyncio.shield(fut)

    async def _run(self, key: str, body: str, title: str) -> Summary:
        from summarize import SUMMARIZER_VERSION, Summary

        try:
            if not body.strip():
                return Summary(title=title or None, key_points=[], speakers=[])
            data = await self._compute(body, title)
            if _FAILED in data:
                self._failed[key] = reason = str(data[_FAILED])
                log.warning("digest failed for %r: %s", title, reason)
                raise DigestFailed(reason)
            try:
                self.store.put_digest(key, SUMMARIZER_VERSION, json.dumps(data, ensure_ascii=False))
            except Exception as exc:  # a read-only or busy store: show it, just do not keep it
                log.warning("cannot cache a digest: %s", _reason(exc))
            try:
                return Summary.from_dict(data)
            except Exception as exc:
                self._failed[key] = reason = _reason(exc)
                raise DigestFailed(reason) from None
        finally:
            self._pending.pop(key, None)

    async def _compute(self, body: str, title: str) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        try:
            data = await loop.run_in_executor(self.executor, compute, body, title)
            self._pool_worked = self._pool_worked or self.processes
            return data
        except Exception as exc:
            if not self.processes:
                raise DigestFailed(_reason(exc)) from None
            self._drop_executor()
            if self._pool_worked:  # a worker died (killed, out of memory): a fresh pool
                log.warning("digest worker process died, restarting it: %s", _reason(exc))
                self._pool_worked = False
            else:  # processes cannot be had here: a thread from now on
                log.warning("digest worker processes failed, using a thread: %s", _reason(exc))
                self.processes = False
            try:
                return await loop.run_in_executor(self.executor, compute, body, title)
            except Exception as again:
                raise DigestFailed(_reason(again)) from None

    def _drop_executor(self) -> None:
        if self._executor is not None:
            try:
                self._executor.shutdown(wait=False, cancel_futures=True)
            except Exception:
                pass
            self._executor = None

    def close(self) -> None:
        self._drop_executor()
