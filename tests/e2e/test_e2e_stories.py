"""The Stories view in a real terminal: the installed `newsdesk` on a store we filled."""

from __future__ import annotations

import time
from pathlib import Path

from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store

FIRE = [
    (
        "Alpha News",
        "Fire destroys Orlov textile mill in Brezno",
        "A fire destroyed the Orlov textile mill in Brezno on Monday night, and 60 workers "
        "were evacuated, the Brezno fire brigade said.\n\n"
        '"Everyone got out in time," brigade chief Mila Hrasko said.',
    ),
    (
        "Beta Post",
        "Brezno mill blaze: 60 workers evacuated",
        "Firefighters in Brezno fought a blaze at the Orlov textile mill for six hours; all "
        "60 workers on the night shift got out, the brigade said.",
    ),
    (
        "Gamma Wire",
        "Orlov mill fire forces out night shift",
        "The Orlov mill fire in Brezno forced 60 night-shift workers out. The Brezno fire "
        "brigade said the cause of the fire at the textile mill was not known.",
    ),
    (
        "Alpha News",
        "Lakeside council votes for new tram line",
        "The Lakeside council voted 31 to 12 for a tram line to the Marren estate; building "
        "starts in 2028, mayor Ida Fenn said.",
    ),
]


def fill(path: Path) -> None:
    now = time.time()
    with Store(path) as store:  # not grouped yet: the Stories view groups them itself
        for k, (feed, title, text) in enumerate(FIRE):
            f, _ = store.add_feed(f"http://127.0.0.1:9/{feed.split()[0].lower()}.xml", title=feed)
            entry = ParsedEntry(
                f"g{k}", f"https://example.org/{k}", title, None, now - (8 - k) * 3600, text
            )
            store.save_feed(f.id, ParsedFeed(feed, None, [entry]))


def test_stories_view_digest_sources_and_reading_one(term, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    fill(db)
    t = term("--db", str(db))
    t.wait_for("Orlov")
    t.send("v")
    t.wait_for("3 sources")
    t.wait_for("Key points")
    screen = t.wait_for("Who said what")
    assert "Lakeside council votes" in screen  # the other story, its own row
    for outlet in ("Alpha News", "Beta Post", "Gamma Wire"):
        assert outlet in screen, t.dump()
    t.wait_match(r"\[[123]\]")
    t.wait_for("Mila Hrasko")
    t.send("m")
    t.wait_for("Marked 3 articles read")
    t.send("1")  # the story's first source, in the reader
    t.wait_gone("3 sources")
    t.send("Q")
    assert t.wait_exit() == 0
    with Store(db) as store:
        read = store.db.execute("SELECT count(*) FROM articles WHERE read = 1").fetchone()[0]
        stories = store.db.execute("SELECT count(DISTINCT story) FROM articles").fetchone()[0]
    assert read == 3 and stories == 2
