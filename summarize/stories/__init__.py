"""Stories: the same event across feeds, grouped, with one digest citing its sources.

represent (event terms) -> group (average link) -> digest (points across members).
"""

from __future__ import annotations

from collections.abc import Sequence

from .._model import StoryItem

__all__ = ["group_stories"]


def group_stories(items: Sequence[StoryItem]) -> list[list[str]]:
    """Group articles into stories (one real-world event each); every id in exactly one.

    Stories come largest first; members keep the order they were given in.
    """
    from .group import doc_of, group_docs

    groups = group_docs([doc_of(i) for i in items])
    groups.sort(key=len, reverse=True)
    return groups
