"""The feed commands run as a user runs them: `python -m tui --db … COMMAND` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from feedserver import FeedServer, Item, page, rss

from feeds.store import Store


def nd(db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(db), *argv],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def one_error_line(r: subprocess.CompletedProcess[str], code: int = 2) -> None:
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("newsdesk: ") and r.stderr.count("\n") == 1, r.stderr


@pytest.fixture
def site(feed_server: FeedServer) -> FeedServer:
    feed_server.route(
        "/feed.xml",
        rss("Harbour Herald", [Item(f"Story {i}", f"/s/{i}") for i in range(4)]),
        etag='"1"',
    )
    feed_server.route(
        "/", page("Home", ["Welcome"], feed_link="/feed.xml"), content_type="text/html"
    )
    feed_server.route("/nofeed", page("Home", ["Welcome"]), content_type="text/html")
    feed_server.route("/broken.xml", status=500)
    return feed_server


def test_add_resolves_a_site_and_stores_articles(tmp_path: Path, site: FeedServer) -> None:
    db = tmp_path / "n.db"
    r = nd(db, "add", site.url("/"), "--tag", "local", "--title", "Herald")
    assert r.returncode == 0, r.stderr
    assert "Herald" in r.stdout and "4 articles" in r.stdout
    feeds = [json.loads(line) for line in nd(db, "feeds", "--json").stdout.splitlines()]
    assert feeds[0]["url"] == site.url("/feed.xml") and feeds[0]["tags"] == ["local"]
    assert feeds[0]["total"] == 4 and feeds[0]["title"] == "Herald"


@pytest.mark.parametrize("path", ["/nofeed", "/broken.xml", "/missing"])
def test_add_bad_url_changes_nothing(tmp_path: Path, site: FeedServer, path: str) -> None:
    db = tmp_path / "n.db"
    one_error_line(nd(db, "add", site.url(path)))
    one_error_line(nd(db, "add", "not a url"))
    one_error_line(nd(db, "add", "ftp://example.test/feed"))
    assert nd(db, "feeds", "--json").stdout == ""


def test_import_refresh_articles_export(tmp_path: Path, site: FeedServer) -> None:
    db = tmp_path / "n.db"
    urls = tmp_path / "urls"
    urls.write_text(f'{site.url("/feed.xml")} news "~My Herald"\n{site.url("/broken.xml")} news\n')
    r = nd(db, "import", str(urls))
    assert r.returncode == 0 and "2 new" in r.stdout, r.stderr
    r = nd(db, "refresh")
    assert r.returncode == 3, r.stderr  # one feed failed: listed on stderr, one line
    assert "broken.xml: HTTP 500" in r.stderr and "Traceback" not in r.stderr
    assert "4 new" in r.stdout
    lines = [json.loads(x) for x in nd(db, "articles", "--json").stdout.splitlines()]
    assert len(lines) == 4 and {x["feed"] for x in lines} == {"My Herald"}
    assert set(lines[0]) == {
        "id",
        "feed",
        "feed_id",
        "title",
        "url",
        "published",
        "read",
        "starred",
    }
    assert lines[0]["published"].endswith("Z")
    with Store(db) as store:  # the user has read two of the four
        store.set_read([x["id"] for x in lines if x["title"] in ("Story 1", "Story 3")])
    plain = nd(db, "articles", "--feed", "My Herald", "--unread").stdout.splitlines()
    assert all(x.split("\t")[0].isdigit() for x in plain)
    assert sorted(x.split("\t")[4] for x in plain) == ["Story 0", "Story 2"], plain
    every = nd(db, "articles", "--feed", "My Herald", "--json").stdout.splitlines()
    assert {json.loads(x)["title"]: json.loads(x)["read"] for x in every} == {
        "Story 0": False, "Story 1": True, "Story 2": False, "Story 3": True,
    }  # fmt: skip
    one_error_line(nd(db, "articles", "--feed", "nothing like this"))
    feeds = nd(db, "feeds").stdout
    assert "HTTP 500" in feeds
    out = tmp_path / "subs.opml"
    assert nd(db, "export-opml", "-o", str(out)).returncode == 0
    db2 = tmp_path / "n2.db"
    assert nd(db2, "import", str(out)).returncode == 0
    again = {f["url"]: f for f in map(json.loads, nd(db2, "feeds", "--json").stdout.splitlines())}
    assert again[site.url("/feed.xml")]["title"] == "My Herald"
    assert again[site.url("/feed.xml")]["tags"] == ["news"]


def test_refresh_by_feed_name_and_all_ok(tmp_path: Path, site: FeedServer) -> None:
    db = tmp_path / "n.db"
    with Store(db) as s:
        s.add_feed(site.url("/feed.xml"), title="Herald")
        s.add_feed(site.url("/broken.xml"), title="Broken")
    r = nd(db, "refresh", "--feed", "Herald")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    one_error_line(nd(db, "refresh", "--feed", "Nope"))


def test_bad_input_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    Store(db).close()
    (tmp_path / "x.html").write_text("<html><body>not a list</body></html>")
    (tmp_path / "bin").write_bytes(bytes(range(256)))
    for argv in (
        ["import", str(tmp_path / "missing.opml")],
        ["import", str(tmp_path / "x.html")],
        ["import", str(tmp_path / "bin")],
        ["import", str(tmp_path)],
        ["export-opml", "-o", str(tmp_path / "no" / "such" / "dir.opml")],
    ):
        one_error_line(nd(db, *argv))
    with Store(db) as s:
        assert s.list_feeds() == []
    one_error_line(nd(tmp_path / "x.html" / "db", "feeds"))  # unreachable store path
    one_error_line(nd(tmp_path, "feeds"))  # a folder, not a store


def test_articles_since(tmp_path: Path, feed_server: FeedServer) -> None:
    now = time.time()
    ages = {"An hour old": 3600, "Three days old": 3 * 86400, "A month old": 30 * 86400}
    items = [Item(t, f"/a/{i}", date=formatdate(now - age, usegmt=True))
             for i, (t, age) in enumerate(ages.items())]  # fmt: skip
    db = tmp_path / "n.db"
    with Store(db) as s:
        s.add_feed(feed_server.route("/f.xml", rss("Dated", items)), title="Dated")
    assert nd(db, "refresh").returncode == 0

    def titles(*argv: str) -> list[str]:
        r = nd(db, "articles", *argv, "--json")
        assert r.returncode == 0, r.stderr
        return sorted(json.loads(x)["title"] for x in r.stdout.splitlines())

    assert titles("--since", "24h") == ["An hour old"]
    assert titles("--since", "7d") == ["An hour old", "Three days old"]
    assert titles("--since", "90d") == sorted(ages)
    assert titles("--since", "30m") == []
    one_error_line(nd(db, "articles", "--since", "yesterday"))


def test_refresh_full_text_fetches_the_pages(tmp_path: Path, feed_server: FeedServer) -> None:
    """Teasers in the feed; `refresh` leaves the pages alone, `refresh --full-text` stores
    each article's page text."""
    body = ["The harbour wall was rebuilt over the summer by a crew of forty.",
            "Engineers said the new stone would last a century."]  # fmt: skip
    for i in range(2):
        feed_server.route(f"/p/{i}", page(f"Wall {i}", body), content_type="text/html")
    items = [Item(f"Wall {i}", f"/p/{i}", "<p>Short teaser.</p>", f"w{i}") for i in range(2)]
    db = tmp_path / "n.db"
    with Store(db) as s:
        s.add_feed(feed_server.route("/f.xml", rss("Walls", items)), title="Walls")
    r = nd(db, "refresh")
    assert r.returncode == 0 and "full text" not in r.stdout, r.stderr
    assert feed_server.hits("/p/0") == [] and feed_server.hits("/p/1") == []
    feed_server.route("/f.xml", rss("Walls", [*items, Item("Wall 2", "/p/2", "<p>T.</p>", "w2")]))
    feed_server.route("/p/2", page("Wall 2", body), content_type="text/html")
    r = nd(db, "refresh", "--full-text")
    assert r.returncode == 0, r.stderr
    assert "1 new article, 1 full text\n" in r.stdout, r.stdout  # the new article's page
    with Store(db) as s:
        got = {a.title: a.full_text for a in s.articles()}
    assert got["Wall 0"] is None and got["Wall 1"] is None  # not new in this refresh
    assert got["Wall 2"] is not None and body[1] in got["Wall 2"]
    assert "Copyright" not in got["Wall 2"] and "Home" not in got["Wall 2"]


def _plain_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose home is `home`: no NEWSDESK_* or XDG_* set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "XDG_"))}
    return {**env, "HOME": str(home), **extra}


def run_as(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv], capture_output=True, text=True, timeout=60, env=env
    )


def test_store_and_settings_in_the_xdg_places(tmp_path: Path, site: FeedServer) -> None:
    home = tmp_path / "home"
    env = _plain_env(home)
    r = run_as(env, "add", site.url("/feed.xml"))
    assert r.returncode == 0, r.stderr
    default = home / ".local" / "share" / "newsdesk" / "newsdesk.db"
    with Store(default) as s:
        assert [f.url for f in s.list_feeds()] == [site.url("/feed.xml")]
    config = home / ".config" / "newsdesk" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("theme = 3\n")  # read from there: a bad file names itself
    r = run_as(env, "refresh")
    one_error_line(r)
    assert str(config) in r.stderr or "config.toml" in r.stderr, r.stderr
    # XDG_DATA_HOME / XDG_CONFIG_HOME move them
    xdg = _plain_env(home, XDG_DATA_HOME=str(tmp_path / "data"),
                     XDG_CONFIG_HOME=str(tmp_path / "conf"))  # fmt: skip
    assert run_as(xdg, "add", site.url("/feed.xml")).returncode == 0
    assert (tmp_path / "data" / "newsdesk" / "newsdesk.db").is_file()
    assert run_as(xdg, "refresh").returncode == 0  # no config there: the defaults


def test_newsdesk_db_and_config_env_and_the_flags_over_them(
    tmp_path: Path, site: FeedServer
) -> None:
    home = tmp_path / "home"
    env = _plain_env(home, NEWSDESK_DB=str(tmp_path / "env.db"),
                     NEWSDESK_CONFIG=str(tmp_path / "env.toml"))  # fmt: skip
    assert run_as(env, "add", site.url("/feed.xml")).returncode == 0
    assert (tmp_path / "env.db").is_file() and not (home / ".local").exists()
    assert "Harbour Herald" in run_as(env, "feeds").stdout
    (tmp_path / "env.toml").write_text("theme = 3\n")
    r = run_as(env, "refresh")
    one_error_line(r)
    assert "env.toml" in r.stderr
    flags = ["--db", str(tmp_path / "flag.db"), "--config", str(tmp_path / "none.toml")]
    r = run_as(env, *flags, "feeds")
    assert r.returncode == 0 and "Harbour Herald" not in r.stdout, r.stdout  # another store
    assert run_as(env, *flags, "refresh").returncode == 0  # the flag's config, not env.toml
