"""Feeds for the end-to-end tests: articles we wrote, served by tests/feedserver.py."""

from __future__ import annotations

import time
from pathlib import Path

TOWNS = ["Riverton", "Calloway", "Marsh End", "Kestrel Bay", "Old Harrow", "Linden"]
THINGS = ["bridge", "tram line", "ferry terminal", "library", "sea wall", "bus depot"]
NAMES = ["Maria Lopez", "Tom Becker", "Anna Weber", "Idris Halvorsen", "Ruth Okafor", "Sam Ito"]
FEEDS = 3
PER_FEED = 10
ARTICLES = FEEDS * PER_FEED
SEARCH_WORD = "ferry"  # f, e, r, y: each a command key in the list
SEARCH_HITS = sum(1 for i in range(ARTICLES) if THINGS[i % len(THINGS)] == "ferry terminal")


def story(i: int) -> tuple[str, list[str]]:
    """Article i: a title and paragraphs we wrote (a decision, a quote, a plan, a reaction)."""
    town, thing = TOWNS[i % len(TOWNS)], THINGS[i % len(THINGS)]
    name, other = NAMES[i % len(NAMES)], NAMES[(i + 2) % len(NAMES)]
    hours, cost = 2 + i % 5, 10 + 3 * i
    title = f"{town} approves the new {thing} (item {i})"
    paragraphs = [
        f"The {town} council approved the new {thing} on Tuesday after a debate that "
        f"lasted {hours} hours.",
        f'"This {thing} will change how people get around {town}," said {name}, the mayor '
        f"of {town}.",
        f"Work on the {thing} starts in March and should take two years, according to the "
        "council's transport office.",
        f"{other}, a spokesperson for the builders, said the first section could open early.",
        f"Critics said the cost of {cost} million crowns was too high for a town of its size.",
    ]
    return title, paragraphs


class Served:
    """The feed server and what a user has run against it so far."""

    def __init__(self, srv, db: Path) -> None:
        self.srv = srv
        self.db = db

    def feed(self, f: int, extra: int = 0, **route: object) -> str:
        from feedserver import Item, rss

        base = 1_700_000_000
        items = []
        late = range(100 * (f + 1), 100 * (f + 1) + extra)  # newer than all the others
        for i in [*range(f * PER_FEED, (f + 1) * PER_FEED), *late]:
            title, paragraphs = story(i)
            when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(base + i * 3600))
            html = "".join(f"<p>{p}</p>" for p in paragraphs)
            items.append(Item(title, self.srv.url(f"/a/{i}"), html, f"g{i}", when))
        return self.srv.route(f"/feed{f}.xml", rss(f"Feed {f}", items), **route)
