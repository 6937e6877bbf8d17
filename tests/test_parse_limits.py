"""Every feed's parse and write is bounded in wall time and memory (feeds.workers).

A feed built to overrun one limit ends as that feed's one-line error ("parse took over
1 s", "parse needed over 64 MB"), keeps its stored articles and their read/starred
marks, and the rest of the refresh is stored: in a big refresh (worker processes) and in
a small one (where a big body goes to a worker process too). Small limits, so the tests
are quick; nothing here asserts a duration.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from feedserver import FeedServer, Item, rss

from feeds.http import FetchLimits
from feeds.refresh import refresh_feeds
from feeds.store import ArticleFilter, Store

pytestmark = pytest.mark.timeout(120)

# Deep nesting inside an item that is never closed: not well-formed, under the size
# where big broken bodies skip it, so feedparser's loose parser reads it; it needs
# about a minute (and hundreds of MB) for 1.2 MB.
SLOW = rss("Slow", [Item("Deep", "/deep")]).replace("</item>", "<x>" * 400_000, 1)
# Four 4 MiB text nodes in a well-formed feed: a parse holds several copies of each.
FAT = rss("Fat", [Item(f"Huge {i}", f"/huge/{i}", "word " * (800 << 10)) for i in range(4)])
LIMITS = {
    "time": (FetchLimits(parse_timeout=1, parse_memory=4096 << 20), SLOW, "parse took over 1 s"),
    "memory": (
        FetchLimits(parse_timeout=600, parse_memory=64 << 20),
        FAT,
        "parse needed over 64 MB",
    ),
}


def feed(name: str, n: int, text: str = "<p>Text of the story.</p>") -> str:
    return rss(name, [Item(f"{name} story {k}", f"/{name}/{k}", text) for k in range(n)])


@pytest.mark.parametrize("processes", [True, False], ids=["workers", "small-refresh"])
@pytest.mark.parametrize("limit", list(LIMITS))
def test_a_parse_over_its_limit_is_that_feeds_error(
    tmp_path: Path, feed_server: FeedServer, processes: bool, limit: str
) -> None:
    limits, hostile, error = LIMITS[limit]
    # A big body (over the size a small refresh parses in its own process) that is
    # fine: it goes to a worker too, before or after the one that is killed.
    big = "<p>" + "A long paragraph of an ordinary story. " * 300 + "</p>"
    db = tmp_path / "n.db"
    with Store(db) as s:
        victim = s.add_feed(feed_server.route("/victim.xml", feed("victim", 5)))[0].id
        others = [
            s.add_feed(feed_server.route(f"/f{i}.xml", feed(f"f{i}", 3)))[0].id for i in range(4)
        ]
        others.append(s.add_feed(feed_server.route("/big.xml", feed("big", 20, big)))[0].id)
    with Store(db) as s:
        r = asyncio.run(refresh_feeds(s, limits=limits, processes=processes))
        assert not r.failed
        kept = s.article_ids(ArticleFilter(feed_ids=[victim]))
        s.set_read(kept[:2])
        s.set_starred(kept[0], True)
    # The victim turns hostile; the others grow (the big one answers late, so it is
    # likely parsed by the worker that replaced the killed one).
    feed_server.route("/victim.xml", hostile)
    for i in range(4):
        feed_server.route(f"/f{i}.xml", feed(f"f{i}", 6))
    feed_server.route("/big.xml", feed("big", 40, big), delay=1)
    with Store(db) as s:
        r = asyncio.run(refresh_feeds(s, limits=limits, processes=processes))
        assert [(f.title, f.error) for f in r.failed] == [("victim", error)]
        assert s.integrity_check() == "ok"
        assert s.get_feed(victim).last_error == error  # type: ignore[union-attr]
        assert s.article_ids(ArticleFilter(feed_ids=[victim])) == kept  # nothing lost
        marks = {a.id: (a.read, a.starred) for a in s.get_articles(kept)}
        assert marks[kept[0]] == (True, True) and marks[kept[1]] == (True, False)
        counts = [s.count(ArticleFilter(feed_ids=[fid])) for fid in others]
        assert counts == [6, 6, 6, 6, 40]
        # The feed mends: the next refresh reads it (with fresh workers).
        feed_server.route("/victim.xml", feed("victim", 7))
        r = asyncio.run(refresh_feeds(s, limits=limits, processes=processes))
        assert not r.failed and s.count(ArticleFilter(feed_ids=[victim])) == 7
        assert s.get_feed(victim).last_error is None  # type: ignore[union-attr]


def test_refresh_command_takes_parse_limits_from_the_config(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """`[limits] parse_timeout` reaches `newsdesk refresh`: one line for the slow feed,
    exit 3, the others stored."""
    feed_server.route("/slow.xml", SLOW)
    feed_server.route("/ok.xml", feed("ok", 3))
    cfg = tmp_path / "config.toml"
    cfg.write_text("[limits]\nparse_timeout = 1\nparse_memory_mb = 4096\n")
    db = tmp_path / "n.db"
    cmd = [sys.executable, "-m", "tui", "--db", str(db), "--config", str(cfg)]
    urls = tmp_path / "urls"
    urls.write_text(f"{feed_server.url('/slow.xml')}\n{feed_server.url('/ok.xml')}\n")
    subprocess.run([*cmd, "import", str(urls)], check=True, capture_output=True, timeout=60)
    r = subprocess.run([*cmd, "refresh"], capture_output=True, text=True, timeout=90)
    assert r.returncode == 3 and "Traceback" not in r.stderr, r.stderr
    assert "parse took over 1 s" in r.stderr and "1 failed" in r.stdout
    with Store(db) as s:
        assert s.count() == 3 and s.integrity_check() == "ok"


def test_a_page_over_the_extraction_memory_limit_gives_no_full_text(
    feed_server: FeedServer,
) -> None:
    """`extract_article` for full text runs within the same limits: a 4.5 MB article page
    (which gives text within the default 256 MB) gives none within 64 MB, and the next
    page is extracted (by a new worker)."""
    limits = FetchLimits(max_bytes=6 << 20, parse_memory=64 << 20)
    from feedserver import page

    from feeds.fulltext import fetch_full_text

    words = "The harbour council met on Tuesday to decide the future of the old pier. " * 8
    feed_server.route("/big", page("Big", [words] * 8000), content_type="text/html")
    feed_server.route("/ok", page("Ok", [words, words]), content_type="text/html")

    async def both() -> tuple[str | None, str | None]:
        big = await fetch_full_text(feed_server.url("/big"), limits=limits)
        return big, await fetch_full_text(feed_server.url("/ok"), limits=limits)

    big, ok = asyncio.run(both())
    assert big is None
    assert ok and "harbour council" in ok
