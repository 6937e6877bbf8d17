"""A small store for the reader's tests and snapshots: fixed dates, short texts we wrote."""

from __future__ import annotations

from pathlib import Path

from feeds.models import ParsedEntry, ParsedFeed
from feeds.schema import INDEX_ARTICLES
from feeds.store import Store

# 2026-11-20 12:00 UTC: ages in the list are computed from this, so snapshots are stable.
NOW = 1_795_176_000.0
HOUR = 3600.0

BRIDGE = (
    "The city council approved the new river bridge on Tuesday after a long debate.\n\n"
    '"We have waited twenty years for this crossing," said Maria Lopez, the mayor of '
    "Riverton.\n\n"
    "Construction starts in March and should take two years, according to the transport "
    "office.\n\n"
    "Tom Becker, a spokesman for the builders, said the first lanes could open early."
)
TRAINS = (
    "Night trains between the two capitals return next spring.\n\n"
    '"Demand has never been higher," said Anna Weber, chief executive of the rail '
    "operator.\n\n"
    "Tickets go on sale in January."
)
TEASER = "A short teaser about solar panels on school roofs."
HOSTILE_TITLE = "[bold red]x[/] \x1b[31mred\x1b[0m \x1b]0;pwned\x07title"


def make_store(path: Path, *, hostile: bool = True, extra: int = 0) -> Store:
    store = Store(path)
    news, _ = store.add_feed("http://127.0.0.1:9/news.xml", title="City News", tags=["local"])
    rail, _ = store.add_feed("http://127.0.0.1:9/rail.xml", title="Rail Weekly", tags=["travel"])
    tech, _ = store.add_feed("http://127.0.0.1:9/tech.xml", title="Tech Notes", tags=["tech"])
    store.save_feed(
        news.id,
        ParsedFeed(
            "City News",
            None,
            [
                ParsedEntry(
                    "b1",
                    "https://example.org/bridge",
                    "Council approves river bridge",
                    "Ann Reporter",
                    NOW - 2 * HOUR,
                    BRIDGE,
                ),
                ParsedEntry(
                    "s1",
                    "https://example.org/solar",
                    "Solar panels for schools",
                    None,
                    NOW - 5 * HOUR,
                    TEASER,
                ),
            ]
            + [
                ParsedEntry(
                    f"x{i}",
                    f"https://example.org/x{i}",
                    f"Filler story {i}",
                    None,
                    NOW - (30 + i) * HOUR,
                    f"Filler paragraph number {i}.",
                )
                for i in range(extra)
            ],
        ),
    )
    store.save_feed(
        rail.id,
        ParsedFeed(
            "Rail Weekly",
            None,
            [
                ParsedEntry(
                    "t1",
                    "https://example.org/trains",
                    "Night trains are back",
                    None,
                    NOW - 26 * HOUR,
                    TRAINS,
                ),
                ParsedEntry(
                    "t2",
                    "ftp://example.org/old",
                    "Timetable changes",
                    None,
                    NOW - 3 * 86400,
                    "New timetables start in December.",
                ),
            ],
        ),
    )
    store.save_feed(tech.id, ParsedFeed("Tech Notes", None, []))
    store.record_error(tech.id, "HTTP 500 from server")
    if hostile:
        # Straight into the table: the UI must be safe even if the store's cleaning is bypassed.
        cur = store.db.execute(
            "INSERT INTO articles(feed_id, guid, url, title, published, fetched, text) "
            "VALUES (?, 'h1', 'javascript:alert(1)', ?, ?, ?, ?)",
            (tech.id, HOSTILE_TITLE, NOW - 10 * HOUR, NOW, "Body with \x1b[2J escape."),
        )
        store.db.execute(INDEX_ARTICLES, (f"[{cur.lastrowid}]",))  # as save_parsed does
    return store
