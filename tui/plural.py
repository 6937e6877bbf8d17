"""Counts in words: "1 feed", "2 feeds" (one place, so no "1 feeds" anywhere)."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`plural(1, "feed")` → "1 feed"; `plural(3, "feed")` → "3 feeds"."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
