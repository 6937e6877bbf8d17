"""Safe rendering of untrusted feed text.

Everything a feed sends reaches widgets as `rich.text.Text` built from plain
strings (never parsed as markup), after `feeds.sanitize` has stripped terminal
control sequences. A title like ``[bold red]x[/]`` therefore shows literally.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from feeds.sanitize import clean_line, clean_text

from .dates import age, date

__all__ = ["Clock", "age", "block", "date", "highlight", "is_web_url", "line"]

HIGHLIGHT = "bold black on yellow"  # search matches, readable on every theme

Clock = Callable[[], float]


def line(text: str | None, style: str = "") -> Text:
    """One line of untrusted text (titles, names, URLs) as literal Text."""
    return Text(clean_line(text), style=style, no_wrap=False, end="")


def block(text: str | None, style: str = "") -> Text:
    """Untrusted multi-line text (article bodies) as literal Text."""
    return Text(clean_text(text), style=style, end="")


def highlight(text: Text, terms: list[str] | None) -> Text:
    """Mark the words of a search in `text` (in place, and returned): a word that starts
    with a term, as FTS5's prefix match finds it."""
    if terms:
        import re

        pattern = r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*"
        text.highlight_regex(re.compile(pattern, re.IGNORECASE), HIGHLIGHT)
    return text


def is_web_url(url: str | None) -> bool:
    """Only http(s) links are ever opened or copied."""
    if not url:
        return False
    low = url.strip().lower()
    return low.startswith(("http://", "https://")) and not any(c.isspace() for c in url.strip())
