"""Reader settings from a TOML file at the config path (`newsdesk --config`).

    theme = "textual-dark"         # any Textual theme name
    refresh_on_start = false       # R on start-up
    full_text = "never"            # never | short | always: fetch the page when an article opens
    export_dir = "~/Documents/newsdesk"

    [layout]
    who_said_what = true           # show the who-said-what pane at start

    [keys]                         # binding id = "key[,key…]" (see `?` for the ids)
    down = "j,down,ctrl+n"

    [limits]                       # every fetch (README "Limits"); defaults shown
    timeout = 60                   # seconds in total per feed, redirects and body included
    connect_timeout = 10           # seconds to connect
    read_timeout = 20              # seconds between bytes
    max_mb = 20                    # MiB per response, after decompression
    max_redirects = 5
    per_host = 8                   # connections at once to one host
    concurrency = 32               # connections at once in all
    parse_timeout = 20             # seconds to parse and store one feed (then it is stopped)
    parse_memory_mb = 256          # MB of memory for that (then it is stopped)

    [stories]
    window = "3d"                  # a story takes new articles this long after its newest

A bad file is a `CliError` naming the file, the line and the key; never a traceback.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CliError

if TYPE_CHECKING:
    from feeds.http import FetchLimits

FULL_TEXT = ("never", "short", "always")
_TOP = {
    "theme",
    "refresh_on_start",
    "full_text",
    "export_dir",
    "layout",
    "keys",
    "limits",
    "stories",
}
_LAYOUT = {"who_said_what"}
# [limits] name -> (feeds.http.FetchLimits field, unit multiplier, lowest, highest)
_LIMITS: dict[str, tuple[str, int, float, float]] = {
    "timeout": ("total_timeout", 1, 1, 3600),
    "connect_timeout": ("connect_timeout", 1, 1, 600),
    "read_timeout": ("read_timeout", 1, 1, 600),
    "max_mb": ("max_bytes", 1024 * 1024, 1, 1024),
    "max_redirects": ("max_redirects", 1, 0, 50),
    "per_host": ("per_host", 1, 1, 256),
    "concurrency": ("concurrency", 1, 1, 1024),
    "parse_timeout": ("parse_timeout", 1, 1, 3600),
    "parse_memory_mb": ("parse_memory", 1024 * 1024, 32, 65536),
}
_KEY = re.compile(r"^[A-Za-z0-9_+\-]+(,[A-Za-z0-9_+\-]+)*$")


@dataclass(slots=True)
class Settings:
    theme: str = "textual-dark"
    refresh_on_start: bool = False
    full_text: str = "never"
    export_dir: Path | None = None  # None: tui.paths.export_dir()
    who_said_what: bool = True
    keys: dict[str, str] = field(default_factory=dict)
    limits: dict[str, float] = field(default_factory=dict)  # FetchLimits field -> value
    story_window: float = 3 * 86400.0  # seconds; [stories] window

    def fetch_limits(self) -> FetchLimits:
        """`feeds.http.FetchLimits` with the [limits] set here (imported only when asked)."""
        from feeds.http import FetchLimits

        return FetchLimits(**self.limits)  # type: ignore[arg-type]


Scopes = list[dict[str, str]]  # bindings active at once: binding id -> its default keys


def load_settings(
    path: Path, *, binding_ids: set[str] | None = None, scopes: Scopes | None = None
) -> Settings:
    """Settings from `path`; a missing file gives the defaults.

    `scopes` (see tui.screens.help.binding_scopes) lets a rebinding that takes a key
    already used where it acts fail with the binding it clashes with."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read config {path}: {exc}") from None
    return parse_settings(raw, path, binding_ids=binding_ids, scopes=scopes)


def parse_settings(
    raw: str, path: Path, *, binding_ids: set[str] | None = None, scopes: Scopes | None = None
) -> Settings:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise CliError(f"bad config {path}: {exc}") from None

    def bad(key: str, why: str, table: str | None = None) -> CliError:
        return CliError(f"bad config {path}, line {_line_of(raw, key, table)}: {key}: {why}")

    s = Settings()
    for key, value in data.items():
        if key not in _TOP:
            raise bad(key, f"unknown setting (known: {', '.join(sorted(_TOP))})")
        if key == "theme":
            s.theme = _str(value, key, bad)
            from textual.theme import BUILTIN_THEMES

            if s.theme not in BUILTIN_THEMES:
                raise bad(key, f"unknown theme {s.theme!r} (try textual-dark, nord, gruvbox…)")
        elif key == "refresh_on_start":
            s.refresh_on_start = _bool(value, key, bad)
        elif key == "full_text":
            s.full_text = _str(value, key, bad)
            if s.full_text not in FULL_TEXT:
                raise bad(key, f"must be one of {', '.join(FULL_TEXT)}")
        elif key == "export_dir":
            s.export_dir = Path(_str(value, key, bad)).expanduser()
        elif key == "layout":
            table = _table(value, key, bad)
            for k, v in table.items():
                if k not in _LAYOUT:
                    raise bad(k, f"unknown layout setting (known: {', '.join(_LAYOUT)})", key)
                s.who_said_what = _bool(v, k, lambda a, b, t=key: bad(a, b, t))
        elif key == "keys":
            for k, v in _table(value, key, bad).items():
                keys = ",".join(
                    p.strip() for p in _str(v, k, lambda a, b, t=key: bad(a, b, t)).split(",")
                )
                if binding_ids is not None and k not in binding_ids:
                    raise bad(k, "unknown key binding id (see the `?` help screen)", key)
                if not _KEY.match(keys):
                    raise bad(k, f'bad key list {v!r} (use e.g. "j,down")', key)
                s.keys[k] = keys
            clash = _clash(s.keys, scopes or [])
            if clash:
                k, key, other = clash
                raise bad(
                    k,
                    f"key {key!r} is already bound to {other}; pick another key "
                    f"(or move {other} too)",
                    "keys",
                )
        elif key == "limits":
            for k, v in _table(value, key, bad).items():
                if k not in _LIMITS:
                    raise bad(k, f"unknown limit (known: {', '.join(_LIMITS)})", key)
                name, unit, low, high = _LIMITS[k]
                if isinstance(v, bool) or not isinstance(v, int | float) or not low <= v <= high:
                    raise bad(k, f"must be a number from {low:g} to {high:g}", key)
                whole = name in ("max_redirects", "per_host", "concurrency")
                if whole and v != int(v):
                    raise bad(k, "must be a whole number", key)
                s.limits[name] = int(v * unit) if whole or unit > 1 else float(v)
        elif key == "stories":
            for k, v in _table(value, key, bad).items():
                if k != "window":
                    raise bad(k, "unknown stories setting (known: window)", key)
                s.story_window = _window(v, lambda a, b, t=key: bad(a, b, t))
    return s


def _window(value: Any, bad: Any) -> float:
    """A duration like "3d", "36h" (or a number of days), from 1 hour to 30 days."""
    import argparse

    from .cli import duration

    if isinstance(value, bool):
        raise bad("window", 'must be a duration like "3d" or "36h"')
    if isinstance(value, int | float):
        seconds = float(value) * 86400
    else:
        try:
            seconds = duration(str(value))
        except argparse.ArgumentTypeError:
            raise bad("window", 'must be a duration like "3d" or "36h"') from None
    if not 3600 <= seconds <= 30 * 86400:
        raise bad("window", "must be from 1h to 30d")
    return seconds


def _clash(overrides: dict[str, str], scopes: Scopes) -> tuple[str, str, str] | None:
    """(rebound id, key, the other id) for the first key that two bindings would share."""
    for scope in scopes:
        owner: dict[str, str] = {}
        for bid, default in scope.items():
            for key in overrides.get(bid, default).split(","):
                other = owner.setdefault(key, bid)
                if other != bid:
                    rebound = bid if bid in overrides else other
                    return rebound, key, other if rebound == bid else bid
    return None


def _str(value: Any, key: str, bad: Any) -> str:
    if not isinstance(value, str):
        raise bad(key, "must be a string")
    return value


def _bool(value: Any, key: str, bad: Any) -> bool:
    if not isinstance(value, bool):
        raise bad(key, "must be true or false")
    return value


def _table(value: Any, key: str, bad: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise bad(key, "must be a table")
    return value


def _line_of(raw: str, key: str, table: str | None) -> int:
    """The line where `key` is set (inside `[table]` when given); 1 if not found."""
    in_table = table is None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
    for n, text in enumerate(raw.splitlines(), 1):
        h = header.match(text)
        if h:
            if table is not None:
                in_table = h.group(1) == table
            elif h.group(1) == key:
                return n
            else:
                in_table = False
            continue
        if in_table and pattern.match(text):
            return n
    return 1
