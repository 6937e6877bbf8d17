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


def full_page(i: int) -> list[str]:
    """The article's web page: the feed's paragraphs and more the feed left out."""
    town = TOWNS[i % len(TOWNS)]
    more = [
        f"Only the full page says this: the {town} plans were first drawn up in 2019.",
        f"Residents of {town} will be able to comment on the final design until the end of "
        "January at the town hall and online.",
        "The council said it would publish the contracts for the work once they were signed, "
        "and that the budget included a reserve for delays caused by bad weather.",
    ]
    return [*story(i)[1], *more]


class Served:
    """The feed server and what a user has run against it so far."""

    def __init__(self, srv, db: Path) -> None:
        self.srv = srv
        self.db = db

    def feed(self, f: int, extra: int = 0, **route: object) -> str:
        from feedserver import Item, page, rss

        base = 1_700_000_000
        items = []
        late = range(100 * (f + 1), 100 * (f + 1) + extra)  # newer than all the others
        for i in [*range(f * PER_FEED, (f + 1) * PER_FEED), *late]:
            title, paragraphs = story(i)
            when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(base + i * 3600))
            html = "".join(f"<p>{p}</p>" for p in paragraphs)
            items.append(Item(title, self.srv.url(f"/a/{i}"), html, f"g{i}", when))
            self.srv.route(f"/a/{i}", page(title, full_page(i)), content_type="text/html")
        return self.srv.route(f"/feed{f}.xml", rss(f"Feed {f}", items), **route)
