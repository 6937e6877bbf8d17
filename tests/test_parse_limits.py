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
from feeds.store import ArticleFilter, Store

pytestmark = pytest.mark.timeout(120)

# 9,000 tiny items and an undefined entity: not well-formed, under the size where big
# broken bodies skip it, so feedparser's loose parser reads it, for several seconds.
SLOW = rss("Slow", [Item(f"Slow {i}", f"/slow/{i}", "A tiny item.") for i in range(9000)])
SLOW = SLOW.replace("<title>Slow</title>", "<title>&bogus; Slow</title>", 1)
# 4,000 items of 4 KB (16 MB), well-formed: a parse holds the document, its tree and
# the entries' text at once, far over 64 MB.
FAT = rss(
    "Fat",
    [Item(f"Fat {i}", f"/fat/{i}", "<p>" + "Many words. " * 340 + "</p>") for i in range(4000)],
)
LIMITS = {  # [limits] in the config: what it overruns, the feed's error
    "time": ("parse_timeout = 1\nparse_memory_mb = 4096\n", SLOW, "parse took over 1 s"),
    "memory": ("parse_timeout = 600\nparse_memory_mb = 64\n", FAT, "parse needed over 64 MB"),
}


def feed(name: str, n: int, text: str = "<p>Text of the story.</p>") -> str:
    return rss(name, [Item(f"{name} story {k}", f"/{name}/{k}", text) for k in range(n)])


def refresh(db: Path, cfg: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "tui", "--db", str(db), "--config", str(cfg), "refresh"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=100)


# 30 feeds: a big refresh, every feed parsed in worker processes; 6 feeds: a small one,
# where only a big body goes to a worker (the rest parse in the refresh's own process).
@pytest.mark.parametrize("n", [30, 6], ids=["workers", "small-refresh"])
@pytest.mark.parametrize("limit", list(LIMITS))
def test_a_parse_over_its_limit_is_that_feeds_error(
    tmp_path: Path, feed_server: FeedServer, n: int, limit: str
) -> None:
    """`newsdesk refresh` with small [limits]: the feed that overruns one ends as a
    one-line error and keeps its articles and marks; the others are stored."""
    config, hostile, error = LIMITS[limit]
    cfg = tmp_path / "config.toml"
    cfg.write_text("[limits]\n" + config)
    # A big body (over the size a small refresh parses in its own process) that is
    # fine: it goes to a worker too, before or after the one that is killed.
    big = "<p>" + "A long paragraph of an ordinary story. " * 300 + "</p>"
    db = tmp_path / "n.db"
    with Store(db) as s:
        victim = s.add_feed(feed_server.route("/victim.xml", feed("victim", 5)))[0].id
        others = [
            s.add_feed(feed_server.route(f"/f{i}.xml", feed(f"f{i}", 3)))[0].id
            for i in range(n - 2)
        ]
        others.append(s.add_feed(feed_server.route("/big.xml", feed("big", 20, big)))[0].id)
    r = refresh(db, cfg)
    assert r.returncode == 0, r.stderr
    with Store(db) as s:
        kept = s.article_ids(ArticleFilter(feed_ids=[victim]))
        s.set_read(kept[:2])
        s.set_starred(kept[0], True)
    # The victim turns hostile; the others grow (the big one answers late, so it is
    # likely parsed by the worker that replaced the killed one).
    feed_server.route("/victim.xml", hostile)
    for i in range(n - 2):
        feed_server.route(f"/f{i}.xml", feed(f"f{i}", 6))
    feed_server.route("/big.xml", feed("big", 40, big), delay=1)
    r = refresh(db, cfg)
    assert r.returncode == 3 and "Traceback" not in r.stderr, r.stderr
    assert f"victim: {error}" in r.stderr and "1 failed" in r.stdout, (r.stdout, r.stderr)
    with Store(db) as s:
        assert s.integrity_check() == "ok"
        assert s.get_feed(victim).last_error == error  # type: ignore[union-attr]
        assert s.article_ids(ArticleFilter(feed_ids=[victim])) == kept  # nothing lost
        marks = {a.id: (a.read, a.starred) for a in s.get_articles(kept)}
        assert marks[kept[0]] == (True, True) and marks[kept[1]] == (True, False)
        counts = [s.count(ArticleFilter(feed_ids=[fid])) for fid in others]
        assert counts == [6] * (n - 2) + [40]
    # The feed mends: the next refresh reads it (with fresh workers).
    feed_server.route("/victim.xml", feed("victim", 7))
    r = refresh(db, cfg)
    assert r.returncode == 0, r.stderr
    with Store(db) as s:
        assert s.count(ArticleFilter(feed_ids=[victim])) == 7
        assert s.get_feed(victim).last_error is None  # type: ignore[union-attr]


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


def test_a_big_feed_cut_mid_document_is_read_up_to_its_last_item(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A body past LOOSE_MAX that stops mid-item (a cap, a dropped connection) is closed
    after its last complete item and read by the strict parser, not feedparser's loose
    one (which held 200 MB for 20 MiB)."""
    import feeds.parse as fp

    monkeypatch.setattr(fp, "LOOSE_MAX", 1000)  # small numbers, same path
    whole = feed("cut", 30, "<p>" + "Words of a story. " * 20 + "</p>").encode()
    body = whole[: whole.index(b"<item>", len(whole) // 2) + 40]  # inside an item
    parsed = fp.parse_feed(body, "http://127.0.0.1/cut.xml")
    complete = body.count(b"</item>")
    assert [e.title for e in parsed.entries] == [f"cut story {k}" for k in range(complete)]
    assert "read up to its last complete item" in (parsed.problem or "")
    assert "\n" not in (parsed.problem or "")


def test_huge_text_nodes_are_cut_before_parsing() -> None:
    """Each text node is cut at HUGE_TEXT bytes before parsing (a parse holds several
    copies of each), at a character and entity boundary: the feed stays well-formed."""
    from feeds.parse import HUGE_TEXT, parse_feed

    node = "word &amp; é " * (HUGE_TEXT // 5)  # past HUGE_TEXT once encoded
    body = rss("Huge", [Item("Big", "/big", "x"), Item("Small", "/small", "x")])
    body = body.replace("<description>x</description>", f"<description>{node}</description>", 1)
    parsed = parse_feed(body.encode(), "http://127.0.0.1/huge.xml")
    assert [e.title for e in parsed.entries] == ["Big", "Small"] and parsed.problem is None
    big = parsed.entries[0].text
    assert big.startswith("word & é word") and len(big.encode()) <= HUGE_TEXT


def test_deeply_nested_markup_is_read_without_its_deeper_tags() -> None:
    """An item that is never closed and holds 400,000 nested elements (feedparser's loose
    parser needed minutes and gigabytes for it) is read, with its item and a note, by a
    worker limited to 64 MB: the tags past MAX_DEPTH are dropped before parsing."""
    from feeds.parse import MAX_DEPTH, parse_feed
    from feeds.workers import LimitedPool, TaskLimits

    body = rss("Deep", [Item("Deep story", "/deep", "Words.")])
    body = body.replace("</item>", "<x>" * 400_000, 1)

    async def parse() -> object:
        pool = LimitedPool(1, TaskLimits(seconds=600, memory=64 << 20))
        try:
            return await pool.run(parse_feed, "http://127.0.0.1/deep.xml", data=body.encode())
        finally:
            pool.shutdown()

    parsed = asyncio.run(parse())
    assert [e.title for e in parsed.entries] == ["Deep story"]  # type: ignore[attr-defined]
    assert f"nested over {MAX_DEPTH} levels deep" in (parsed.problem or "")  # type: ignore[attr-defined]
