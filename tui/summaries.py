"""Digests for the reader, computed off the UI thread and cached in the store.

Summarising is CPU-bound, so it runs in a one-process pool (a thread pool in
tests); the Store is only touched here on the UI thread, which owns it. The
same text asked for twice while in flight is computed once.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from feeds.models import Article
    from feeds.store import Store
    from summarize import Summary


def compute(body: str, title: str | None) -> dict[str, Any] | None:
    """Runs in the worker process: the digest as a dict (None if the summariser failed)."""
    from summarize import summarize_article

    try:
        return summarize_article(body, title=title or None).to_dict()
    except Exception:  # a summariser bug must not break the reader
        return None


def _background() -> None:
    """Digest workers yield the CPU to the reader: keys must not wait on summarising."""
    import os

    try:
        os.nice(10)
    except (AttributeError, OSError):
        pass


class DigestService:
    def __init__(self, store: Store, *, processes: bool = True) -> None:
        self.store = store
        self.processes = processes
        self._executor: Executor | None = None
        self._pending: dict[str, asyncio.Future[Summary]] = {}

    @property
    def executor(self) -> Executor:
        if self._executor is None:
            if self.processes:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                # The UI runs threads, so never fork; forkserver starts workers cleanly.
                methods = multiprocessing.get_all_start_methods()
                ctx = multiprocessing.get_context(
                    "forkserver" if "forkserver" in methods else "spawn"
                )
                self._executor = ProcessPoolExecutor(1, mp_context=ctx, initializer=_background)
            else:
                from concurrent.futures import ThreadPoolExecutor

                self._executor = ThreadPoolExecutor(1, thread_name_prefix="digest")
        return self._executor

    def cached(self, article: Article) -> Summary | None:
        from feeds.digests import cached_summary

        return cached_summary(self.store, article)

    def pending(self, article: Article) -> bool:
        from feeds.store import content_hash

        return content_hash(article.body) in self._pending

    async def summary(self, article: Article) -> Summary:
        """The article's digest: cached, or computed off-thread and then cached."""
        from feeds.store import content_hash

        found = self.cached(article)
        if found is not None:
            return found
        key = content_hash(article.body)
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
            loop = asyncio.get_running_loop()
            try:
                data = await loop.run_in_executor(self.executor, compute, body, title)
            except Exception:  # the pool broke (killed worker, no processes): stay usable
                self._executor = None
                data = None
            if data is None:
                return Summary(title=title or None, key_points=[], speakers=[])
            self.store.put_digest(key, SUMMARIZER_VERSION, json.dumps(data, ensure_ascii=False))
            return Summary.from_dict(data)
        finally:
            self._pending.pop(key, None)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
