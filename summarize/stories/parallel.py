"""Grouping many articles on two cores: terms, vectors and the pair search shared.

An article's terms (`represent.terms`) need nothing from the other articles, and its
vector and signature only the document frequencies of all; so a big input is split in
two. A second process (this interpreter started afresh, as `subprocess` starts one:
safe from a thread, unlike a fork) reads the tail while this one reads the head, which
is the larger by about what the worker's start-up costs. Then the pair search
(`group._pair_sums`) is split by rows: this process finds the pairs of the first rows,
the worker, after indexing those rows, the pairs of the rest. Only small things cross:

    this --(sys.path; titles and texts of the tail)-------------> worker
    this <-(the tail's document frequencies)--------------------- worker
    this --(the head's document frequencies, the count)---------> worker
    this <-(the tail's vectors (30 terms each) and signatures)--- worker
    this --(the head's vectors, the dates, the gap, its rows)---> worker
    this <-(the pairs of its rows)------------------------------- worker

Both sides use the same functions on the same whole-input figures, so the result is
exactly the one-process result, pairs in the same order (`tests/test_stories_parallel`).
When a process cannot be made or fails on the way, this process does the missing part
itself: the same result, later.

This is computation only (no files, no network): the worker gets everything it needs
through a socket pair and exits when done.
"""

from __future__ import annotations

import os
import pickle
import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from datetime import timedelta
from multiprocessing.connection import Connection
from typing import Any

from .._model import StoryItem
from . import signature as sg
from .group import MAX_GAP, _pair_sums, no_gc, vectors_and_signatures
from .represent import Terms, idf_table, terms

PARALLEL_MIN = 4000  # fewer articles: one process (the worker's start-up would not pay)
# Articles this process reads more than the worker: what the worker's start-up (a
# fresh interpreter, ~0.4 s) costs in articles read.
_HEAD_START = 1500
# The share of the pair search's rows this process takes: a row is compared with all
# rows before it, so later rows cost more, and the worker also indexes the rows before
# its own (20,000 articles: about even at this share).
_PAIR_SHARE = 0.72

Sims = dict[tuple[int, int], float]
# What a worker that died or was stopped shows when read from or written to.
_FAILED = (EOFError, OSError, pickle.UnpicklingError)
# Longest wait for one reply (a step takes seconds): a worker that hangs instead of
# dying (say, a wrapper round `sys.executable`) costs this, then its share is done here.
_REPLY_WAIT = 300.0


def _serve(conn: Connection) -> None:
    """The worker: terms of the texts it is sent, their document frequencies back; the
    rest's frequencies in, vectors and signatures out; the rest's vectors in, the pairs
    of its share of the rows out."""
    with no_gc(), conn:
        texts: list[tuple[str | None, str]] = conn.recv()
        ts = [terms(title, text) for title, text in texts]
        df, _ = idf_table(ts)
        conn.send(df)
        other, n = conn.recv()
        df.update(other)
        vecs, signs = vectors_and_signatures(ts, df, n)
        conn.send((vecs, signs))
        del ts, df, other
        head, dates, gap, first = conn.recv()
        conn.send(_pair_sums(head + vecs, dates, gap, range(first, n)))


# The worker's program: this interpreter, told where to import from, reading its end of
# a socket pair. Not multiprocessing's "spawn", which would run the caller's main script
# again in the worker (a script without a `__main__` guard would group twice).
_BOOT = (
    "import sys\n"
    "from multiprocessing.connection import Connection\n"
    "conn = Connection(int(sys.argv[1]))\n"
    "sys.path[:] = conn.recv()\n"
    "from summarize.stories.parallel import _serve\n"
    "_serve(conn)\n"
)


class _Worker:
    """The second process and this process's end of the socket pair to it."""

    def __init__(self, tail: list[tuple[str | None, str]]) -> None:
        ours, theirs = socket.socketpair()
        try:
            with theirs:
                self.proc = subprocess.Popen(
                    [sys.executable, "-c", _BOOT, str(theirs.fileno())],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    pass_fds=(theirs.fileno(),),
                )
        except BaseException:
            ours.close()
            raise
        self.conn = Connection(ours.detach())
        try:
            # Sent from a thread: the worker reads only once it has started, and this
            # process has its own share to read meanwhile.
            self.sender = threading.Thread(
                target=self._send_all, args=([list(sys.path), tail],), daemon=True
            )
            self.sender.start()
        except BaseException:  # no thread (or interrupted): no worker left behind
            self.proc.kill()
            self.proc.wait()
            self.conn.close()
            raise

    def recv(self) -> Any:
        """The worker's next reply; EOFError when it has none within `_REPLY_WAIT`."""
        if not self.conn.poll(_REPLY_WAIT):
            raise EOFError("no reply from the worker")
        return self.conn.recv()

    def _send_all(self, objs: list[object]) -> None:
        try:
            for obj in objs:
                self.conn.send(obj)
        except _FAILED:  # the worker died or was stopped: the reader sees it
            pass

    def close(self, finished: bool) -> None:
        """Wait for the worker to exit (stopped first unless it has `finished`), then
        for the sender (a write to a dead worker fails at once), then close."""
        if not finished:
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.sender.join()
        self.conn.close()


def _start(tail: list[tuple[str | None, str]]) -> _Worker | None:
    try:
        return _Worker(tail)
    except Exception:  # no processes here (a sandbox, a daemon process): one core
        return None


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on every platform
        return os.cpu_count() or 1


def vectors_and_pairs(
    items: Sequence[StoryItem], least: int = PARALLEL_MIN, gap: timedelta = MAX_GAP
) -> tuple[list[Terms], list[sg.Signature], Sims]:
    """Every item's vector and signature (`group.vectors_and_signatures` over all the
    items' terms) and the pairs alike enough (`group._pair_sums`): on two processes
    from `least` items on when this process may use two cores, the same on one."""
    n = len(items)
    dates = [i.published for i in items]
    # A frozen app's `sys.executable` is the app, not a Python that runs `-c`; passing
    # the socket's descriptor to a child (`pass_fds`) is POSIX only.
    one = n < max(least, 2) or _cores() < 2 or getattr(sys, "frozen", False) or os.name != "posix"
    if one:  # too few to share, one core to share, or no Python to start
        ts = [terms(i.title, i.text) for i in items]
        df, _ = idf_table(ts)
        vecs, signs = vectors_and_signatures(ts, df, n)
        return vecs, signs, _pair_sums(vecs, dates, gap)
    cut = (n + min(_HEAD_START, n // 2)) // 2
    finished = False
    worker = _start([(i.title, i.text or "") for i in items[cut:]])
    try:  # at once: an interrupt from here on still stops the worker (`finally`)
        head = [terms(i.title, i.text) for i in items[:cut]]
        df, _ = idf_table(head)
        try:
            if worker is None:
                raise EOFError
            tail_df = worker.recv()
            worker.conn.send((df, n))
            df.update(tail_df)
            vecs, signs = vectors_and_signatures(head, df, n)
            tail_vecs, tail_signs = worker.recv()
            vecs += tail_vecs
            signs += tail_signs
        except _FAILED:  # no worker, or it failed: its share here, then
            ts = head + [terms(i.title, i.text) for i in items[cut:]]
            df, _ = idf_table(ts)
            vecs, signs = vectors_and_signatures(ts, df, n)
            return vecs, signs, _pair_sums(vecs, dates, gap)
        split = max(cut, min(n, int(n * _PAIR_SHARE)))
        try:
            worker.conn.send((vecs[:cut], dates, gap, split))
        except _FAILED:
            split = n
        sims = _pair_sums(vecs, dates, gap, range(0, split))
        if split < n:
            try:
                sims.update(worker.recv())  # its rows come after: the same order
                finished = True
            except _FAILED:
                sims.update(_pair_sums(vecs, dates, gap, range(split, n)))
        return vecs, signs, sims
    finally:
        if worker is not None:
            worker.close(finished)
