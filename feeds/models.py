"""Plain data passed between the fetcher, the parser, the store and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FullTextPolicy = Literal["never", "short", "always"]


@dataclass(slots=True)
class ParsedEntry:
    guid: str  # the feed's id, else the link, else a hash of title+date
    url: str | None
    title: str
    author: str | None = None
    published: float | None = None  # unix time, UTC
    text: str = ""  # plain text, paragraphs separated by blank lines


@dataclass(slots=True)
class ParsedFeed:
    title: str
    site_url: str | None
    entries: list[ParsedEntry] = field(default_factory=list)
    problem: str | None = None  # a recoverable oddity (feedparser "bozo") worth showing


@dataclass(slots=True)
class Feed:
    id: int
    url: str
    title: str  # the user's rename, else the feed's own title, else the URL
    tags: list[str] = field(default_factory=list)
    site_url: str | None = None
    policy: FullTextPolicy = "short"
    etag: str | None = None
    last_modified: str | None = None
    last_success: float | None = None
    last_error: str | None = None
    unread: int = 0
    retry_after: float | None = None  # the server asked us not to fetch before this unix time
    total: int = 0


@dataclass(slots=True)
class Article:
    id: int
    feed_id: int
    feed_title: str
    guid: str
    url: str | None
    title: str
    author: str | None
    published: float | None
    text: str  # the feed's own content (teaser or full)
    full_text: str | None  # extracted from the page, when fetched
    read: bool
    starred: bool

    @property
    def body(self) -> str:
        """The best text we have for reading and summarising."""
        return self.full_text or self.text
