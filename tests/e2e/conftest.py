"""End-to-end harness: the installed `newsdesk` in a real pseudo-terminal, read from a screen.

No test doubles: the console script installed next to `sys.executable` (the venv's
bin) runs in a pseudo-terminal (pexpect) whose output feeds a terminal emulator
(pyte); tests send keys as bytes and read the emulated screen, as a user would.
Each test gets its own HOME and XDG folders in tmp_path.

    def test_x(term):
        t = term("demo")                       # newsdesk demo, 140x40
        t.wait_for("All ·")                    # polls the screen; fails with a dump
        t.send("j")                            # keys exactly as a terminal sends them
        t.send("/word\\r")                     # a burst: one write
        t.press("j", "j", "\\r")               # one by one, with a person's pause
        assert "Key points" in t.screen()
        t.wait_exit()                          # the exit status, once it quits

Deadlines are generous: they check that something happens, not how fast.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pexpect
import pyte
import pytest
from e2e_feeds import FEEDS, Served

BIN = Path(sys.executable).parent
NEWSDESK = BIN / "newsdesk"
TIMEOUT = float(
    os.environ.get("E2E_TIMEOUT", "60")
)  # seconds: a deadline for something to happen, never a measure of speed
SIZE = (140, 40)  # columns, rows


def _installed() -> str:
    assert NEWSDESK.exists(), f"the newsdesk console script is not installed in {BIN}"
    return str(NEWSDESK)


class _Screen(pyte.Screen):
    """pyte's screen plus the alternate screen (mode 1049), which full-screen programs use."""

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self._main: tuple[object, object] | None = None

    def set_mode(self, *modes: int, **kwargs: object) -> None:
        if kwargs.get("private") and 1049 in modes:
            if self._main is None:
                self._main = (copy.deepcopy(self.buffer), copy.copy(self.cursor))
            self.erase_in_display(2)
            modes = tuple(m for m in modes if m != 1049)
        if modes:
            super().set_mode(*modes, **kwargs)

    def reset_mode(self, *modes: int, **kwargs: object) -> None:
        if kwargs.get("private") and 1049 in modes:
            if self._main is not None:
                buffer, cursor = self._main
                self.buffer.clear()
                self.buffer.update(buffer)  # type: ignore[arg-type]
                self.cursor = cursor  # type: ignore[assignment]
                self._main = None
                self.dirty.update(range(self.lines))
            modes = tuple(m for m in modes if m != 1049)
        if modes:
            super().reset_mode(*modes, **kwargs)


class Terminal:
    """One program in a pseudo-terminal, with the screen it has drawn."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int], cwd: Path):
        cols, rows = size
        self.size = size
        self.raw = bytearray()  # every byte the program wrote (to check what it left behind)
        self._screen = _Screen(cols, rows)
        self._stream = pyte.ByteStream(self._screen)
        self.child = pexpect.spawn(
            argv[0], argv[1:], env=env, cwd=str(cwd), dimensions=(rows, cols)
        )
        self.exitstatus: int | None = None

    # -- reading -------------------------------------------------------------

    def pump(self, wait: float = 0.05) -> None:
        """Feed what the program wrote so far into the screen."""
        deadline = time.monotonic() + wait
        while True:
            try:
                data = self.child.read_nonblocking(1 << 16, timeout=0.02)
            except pexpect.TIMEOUT:
                data = b""
            except pexpect.EOF:
                return
            if data:
                self.raw += data
                self._stream.feed(data)
            elif time.monotonic() >= deadline:
                return

    def screen(self) -> str:
        self.pump()
        return "\n".join(line.rstrip() for line in self._screen.display)

    def lines(self) -> list[str]:
        self.pump()
        return list(self._screen.display)

    def dump(self) -> str:
        return "\n".join(f"{i:2} |{line.rstrip()}" for i, line in enumerate(self.lines()))

    def wait_until(
        self, check: Callable[[str], object], what: str, timeout: float = TIMEOUT
    ) -> str:
        """Poll the screen until check(screen) is true; fail with the screen if it never is."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if check(text):
                return text
            if time.monotonic() > deadline or not self.child.isalive():
                self.pump(0.2)
                alive = "running" if self.child.isalive() else "exited"
                pytest.fail(f"{what} (program {alive}); the screen:\n{self.dump()}")

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        return self.wait_until(lambda s: text in s, f"never saw {text!r}", timeout)

    def wait_gone(self, text: str, timeout: float = TIMEOUT) -> str:
        return self.wait_until(lambda s: text not in s, f"{text!r} never went away", timeout)

    def wait_match(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        found: list[re.Match[str]] = []

        def check(s: str) -> bool:
            m = re.search(pattern, s)
            if m:
                found.append(m)
            return m is not None

        self.wait_until(check, f"never saw /{pattern}/", timeout)
        return found[-1]

    def column(self, heading: str) -> str:
        """The screen's text from the column where `heading` starts, rightwards (a side pane)."""
        lines = self.lines()
        for line in lines:
            x = line.find(heading)
            if x >= 0:
                return "\n".join(row[x:].rstrip() for row in lines)
        return ""

    # -- writing -------------------------------------------------------------

    def send(self, keys: str) -> None:
        """Keys as one write: what a paste or a fast typist sends."""
        self.child.send(keys.encode())

    def press(self, *keys: str, pause: float = 0.15) -> None:
        """Keys one by one, with the pause a person leaves between them."""
        for key in keys:
            self.send(key)
            self.pump(pause)

    # -- ending --------------------------------------------------------------

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        deadline = time.monotonic() + timeout
        while self.child.isalive():
            self.pump(0.1)
            if time.monotonic() > deadline:
                pytest.fail(f"the program never exited; the screen:\n{self.dump()}")
        self.pump(0.1)
        self.child.close()
        self.exitstatus = self.child.exitstatus
        return self.exitstatus if self.exitstatus is not None else -(self.child.signalstatus or 0)

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close(force=True)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


def user_env(home: Path) -> dict[str, str]:
    """A user's environment with everything of theirs (store, settings, exports) in `home`."""
    out = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEWSDESK_", "XDG_", "TEXTUAL", "PYTEST"))
        and k not in ("BROWSER", "COLUMNS", "LINES")
    }
    out.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
    )
    return out


def run_newsdesk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(
        [_installed(), *args],
        env=env,
        cwd=env["HOME"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 2,
    )
    assert out.returncode == 0, f"newsdesk {' '.join(args)}: {out.stderr}"
    return out


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    return user_env(home)


@pytest.fixture
def term(env: dict[str, str], home: Path) -> Iterator[Callable[..., Terminal]]:
    """term(*args, size=(140, 40), env_extra={}, argv=None) -> Terminal running `newsdesk *args`."""
    started: list[Terminal] = []

    def spawn(
        *args: str,
        size: tuple[int, int] = SIZE,
        env_extra: dict[str, str] | None = None,
        argv: list[str] | None = None,
    ) -> Terminal:
        t = Terminal(argv or [_installed(), *args], {**env, **(env_extra or {})}, size, home)
        started.append(t)
        return t

    yield spawn
    for t in started:
        t.close()


@pytest.fixture
def newsdesk(env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """newsdesk(*args) runs the installed command (no terminal); it must succeed."""
    return lambda *args: run_newsdesk(env, *args)


@pytest.fixture(scope="session")
def _served_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The local feed server with three feeds, and a store filled by `newsdesk refresh` (once)."""
    from feedserver import FeedServer

    home = tmp_path_factory.mktemp("template")
    env = user_env(home)
    with FeedServer() as srv:
        s = Served(srv, home / "news.db")
        for f in range(FEEDS):
            run_newsdesk(env, "--db", str(s.db), "add", s.feed(f))
        run_newsdesk(env, "--db", str(s.db), "refresh")
        yield s


@pytest.fixture
def served(_served_once: Served, tmp_path: Path) -> Iterator[Served]:
    """The served feeds and a fresh copy of the store `newsdesk refresh` filled from them."""
    import shutil

    db = tmp_path / "news.db"
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(_served_once.db) + suffix)
        if src.exists():
            shutil.copyfile(src, str(db) + suffix)
    s = Served(_served_once.srv, db)
    yield s
    for f in range(FEEDS):  # a test may have changed a feed: the next one sees the original
        s.feed(f)
