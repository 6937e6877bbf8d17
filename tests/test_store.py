"""The store: migrations, dedupe by feed + guid, marks kept across refreshes, import in one go."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from feeds.models import Article, ParsedEntry, ParsedFeed
from feeds.store import SCHEMA_VERSION, ArticleFilter, ArticleRow, Store, StoreError


def feed(*guids: str, text: str = "body") -> ParsedFeed:
    return ParsedFeed(
        title="F",
        site_url="http://example.test/",
        entries=[
            ParsedEntry(guid=g, url=f"http://example.test/{g}", title=g, text=text) for g in guids
        ],
    )


def test_new_store_is_migrated_and_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    with pytest.raises(StoreError, match="newer newsdesk"):
        Store(db)


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as s:
        f, _ = s.add_feed("http://example.test/f.xml", tags=["news"])
        s.save_feed(f.id, feed("a", "b"))
    with Store(db) as s:
        assert s.count() == 2 and s.list_feeds()[0].tags == ["news"]


def test_dedupe_and_marks_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        f, _ = s.add_feed("http://example.test/f.xml")
        assert s.save_feed(f.id, feed("a", "b", "a")) == 2  # duplicate guid in one feed
        a = next(x for x in s.articles() if x.guid == "a")
        s.set_read([a.id])
        s.set_starred(a.id, True)
        assert s.save_feed(f.id, feed("a", "b", "c", text="new body")) == 1
        again = s.get_article(a.id)
        assert again is not None and again.read and again.starred and again.text == "new body"
        assert s.count() == 3 and s.count(ArticleFilter(unread=True)) == 2


def test_same_guid_in_two_feeds_is_two_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        f1, _ = s.add_feed("http://example.test/1.xml")
        f2, _ = s.add_feed("http://example.test/2.xml")
        s.save_feed(f1.id, feed("x"))
        s.save_feed(f2.id, feed("x"))
        assert s.count() == 2


def test_save_parsed_returns_new_ids(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        f, _ = s.add_feed("http://example.test/f.xml")
        ids = s.save_parsed(f.id, feed("a", "b"))
        assert sorted(ids) == sorted(s.article_ids())
        assert s.save_parsed(f.id, feed("a", "b")) == []


def test_add_feeds_in_one_transaction(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        s.add_feed("http://example.test/a.xml", tags=["old"])
        seen, created = s.add_feeds(
            [("http://example.test/a.xml", "A", ["new"]), ("http://example.test/b.xml", None, [])]
        )
        assert (seen, created) == (2, 1)
        a = s.find_feeds("A")[0]
        assert a.tags == ["new", "old"]


def test_errors_retry_after_and_not_modified(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        f, _ = s.add_feed("http://example.test/f.xml")
        s.save_feed(f.id, feed("a"), etag='"1"', last_modified="Mon")
        s.record_error(f.id, "HTTP 429\nmore", retry_after=123.0)
        got = s.get_feed(f.id)
        assert got is not None and got.last_error == "HTTP 429 more" and got.retry_after == 123.0
        assert got.etag == '"1"' and s.count() == 1  # an error loses nothing
        s.mark_not_modified(f.id)
        got = s.get_feed(f.id)
        assert got is not None and got.last_error is None and got.retry_after is None


def test_search_and_filters(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        f, _ = s.add_feed("http://example.test/f.xml", tags=["t"])
        s.save_feed(
            f.id,
            ParsedFeed(
                "F", None, [ParsedEntry("g", None, "Harbour plan", text="The council agreed")]
            ),
        )
        assert s.count(ArticleFilter(search="council")) == 1
        assert s.count(ArticleFilter(tags=["t"])) == 1
        assert s.count(ArticleFilter(tags=["other"])) == 0


def test_search_follows_new_changed_and_deleted_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as s:
        f, _ = s.add_feed("http://example.test/f.xml")
        s.save_feed(f.id, feed("a", "b", text="the harbour plan"))
        assert s.count(ArticleFilter(search="harbour")) == 2
        s.save_feed(f.id, feed("a", "b", "c", text="the ferry timetable"))  # text changed
        assert s.count(ArticleFilter(search="harbour")) == 0
        assert s.count(ArticleFilter(search="ferry")) == 3
        s.remove_feed(f.id)
        assert s.count(ArticleFilter(search="ferry")) == 0
        s.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_version_1_store_is_migrated_and_stays_searchable(tmp_path: Path) -> None:
    from feeds.schema import MIGRATIONS
    from feeds.store import _split_sql

    db = tmp_path / "v1.db"
    con = sqlite3.connect(db, isolation_level=None)
    for statement in _split_sql(MIGRATIONS[0]):  # a store written by the first release
        con.execute(statement)
    con.execute("PRAGMA user_version = 1")
    con.execute("INSERT INTO feeds(url, added) VALUES ('http://example.test/f.xml', 0)")
    con.execute(
        "INSERT INTO articles(feed_id, guid, title, fetched, text, read)"
        " VALUES (1, 'old', 'Old', 0, 'the old harbour story', 1)"
    )
    con.close()
    with Store(db) as s:
        s.save_feed(1, feed("new", text="a new harbour story"))
        assert s.count(ArticleFilter(search="harbour")) == 2
        assert s.count(ArticleFilter(unread=True)) == 1  # the old mark survived the migration
        s.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_list_rows_match_articles_without_bodies(tmp_path: Path) -> None:
    big = "A long body about the harbour. " * 20_000  # ~600 kB each
    with Store(tmp_path / "s.db") as s:
        one, _ = s.add_feed("http://example.test/one.xml", title="One", tags=["t"])
        two, _ = s.add_feed("http://example.test/two.xml")
        s.save_feed(
            one.id,
            ParsedFeed(
                "F1",
                None,
                [
                    ParsedEntry(f"a{i}", None, f"One {i}", published=1000.0 + i % 3, text=big)
                    for i in range(6)
                ],
            ),
        )
        s.save_feed(two.id, feed("b1", "b2", "b3", text="council"))  # undated: by fetch time
        ids = s.article_ids()
        s.set_read(ids[:2])
        s.set_starred(ids[3], True)

        def light(a: Article) -> ArticleRow:
            return ArticleRow(
                a.id, a.feed_id, a.feed_title, a.title, a.published, a.read, a.starred
            )

        for flt in (
            None,
            ArticleFilter(unread=True),
            ArticleFilter(starred=True),
            ArticleFilter(tags=["t"]),
            ArticleFilter(feed_ids=[two.id]),
            ArticleFilter(search="council"),
            ArticleFilter(since=1001.0),
        ):
            assert s.rows(flt) == [light(a) for a in s.articles(flt)], flt
        assert s.rows(limit=3, offset=2) == [light(a) for a in s.articles(limit=3, offset=2)]
        assert s.rows(ArticleFilter(starred=True))[0].starred
        assert {r.feed_title for r in s.rows()} == {"One", "F"}
        # By id, in the order asked, unknown ids skipped, like get_articles.
        asked = [ids[4], 999_999, ids[0], ids[7]]
        assert s.get_rows(asked) == [light(a) for a in s.get_articles(asked)]
        assert s.get_rows([]) == []
        assert len(s.get_rows(ids * 200)) == len(ids) * 200  # over the 500-id chunk size
