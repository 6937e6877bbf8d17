"""The article list's columns (stdlib only: the splash draws the same rows as the list)."""

from __future__ import annotations


def feed_column(width: int) -> int:
    """Cells for the feed name and its gap in a row `width` cells wide (0: no column).

    Rows read "N★  2h Feed name   Title…" (flags, age, feed, title, as newsboat
    lists them). Below 40 cells the title needs every cell left; above, the feed
    gets a quarter of the row, 11 to 18 cells.
    """
    return 0 if width < 40 else min(18, max(11, width // 4))
