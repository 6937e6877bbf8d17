"""What a new user meets on the command line (issue 11): the installed command in a subprocess."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from app_data import NOW, make_store
from feedserver import FeedServer, Item, page, rss

from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store
from tui.cli import build_parser


def newsdesk(db: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    cmd = [exe] if exe else [sys.executable, "-m", "tui"]
    full_env = {**os.environ, **env}
    full_env.pop("NEWSDESK_DB", None)
    return subprocess.run(
        [*cmd, "--db", str(db), *argv], capture_output=True, text=True, timeout=120, env=full_env
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    make_store(tmp_path / "news.db").close()
    return tmp_path / "news.db"


def test_every_option_has_help_text() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict))
    missing = [
        f"{name} {'/'.join(action.option_strings) or action.dest}"
        for name, p in [("newsdesk", parser), *sub.choices.items()]
        for action in p._actions
        if action.help is None and not isinstance(action, type(sub))
    ]
    assert missing == []


def test_json_help_says_json_lines(db: Path) -> None:
    for command in ("feeds", "articles"):
        r = newsdesk(db, command, "--help")
        assert "JSON Lines" in r.stdout, r.stdout


def test_feeds_has_a_header_and_natural_order(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with Store(db) as store:
        for n in (10, 2, 1, 0):
            store.add_feed(f"http://127.0.0.1:9/{n}.xml", title=f"Feed {n}")
    r = newsdesk(db, "feeds")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "TITLE" in lines[0] and "UNREAD" in lines[0]
    titles = [re.search(r"Feed \d+", x).group(0) for x in lines[1:]]  # type: ignore[union-attr]
    assert titles == ["Feed 0", "Feed 1", "Feed 2", "Feed 10"]


def test_articles_starred_tag_and_limit(db: Path) -> None:
    with Store(db) as store:
        bridge = next(a for a in store.articles() if a.title == "Council approves river bridge")
        store.set_starred(bridge.id, True)
    r = newsdesk(db, "articles", "--starred")
    assert [x.split("\t")[4] for x in r.stdout.splitlines()] == ["Council approves river bridge"]
    r = newsdesk(db, "articles", "--tag", "travel")
    assert {x.split("\t")[3] for x in r.stdout.splitlines()} == {"Rail Weekly"}
    r = newsdesk(db, "articles", "--limit", "2")
    assert len(r.stdout.splitlines()) == 2
    r = newsdesk(db, "articles", "--tag", "nosuchtag")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "nosuchtag" in r.stderr


def test_add_without_a_scheme_falls_back_to_http(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.route("/feed.xml", rss("Plain Post", [Item("One", "/1")]))
    db = tmp_path / "n.db"
    r = newsdesk(db, "add", f"127.0.0.1:{feed_server.port}/feed.xml")
    assert r.returncode == 0, r.stderr
    assert "added Plain Post" in r.stdout and "(1 article)" in r.stdout
    with Store(db) as store:
        assert [f.url for f in store.list_feeds()] == [feed_server.url("/feed.xml")]


def test_plurals_in_import_and_refresh(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.route("/one.xml", rss("Only One", [Item("Story", "/s")]))
    urls = tmp_path / "urls"
    urls.write_text(feed_server.url("/one.xml") + "\n")
    db = tmp_path / "n.db"
    r = newsdesk(db, "import", str(urls))
    assert r.stdout.startswith("imported 1 feed from"), r.stdout
    r = newsdesk(db, "refresh")
    assert r.stdout.startswith("refreshed 1 feed in") and "1 new article" in r.stdout, r.stdout
    assert "1 feeds" not in r.stdout + r.stderr and "1 new articles" not in r.stdout


def test_broken_opml_is_one_clean_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text('<?xml version="1.0"?>\n<opml><body><outline text="a"></bdy></opml>')
    r = newsdesk(tmp_path / "n.db", "import", str(bad))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "<string>" not in r.stderr, r.stderr
    assert "bad.opml is not valid OPML at line 2" in r.stderr


def test_times_are_local_in_exports(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with Store(db) as store:
        feed, _ = store.add_feed("http://127.0.0.1:9/f.xml", title="Town Crier")
        entry = ParsedEntry("a", "https://example.org/a", "Market day", None, NOW, "Stalls open.")
        store.save_feed(feed.id, ParsedFeed("Town Crier", None, [entry]))
    # NOW is 12:00 UTC; a POSIX zone three hours behind needs no tz database.
    env = {"NEWSDESK_NOW": "2026-11-20T13:00:00Z", "TZ": "XST+3"}
    r = newsdesk(db, "digest", "--no-fetch", **env)
    assert r.returncode == 0, r.stderr
    assert "10:00 XST" in r.stdout and "09:00 XST" in r.stdout, r.stdout
    assert "UTC" not in r.stdout.split("---")[-1]


@pytest.fixture
def teasers(tmp_path: Path, feed_server: FeedServer) -> Path:
    feed_server.route(
        "/a", page("Ferry returns", ["The ferry returned to service on Friday."] * 3),
        content_type="text/html",
    )  # fmt: skip
    db = tmp_path / "t.db"
    with Store(db) as store:
        feed, _ = store.add_feed(feed_server.url("/feed.xml"), title="Island Post")
        entry = ParsedEntry("a", feed_server.url("/a"), "Ferry returns", None, NOW, "Read more.")
        store.save_feed(feed.id, ParsedFeed("Island Post", None, [entry]))
    return db


def test_digest_no_fetch_makes_no_page_request(teasers: Path, feed_server: FeedServer) -> None:
    r = newsdesk(teasers, "digest", "--no-fetch", NEWSDESK_NOW="2026-11-20T13:00:00Z")
    assert r.returncode == 0, r.stderr
    assert "Ferry returns" in r.stdout
    assert feed_server.hits("/a") == []
    assert "fetching" not in r.stderr


def test_digest_says_it_fetches_pages(teasers: Path, feed_server: FeedServer) -> None:
    r = newsdesk(teasers, "digest", NEWSDESK_NOW="2026-11-20T13:00:00Z")
    assert r.returncode == 0, r.stderr
    assert len(feed_server.hits("/a")) == 1
    assert "fetching the full text of 1 teaser-only article (--no-fetch skips this)" in r.stderr


def test_an_empty_store_says_how_to_add_feeds(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    for command in ("articles", "feeds", "refresh"):
        r = newsdesk(db, command)
        assert r.returncode == 0, r.stderr
        assert "newsdesk add URL" in r.stdout + r.stderr, command
