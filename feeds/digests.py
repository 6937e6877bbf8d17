"""Article digests, made on demand and cached in the store.

A digest is keyed by the hash of the text it was made from plus the summariser
version, so an edited article or a new summariser gets a fresh digest and an
unchanged one is never recomputed. Batches are computed newest first in a
process pool (summarising is CPU-bound); the store is only written from the
calling thread, because a Store is not shared between threads or processes.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from summarize import SUMMARIZER_VERSION, Summary, summarize_article

from .store import StoreError, content_hash
from .workers import start_process_helpers

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .models import Article
    from .store import Store

log = logging.getLogger("newsdesk.digests")

# Below this many missing digests a pool costs more (worker start-up, imports) than it saves.
POOL_THRESHOLD = 24
BATCH = 8  # articles per pool task: amortises pickling, keeps progress and cache writes flowing

Progress = Callable[[int, int], None]  # (done, total) of the digests being computed


def cached_summary(store: Store, article: Article) -> Summary | None:
    """The cached digest of the article's current text, if there is one."""
    return _load(store, content_hash(article.body))


def summary_for(store: Store, article: Article) -> Summary:
    """The article's digest: from the cache, else computed now and cached."""
    key = content_hash(article.body)
    cached = _load(store, key)
    if cached is not None:
        return cached
    data = _summarize_one(article.body, article.title)
    if data is None:
        return Summary(title=article.title or None, key_points=[], speakers=[])
    _cache(store, key, data)
    return Summary.from_dict(data)


def summarize_many(
    store: Store,
    articles: Sequence[Article],
    *,
    progress: Progress | None = None,
    workers: int | None = None,
) -> dict[int, Summary]:
    """Digests for all `articles` by id: cached ones loaded, the rest computed newest first.

    Computed digests are written to the cache as they arrive, so an interrupted
    run keeps what it finished. `workers=1` (or a small batch) stays in-process.
    """
    out: dict[int, Summary] = {}
    missing: dict[str, list[Article]] = {}  # by content hash: identical texts summarised once
    for a in articles:
        key = content_hash(a.body)
        cached = _load(store, key)
        if cached is not None:
            out[a.id] = cached
        else:
            missing.setdefault(key, []).append(a)
    if not missing:
        return out

    # Newest first, so an interrupted run has done the articles most likely to be read.
    todo = sorted(missing.items(), key=lambda kv: -max(_when(a) for a in kv[1]))
    total = len(todo)
    done = 0
    if progress:
        progress(0, total)

    def finish(key: str, data: dict[str, Any] | None) -> None:
        nonlocal done
        group = missing[key]
        if data is None:  # the summariser failed on this text: show it without a digest
            log.warning("digest failed for %r", group[0].title)
            summary = Summary(title=group[0].title or None, key_points=[], speakers=[])
        else:
            _cache(store, key, data)
            summary = Summary.from_dict(data)
        for a in group:
            out[a.id] = summary
        done += 1
        if progress:
            progress(done, total)

    n_workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    if n_workers > 1 and total >= POOL_THRESHOLD:
        remaining = _run_pool(todo, n_workers, finish)
    else:
        remaining = todo
    for key, group in remaining:
        finish(key, _summarize_one(group[0].body, group[0].title))
    return out


def _run_pool(
    todo: list[tuple[str, list[Article]]],
    n_workers: int,
    finish: Callable[[str, dict[str, Any] | None], None],
) -> list[tuple[str, list[Article]]]:
    """Compute in a process pool; returns what is left if the pool could not run."""
    # Imported here: a warm-cache digest never needs them, and they cost start-up time.
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    pending = {key for key, _ in todo}
    try:
        with _executor(n_workers) as pool:
            futures = {}
            for start in range(0, len(todo), BATCH):
                chunk = todo[start : start + BATCH]
                keys = [key for key, _ in chunk]
                items = [(g[0].body, g[0].title) for _, g in chunk]
                futures[pool.submit(_summarize_batch, items)] = keys
            for fut in as_completed(futures):
                for key, data in zip(futures[fut], fut.result(), strict=True):
                    finish(key, data)
                    pending.discard(key)
    except (BrokenProcessPool, OSError, RuntimeError, ValueError) as exc:
        # No processes here (or a worker died; ValueError: a standard stream without a file
        # descriptor, as inside a running Textual app): finish in-process.
        log.warning("digest worker processes failed, finishing in-process: %s", exc)
    return [(key, group) for key, group in todo if key in pending]


def _executor(n_workers: int) -> Executor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork is cheapest (no re-import of the summariser) but unsafe once threads run
    # (the reader's workers); then start workers from a clean process instead.
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    start_process_helpers(method)  # inside the reader too (see feeds.workers)
    return ProcessPoolExecutor(n_workers, mp_context=multiprocessing.get_context(method))


def _summarize_one(text: str, title: str | None) -> dict[str, Any] | None:
    try:
        return summarize_article(text, title=title or None).to_dict()
    except Exception:  # a summariser bug must not take a whole digest down
        return None  # (may run in a worker process: the caller logs it)


def _summarize_batch(items: list[tuple[str, str | None]]) -> list[dict[str, Any] | None]:
    return [_summarize_one(text, title) for text, title in items]


def _cache(store: Store, key: str, data: dict[str, Any]) -> None:
    try:
        store.put_digest(key, SUMMARIZER_VERSION, json.dumps(data, ensure_ascii=False))
    except StoreError:
        pass  # a read-only or busy store: the digest is still shown, just not kept


def _load(store: Store, key: str) -> Summary | None:
    data = store.get_digest(key, SUMMARIZER_VERSION)
    if data is None:
        return None
    try:
        return Summary.from_dict(json.loads(data))
    except (ValueError, TypeError, KeyError):
        return None  # a damaged cache row: recompute


def _when(a: Article) -> float:
    return a.published if a.published is not None else float("-inf")
