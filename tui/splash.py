"""The first frame, drawn straight from the store before Textual is imported.

Starting Python and importing Textual takes a few hundred milliseconds before the
app can draw anything. A newsreader should show the news at once, so `newsdesk`
first draws the top of the article list from SQLite (stdlib only) into the
alternate screen, laid out like the real list; Textual then takes over that
screen and repaints the same layout. Keys typed meanwhile wait in the terminal
(echo off) and reach the app when it starts.

Only for a real terminal (stdin and stdout are TTYs), never in tests or Pilot
runs, and never when it could mislead: no store yet, a store that needs a
migration, an unreadable config. The rows come from the store's own list query
(`feeds/schema.py`, loaded on its own like `feeds/sanitize.py`: the feeds
package itself is heavier). Feed text is untrusted: every title passes
`feeds.sanitize.clean_line` and is written as plain characters; nothing from a
feed is ever written to the terminal raw.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from .columns import feed_column
from .dates import age

_COUNT_SQL = "SELECT count(*) FROM articles"

# The textual-dark theme as the app renders it (other themes get plain attributes).
_DARK = {
    "list": ((0xE0, 0xE0, 0xE0), (0x1E, 0x1E, 0x1E)),
    "read": ((0xA6, 0xA6, 0xA6), (0x1E, 0x1E, 0x1E)),
    "cursor": ((0xDD, 0xED, 0xF9), (0x01, 0x78, 0xD4)),
    "star": ((0xFF, 0xA6, 0x2B), None),
    "pane": ((0xE0, 0xE0, 0xE0), (0x12, 0x12, 0x12)),
    "border": ((0x3B, 0x3B, 0x3B), None),
    "bar": ((0xE0, 0xE0, 0xE0), (0x24, 0x2F, 0x38)),
}


class Layout:
    """Where the panes are at a terminal size (mirrors app.tcss and Textual's rounding)."""

    def __init__(self, width: int, height: int, *, who: bool, count: int) -> None:
        self.width = width
        self.height = height
        self.list_height = max(0, height - 2)  # status line + footer below
        self.tiny = width < 60
        wide = width >= 100
        if self.tiny:
            self.list_width = width
            self.reader_x = self.who_x = width
        else:
            share = 0.42 if wide else 0.45  # app.tcss: -narrow #articles is 45%
            list_frac = max(30.0, width * share)
            # At start nothing is open: the who-said-what pane takes no room until an
            # article with speakers is (app.tcss: -who-on).
            who_frac = 0.0
            reader = width - int(list_frac + who_frac)
            self.list_width = int(list_frac)
            self.reader_x = self.list_width
            self.who_x = int(list_frac + reader) if who_frac else width
        border = 0 if self.tiny else 1
        scrollbar = 1 if count > self.list_height else 0
        self.content_width = max(0, self.list_width - border - scrollbar)


def cells(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def fit(text: str, width: int, *, pad: bool = False) -> str:
    """`text` cut to `width` cells with an ellipsis, like Rich's overflow="ellipsis"."""
    total = sum(cells(c) for c in text)
    if total > width:
        out, used = [], 0
        for c in text:
            w = cells(c)
            if used + w > width - 1:
                break
            out.append(c)
            used += w
        text = "".join(out) + " " * (width - 1 - used) + "…" if width > 0 else ""
        total = width
    return text + " " * (width - total) if pad else text


def row_text(
    read: bool,
    starred: bool,
    published: float | None,
    feed: str,
    title: str,
    width: int,
    now: float,
) -> str:
    """One list row as plain text: the same columns as ArticleList._row_text."""
    feed_width = feed_column(width)
    out = ("N" if not read else " ") + ("★" if starred else " ") + f"{age(published, now):>4} "
    if feed_width:
        out += fit(feed, feed_width - 1, pad=True) + " "
    out += title or "(untitled)"
    # one blank column before the scrollbar, as ArticleList draws it
    return fit(out, max(width - 1, 1), pad=True) + (" " if width > 1 else "")


def load_feeds_module(name: str) -> ModuleType:
    """feeds.<name> (a stdlib-only module) without running the feeds package's __init__
    (its parser, store…): the already imported module, else the file loaded on its own."""
    module = sys.modules.get(f"feeds.{name}")
    if module is None:
        from importlib.machinery import SourceFileLoader
        from importlib.util import find_spec, module_from_spec, spec_from_loader

        package = find_spec("feeds")  # finds the package; does not run its __init__
        locations = list(package.submodule_search_locations or []) if package else []
        if not locations:
            raise ImportError("feeds package not found")
        loader = SourceFileLoader(
            f"_newsdesk_splash_{name}", os.path.join(locations[0], f"{name}.py")
        )
        spec = spec_from_loader(loader.name, loader)
        assert spec is not None
        module = module_from_spec(spec)
        loader.exec_module(module)
    return module


def load_clean_line() -> Callable[[str | None], str]:
    """feeds.sanitize.clean_line, loaded on its own."""
    return load_feeds_module("sanitize").clean_line  # type: ignore[no-any-return]


def read_rows(db: Path, limit: int) -> tuple[list[tuple[object, ...]], int] | None:
    """The newest `limit` rows (columns of feeds.schema.ROW_COLUMNS) and the article
    count, or None when the store isn't ready."""
    if not db.is_file():
        return None
    try:
        schema = load_feeds_module("schema")
    except (ImportError, OSError, SyntaxError):
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        if con.execute("PRAGMA user_version").fetchone()[0] != schema.SCHEMA_VERSION:
            return None  # the app will migrate first; draw nothing rather than guess
        rows = con.execute(schema.select_rows(paged=True), (limit, 0)).fetchall()
        count = con.execute(_COUNT_SQL).fetchone()[0]
        return rows, int(count)
    except sqlite3.Error:
        return None
    finally:
        con.close()


def layout_settings(config: Path) -> tuple[str, bool] | None:
    """(theme, who_said_what) from the config, or None if it cannot be read."""
    try:
        raw = config.read_text(encoding="utf-8")
    except FileNotFoundError:
        return "textual-dark", True
    except (OSError, UnicodeDecodeError):
        return None
    import tomllib

    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError:
        return None  # the app reports it; a splash first would only flash
    theme = data.get("theme", "textual-dark")
    layout = data.get("layout", {})
    who = layout.get("who_said_what", True) if isinstance(layout, dict) else True
    return (theme if isinstance(theme, str) else "", who is not False)


class Frame:
    """The first screen as lines of (style, text) runs; `ansi()` writes it."""

    def __init__(self, lay: Layout, rows: list[tuple[object, ...]], count: int, now: float) -> None:
        self.lay = lay
        clean = load_clean_line()
        self.lines: list[list[tuple[str, str]]] = []
        w = lay.content_width
        for y in range(lay.list_height):
            runs: list[tuple[str, str]] = []
            if y < len(rows):
                _id, _feed_id, feed, title, published, read, starred = rows[y]
                text = row_text(
                    bool(read),
                    bool(starred),
                    published,  # type: ignore[arg-type]
                    clean(str(feed or "")),
                    clean(str(title or "")),
                    w,
                    now,
                )
                style = "cursor" if y == 0 else ("read" if read else "unread")
                if starred and style != "cursor":
                    runs += [(style, text[:1]), ("star:" + style, text[1:2]), (style, text[2:])]
                else:
                    runs.append((style, text))
            elif y == 0 and not rows:
                runs.append(("read", fit(" No articles here.", w, pad=True)))
            else:
                runs.append(("unread", " " * w))
            pad = lay.list_width - w
            if pad:  # scrollbar track, then the pane border
                runs.append(("unread", " " * (pad - (0 if lay.tiny else 1))))
                if not lay.tiny:
                    runs.append(("border", "▕"))
            if lay.reader_x < lay.width:
                runs.append(("pane", " " * (lay.who_x - lay.reader_x)))
                if lay.who_x < lay.width:
                    runs.append(("border:pane", "▏"))
                    runs.append(("pane", " " * (lay.width - lay.who_x - 1)))
            self.lines.append(runs)
        if lay.reader_x < lay.width and lay.list_height:
            self._put(0, lay.reader_x + 1, "Nothing open", "pane:bold")
            if lay.who_x < lay.width:
                self._put(0, lay.who_x + 2, "Who said what", "pane:bold")
        pos = f" · 1/{count} article{'s' if count != 1 else ''}" if count else " · no articles"
        status = [("bar:bold", " All"), ("bar", fit(pos, lay.width - 4, pad=True))]
        self.lines.append(status)
        self.lines.append([("bar", " " * lay.width)])

    def _put(self, y: int, x: int, text: str, style: str) -> None:
        """Overlay plain `text` on the pane runs of line y at column x."""
        runs = self.lines[y]
        col, out = 0, []
        for st, t in runs:
            end = col + len(t)
            if end <= x or col >= x + len(text) or not st.startswith("pane"):
                out.append((st, t))
            else:
                a, b = max(x, col) - col, min(x + len(text), end) - col
                out += [(st, t[:a]), (style, text[max(x, col) - x : min(x + len(text), end) - x])]
                out.append((st, t[b:]))
            col = end
        self.lines[y] = [r for r in out if r[1]]

    def text(self) -> list[str]:
        return ["".join(t for _, t in runs) for runs in self.lines]

    def ansi(
        self,
        palette: dict[str, tuple[tuple[int, int, int], tuple[int, int, int] | None]] | None,
        truecolor: bool,
    ) -> str:
        out = ["\x1b[?2026h\x1b[?1049h\x1b[?25l\x1b[?7l\x1b[H\x1b[0m\x1b[2J"]
        for y, runs in enumerate(self.lines):
            out.append(f"\x1b[{y + 1};1H")
            for style, text in runs:
                out.append(_sgr(style, palette, truecolor) + text)
            out.append("\x1b[0m")
        out.append("\x1b[?2026l")
        return "".join(out)


def _sgr(
    style: str,
    palette: dict[str, tuple[tuple[int, int, int], tuple[int, int, int] | None]] | None,
    truecolor: bool,
) -> str:
    parts = style.split(":")
    base = parts[0]
    codes = ["0"]
    bold = base in ("unread", "cursor") or "bold" in parts
    if bold:
        codes.append("1")
    if palette is None:
        if base == "cursor":
            codes.append("7")
        elif base in ("read", "border"):
            codes.append("2")
        return f"\x1b[{';'.join(codes)}m"
    name = {"unread": "list"}.get(base, base)
    fg, bg = palette[name]
    if (
        len(parts) > 1 and parts[1] in palette
    ):  # "star:unread", "border:pane": fg of one, bg of other
        bg = palette[{"unread": "list"}.get(parts[1], parts[1])][1]
    codes.append(_color(fg, 38, truecolor))
    if bg is None:
        bg = palette["list"][1]
    codes.append(_color(bg, 48, truecolor))
    return f"\x1b[{';'.join(codes)}m"


def _color(rgb: tuple[int, int, int] | None, layer: int, truecolor: bool) -> str:
    if rgb is None:
        return str(layer + 1)
    r, g, b = rgb
    if truecolor:
        return f"{layer};2;{r};{g};{b}"
    # The 256-colour cube or grey ramp, whichever is nearer (what Rich does too).
    if max(r, g, b) - min(r, g, b) < 12:
        grey = round((r + g + b) / 3)
        index = 16 if grey < 4 else (231 if grey > 246 else 232 + max(0, (grey - 8) // 10))
    else:

        def q(v: int) -> int:
            return 0 if v < 48 else (1 if v < 115 else (v - 35) // 40)

        index = 16 + 36 * q(r) + 6 * q(g) + q(b)
    return f"{layer};5;{index}"


class Splash:
    """A drawn first frame; `close()` puts the terminal back if the app never took over."""

    def __init__(self, fd_in: int, fd_out: int, attrs: list[object] | None) -> None:
        self.fd_in = fd_in
        self.fd_out = fd_out
        self.attrs = attrs
        self.handed_over = False

    @classmethod
    def show(
        cls, db: Path, config: Path, *, now: float | None = None, fds: tuple[int, int] = (0, 1)
    ) -> Splash | None:
        """Draw the first frame on the terminal at `fds` (stdin, stdout); None if not drawn."""
        fd_in, fd_out = fds
        if os.environ.get("NEWSDESK_NO_SPLASH") or os.environ.get("TERM", "dumb") == "dumb":
            return None
        try:
            if not (os.isatty(fd_in) and os.isatty(fd_out)):
                return None
            width, height = os.get_terminal_size(fd_out)
        except OSError:
            return None
        settings = layout_settings(config)
        if settings is None:
            return None
        theme, who = settings
        found = read_rows(db, max(0, height - 2))
        if found is None:
            return None
        rows, count = found
        import time

        lay = Layout(width, height, who=who, count=count)
        try:
            frame = Frame(lay, rows, count, time.time() if now is None else now)
        except ImportError:
            return None
        palette = _DARK if theme == "textual-dark" and not os.environ.get("NO_COLOR") else None
        truecolor = os.environ.get("COLORTERM", "").lower() in ("truecolor", "24bit")
        attrs = _quiet_input(fd_in)
        try:
            os.write(fd_out, frame.ansi(palette, truecolor).encode("utf-8", "replace"))
        except OSError:
            _restore_input(fd_in, attrs)
            return None
        return cls(fd_in, fd_out, attrs)

    def close(self) -> None:
        """After the app ran (it leaves the alternate screen itself) or instead of it."""
        if not self.handed_over:
            try:
                os.write(self.fd_out, b"\x1b[0m\x1b[?7h\x1b[?25h\x1b[?1049l")
            except OSError:
                pass
        _restore_input(self.fd_in, self.attrs)


def _quiet_input(fd: int) -> list[object] | None:
    """Echo and line editing off, so keys typed before the app starts are not drawn.

    Input is passed on as the app will read it (Textual's modes, signals kept): the
    terminal translates keys as they arrive, so with ICRNL left on an Enter typed
    now would reach the app as ctrl+j.
    """
    try:
        import termios

        attrs = termios.tcgetattr(fd)
        quiet = termios.tcgetattr(fd)
        quiet[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
        quiet[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN)
        termios.tcsetattr(fd, termios.TCSANOW, quiet)
        return attrs
    except Exception:  # no termios, not a terminal after all: draw anyway
        return None


def _restore_input(fd: int, attrs: list[object] | None) -> None:
    if attrs is None:
        return
    try:
        import termios

        termios.tcsetattr(fd, termios.TCSANOW, attrs)
    except Exception:
        pass
