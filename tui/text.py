"""Safe rendering of untrusted feed text.

Everything a feed sends reaches widgets as `rich.text.Text` built from plain
strings (never parsed as markup), after `feeds.sanitize` has stripped terminal
control sequences. A title like ``[bold red]x[/]`` therefore shows literally.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text

from feeds.sanitize import clean_line, clean_text

Clock = Callable[[], float]


def line(text: str | None, style: str = "") -> Text:
    """One line of untrusted text (titles, names, URLs) as literal Text."""
    return Text(clean_line(text), style=style, no_wrap=False, end="")


def block(text: str | None, style: str = "") -> Text:
    """Untrusted multi-line text (article bodies) as literal Text."""
    return Text(clean_text(text), style=style, end="")


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
    """A fixed, locale-free date for the reader header (UTC)."""
    if published is None:
        return "undated"
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(published))


def is_web_url(url: str | None) -> bool:
    """Only http(s) links are ever opened or copied."""
    if not url:
        return False
    low = url.strip().lower()
    return low.startswith(("http://", "https://")) and not any(c.isspace() for c in url.strip())
