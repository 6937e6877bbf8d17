"""The bundled sample feeds behind `newsdesk demo`: fictional articles, no network.

The feeds ship as package data (feeds/samples/*.xml) and go through the same parser
and store as real feeds, so the demo shows what a refresh would have produced.
Their URLs point at example.com and are never fetched.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import Store

# (resource file in feeds/samples, feed URL to register, tags)
DEMO_FEEDS: list[tuple[str, str, list[str]]] = [
    ("harbour_herald.xml", "https://example.com/harbour-herald/rss.xml", ["local"]),
    ("northern_ledger.xml", "https://example.com/northern-ledger/feed.xml", ["world", "economy"]),
    ("tech_tidings.xml", "https://example.com/tech-tidings/atom.xml", ["tech", "science"]),
]


def demo_feed_bytes() -> dict[str, bytes]:
    """Each sample feed's raw bytes, keyed by its resource file name."""
    samples = resources.files("feeds.samples")
    return {name: samples.joinpath(name).read_bytes() for name, _url, _tags in DEMO_FEEDS}


def load_demo(store: Store) -> None:
    """Subscribe `store` to the sample feeds and save their articles (idempotent)."""
    from .parse import parse_feed

    data = demo_feed_bytes()
    for name, url, tags in DEMO_FEEDS:
        feed, _created = store.add_feed(url, tags=tags)
        store.save_feed(feed.id, parse_feed(data[name], url))
