"""The feed commands run as a user runs them: `python -m tui --db … COMMAND` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
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
    plain = nd(db, "articles", "--feed", "My Herald", "--unread").stdout.splitlines()
    assert len(plain) == 4 and plain[0].split("\t")[0].isdigit()
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
