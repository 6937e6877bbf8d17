"""Stories: the same event across feeds, grouped, with one digest citing its sources.

represent (event terms) -> group (average link) -> digest (points across members).
"""

from __future__ import annotations

from collections.abc import Sequence

from .._model import StoryItem, StorySummary

__all__ = ["group_stories", "summarize_story"]


def group_stories(items: Sequence[StoryItem]) -> list[list[str]]:
    """Group articles into stories (one real-world event each); every id in exactly one.

    Stories come largest first; members keep the order they were given in.
    """
    from .group import doc_of, group_docs, no_gc

    with no_gc():
        groups = group_docs([doc_of(i) for i in items])
    groups.sort(key=len, reverse=True)
    return groups


def summarize_story(items: Sequence[StoryItem], max_points: int = 5) -> StorySummary:
    """One digest for a story's articles: points citing the members they come from,
    most reported and freshest first; who said what merged across members."""
    from .digest import summarize_story as digest

    return digest(items, max_points=max_points)
