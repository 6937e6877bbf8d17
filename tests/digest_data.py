"""A small store of hand-written articles for the digest/export tests.

The texts are written for these tests (no real news). One title is hostile:
Markdown specials, an HTML tag, backticks, a bell and an ANSI escape.
Digests can be seeded into the cache so expected files do not move when the
summariser improves.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store, content_hash
from summarize import SUMMARIZER_VERSION, KeyPoint, Speaker, Statement, Summary

NOW = "2026-03-01T12:00:00Z"
NOW_TS = datetime(2026, 3, 1, 12, 0, tzinfo=UTC).timestamp()
HOUR = 3600.0

HOSTILE_TITLE = "Council *approves* the_new #budget [draft] | <b>vote</b> `now`\x07\x1b[31m!"

ARTICLES: dict[str, list[dict[str, object]]] = {
    "World Wire": [
        {
            "guid": "ww-1",
            "url": "https://news.example/world/budget (final)?a=1&copy;x",
            "title": HOSTILE_TITLE,
            "author": "Ana Field",
            "published": NOW_TS - 2 * HOUR,
            "text": (
                "The town council approved the new budget on Tuesday after a long debate.\n\n"
                '"This budget keeps the libraries open," said Mayor Ruth Okafor. '
                "Council member Dan Pryce said the vote came too late for the schools.\n\n"
                "The budget adds 12 bus routes and repairs two bridges. "
                "Officials expect the work to begin in April."
            ),
        },
        {
            "guid": "ww-2",
            "url": "javascript:alert(1)",
            "title": "Harbour reopens after storm",
            "author": None,
            "published": NOW_TS - 5 * HOUR,
            "text": (
                "The harbour reopened on Wednesday, three days after the storm closed it.\n\n"
                '"The ships can come in again," said harbour master Lena Voss. '
                "Fishing crews returned to the docks before dawn.\n\n"
                "Repairs to the north pier will take another month."
            ),
        },
        {
            "guid": "ww-old",
            "url": "https://news.example/world/old",
            "title": "An old story about the river",
            "author": None,
            "published": NOW_TS - 10 * 24 * HOUR,
            "text": "The river rose slowly in the spring. Farmers moved their herds uphill.",
        },
    ],
    "Tech Daily": [
        {
            "guid": "td-1",
            "url": "http://tech.example/chips",
            "title": "1. New chip cuts power use in half",
            "author": "Sam Ito",
            "published": NOW_TS - 3 * HOUR,
            "text": (
                "A new chip from a small lab cuts power use in half, its makers said.\n\n"
                '"We did not expect the gains to be this large," said Priya Nair, '
                "the lab's director. Analysts said the chip could reach phones next year.\n\n"
                "The lab plans to publish its design in June."
            ),
        },
    ],
}
FEEDS = {
    "World Wire": ("https://news.example/feed.xml", ["world", "news"]),
    "Tech Daily": ("https://tech.example/rss", ["tech"]),
}

# Hand-written digests, keyed by guid: what the summariser "said" about each article.
SUMMARIES: dict[str, Summary] = {
    "ww-1": Summary(
        title=None,
        key_points=[
            KeyPoint("The council approved the new budget after a *long* debate.", "", 0, 1.0),
            KeyPoint("- The budget adds 12 bus routes & repairs two bridges.", "", 2, 0.9),
            KeyPoint("# Work starts in April <maybe> | `soon`", "", 2, 0.8),
        ],
        speakers=[
            Speaker(
                "Ruth Okafor",
                "Mayor",
                ["Okafor"],
                [Statement("This budget keeps the libraries open", "direct", "said", 1)],
            ),
            Speaker(
                "Dan Pryce",
                "council member",
                [],
                [Statement("the vote came too late for the schools", "indirect", "said", 1)],
            ),
        ],
    ),
    "ww-2": Summary(
        title=None,
        key_points=[
            KeyPoint("The harbour reopened three days after the storm closed it.", "", 0, 1.0),
            KeyPoint("Repairs to the north pier will take another month.", "", 2, 0.5),
        ],
        speakers=[
            Speaker(
                "Lena Voss",
                "harbour master",
                [],
                [Statement("The ships can come in again", "direct", "said", 1)],
            )
        ],
    ),
    "ww-old": Summary(
        title=None,
        key_points=[KeyPoint("The river rose slowly in the spring.", "", 0, 1.0)],
        speakers=[],
    ),
    "td-1": Summary(
        title=None,
        key_points=[
            KeyPoint("A new chip cuts power use in half.", "", 0, 1.0),
            KeyPoint("1. The lab plans to publish its design in June.", "", 2, 0.7),
        ],
        speakers=[
            Speaker(
                "Priya Nair",
                "the lab's director",
                [],
                [Statement("We did not expect the gains to be this large", "direct", "said", 1)],
            ),
            Speaker(
                "Analysts",
                None,
                [],
                [Statement("the chip could reach phones next year", "indirect", "said", 1)],
            ),
        ],
    ),
}


def fill_store(path: Path, *, seed_digests: bool = True) -> Store:
    """A store at `path` with the feeds and articles above (digests cached if asked)."""
    store = Store(path)
    for name, (url, tags) in FEEDS.items():
        # policy never: these short texts must not send digest off to fetch pages
        feed, _ = store.add_feed(url, title=name, tags=tags, policy="never")
        entries = [
            ParsedEntry(
                guid=str(a["guid"]),
                url=str(a["url"]),
                title=str(a["title"]),
                author=a["author"],  # type: ignore[arg-type]
                published=a["published"],  # type: ignore[arg-type]
                text=str(a["text"]),
            )
            for a in ARTICLES[name]
        ]
        store.save_feed(feed.id, ParsedFeed(title=name, site_url=None, entries=entries))
    if seed_digests:
        seed(store)
    return store


def seed(store: Store) -> None:
    for a in store.articles():
        summary = SUMMARIES[a.guid]
        store.put_digest(content_hash(a.body), SUMMARIZER_VERSION, json.dumps(summary.to_dict()))
