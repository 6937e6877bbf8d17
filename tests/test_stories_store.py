"""Story ids in a real store: migration, incremental grouping after refreshes, the digest
cache, and a kill mid-grouping."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from feedserver import FeedServer, Item, rss

from feeds.refresh import refresh_feeds
from feeds.schema import MIGRATIONS, SCHEMA_VERSION
from feeds.store import Store
from feeds.stories import assign_stories, list_stories, story_summary

NOW = time.time()


def _date(hours_ago: float) -> str:
    return formatdate(NOW - hours_ago * 3600, usegmt=True)


def _fire(k: int, hours_ago: float) -> Item:
    texts = [
        "A fire destroyed the Orlov textile mill in Brezno on Monday night, and 60 workers "
        "were evacuated, the Brezno fire brigade said.",
        "Firefighters in Brezno fought a blaze at the Orlov textile mill for six hours; all "
        "60 workers on the night shift got out, the brigade said.",
        "The Orlov mill fire in Brezno forced 60 night-shift workers out. The Brezno fire "
        "brigade said the cause of the fire at the textile mill was not known.",
        "Investigators began work at the burnt Orlov textile mill in Brezno, where 60 "
        "workers escaped the fire, the Brezno fire brigade said on Tuesday.",
    ]
    titles = [
        "Fire destroys Orlov textile mill in Brezno",
        "Brezno mill blaze: 60 workers evacuated",
        "Orlov mill fire forces out night shift",
        "Investigators at burnt Orlov mill",
    ]
    return Item(titles[k], f"/fire/{k}", f"<p>{texts[k]}</p>", date=_date(hours_ago))


def _vote(hours_ago: float) -> Item:
    return Item(
        "Lakeside council votes for new tram line",
        "/vote",
        "<p>The Lakeside council voted 31 to 12 for a tram line to the Marren estate; "
        "building starts in 2028, mayor Ida Fenn said.</p>",
        date=_date(hours_ago),
    )


def _refresh(store: Store) -> int:
    return asyncio.run(refresh_feeds(store, processes=False)).grouped


def _story_of(store: Store, url_part: str) -> int:
    return store.db.execute(
        "SELECT story FROM articles WHERE url LIKE ?", (f"%{url_part}",)
    ).fetchone()[0]


def test_a_refresh_groups_reports_of_one_event_and_a_later_report_joins(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.route("/a.xml", rss("Alpha News", [_fire(0, 20), _vote(19)]))
    feed_server.route("/b.xml", rss("Beta Post", [_fire(1, 18)]))
    feed_server.route("/c.xml", rss("Gamma Wire", [_fire(2, 10)]))
    with Store(tmp_path / "s.db") as store:
        for p in ("/a.xml", "/b.xml", "/c.xml"):
            store.add_feed(feed_server.url(p))
        assert _refresh(store) == 4
        fire = {_story_of(store, f"/fire/{k}") for k in range(3)}
        assert len(fire) == 1
        assert _story_of(store, "/vote") not in fire
        stories = list_stories(store)
        assert [(s.sources, s.articles) for s in stories] == [(3, 3), (1, 1)]
        assert stories[0].unread == 3

        items, first = story_summary(store, stories[0].member_ids)
        assert [i.source for i in items] == ["Alpha News", "Beta Post", "Gamma Wire"]
        assert all(p.sources for p in first.key_points)
        cached = store.db.execute("SELECT count(*) FROM digests").fetchone()[0]
        assert story_summary(store, stories[0].member_ids)[1] == first  # from the cache
        assert store.db.execute("SELECT count(*) FROM digests").fetchone()[0] == cached

        # Next refresh: a fourth outlet reports it; it joins the open story.
        feed_server.route("/b.xml", rss("Beta Post", [_fire(1, 18), _fire(3, 1)]))
        assert _refresh(store) == 1
        assert _story_of(store, "/fire/3") in fire
        story = list_stories(store)[0]
        assert story.articles == 4 and story.sources == 3
        _, again = story_summary(store, story.member_ids)
        (new_id,) = store.db.execute("SELECT id FROM articles WHERE url LIKE '%/fire/3'").fetchone()
        assert str(new_id) in again.sources  # a new member: a new digest that cites it
        assert store.db.execute("SELECT count(*) FROM digests").fetchone()[0] == cached + 1


def test_a_story_digest_cached_by_older_rules_is_made_again(
    tmp_path: Path, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import feeds.stories

    feed_server.route("/a.xml", rss("Alpha News", [_fire(0, 20), _fire(1, 18)]))
    with Store(tmp_path / "s.db") as store:
        store.add_feed(feed_server.url("/a.xml"))
        _refresh(store)
        (story,) = list_stories(store)
        with monkeypatch.context() as m:
            m.setattr(feeds.stories, "STORY_DIGEST_VERSION", "old")
            story_summary(store, story.member_ids)
        cached = store.db.execute("SELECT count(*) FROM digests").fetchone()[0]
        story_summary(store, story.member_ids)  # the rules changed: not the old digest
        assert store.db.execute("SELECT count(*) FROM digests").fetchone()[0] == cached + 1
        story_summary(store, story.member_ids)
        assert store.db.execute("SELECT count(*) FROM digests").fetchone()[0] == cached + 1


def test_old_articles_start_their_own_story_and_reads_mark_the_story(tmp_path: Path) -> None:
    from feeds.models import ParsedEntry, ParsedFeed

    with Store(tmp_path / "s.db") as store:
        f, _ = store.add_feed("http://example.test/f.xml")
        entries = [
            ParsedEntry(
                f"g{k}",
                None,
                "Fire at the Orlov mill in Brezno",
                None,
                NOW - (10 + k) * 86400,
                "The Orlov mill in Brezno burnt.",
            )
            for k in range(2)
        ]
        store.save_parsed(f.id, ParsedFeed("F", None, entries))
        assert assign_stories(store) == 2
        assert len(list_stories(store)) == 2  # outside the 3-day window: not grouped
        assert assign_stories(store) == 0  # nothing left to do


def test_an_old_store_is_migrated_not_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    for step in MIGRATIONS[:-1]:
        con.executescript(step)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    con.execute("INSERT INTO feeds(url, added) VALUES ('http://example.test/f.xml', 0)")
    con.execute(
        "INSERT INTO articles(feed_id, guid, title, fetched, text, read) "
        "VALUES (1, 'g', 'Kept', ?, 'body', 1)",
        (NOW,),
    )
    con.commit()
    con.close()
    with Store(db) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        row = store.db.execute("SELECT title, read, story FROM articles").fetchone()
        assert row == ("Kept", 1, None)
        assert assign_stories(store) == 1


def test_a_kill_mid_grouping_leaves_every_article_grouped_or_not(tmp_path: Path) -> None:
    from feeds.models import ParsedEntry, ParsedFeed

    db = tmp_path / "k.db"
    with Store(db) as store:
        for n in range(20):
            f, _ = store.add_feed(f"http://example.test/{n}.xml")
            entries = [
                ParsedEntry(
                    f"g{k}",
                    None,
                    f"Report {k} on the Orlov mill fire in Brezno {n}",
                    None,
                    NOW - k * 60,
                    f"The fire at the Orlov mill {k} in Brezno {n} was reported. " * 20,
                )
                for k in range(40)
            ]
            store.save_parsed(f.id, ParsedFeed(f"Feed {n}", None, entries))
    code = (
        f"from feeds.store import Store; from feeds.stories import assign_stories; "
        f"assign_stories(Store({str(db)!r}))"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        assert store.integrity_check() == "ok"
        # grouped articles carry their terms; none is half-written
        half = store.db.execute(
            "SELECT count(*) FROM articles WHERE story IS NOT NULL AND story_terms IS NULL"
        ).fetchone()[0]
        assert half == 0
        assign_stories(store)  # the rest is grouped next time
        left = store.db.execute("SELECT count(*) FROM articles WHERE story IS NULL")
        assert left.fetchone()[0] == 0


def _three_fires(feed_server: FeedServer, store: Store) -> None:
    """Three outlets' reports of one fire, 20, 18 and 10 hours old."""
    for name, k, hours in (("a", 0, 20), ("b", 1, 18), ("c", 2, 10)):
        feed_server.route(f"/{name}.xml", rss(f"Outlet {name}", [_fire(k, hours)]))
        store.add_feed(feed_server.url(f"/{name}.xml"))


def _fire_stories(db: Path) -> int:
    with Store(db) as store:
        return len({_story_of(store, f"/fire/{k}") for k in range(3)})


def test_the_readers_refresh_child_groups_with_the_configured_story_window(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """tui.refresh_child (the reader's refresh) takes [stories] window from the settings
    file, or `--story-window` from the reader: past a 6-hour window the three reports
    are each a story of their own; with the default 3 days they are one story."""
    cfg = tmp_path / "config.toml"
    cfg.write_text('[stories]\nwindow = "6h"\n')
    runs = [
        ("file", [], {"NEWSDESK_CONFIG": str(cfg)}, 3),
        ("given", ["--story-window", str(6 * 3600.0)], {}, 3),
        ("default", [], {}, 1),
    ]
    for name, args, env, expected in runs:
        db = tmp_path / f"{name}.db"
        with Store(db) as store:
            _three_fires(feed_server, store)
        r = subprocess.run(
            [sys.executable, "-m", "tui.refresh_child", *args, str(db)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "NEWSDESK_CONFIG": str(tmp_path / "absent.toml"), **env},
        )
        assert '"new": 3' in r.stdout, r.stdout + r.stderr
        assert _fire_stories(db) == expected, name


async def test_the_reader_refreshes_with_its_own_story_window(
    tmp_path: Path, feed_server: FeedServer, monkeypatch
) -> None:
    """Settings the reader runs with (`newsdesk --config FILE`) reach its refresh."""
    from tui.app import NewsdeskApp
    from tui.config import Settings

    monkeypatch.setenv("NEWSDESK_CONFIG", str(tmp_path / "absent.toml"))
    db = tmp_path / "news.db"
    store = Store(db)
    _three_fires(feed_server, store)
    app = NewsdeskApp(store, Settings(story_window=6 * 3600.0), processes=False, prefetch=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    store.close()
    assert _fire_stories(db) == 3


def test_a_refresh_with_many_new_articles_leaves_grouping_to_the_stories_list(
    tmp_path: Path, feed_server: FeedServer, monkeypatch
) -> None:
    """Past `GROUP_IN_REFRESH` waiting articles (a first refresh of a long list), the
    refresh returns without grouping; listing stories groups them, as one story."""
    import feeds.refresh

    monkeypatch.setattr(feeds.refresh, "GROUP_IN_REFRESH", 2)
    with Store(tmp_path / "s.db") as store:
        _three_fires(feed_server, store)
        assert _refresh(store) == 0
        assert (
            store.db.execute("SELECT count(*) FROM articles WHERE story IS NULL").fetchone()[0] == 3
        )
    r = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(tmp_path / "s.db"), "stories", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NEWSDESK_CONFIG": str(tmp_path / "absent.toml")},
    )
    assert r.returncode == 0, r.stderr
    assert _fire_stories(tmp_path / "s.db") == 1
