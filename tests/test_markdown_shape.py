"""One article, three ways out: `newsdesk summarize URL`, the reader's `e` export and
`newsdesk digest` render it in the same Markdown shape (read back with markdown-it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedserver import FeedServer
from markdown_shape import articles

from feeds.export import export_article
from feeds.extract import extract_article
from feeds.models import ParsedEntry, ParsedFeed
from feeds.store import Store

TITLE = "Harbour pilots and port owners agree a new deal after weeks of stalled pay talks"
PAGE = f"""<!DOCTYPE html>
<html><head><title>{TITLE}</title>
<meta name="author" content="Ana Field">
<meta property="article:published_time" content="2026-03-01T10:00:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>{TITLE}</h1>
<p>Harbour pilots and the port's owners agreed a new pay deal on Friday, ending three
weeks of stalled talks that had left ships waiting outside the harbour.</p>
<p>"Nobody wanted another week of empty berths," said Mira Holt, the chair of the pilots'
union, after the vote.</p>
<p>The deal raises pay by four percent this year and adds a second night crew from
June.</p>
<p>Port director Tom Reyes told reporters that the harbour would be back to a full
timetable by Monday.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""


@pytest.fixture(autouse=True)
def central_european_time(monkeypatch: pytest.MonkeyPatch, local_zone: None) -> Iterator[None]:
    """Local dates here are CET, one hour ahead of UTC: the conversion shows."""
    import time

    monkeypatch.setenv("TZ", "CET-1")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC0")
    time.tzset()


@pytest.fixture
def page_url(feed_server: FeedServer) -> str:
    return feed_server.route("/pilots", PAGE, content_type="text/html; charset=utf-8")


def newsdesk(*args: str) -> str:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    cmd = [exe] if exe else [sys.executable, "-m", "tui"]
    env = {**os.environ, "NEWSDESK_NOW": "2026-03-01T12:00:00Z"}
    env.pop("NEWSDESK_DB", None)
    r = subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout


def _store_with_the_page(path: Path, url: str) -> Store:
    """The page as a feed would have stored it: same title, text, author and date."""
    page = extract_article(PAGE, url)
    store = Store(path)
    feed, _ = store.add_feed("http://127.0.0.1/feed.xml", title="Harbour News", policy="never")
    entry = ParsedEntry(
        guid="pilots",
        url=url,
        title=page.title,
        author=page.author,
        published=page.published,
        text=page.text,
    )
    store.save_feed(feed.id, ParsedFeed(title="Harbour News", site_url=None, entries=[entry]))
    return store


def test_summarize_export_and_digest_render_the_same_article(page_url: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    store = _store_with_the_page(db, page_url)
    try:
        (article,) = store.articles()
        exported = export_article(store, article, tmp_path / "exports")
    finally:
        store.close()

    via_summarize = articles(newsdesk("summarize", page_url))
    via_export = articles(exported.read_text(encoding="utf-8"))
    via_digest = articles(newsdesk("--db", str(db), "digest", "--group-by", "tag"))
    assert len(via_summarize) == len(via_export) == len(via_digest) == 1
    one, e, d = via_summarize[0], via_export[0], via_digest[0]

    # What a reader sees, and the anchor a link would use: the same in all three.
    assert one["title"] == TITLE and one["href"] == page_url
    assert one["anchor"].startswith("a-harbour-pilots-")
    assert one["sections"] == ["Key points", "Who said what"]
    assert one["points"] and one["speakers"]
    for key in ("title", "href", "anchor", "sections", "points", "speakers"):
        assert one[key] == e[key] == d[key], key
    # Who said what names the speaker, the role and the cue verb of each statement.
    holt = next(s for s in one["speakers"] if s[0].startswith("**Mira Holt**"))
    assert "chair of the pilots" in holt[0]
    assert holt[1] == ["said: “Nobody wanted another week of empty berths”"]
    # The meta line: source · author · local date (the page's site when fetched directly).
    # The page gives a day only (midnight UTC), shown in the local zone (CET in tests).
    assert e["meta"] == d["meta"] == "*Harbour News* · by Ana Field · 2026-03-01 01:00 CET"
    assert one["meta"] == r"*127\.0.0.1* · by Ana Field · 2026-03-01 01:00 CET"  # "127." escaped


def test_digest_by_feed_names_the_feed_once(page_url: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    _store_with_the_page(db, page_url).close()
    text = newsdesk("--db", str(db), "digest", "--group-by", "feed")
    assert text.count("Harbour News") == 1  # the "## Harbour News" heading only
    (a,) = articles(text)
    assert a["meta"] == "by Ana Field · 2026-03-01 01:00 CET"


def test_plain_text_from_stdin_gets_a_title() -> None:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    cmd = [exe] if exe else [sys.executable, "-m", "tui"]

    def summarize(text: str) -> list[dict[str, object]]:
        r = subprocess.run([*cmd, "summarize", "-"], input=text, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return articles(r.stdout)

    body = "The ferry returned to service on Friday after a month of engine repairs."
    (headed,) = summarize(f"Ferry back in service\n\n{body}\n")
    assert headed["title"] == "Ferry back in service"
    assert headed["points"] == [body]
    (bare,) = summarize(body + "\n")
    assert bare["title"] == "Untitled"
    assert bare["href"] is None


def test_plain_text_title_is_the_headline_not_the_breadcrumb() -> None:
    exe = shutil.which("newsdesk", path=os.path.dirname(sys.executable))
    cmd = [exe] if exe else [sys.executable, "-m", "tui"]
    text = "\n".join(
        [
            "Home Local News Valley Towns Clash Over New Reservoir",
            "Valley Towns Clash Over New Reservoir",
            "FILE PHOTO: Workers survey the dry river bed near Northford. REUTERS/Kim Lens",
            "Plans for a new reservoir in the Green Valley stalled again on Thursday as the "
            "towns of Northford and Southby blamed each other for the delay.",
            "Water: The Core Dispute",
            "The quarrel over water rights remains the deepest rift between the two towns.",
        ]
    )
    r = subprocess.run([*cmd, "summarize", "-"], input=text, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    (a,) = articles(r.stdout)
    assert a["title"] == "Valley Towns Clash Over New Reservoir"
    assert "Water is the core dispute." in a["points"]
    assert not any("Home Local" in p or "REUTERS" in p or "Clash Over" in p for p in a["points"])


def test_export_file_name_is_cut_at_a_word_boundary(page_url: str, tmp_path: Path) -> None:
    store = _store_with_the_page(tmp_path / "news.db", page_url)
    try:
        (article,) = store.articles()
        path = export_article(store, article, tmp_path / "exports")
    finally:
        store.close()
    stem = path.stem.split("-", 3)[3]  # after the date
    title_words = TITLE.lower().replace("'", "").split()
    assert stem.split("-") == title_words[: len(stem.split("-"))]
    assert len(stem) <= 60
