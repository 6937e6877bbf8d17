"""Worker processes whose every task is bounded in wall time and memory.

    pool = LimitedPool(2, TaskLimits(seconds=20, memory=256 << 20), init=warm_up)
    try:
        result = await pool.run(parse_and_save, db, feed_id, data=body)
    except TaskTimeout: ...      # the worker was killed and will be replaced
    except TaskMemory: ...       # the worker ran out of its memory and will be replaced
    finally:
        pool.shutdown()

- Memory: a worker limits itself (`RLIMIT_DATA`) so that it can grow by no more than
  `memory` minus what it holds when it starts: an allocation past that fails (a
  `MemoryError`, in Python or in lxml/SQLite), the task ends as `TaskMemory` and the
  worker exits, since its heap may be in any state. Code that does not raise (a Rust
  panic, a lock left taken) leaves the worker idle at its limit: seen so, it is
  killed, as out of memory too. A worker grown by over 16 MB gives the freed memory
  back (malloc_trim), and is retired if it still holds over 48 MB more than it started
  with and a worker forked now would be smaller (it starts as big as its parent then).
  `tune_malloc` (the refresh calls it before forking) makes freed big blocks go back
  at once, in the parent and in its workers.
- Time: the caller's event loop kills (SIGKILL) a worker whose task runs past
  `seconds` (`TaskTimeout`); C code such as lxml cannot be interrupted any other way.
  An unfinished SQLite transaction in the killed worker rolls back.
- A worker never outlives its parent (Linux kills it with its parent, PR_SET_PDEATHSIG;
  elsewhere a thread watches) and closes an inherited copy of the refresh lock
  descriptor at start. Its stderr goes nowhere: failures come back through the pipe.

`method="fork"` (the refresh's) forks the caller: a few milliseconds, and the modules it
imported come along. `method="forkserver"` starts workers from multiprocessing's fork
server instead, for callers with threads of their own (the reader, which extracts full
text). A big body is sent with `send_bytes` (no pickled copy of it in either process).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from .errors import TaskMemory, TaskTimeout, WorkerDied

_MIN_HEADROOM = 32 << 20  # a worker forked from a big parent still gets this much to work in
_MARGIN = 16 << 20  # code and files paged in later count in the resident size too
_SEND_HERE = 64 << 10  # bodies up to this are sent from the event loop, bigger from a thread
_TRIM_PAST = 16 << 20  # a worker grown this much since it started: give memory back
_KEEP_UP_TO = 48 << 20  # ... and retire it if it still holds this much more than at start
_FRESH_SAVES = 16 << 20  # ... and a worker forked now would be this much smaller
# glibc's malloc: blocks from this size on are mmap'd (and unmapped once freed), and free
# memory at the top of the heap past this is given back. Its default raises both as big
# blocks are freed (up to 32 MB): a 20 MiB body then leaves its pages in the heap.
_MMAP_FROM = 256 << 10
_WATCH_EVERY = 0.5  # seconds between looks at a busy worker's memory
_MEMORY_EXIT = 3  # a worker's exit status when it could not even report running out
# Exit statuses taken for running out of memory: ours; SIGKILL (the kernel's OOM killer);
# SIGABRT (Rust code, such as fastfeedparser's, aborts when an allocation fails).
_OUT_OF_MEMORY = (_MEMORY_EXIT, -signal.SIGKILL, -signal.SIGABRT)


def start_process_helpers(method: str) -> None:
    """Start multiprocessing's resource tracker (and, for `forkserver`, the fork server).

    Both are started once per process, and multiprocessing hands them
    `sys.stderr.fileno()`. Inside a running Textual app that is -1 (Textual swaps the
    stream for its own), and the start fails with "bad value(s) in fds_to_keep": every
    pool made in the app would be dead. So they start here with the real stderr in
    place. Forked workers need neither. Raises OSError/ValueError when processes cannot
    be had at all.
    """
    if method == "fork":
        return
    from multiprocessing import forkserver, resource_tracker

    saved = sys.stderr
    try:
        broken = saved is not None and saved.fileno() < 0
    except Exception:  # no fileno at all: multiprocessing skips such a stream itself
        broken = False
    if broken and sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
        if method == "forkserver":
            forkserver.ensure_running()
    finally:
        sys.stderr = saved


@dataclass(frozen=True, slots=True)
class TaskLimits:
    seconds: float = 20.0
    memory: int = 256 << 20  # bytes the worker process may hold (resident) while on a task


class LimitedPool:
    """Up to `size` forked workers, started on demand; see the module docstring.

    `init(*init_args)` runs in each new worker before its memory limit is set (import
    and connect there). `lock` is (descriptor, path) of a lock the workers must not keep.
    """

    def __init__(
        self,
        size: int,
        limits: TaskLimits,
        *,
        init: Callable[..., None] | None = None,
        init_args: tuple[Any, ...] = (),
        lock: tuple[int | None, str] | None = None,
        method: str = "fork",
    ):
        self.size, self.limits, self.method = max(1, size), limits, method
        self._init, self._init_args, self._lock = init, init_args, lock
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._slots: asyncio.Semaphore | None = None
        self._closed = False

    def start(self) -> None:
        """Start every worker now (they import and connect while the caller waits on I/O)."""
        while len(self._all) < self.size and not self._closed:
            self._idle.append(self._spawn())

    async def run(
        self, fn: Callable[..., Any], *args: Any, data: bytes | list[bytes] | None = None
    ) -> Any:
        """`fn(data, *args)` (or `fn(*args)` without `data`) in a worker, within the limits.

        `data` given as a list of one body is taken out of it: this process then holds
        no copy while the worker works (a 20 MiB feed parses for seconds).
        Raises what `fn` raised, `TaskTimeout`, `TaskMemory`, or `WorkerDied`.
        """
        if isinstance(data, list):
            data = data.pop()
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.size)
        async with self._slots:
            if self._closed:
                raise WorkerDied("the worker pool is shut down")
            worker = self._idle.pop() if self._idle else self._spawn()
            loop = asyncio.get_running_loop()
            done = False
            try:
                if not worker.ready:  # its imports and connections are not the task's time
                    async with asyncio.timeout(max(60.0, self.limits.seconds)):
                        await worker.readable()
                        _, worker.cap, _ = await loop.run_in_executor(None, worker.conn.recv)
                    worker.ready = True
                async with asyncio.timeout(self.limits.seconds):
                    try:
                        if data is None or len(data) <= _SEND_HERE:
                            worker.send(fn, args, data)  # fits the socket's buffer
                        else:
                            await loop.run_in_executor(None, worker.send, fn, args, data)
                    except OSError:  # it stopped reading (out of memory?): its answer says
                        pass
                    data = None  # sent: the caller's copy, if it kept one, is all there is
                    await worker.readable(watch=True)
                    # The answer is there (or comes at once: the worker is writing it).
                    kind, value, retire = worker.conn.recv()
                done = True
            except _StuckAtCap:
                raise TaskMemory(f"needed over {self.limits.memory >> 20} MB") from None
            except TimeoutError:
                raise TaskTimeout(f"took over {self.limits.seconds:g} s") from None
            except (EOFError, OSError):
                code = worker.wait()
                if code in _OUT_OF_MEMORY:
                    raise TaskMemory(f"needed over {self.limits.memory >> 20} MB") from None
                raise WorkerDied(f"worker process died (exit status {code})") from None
            except Exception as exc:  # an answer that does not unpickle here
                raise WorkerDied(f"unreadable answer from a worker: {exc}"[:200]) from None
            finally:
                if done and not retire:
                    self._idle.append(worker)
                else:
                    self._retire(worker)
            if kind == "memory":
                raise TaskMemory(f"needed over {self.limits.memory >> 20} MB")
            if kind == "error":
                raise value
            return value

    def shutdown(self) -> None:
        """Stop every worker now."""
        self._closed = True
        for w in list(self._all):
            self._retire(w)
        self._idle.clear()

    def _spawn(self) -> _Worker:
        start_process_helpers(self.method)
        ctx = multiprocessing.get_context(self.method)
        parent_end, child_end = ctx.Pipe()
        lock_fd, lock_path = self._lock or (None, "")
        forked = self.method == "fork"
        proc = ctx.Process(
            target=_worker_main,
            # Not forked: nothing is inherited, and the worker's parent is a fork server
            # (which ends with this process), so the worker watches whatever parent it has.
            args=(child_end, parent_end if forked else None, os.getpid() if forked else None)
            + (lock_fd if forked else None, lock_path, self.limits.memory)
            + (self._init, self._init_args),
            daemon=True,
            name="newsdesk-worker",
        )
        proc.start()
        child_end.close()
        w = _Worker(proc, parent_end)
        self._all.add(w)
        return w

    def _retire(self, w: _Worker) -> None:
        self._all.discard(w)
        w.close()


class _StuckAtCap(Exception):
    pass


def _cpu_and_data(pid: int) -> tuple[int, int]:
    """CPU ticks used and private writable memory (bytes) of a process; (-1, 0) if gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        cpu = int(fields[11]) + int(fields[12])  # utime + stime
        with open(f"/proc/{pid}/status") as f:
            data = next((int(ln.split()[1]) * 1024 for ln in f if ln.startswith("VmData:")), 0)
    except (OSError, ValueError, IndexError):
        return -1, 0
    return cpu, data


class _Worker:
    def __init__(self, proc: Any, conn: Connection):
        self.proc, self.conn = proc, conn
        self.ready = False  # said so after its `init`
        self.cap: int | None = None  # its RLIMIT_DATA, bytes
        self.closed = False

    def send(self, fn: Callable[..., Any], args: tuple[Any, ...], data: bytes | None) -> None:
        self.conn.send((fn, args, data is not None))
        if data is not None:
            self.conn.send_bytes(data)

    async def readable(self, *, watch: bool = False) -> None:
        """Until an answer (or EOF) can be read, or the process has ended.

        `watch`: raise `_StuckAtCap` if the worker sits idle at its memory limit (code
        that fails to allocate does not always raise: Rust panics, a lock left taken).
        """
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fds = (self.conn.fileno(), self.proc.sentinel)
        for fd in fds:
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            idle = 0
            cpu = -1
            while True:
                done, _ = await asyncio.wait([ready], timeout=_WATCH_EVERY if watch else None)
                if done:
                    break
                used, data = _cpu_and_data(self.proc.pid)
                stuck = self.cap is not None and data >= self.cap - _MARGIN // 2 and used == cpu
                idle = idle + 1 if stuck else 0
                cpu = used
                if idle >= 2:
                    raise _StuckAtCap
        finally:
            for fd in fds:
                loop.remove_reader(fd)
        if not self.conn.poll():  # ended without a word (the pipe may live on elsewhere)
            raise EOFError

    def wait(self) -> int | None:
        self.proc.join(timeout=5)
        return self.proc.exitcode

    def close(self) -> None:
        # Killed even when idle: a worker forked later holds a copy of this pipe's end,
        # so closing it would not reach this one as EOF. An idle worker has no open
        # transaction; a busy one's rolls back. Twice is once: a cancelled task (a refresh
        # that failed on its store) and the pool's shutdown may both retire a worker.
        if self.closed:
            return
        self.closed = True
        if self.proc.is_alive():
            with contextlib.suppress(OSError):
                os.kill(self.proc.pid, signal.SIGKILL)
        self.conn.close()
        self.proc.join(timeout=5)
        with contextlib.suppress(ValueError):
            self.proc.close()


# -- in the worker ---------------------------------------------------------------------


def _worker_main(
    conn: Connection,
    parent_end: Connection | None,
    parent: int | None,
    lock_fd: int | None,
    lock_path: str,
    memory: int,
    init: Callable[..., None] | None,
    init_args: tuple[Any, ...],
) -> None:
    if parent_end is not None:
        parent_end.close()  # else the parent's end never reports EOF to this worker
    worker_init(os.getppid() if parent is None else parent, lock_fd, lock_path)
    if init is not None:
        init(*init_args)
    # Failures go back through the pipe; what libraries print as they fail (a Rust panic
    # running out of memory) must not reach the user's terminal.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    cap = _limit_memory(memory)
    start = floor = _rss()  # floor: after the last give-back
    conn.send(("ready", cap, False))
    while True:
        try:
            fn, args, has_data = conn.recv()
        except (EOFError, OSError):
            return
        except MemoryError:
            os._exit(_MEMORY_EXIT)
        retire = False
        try:
            if has_data:
                reply: tuple[str, Any, bool] = ("ok", fn(conn.recv_bytes(), *args), False)
            else:
                reply = ("ok", fn(*args), False)
        except BaseException as exc:  # noqa: BLE001 (every failure goes back to the caller)
            reply = ("memory", None, True) if _out_of_memory(exc) else ("error", exc, False)
        del fn, args
        retire = reply[0] == "memory"
        if not retire and _rss() - floor > _TRIM_PAST:  # after a big feed or a few
            _give_back_memory()
            # Still holding it (the parser's arenas, fragments of the heap): start
            # afresh, if a worker forked now would start much smaller (it starts as big
            # as its parent is then).
            floor = _rss()
            retire = floor - start > _KEEP_UP_TO and floor - _rss(os.getppid()) > _FRESH_SAVES
        try:
            conn.send((reply[0], reply[1], retire))
        except MemoryError:
            os._exit(_MEMORY_EXIT)
        except Exception as exc:  # noqa: BLE001 (a result or error that does not pickle)
            conn.send(("error", WorkerDied(f"worker could not answer: {exc}"[:200]), retire))
        if retire:
            os._exit(0)


def worker_init(parent: int, lock_fd: int | None, lock_path: str) -> None:
    """A worker process must not outlive its parent, nor keep the refresh lock."""
    if lock_fd is not None:  # forked: the worker holds a copy of the locked descriptor
        with contextlib.suppress(OSError):
            if os.path.samestat(os.fstat(lock_fd), os.stat(lock_path)):
                os.close(lock_fd)  # now the lock ends with the parent, even on SIGKILL
    # The kernel kills the worker when its parent ends (Linux). Elsewhere a thread
    # watches; on Linux no thread at all, since a thread that runs out of memory at the
    # limit can leave the process deadlocked instead of ended.
    if _die_with_parent() and os.getppid() == parent:
        return
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _die_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:  # a killed parent leaves its workers waiting forever
        time.sleep(0.2)
    os._exit(1)  # an unfinished transaction rolls back


def _limit_memory(memory: int) -> int | None:
    """Let this process grow by at most `memory` minus what it holds now (RLIMIT_DATA
    counts private writable memory: the heap, Python's arenas, lxml's and SQLite's).
    The limit set, in bytes (None if none could be)."""
    status = _status()
    data, rss = status.get("VmData", 0), status.get("VmRSS", 0)
    if not data:
        return None
    cap = data + max(memory - rss - _MARGIN, _MIN_HEADROOM)
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    except (ValueError, OSError):
        return None
    return cap


def _out_of_memory(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _give_back_memory() -> None:
    """Return freed heap pages to the system (glibc keeps them otherwise)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None).malloc_trim(0)


def tune_malloc() -> None:
    """Let glibc's malloc give big blocks back when they are freed (see _MMAP_FROM), in
    this process and the workers it forks later. Without it a refresh process that held a
    20 MiB body kept ~40 MB more, and a worker forked from it started that much bigger."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None)
        libc.mallopt(-3, _MMAP_FROM)  # M_MMAP_THRESHOLD (fixed: no dynamic raise)
        libc.mallopt(-1, _MMAP_FROM)  # M_TRIM_THRESHOLD


def _rss(pid: int | str = "self") -> int:
    return _status(pid).get("VmRSS", 0)


def _status(pid: int | str = "self") -> dict[str, int]:
    """Sizes from /proc/<pid>/status, in bytes (empty where there is no /proc)."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmData", "VmRSS"):
                    out[key] = int(value.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return out
