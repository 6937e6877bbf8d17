"""Stories: the same event across feeds, grouped, with one digest citing its sources.

represent (event terms) -> group (average link) -> digest (points across members).
"""

from __future__ import annotations

from collections.abc import Sequence

from .._model import StoryItem, StorySummary

__all__ = ["group_stories", "summarize_story"]


def group_stories(
    items: Sequence[StoryItem], *, parallel_min: int | None = None
) -> list[list[str]]:
    """Group articles into stories (one real-world event each); every id in exactly one.

    Stories come largest first; members keep the order they were given in. From
    `parallel_min` articles on (default `parallel.PARALLEL_MIN`), their terms and vectors
    are read, and their pairs compared, on two processes (see `parallel`): the same
    groups, sooner.
    """
    from .group import group_vectors, no_gc
    from .parallel import PARALLEL_MIN, vectors_and_pairs

    if not items:
        return []
    least = PARALLEL_MIN if parallel_min is None else parallel_min
    with no_gc():
        vecs, signs, sims = vectors_and_pairs(items, least)
        groups = group_vectors(
            [i.id for i in items], [i.published for i in items], vecs, signs, sims=sims
        )
    groups.sort(key=len, reverse=True)
    return groups


def summarize_story(items: Sequence[StoryItem], max_points: int = 5) -> StorySummary:
    """One digest for a story's articles: points citing the members they come from,
    most reported and freshest first; who said what merged across members."""
    from .digest import summarize_story as digest

    return digest(items, max_points=max_points)
