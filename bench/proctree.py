"""Peak memory of a process tree (a command and the worker processes it starts), from /proc."""

from __future__ import annotations

import threading
from pathlib import Path


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process and all its descendants; `peak_kb` is the largest."""

    def __init__(self, pid: int, every: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb = pid, every, 0
        self.root_peak_kb = 0  # of the process itself (without its workers)
        # Summed PSS: a page shared by several processes (a forked worker shares its
        # parent's) counted once, split between them; summed RSS counts it in each.
        self.pss_peak_kb = 0
        self.at_peak: dict[int, int] = {}  # RSS (KiB) by pid when the summed RSS peaked
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            per_pid = tree_rss(self.pid)
            if sum(per_pid.values()) > self.peak_kb:
                self.peak_kb, self.at_peak = sum(per_pid.values()), per_pid
            self.root_peak_kb = max(self.root_peak_kb, per_pid.get(self.pid, 0))
            self.pss_peak_kb = max(self.pss_peak_kb, sum(map(pss_kb, per_pid)))
            self._stop_event.wait(self.every)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def tree_rss_kb(root: int) -> int:
    return sum(tree_rss(root).values())


def tree_rss(root: int) -> dict[int, int]:
    """RSS in KiB of `root` and each of its descendants, by pid."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            status = (d / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(d.name)] = int(fields.get("PPid", "0").strip() or 0)
        rss[int(d.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        grew = bool(more)
        tree |= more
    return {pid: rss.get(pid, 0) for pid in tree}


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(ln.split()[1]) for ln in f if ln.startswith("Pss:")), 0)
    except (OSError, ValueError, IndexError):
        return 0
