"""Ages and dates for the list and the reader (stdlib only: the splash uses it too)."""

from __future__ import annotations

import time


def age(published: float | None, now: float | None = None) -> str:
    """A short age like newsboat's date column: 5m, 3h, 2d, 6w, 1y."""
    if published is None:
        return "—"
    now = time.time() if now is None else now
    secs = max(0.0, now - published)
    for limit, unit, size in (
        (3600, "m", 60),
        (86400, "h", 3600),
        (86400 * 14, "d", 86400),
        (86400 * 365, "w", 86400 * 7),
    ):
        if secs < limit:
            return f"{max(1, int(secs // size)) if unit != 'm' else int(secs // size)}{unit}"
    return f"{int(secs // (86400 * 365))}y"


def date(published: float | None) -> str:
    """A locale-free date for the reader header, in the user's time zone ($TZ) and named."""
    if published is None:
        return "undated"
    try:
        return time.strftime("%Y-%m-%d %H:%M %Z", time.localtime(published)).strip()
    except (OverflowError, OSError, ValueError):
        return "undated"
