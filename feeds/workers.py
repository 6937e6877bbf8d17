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
  worker exits, since its heap may be in any state. A worker that grew past half its
  limit on a task is retired too, so memory goes back to the system between big feeds.
- Time: the caller's event loop kills (SIGKILL) a worker whose task runs past
  `seconds` (`TaskTimeout`); C code such as lxml cannot be interrupted any other way.
  An unfinished SQLite transaction in the killed worker rolls back.
- A worker never outlives its parent (a thread watches for a new parent process and
  exits) and closes an inherited copy of the refresh lock descriptor at start.

Workers are forked by default (as the refresh's process pool always was): starting one
costs a few milliseconds, and the modules the parent already imported come with it.
`method="forkserver"` is for callers with threads of their own (the reader's UI). A big
body is sent with `send_bytes` (no pickled copy of it in either process).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from .errors import TaskMemory, TaskTimeout, WorkerDied

_MIN_HEADROOM = 32 << 20  # a worker forked from a big parent still gets this much to work in
_MEMORY_EXIT = 3  # a worker's exit status when it could not even report running out


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

    async def run(self, fn: Callable[..., Any], *args: Any, data: bytes | None = None) -> Any:
        """`fn(data, *args)` (or `fn(*args)` without `data`) in a worker, within the limits.

        Raises what `fn` raised, `TaskTimeout`, `TaskMemory`, or `WorkerDied`.
        """
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
                        await loop.run_in_executor(None, worker.conn.recv)
                    worker.ready = True
                async with asyncio.timeout(self.limits.seconds):
                    try:
                        await loop.run_in_executor(None, worker.send, fn, args, data)
                    except OSError:  # it stopped reading (out of memory?): its answer says
                        pass
                    await worker.readable()
                    kind, value, retire = await loop.run_in_executor(None, worker.conn.recv)
                done = True
            except TimeoutError:
                raise TaskTimeout(f"took over {self.limits.seconds:g} s") from None
            except (EOFError, OSError):
                code = worker.wait()
                if code in (_MEMORY_EXIT, -signal.SIGKILL):  # -9: the kernel's OOM killer
                    raise TaskMemory(f"needed over {self.limits.memory >> 20} MB") from None
                raise WorkerDied(f"worker process died (exit status {code})") from None
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


class _Worker:
    def __init__(self, proc: Any, conn: Connection):
        self.proc, self.conn = proc, conn
        self.ready = False  # said so after its `init`

    def send(self, fn: Callable[..., Any], args: tuple[Any, ...], data: bytes | None) -> None:
        self.conn.send((fn, args, data is not None))
        if data is not None:
            self.conn.send_bytes(data)

    async def readable(self) -> None:
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await ready
        finally:
            loop.remove_reader(fd)

    def wait(self) -> int | None:
        self.proc.join(timeout=5)
        return self.proc.exitcode

    def close(self) -> None:
        # Killed even when idle: a worker forked later holds a copy of this pipe's end,
        # so closing it would not reach this one as EOF. An idle worker has no open
        # transaction; a busy one's rolls back.
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
    _limit_memory(memory)
    conn.send(("ready", None, False))
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
        retire = reply[0] == "memory" or _rss() > memory // 2
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
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:  # a killed parent leaves its workers waiting forever
        time.sleep(0.2)
    os._exit(1)  # an unfinished transaction rolls back


def _limit_memory(memory: int) -> None:
    """Let this process grow by at most `memory` minus what it holds now (RLIMIT_DATA
    counts private writable memory: the heap, Python's arenas, lxml's and SQLite's)."""
    status = _status()
    data, rss = status.get("VmData", 0), status.get("VmRSS", 0)
    if not data:
        return
    cap = data + max(memory - rss, _MIN_HEADROOM)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))


def _out_of_memory(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _rss() -> int:
    return _status().get("VmRSS", 0)


def _status() -> dict[str, int]:
    """Sizes from /proc/self/status, in bytes (empty where there is no /proc)."""
    out: dict[str, int] = {}
    try:
        with open("/proc/self/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmData", "VmRSS"):
                    out[key] = int(value.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return out
