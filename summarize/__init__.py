"""Pure text → digest: key points, who said what, Markdown.

No I/O, no network, no UI, no global state; deterministic.

    >>> s = summarize_article("One sentence here. Another one there.")
    >>> isinstance(s.key_points, list)
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._markdown import ArticleInfo
from ._model import (
    KeyPoint,
    Speaker,
    Statement,
    StatementKind,
    StoryItem,
    StoryPoint,
    StorySummary,
    Summary,
)
from .stories import group_stories, summarize_story

if TYPE_CHECKING:
    from ._document import Document

__all__ = [
    "STORY_DIGEST_VERSION",
    "SUMMARIZER_VERSION",
    "ArticleInfo",
    "KeyPoint",
    "Speaker",
    "Statement",
    "StatementKind",
    "StoryItem",
    "StoryPoint",
    "StorySummary",
    "Summary",
    "group_stories",
    "summarize_article",
    "summarize_story",
]

# Bump whenever output for the same input may change: cached digests are keyed on it.
SUMMARIZER_VERSION = "0.5.5"
# Story digests are keyed on this too: bump it when `summarize_story`'s output may change
# while article digests do not (so the article cache is not thrown away for it).
STORY_DIGEST_VERSION = "2"


def summarize_article(text: str, title: str | None = None, max_points: int = 5) -> Summary:
    """Digest one article: plain text with paragraphs separated by newlines."""
    from ._document import parse_document

    return summary_of(parse_document(text or "", title=title), max_points)


def summary_of(doc: Document, max_points: int = 5) -> Summary:
    """`summarize_article` of a parsed document (for callers that read it further)."""
    from ._digest import key_points
    from .quotes import extract_speakers

    return Summary(
        title=doc.title,
        key_points=key_points(doc, max_points=max_points),
        speakers=extract_speakers(doc),
    )
