"""`newsdesk demo` content: the bundled sample feeds load into a store and read well."""

from __future__ import annotations

from calendar import timegm
from pathlib import Path

import pytest

from feeds.demo import DEMO_FEEDS, demo_feed_bytes, load_demo
from feeds.models import Article
from feeds.store import Store
from summarize import summarize_article

# title -> (feed, author, published "YYYY-MM-DD HH:MM" UTC)
FULL_ARTICLES = {
    "Dockworkers walk out at Port of Calloway as pay talks collapse": (
        "Harbour Herald",
        "Mara Quillon",
        "2026-11-18 06:45",
    ),
    "Council backs 48m-crown seafront flood wall after late-night vote": (
        "Harbour Herald",
        "Mara Quillon",
        "2026-11-19 08:10",
    ),
    "Rovers agree club-record fee for striker Teodor Lasko": (
        "Harbour Herald",
        "Nell Achard",
        "2026-11-20 17:30",
    ),
    "Bank of Estravia raises rates to 4.75% and signals more to come": (
        "Northern Ledger",
        "Petra Valdis",
        "2026-11-19 12:15",
    ),
    "High Court rules Quickcart riders are employees, not contractors": (
        "Northern Ledger",
        "Petra Valdis",
        "2026-11-20 14:05",
    ),
    "Marivel climate talks run into overtime over adaptation fund": (
        "Northern Ledger",
        "Sofi Anand",
        "2026-11-24 21:40",
    ),
    "Nimbra recalls 180,000 smart heaters after overheating reports": (
        "Tech Tidings",
        "Dev Marchetti",
        "2026-11-23 09:00",
    ),
    "Sensor patch cut missed sepsis cases by a third, hospital study finds": (
        "Tech Tidings",
        "Iris Okafor-Lind",
        "2026-11-25 07:30",
    ),
}
TEASER = "Winter ferry timetable cuts Sunday sailings to Skerra Island"
PORT_STRIKE = "Dockworkers walk out at Port of Calloway as pay talks collapse"


def _ts(stamp: str) -> float:
    day, clock = stamp.split()
    y, m, d = (int(p) for p in day.split("-"))
    hh, mm = (int(p) for p in clock.split(":"))
    return float(timegm((y, m, d, hh, mm, 0, 0, 0, 0)))


@pytest.fixture
def demo_store(tmp_path: Path):
    store = Store(tmp_path / "demo.db")
    load_demo(store)
    yield store
    store.close()


def _by_title(store: Store) -> dict[str, Article]:
    return {a.title: a for a in store.articles()}


def test_sample_files_ship_with_the_package() -> None:
    data = demo_feed_bytes()
    assert set(data) == {name for name, _url, _tags in DEMO_FEEDS}
    assert all(raw.startswith(b"<?xml") for raw in data.values())
    # Both parser paths: RSS 2.0 and Atom.
    assert sum(b"<rss" in raw for raw in data.values()) == 2
    assert sum(b'xmlns="http://www.w3.org/2005/Atom"' in raw for raw in data.values()) == 1


def test_demo_feeds_and_tags(demo_store: Store) -> None:
    feeds = {f.title: f for f in demo_store.list_feeds()}
    assert set(feeds) == {"Harbour Herald", "Northern Ledger", "Tech Tidings"}
    assert feeds["Harbour Herald"].tags == ["local"]
    assert feeds["Northern Ledger"].tags == ["economy", "world"]
    assert feeds["Tech Tidings"].tags == ["science", "tech"]
    assert {f.url for f in feeds.values()} == {url for _name, url, _tags in DEMO_FEEDS}
    assert all(f.last_error is None for f in feeds.values())
    tags = [t for t, _unread in demo_store.tags()]
    assert tags == ["economy", "local", "science", "tech", "world"]
    assert (feeds["Harbour Herald"].total, feeds["Northern Ledger"].total) == (4, 3)
    assert feeds["Tech Tidings"].total == 2


def test_demo_articles(demo_store: Store) -> None:
    articles = _by_title(demo_store)
    assert set(articles) == set(FULL_ARTICLES) | {TEASER}
    for title, (feed, author, published) in FULL_ARTICLES.items():
        a = articles[title]
        assert a.feed_title == feed
        assert a.author == author
        assert a.published == _ts(published)
        assert a.url and a.url.startswith("https://example.com/")
        assert not a.read and not a.starred and a.full_text is None
        words = len(a.text.split())
        assert 350 <= words <= 700, (title, words)
        assert "<p>" not in a.text and "<h2>" not in a.text
        assert a.text.count("\n\n") >= 8, title  # paragraphs survive the HTML → text step
    strike = articles[PORT_STRIKE].text
    assert "Operators call demands" in strike  # a sub-heading
    assert "REUTERS/Ilka Dovan" in strike  # the caption
    assert "“dead on arrival”" in strike  # curly quotes kept
    assert len({a.guid for a in articles.values()}) == len(articles)


def test_teaser_is_short_and_not_fetched(demo_store: Store) -> None:
    teaser = _by_title(demo_store)[TEASER]
    assert teaser.feed_title == "Harbour Herald"
    assert len(teaser.text.split()) < 60
    assert teaser.full_text is None
    assert teaser.url and teaser.url.startswith("https://example.com/harbour-herald/")


def test_load_demo_twice_changes_nothing(demo_store: Store) -> None:
    before = [(a.guid, a.title, a.text) for a in demo_store.articles()]
    load_demo(demo_store)
    assert [(a.guid, a.title, a.text) for a in demo_store.articles()] == before
    assert len(demo_store.list_feeds()) == 3


def test_every_demo_article_has_key_points(demo_store: Store) -> None:
    for title in FULL_ARTICLES:
        article = _by_title(demo_store)[title]
        summary = summarize_article(article.body, title=article.title)
        assert len(summary.key_points) >= 2, title
        for point in summary.key_points:
            assert point.text.strip()
            assert "FILE PHOTO" not in point.text and "REUTERS/" not in point.text  # no caption


def test_who_said_what_on_the_most_quoted_article(demo_store: Store) -> None:
    article = _by_title(demo_store)[PORT_STRIKE]
    speakers = {s.name: s for s in summarize_article(article.body, title=article.title).speakers}
    assert "Declan Ferris" in speakers
    ferris = speakers["Declan Ferris"]
    assert any("rain" in st.text for st in ferris.statements if st.kind == "direct")
    assert "Priya Albescu" in speakers


def test_screenshot_clock_is_after_every_demo_article(tmp_path: Path) -> None:
    from tui.dates import age
    from tui.screenshots import NOW

    with Store(tmp_path / "demo.db") as store:
        load_demo(store)
        dates = [a.published for a in store.articles() if a.published is not None]
    assert dates and max(dates) < NOW  # no article from the future: ages never read "0m"
    assert "0m" not in {age(d, NOW) for d in dates}
    assert max(NOW - d for d in dates) < 14 * 86400  # and they read in hours and days
