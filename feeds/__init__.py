"""newsdesk's feeds layer: subscriptions, fetching, parsing, full text, the SQLite store.

    from feeds import parse_feed, extract_article, Store, refresh_feeds

Light to import: httpx and trafilatura load on first use of what needs them.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

# httpx's __init__ imports its command-line client when click and rich are installed
# (they are: nltk and textual need them), ~40 ms on every start for a tool newsdesk
# never runs. With this empty stand-in that import fails the way httpx expects
# (`except ImportError`, httpx 0.28) and nothing else changes.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", types.ModuleType("httpx._main"))

from .errors import FeedError, FetchError, ImportFormatError, ParseError, RefreshBusy
from .models import Article, Feed, FullTextPolicy, ParsedEntry, ParsedFeed
from .parse import parse_feed
from .store import ArticleFilter, Store, StoreError

if TYPE_CHECKING:
    from .extract import Extracted, extract_article
    from .fulltext import ensure_full_text
    from .http import FetchLimits
    from .refresh import RefreshProgress, RefreshReport, refresh_feeds

_LAZY = {
    "extract_article": "extract",
    "Extracted": "extract",
    "ensure_full_text": "fulltext",
    "FetchLimits": "http",
    "refresh_feeds": "refresh",
    "RefreshProgress": "refresh",
    "RefreshReport": "refresh",
}

__all__ = [
    "Article",
    "ArticleFilter",
    "Extracted",
    "Feed",
    "FeedError",
    "FetchError",
    "FetchLimits",
    "FullTextPolicy",
    "ImportFormatError",
    "ParseError",
    "ParsedEntry",
    "ParsedFeed",
    "RefreshBusy",
    "RefreshProgress",
    "RefreshReport",
    "Store",
    "StoreError",
    "ensure_full_text",
    "extract_article",
    "parse_feed",
    "refresh_feeds",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'feeds' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
