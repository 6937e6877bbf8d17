"""Who said what across articles, from the command line: a store refreshed from the local
feed server, then `refresh --digest`, `speakers`, `quotes` and `digest --group-by speaker`
run as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from feedserver import FeedServer, Item, rss

from feeds.schema import MIGRATIONS, SCHEMA_VERSION
from feeds.store import Store

_A = (
    "<p>The harbour will close for repairs next month, officials said on Monday.</p>"
    "<p>“We cannot wait another winter,” said Harbour Commissioner Elena Sorvik.</p>"
    "<p>Sorvik said the work would take six weeks.</p>"
)
_B = (
    "<p>Ferry fares will rise in spring.</p>"
    "<p>Elena Sorvík told reporters that the fares had not changed in ten years.</p>"
    "<p>“It is a fair price,” Sorvik said.</p>"
    "<p>Union leader Tom Reyes insisted the rise was too steep.</p>"
)


def nd(db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), *argv],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def subscribed(tmp_path: Path, server: FeedServer, title: str, items: list[Item]) -> Path:
    """A new store subscribed (`newsdesk add`) to one feed the local server serves."""
    server.route("/feed.xml", rss(title, items))
    path = tmp_path / "n.db"
    assert nd(path, "add", server.url("/feed.xml")).returncode == 0
    return path


@pytest.fixture
def db(tmp_path: Path, feed_server: FeedServer) -> Path:
    items = [
        Item("Harbour to close", "/a", _A, date="Tue, 02 Jan 2024 10:00:00 GMT"),
        Item("Fares to rise", "/b", _B, date="Wed, 03 Jan 2024 10:00:00 GMT"),
    ]
    return subscribed(tmp_path, feed_server, "Harbour Herald", items)


def test_refresh_without_digest_stores_no_statements(db: Path) -> None:
    r = nd(db, "refresh")
    assert r.returncode == 0, r.stderr
    assert "digested" not in r.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM statements").fetchone()[0] == 0


def test_refresh_digest_then_speakers_and_quotes(db: Path) -> None:
    r = nd(db, "refresh", "--digest")
    assert r.returncode == 0, r.stderr
    assert "2 digested" in r.stdout
    assert "digesting 2/2" in r.stderr  # progress on stderr
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(DISTINCT article_id) FROM statements").fetchone()[0] == 2

    speakers = [json.loads(x) for x in nd(db, "speakers", "--json").stdout.splitlines()]
    # one person across both articles, whatever the spelling ("Sorvík", "Sorvik")
    top = speakers[0]
    assert top["name"] == "Elena Sorvik" and top["articles"] == 2 and top["statements"] == 4
    assert "Harbour Commissioner" in top["roles"]
    assert {s["name"] for s in speakers} == {"Elena Sorvik", "officials", "Tom Reyes"}
    plain = nd(db, "speakers").stdout
    assert "Elena Sorvik (Harbour Commissioner) · 2 articles" in plain

    quotes = [
        json.loads(x) for x in nd(db, "quotes", "--speaker", "sorvik", "--json").stdout.splitlines()
    ]  # noqa: E501
    assert len(quotes) == 4 and {q["speaker"] for q in quotes} == {"Elena Sorvik"}
    first = quotes[0]  # newest article first
    assert first["title"] == "Fares to rise" and first["url"].endswith("/b")
    assert first["published"] == "2024-01-03T10:00:00Z"
    assert any(q["text"] == "We cannot wait another winter" for q in quotes)
    reyes = nd(db, "quotes", "--speaker", "Tom Reyes").stdout
    assert "Tom Reyes insisted: the rise was too steep" in reyes and "Fares to rise" in reyes

    r = nd(db, "quotes", "--speaker", "Nobody Here")
    assert r.returncode == 2 and r.stderr.startswith("newsdesk: no speaker matches")
    assert "Traceback" not in r.stderr


def test_a_speaker_named_only_by_a_role_joins_the_person_given_that_role(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    # one article names the president; another quotes "Norland's president" only
    named = (
        "<p>Norland's President Ilse Varga opened the bridge on Monday.</p>"
        "<p>Varga said the bridge would carry 40,000 cars a day.</p>"
    )
    role_only = "<p>Norland's president said the tolls would end in June.</p>"
    items = [
        Item("Bridge opens", "/c", named, date="Tue, 02 Jan 2024 10:00:00 GMT"),
        Item("Tolls to end", "/d", role_only, date="Wed, 03 Jan 2024 10:00:00 GMT"),
    ]
    path = subscribed(tmp_path, feed_server, "Norland News", items)
    assert nd(path, "refresh", "--digest").returncode == 0
    speakers = [json.loads(x) for x in nd(path, "speakers", "--json").stdout.splitlines()]
    assert [(s["name"], s["articles"], s["statements"]) for s in speakers] == [("Ilse Varga", 2, 2)]
    quotes = nd(path, "quotes", "--speaker", "Varga").stdout
    assert "the tolls would end in June" in quotes and "Tolls to end" in quotes


def test_digest_group_by_speaker(db: Path) -> None:
    assert nd(db, "refresh").returncode == 0
    r = nd(db, "digest", "--group-by", "speaker")
    assert r.returncode == 0, r.stderr
    md = r.stdout
    assert "## Elena Sorvik — Harbour Commissioner" in md
    assert "- insisted: the rise was too steep — [Fares to rise](" in md
    assert md.index("## Elena Sorvik") < md.index("## Tom Reyes")  # most statements first


def test_migration_keeps_an_older_store(tmp_path: Path) -> None:
    """A store at the previous schema version gains the statement tables, data kept."""
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add_feed("http://127.0.0.1/x.xml")
    con = sqlite3.connect(path)  # back to the previous version: as an older newsdesk left it
    con.executescript("DROP TABLE statements; DROP TABLE quote_sources;")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    con.commit()
    con.close()
    with Store(path) as store:
        assert [f.url for f in store.list_feeds()] == ["http://127.0.0.1/x.xml"]
        assert store.statement_rows() == []
    assert "CREATE TABLE statements" in MIGRATIONS[-1]


def test_since_keeps_only_recent_articles(tmp_path: Path, feed_server: FeedServer) -> None:
    """`speakers --since` and `quotes --since` count only articles published in the window: the
    old article's speaker disappears, the person quoted in both keeps only the recent statements."""
    fresh = format_datetime(datetime.now(UTC) - timedelta(hours=2), usegmt=True)
    items = [
        Item("Harbour to close", "/a", _A, date="Tue, 02 Jan 2024 10:00:00 GMT"),
        Item("Fares to rise", "/b", _B, date=fresh),
    ]
    db = subscribed(tmp_path, feed_server, "Harbour Herald", items)
    assert nd(db, "refresh", "--digest").returncode == 0

    every = {json.loads(x)["name"] for x in nd(db, "speakers", "--json").stdout.splitlines()}
    assert "officials" in every  # only the old article has them
    recent = [
        json.loads(x) for x in nd(db, "speakers", "--since", "1d", "--json").stdout.splitlines()
    ]
    names = sorted(s["name"] for s in recent)  # spelled as the recent article spells her
    assert len(names) == 2 and names[0].startswith("Elena Sorv") and names[1] == "Tom Reyes"
    assert recent[0]["articles"] == 1

    quotes = nd(db, "quotes", "--speaker", "sorvik", "--since", "1d", "--json").stdout.splitlines()
    titles = {json.loads(x)["title"] for x in quotes}
    assert titles == {"Fares to rise"} and len(quotes) == 2
    r = nd(db, "quotes", "--since", "soon")
    assert r.returncode == 2 and "Traceback" not in r.stderr
