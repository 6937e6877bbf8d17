"""The store's schema and the article list's query, as plain text (no imports).

Kept apart from feeds/store.py so that tui/splash.py can load this one file on
its own (before Textual, without the feeds package) and run the very SQL the
store runs: the first frame can never disagree with the list it stands in for.
"""

from __future__ import annotations

# Each entry moves the schema from version i to i+1. Append only; never edit a shipped step.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        feed_title TEXT,            -- the feed's own title
        user_title TEXT,            -- the user's rename (newsboat "~Title", OPML text)
        site_url TEXT,
        policy TEXT NOT NULL DEFAULT 'short',
        etag TEXT,
        last_modified TEXT,
        last_attempt REAL,
        last_success REAL,
        last_error TEXT,
        retry_after REAL,           -- do not fetch before this unix time (429/503 Retry-After)
        added REAL NOT NULL
    );
    CREATE TABLE feed_tags (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (feed_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX feed_tags_tag ON feed_tags(tag);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        url TEXT,
        title TEXT NOT NULL DEFAULT '',
        author TEXT,
        published REAL,
        fetched REAL NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        full_text TEXT,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        UNIQUE (feed_id, guid)
    );
    CREATE INDEX articles_date ON articles(coalesce(published, fetched) DESC, id DESC);
    CREATE INDEX articles_feed_date ON articles(feed_id, coalesce(published, fetched) DESC);
    CREATE INDEX articles_unread ON articles(read) WHERE read = 0;
    CREATE INDEX articles_starred ON articles(starred) WHERE starred = 1;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, full_text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text, full_text)
        VALUES (new.id, new.title, new.text, coalesce(new.full_text, ''));
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, full_text)
        VALUES ('delete', old.id, old.title, old.text, coalesce(old.full_text, ''));
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text, full_text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, full_text)
        VALUES ('delete', old.id, old.title, old.text, coalesce(old.full_text, ''));
        INSERT INTO articles_fts(rowid, title, text, full_text)
        VALUES (new.id, new.title, new.text, coalesce(new.full_text, ''));
    END;
    CREATE TABLE digests (
        content_hash TEXT NOT NULL,
        version TEXT NOT NULL,
        data TEXT NOT NULL,          -- JSON of summarize.Summary.to_dict()
        PRIMARY KEY (content_hash, version)
    ) WITHOUT ROWID;
    """,
    # 2: new articles are indexed by Store.save_parsed, one INSERT ... SELECT per feed in
    # the feed's own transaction: a third of the CPU of a row trigger (FTS5 per row).
    # Anything else that inserts articles must index them (INDEX_ARTICLES) itself.
    """
    DROP TRIGGER articles_ai;
    """,
    # 3: stories (one event across feeds). `story` is the id of the story's first article
    # (NULL: not grouped yet); `story_terms` the article's event terms (JSON, from
    # summarize.stories.represent) so new articles are grouped without re-reading old
    # texts. Story digests are cached in `digests` under a hash of the members' hashes.
    """
    ALTER TABLE articles ADD COLUMN story INTEGER;
    ALTER TABLE articles ADD COLUMN story_terms TEXT;
    CREATE INDEX articles_story ON articles(story) WHERE story IS NOT NULL;
    CREATE INDEX articles_ungrouped ON articles(id) WHERE story IS NULL;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# Adds the articles whose ids are bound (as a JSON array) to the full-text index.
INDEX_ARTICLES = """INSERT INTO articles_fts(rowid, title, text, full_text)
    SELECT id, title, text, coalesce(full_text, '') FROM articles
    WHERE id IN (SELECT value FROM json_each(?))"""

# The feed name every list shows: the user's rename, else the feed's title, else its URL.
FEED_TITLE = "coalesce(f.user_title, f.feed_title, f.url)"
# Newest first; the id breaks ties so the order is stable.
SORT = "coalesce(a.published, a.fetched) DESC, a.id DESC"
# What one list row shows (feeds.store.ArticleRow, in this order): no bodies.
ROW_COLUMNS = f"a.id, a.feed_id, {FEED_TITLE}, a.title, a.published, a.read, a.starred"


def select_rows(where: str = "", *, paged: bool = False) -> str:
    """SELECT the list rows matching `where`, newest first (LIMIT ? OFFSET ? when paged)."""
    sql = f"SELECT {ROW_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id {where}"
    sql += f" ORDER BY {SORT}"
    return sql + " LIMIT ? OFFSET ?" if paged else sql
