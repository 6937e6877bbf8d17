"""Many articles represented on two cores: the terms and vectors stage of grouping.

Reading an article's terms (`represent.terms`) and its vector need nothing from the
other articles but the document frequencies, so a big input is split in two: a second
process (a fresh interpreter, started as `subprocess` starts one: safe from a thread, unlike a
fork) reads the tail,
this one the head, at the same time. Only small things cross between them:

    parent --(titles, texts of the tail)--------------------------> worker
    parent <-(the tail's document frequencies)--------------------- worker
    parent --(the head's document frequencies)--------------------> worker
    parent <-(the tail's vectors (30 terms each) and signatures)--- worker

Each side makes its vectors from the same whole-input frequencies with the same
functions, so the result is exactly the one-process result (`tests/test_stories_parallel`).
The worker starts while this process begins its share, which is the larger by about
what the worker's start-up costs. When a process cannot be made or fails on the way,
this process does the missing part itself: the same result, later.

This is computation only (no files, no network); the worker exits when done.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection

from .._model import StoryItem
from . import signature as sg
from .represent import Terms, idf_table, terms

PARALLEL_MIN = 4000  # fewer articles: one process (the worker's start-up would not pay)
# Articles this process reads more than the worker: what the worker's start-up (a
# fresh interpreter, ~0.4 s) costs in articles read.
_HEAD_START = 1500

Vectors = tuple[list[Terms], list[sg.Signature]]


def _serve(conn: Connection) -> None:
    """The worker: terms of the texts it is sent, their document frequencies back; then
    the rest's frequencies in, vectors and signatures out."""
    from .group import no_gc, vectors_and_signatures

    with no_gc(), conn:
        texts: list[tuple[str | None, str]] = conn.recv()
        ts = [terms(title, text) for title, text in texts]
        df, _ = idf_table(ts)
        conn.send(df)
        other, n = conn.recv()
        df.update(other)
        conn.send(vectors_and_signatures(ts, df, n))


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


def _start(tail: list[tuple[str | None, str]]) -> tuple[Connection, subprocess.Popen[bytes]]:
    ours, theirs = socket.socketpair()
    with theirs:
        proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, str(theirs.fileno())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(theirs.fileno(),),
        )
    conn = Connection(ours.detach())
    # Sent from a thread: the worker reads only once it has started, and this process
    # has its own share to read meanwhile.
    threading.Thread(target=_send_quietly, args=(conn, [list(sys.path), tail]), daemon=True).start()
    return conn, proc


def _send_quietly(conn: Connection, objs: list[object]) -> None:
    try:
        for obj in objs:
            conn.send(obj)
    except (OSError, ValueError):  # the worker died or was stopped: the parent sees it
        pass


def vectors_on_two_cores(items: Sequence[StoryItem], least: int = PARALLEL_MIN) -> Vectors:
    """Every item's vector and signature, as `group.vectors_and_signatures` gives them
    over all items' terms; read on two processes from `least` items on."""
    from .group import vectors_and_signatures

    n = len(items)
    if n < max(least, 2):  # too few to share
        ts = [terms(i.title, i.text) for i in items]
        df, _ = idf_table(ts)
        return vectors_and_signatures(ts, df, n)
    cut = (n + min(_HEAD_START, n // 2)) // 2
    tail_items = items[cut:]
    conn = proc = None
    done = False
    try:
        conn, proc = _start([(i.title, i.text or "") for i in tail_items])
    except Exception:  # no processes here (a sandbox, a daemon process): one core
        conn = None
    try:
        head = [terms(i.title, i.text) for i in items[:cut]]
        df, _ = idf_table(head)
        try:
            if conn is None:
                raise EOFError
            tail_df = conn.recv()
            conn.send((df, n))
            df.update(tail_df)
            head_out = vectors_and_signatures(head, df, n)
            tail_out: Vectors = conn.recv()
            done = True
        except (EOFError, OSError, ValueError, TypeError):  # the worker failed: here, then
            tail = [terms(i.title, i.text) for i in tail_items]
            df, _ = idf_table(head + tail)
            return vectors_and_signatures(head + tail, df, n)
    finally:
        if conn is not None:
            conn.close()
        if proc is not None:
            if not done:
                proc.kill()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
    return head_out[0] + tail_out[0], head_out[1] + tail_out[1]
