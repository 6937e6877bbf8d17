"""The SQLite store: subscriptions, articles, marks, full text, cached digests.

One file, WAL mode, schema versioned with ``PRAGMA user_version``. Every write
that belongs together (one feed's refresh) is one transaction, so a crash or a
kill never leaves half a feed and never loses read/starred marks.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .models import Article, Feed, FullTextPolicy, ParsedEntry, ParsedFeed
from .sanitize import clean_line, clean_text
from .schema import FEED_TITLE, INDEX_ARTICLES, MIGRATIONS, SCHEMA_VERSION, SORT, select_rows

T = TypeVar("T")


class StoreError(Exception):
    """The store cannot be opened or written (one-line reason)."""


_ARTICLE_COLUMNS = f"""
    a.id, a.feed_id, {FEED_TITLE}, a.guid, a.url, a.title,
    a.author, a.published, a.text, a.full_text, a.read, a.starred
"""


def _open_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    """Read a store we may not write. `mode=ro` still needs the WAL index (`-shm`), which a
    read-only folder cannot hold; then the file is opened as immutable (no writer can use
    it either: a writer needs that index too; a WAL left by a crash is then not read)."""
    from urllib.request import pathname2url

    for params in ("mode=ro", "immutable=1"):
        db = sqlite3.connect(
            f"file:{pathname2url(str(path))}?{params}", uri=True, timeout=timeout,
            isolation_level=None,
        )  # fmt: skip
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error:
            db.close()
            if params == "immutable=1":
                raise
    raise AssertionError("unreachable")


def content_hash(text: str) -> str:
    """Key for cached digests: the same text gives the same digest."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass(slots=True)
class ArticleFilter:
    """Which articles a list shows; every field narrows the selection."""

    feed_ids: Sequence[int] | None = None
    tags: Sequence[str] | None = None
    unread: bool = False
    starred: bool = False
    since: float | None = None  # unix time; by published date, else fetch time
    search: str | None = None  # FTS5 over title and text


@dataclass(slots=True)
class ArticleRow:
    """What one row of an article list shows: an article without its bodies."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    published: float | None
    read: bool
    starred: bool


class Store:
    """A newsdesk store on disk. Not shared between threads: open one per thread."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0, readonly: bool = False):
        self.path = Path(path)
        self._searches: dict[str, tuple[str, str | None]] = {}  # search text -> (query, problem)
        try:
            if readonly:
                self.db = _open_readonly(self.path, timeout)
            else:
                if str(path) != ":memory:":
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                self._migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open store {self.path}: {_reason(exc)}") from None

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write store {self.path}: {_reason(exc)}") from None
        try:
            yield self.db
        except sqlite3.Error as exc:  # disk full, read-only file, I/O error: one clear line
            self._rollback()
            raise StoreError(f"cannot write store {self.path}: {_reason(exc)}") from None
        except BaseException:
            self._rollback()
            raise
        try:
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"cannot write store {self.path}: {_reason(exc)}") from None

    def _rollback(self) -> None:
        # SQLite may already have rolled back (SQLITE_FULL, SQLITE_IOERR): don't mask the cause.
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.path} is from a newer newsdesk (schema {version} > {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return
        with self.transaction() as db:
            for step in range(version, SCHEMA_VERSION):
                for statement in _split_sql(MIGRATIONS[step]):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- feeds -------------------------------------------------------------

    def add_feed(
        self,
        url: str,
        *,
        title: str | None = None,
        tags: Iterable[str] = (),
        policy: FullTextPolicy = "short",
    ) -> tuple[Feed, bool]:
        """Subscribe; returns (feed, created). An existing URL gets the new tags and title."""
        url = clean_line(url)
        with self.transaction() as db:
            row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            created = row is None
            if created:
                cur = db.execute(
                    "INSERT INTO feeds(url, user_title, policy, added) VALUES (?, ?, ?, ?)",
                    (url, clean_line(title) or None, policy, time.time()),
                )
                feed_id = int(cur.lastrowid or 0)
            else:
                feed_id = row[0]
                if title:
                    db.execute(
                        "UPDATE feeds SET user_title = ? WHERE id = ?", (clean_line(title), feed_id)
                    )
            db.executemany(
                "INSERT OR IGNORE INTO feed_tags(feed_id, tag) VALUES (?, ?)",
                [(feed_id, clean_line(t)) for t in tags if clean_line(t)],
            )
        feed = self.get_feed(feed_id)
        assert feed is not None
        return feed, created

    def add_feeds(
        self, subscriptions: Iterable[tuple[str, str | None, Iterable[str]]]
    ) -> tuple[int, int]:
        """Subscribe to many (url, title, tags) at once, in one transaction (an import is
        all or nothing); returns (feeds seen, feeds created). Existing feeds get the tags
        and, when given, the title."""
        seen = created = 0
        with self.transaction() as db:
            for url, title, tags in subscriptions:
                url = clean_line(url)
                if not url:
                    continue
                seen += 1
                row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
                if row is None:
                    cur = db.execute(
                        "INSERT INTO feeds(url, user_title, added) VALUES (?, ?, ?)",
                        (url, clean_line(title) or None, time.time()),
                    )
                    feed_id = int(cur.lastrowid or 0)
                    created += 1
                else:
                    feed_id = row[0]
                    if title:
                        db.execute(
                            "UPDATE feeds SET user_title = ? WHERE id = ?",
                            (clean_line(title), feed_id),
                        )
                db.executemany(
                    "INSERT OR IGNORE INTO feed_tags(feed_id, tag) VALUES (?, ?)",
                    [(feed_id, clean_line(t)) for t in tags if clean_line(t)],
                )
        return seen, created

    def remove_feed(self, feed_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def set_policy(self, feed_id: int, policy: FullTextPolicy) -> None:
        with self.transaction() as db:
            db.execute("UPDATE feeds SET policy = ? WHERE id = ?", (policy, feed_id))

    def get_feed(self, feed_id: int) -> Feed | None:
        feeds = self._feeds("WHERE f.id = ?", (feed_id,))
        return feeds[0] if feeds else None

    def list_feeds(self) -> list[Feed]:
        """All subscriptions with unread/total counts, in natural title order (2 before 10)."""
        return sorted(self._feeds("", ()), key=lambda f: natural_key(f.title))

    def find_feeds(self, name: str) -> list[Feed]:
        """Feeds whose title or URL is `name` (case-insensitive), else whose title contains it."""
        key = name.casefold()
        feeds = self.list_feeds()
        exact = [f for f in feeds if key in (f.title.casefold(), f.url.casefold())]
        return exact or [f for f in feeds if key in f.title.casefold()]

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with its unread count."""
        rows = self.db.execute(
            """SELECT t.tag, count(a.id) FROM feed_tags t
               LEFT JOIN articles a ON a.feed_id = t.feed_id AND a.read = 0
               GROUP BY t.tag ORDER BY t.tag COLLATE NOCASE"""
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def _feeds(self, where: str, params: tuple[object, ...]) -> list[Feed]:
        rows = self.db.execute(
            f"""SELECT f.id, f.url, coalesce(f.user_title, f.feed_title, f.url), f.site_url,
                       f.policy, f.etag, f.last_modified, f.last_success, f.last_error,
                       -- INDEXED BY: left alone, SQLite picks the partial "unread" index
                       -- and scans every unread article once per feed.
                       (SELECT count(*) FROM articles a INDEXED BY articles_feed_date
                        WHERE a.feed_id = f.id AND a.read = 0),
                       (SELECT count(*) FROM articles a WHERE a.feed_id = f.id),
                       (SELECT group_concat(tag, char(31)) FROM
                            (SELECT tag FROM feed_tags t WHERE t.feed_id = f.id ORDER BY tag)),
                       f.retry_after
                FROM feeds f {where}
                ORDER BY coalesce(f.user_title, f.feed_title, f.url) COLLATE NOCASE, f.id""",
            params,
        ).fetchall()
        return [
            Feed(
                id=r[0],
                url=r[1],
                title=r[2],
                site_url=r[3],
                policy=r[4],
                etag=r[5],
                last_modified=r[6],
                last_success=r[7],
                last_error=r[8],
                unread=r[9],
                total=r[10],
                tags=r[11].split("\x1f") if r[11] else [],
                retry_after=r[12],
            )
            for r in rows
        ]

    # -- refresh results ---------------------------------------------------

    def save_feed(
        self,
        feed_id: int,
        parsed: ParsedFeed,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        problem: str | None = None,
    ) -> int:
        """Store one fetched feed in one transaction; returns how many articles are new.

        Known articles (same feed + guid) get their title/text updated; read and
        starred marks are never touched.
        """
        return len(
            self.save_parsed(
                feed_id, parsed, etag=etag, last_modified=last_modified, problem=problem
            )
        )

    def save_parsed(
        self,
        feed_id: int,
        parsed: ParsedFeed,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        problem: str | None = None,
    ) -> list[int]:
        """`save_feed`, returning the ids of the new articles (for full-text prefetch)."""
        now = time.time()
        new: list[int] = []
        with self.transaction() as db:
            db.execute(
                """UPDATE feeds SET feed_title = ?, site_url = coalesce(?, site_url), etag = ?,
                   last_modified = ?, last_attempt = ?, last_success = ?, last_error = ?,
                   retry_after = NULL WHERE id = ?""",
                (
                    clean_line(parsed.title) or None,
                    clean_line(parsed.site_url) or None,
                    # Sent back as request headers: a control character there would fail
                    # every later refresh of this feed.
                    clean_line(etag)[:1000] or None,
                    clean_line(last_modified)[:200] or None,
                    now,
                    now,
                    clean_line(problem)[:500] or None,
                    feed_id,
                ),
            )
            entries: dict[str, ParsedEntry] = {}
            for e in parsed.entries:  # the first of duplicate guids wins
                guid = clean_line(e.guid)[:2048]
                if guid and guid not in entries:
                    entries[guid] = e
            # Known articles in a few queries, not one per entry (a refresh is mostly known).
            known: dict[str, tuple[int, str, str]] = {}
            guids = list(entries)
            for start in range(0, len(guids), 500):
                chunk = guids[start : start + 500]
                for row in db.execute(
                    "SELECT guid, id, title, text FROM articles WHERE feed_id = ? AND guid IN "
                    f"({','.join('?' * len(chunk))})",
                    (feed_id, *chunk),
                ):
                    known[row[0]] = (row[1], row[2], row[3])
            for guid, e in entries.items():
                title = clean_line(e.title)
                text = clean_text(e.text)
                row = known.get(guid)
                if row is None:
                    cur = db.execute(
                        """INSERT INTO articles(feed_id, guid, url, title, author, published,
                           fetched, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                        (
                            feed_id,
                            guid,
                            clean_line(e.url) or None,
                            title,
                            clean_line(e.author) or None,
                            e.published,
                            now,
                            text,
                        ),
                    )
                    new.append(int(cur.lastrowid or 0))
                elif (row[1], row[2]) != (title, text):
                    db.execute(
                        "UPDATE articles SET title = ?, text = ?, url = ? WHERE id = ?",
                        (title, text, clean_line(e.url) or None, row[0]),
                    )
            if new:
                db.execute(INDEX_ARTICLES, (json.dumps(new),))
        return new

    def mark_not_modified(self, feed_id: int) -> None:
        """A 304: only the bookkeeping changes."""
        now = time.time()
        with self.transaction() as db:
            db.execute(
                """UPDATE feeds SET last_attempt = ?, last_success = ?, last_error = NULL,
                   retry_after = NULL WHERE id = ?""",
                (now, now, feed_id),
            )

    def record_error(self, feed_id: int, error: str, *, retry_after: float | None = None) -> None:
        """A failed fetch: keep every article, remember the one-line reason."""
        with self.transaction() as db:
            db.execute(
                "UPDATE feeds SET last_attempt = ?, last_error = ?, retry_after = ? WHERE id = ?",
                (time.time(), clean_line(error)[:500], retry_after, feed_id),
            )

    def retry_after(self, feed_id: int) -> float | None:
        row = self.db.execute("SELECT retry_after FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        return row[0] if row else None

    # -- articles ----------------------------------------------------------

    def _where(self, flt: ArticleFilter | None) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if flt is None:
            return "", params
        if flt.feed_ids is not None:
            ids = list(flt.feed_ids) or [-1]
            clauses.append(f"a.feed_id IN ({','.join('?' * len(ids))})")
            params += ids
        if flt.tags:
            tags = list(flt.tags)
            clauses.append(
                f"a.feed_id IN (SELECT feed_id FROM feed_tags WHERE tag IN "
                f"({','.join('?' * len(tags))}))"
            )
            params += tags
        if flt.unread:
            clauses.append("a.read = 0")
        if flt.starred:
            clauses.append("a.starred = 1")
        if flt.since is not None:
            clauses.append("coalesce(a.published, a.fetched) >= ?")
            params.append(flt.since)
        if flt.search and flt.search.strip():
            query, _ = self.search_query(flt.search)
            if query:
                clauses.append(
                    "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                )
                params.append(query)
            else:
                clauses.append("0")  # nothing searchable (e.g. `AND` alone): nothing matches
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def search_query(self, text: str) -> tuple[str, str | None]:
        """A search as the FTS5 query to run, and what was wrong with it (None: nothing).

        FTS5 syntax works (OR, AND, NOT, "phrases", prefix*, brackets); a malformed
        search falls back to its words, all required, and says why."""
        from .search import fts_query, literal_query

        found = self._searches.get(text)
        if found is not None:
            return found
        query, problem = fts_query(text), None
        try:
            self.db.execute(
                "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)
            ).fetchall()
        except sqlite3.OperationalError:
            query = literal_query(text)
            problem = (
                "not valid search syntax (unbalanced quotes or brackets, or AND/OR/NOT "
                "without a word on each side): searched for the words instead"
                if query
                else "nothing to search for: AND, OR and NOT join words, e.g. ferry OR flood"
            )
        if len(self._searches) > 64:
            self._searches.clear()
        self._searches[text] = (query, problem)
        return query, problem

    def articles(
        self, flt: ArticleFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[Article]:
        """Articles newest first; page with limit/offset (lists never load everything)."""
        where, params = self._where(flt)
        sql = f"""SELECT {_ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id
                  {where} ORDER BY {SORT}"""
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_article(r) for r in self.db.execute(sql, params)]

    def article_ids(self, flt: ArticleFilter | None = None) -> list[int]:
        """Just the ids, newest first: cheap even for 100,000 articles."""
        where, params = self._where(flt)
        sql = f"SELECT a.id FROM articles a {where} ORDER BY {SORT}"
        return [r[0] for r in self.db.execute(sql, params)]

    def count(self, flt: ArticleFilter | None = None) -> int:
        where, params = self._where(flt)
        return int(
            self.db.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]
        )

    def get_article(self, article_id: int) -> Article | None:
        row = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
            "WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return _article(row) if row else None

    def get_articles(self, ids: Sequence[int]) -> list[Article]:
        """Articles by id, in the order given (unknown ids skipped)."""
        select = f"SELECT {_ARTICLE_COLUMNS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
        return self._by_id(ids, lambda where: select + where, _article)

    def rows(
        self, flt: ArticleFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[ArticleRow]:
        """`articles` without the bodies: the same rows in the same order, for lists."""
        where, params = self._where(flt)
        if limit is not None:
            params += [limit, offset]
        sql = select_rows(where, paged=limit is not None)
        return [_row(r) for r in self.db.execute(sql, params)]

    def get_rows(self, ids: Sequence[int]) -> list[ArticleRow]:
        """`get_articles` without the bodies: list rows by id, in the order given."""
        return self._by_id(ids, select_rows, _row)

    def _by_id(
        self, ids: Sequence[int], select: Callable[[str], str], make: Callable[[Any], T]
    ) -> list[T]:
        """Rows by id in the order given (unknown ids skipped), 500 ids a query."""
        found: dict[int, T] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            where = f"WHERE a.id IN ({','.join('?' * len(chunk))})"
            found.update((r[0], make(r)) for r in self.db.execute(select(where), chunk))
        return [found[i] for i in ids if i in found]

    def set_read(self, ids: Iterable[int], read: bool = True) -> None:
        with self.transaction() as db:
            db.executemany(
                "UPDATE articles SET read = ? WHERE id = ?", [(int(read), i) for i in ids]
            )

    def mark_all_read(self, flt: ArticleFilter | None = None) -> int:
        where, params = self._where(flt)
        where = f"{where} AND a.read = 0" if where else "WHERE a.read = 0"
        with self.transaction() as db:
            cur = db.execute(
                f"UPDATE articles SET read = 1 WHERE id IN (SELECT a.id FROM articles a {where})",
                params,
            )
            return cur.rowcount

    def set_starred(self, article_id: int, starred: bool) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    def set_full_text(self, article_id: int, text: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE articles SET full_text = ? WHERE id = ?", (clean_text(text), article_id)
            )

    # -- digests -----------------------------------------------------------

    def get_digest(self, text_hash: str, version: str) -> str | None:
        row = self.db.execute(
            "SELECT data FROM digests WHERE content_hash = ? AND version = ?", (text_hash, version)
        ).fetchone()
        return row[0] if row else None

    def put_digest(self, text_hash: str, version: str, data: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO digests(content_hash, version, data) VALUES (?, ?, ?)",
                (text_hash, version, data),
            )

    # -- who said what across articles ------------------------------------

    def quote_source(self, article_id: int) -> tuple[str, str] | None:
        """(content hash, summariser version) the article's statements were made from."""
        row = self.db.execute(
            "SELECT content_hash, version FROM quote_sources WHERE article_id = ?", (article_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def put_statements(
        self,
        article_id: int,
        text_hash: str,
        version: str,
        rows: Sequence[tuple[str, str, str | None, str, str, str | None, int]],
    ) -> None:
        """Replace the article's statements: rows of (speaker key, speaker, role, kind,
        text, cue, paragraph)."""
        with self.transaction() as db:
            db.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))
            db.executemany(
                "INSERT INTO statements(article_id, position, speaker_key, speaker, role, kind,"
                " text, cue, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(article_id, i, *r) for i, r in enumerate(rows)],
            )
            db.execute(
                "INSERT OR REPLACE INTO quote_sources(article_id, content_hash, version)"
                " VALUES (?, ?, ?)",
                (article_id, text_hash, version),
            )

    def statement_rows(
        self, since: float | None = None, article_ids: Sequence[int] | None = None
    ) -> list[tuple[object, ...]]:
        """Stored statements, newest article first: (speaker key, speaker, role, kind, text,
        cue, paragraph, article id, title, url, published or fetched, feed title)."""
        where = []
        params: list[object] = []
        if since is not None:
            where.append("coalesce(a.published, a.fetched) >= ?")
            params.append(since)
        if article_ids is not None:
            where.append("a.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(article_ids)))
        sql = (
            "SELECT s.speaker_key, s.speaker, s.role, s.kind, s.text, s.cue, s.paragraph,"
            f" a.id, a.title, a.url, coalesce(a.published, a.fetched), {FEED_TITLE}"
            " FROM statements s JOIN articles a ON a.id = s.article_id"
            " JOIN feeds f ON f.id = a.feed_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {SORT}, s.position"
        return [tuple(r) for r in self.db.execute(sql, params)]

    # -- maintenance -------------------------------------------------------

    def integrity_check(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for people: "Feed 2" before "Feed 10", case ignored."""
    parts = _DIGITS.split(text.casefold())
    return tuple((0, int(p)) if i % 2 else (1, p) for i, p in enumerate(parts))


def _article(r: Sequence[object]) -> Article:
    return Article(
        id=r[0],  # type: ignore[arg-type]
        feed_id=r[1],  # type: ignore[arg-type]
        feed_title=r[2],  # type: ignore[arg-type]
        guid=r[3],  # type: ignore[arg-type]
        url=r[4],  # type: ignore[arg-type]
        title=r[5],  # type: ignore[arg-type]
        author=r[6],  # type: ignore[arg-type]
        published=r[7],  # type: ignore[arg-type]
        text=r[8],  # type: ignore[arg-type]
        full_text=r[9],  # type: ignore[arg-type]
        read=bool(r[10]),
        starred=bool(r[11]),
    )


def _row(r: Sequence[object]) -> ArticleRow:
    return ArticleRow(
        id=r[0],  # type: ignore[arg-type]
        feed_id=r[1],  # type: ignore[arg-type]
        feed_title=r[2],  # type: ignore[arg-type]
        title=r[3],  # type: ignore[arg-type]
        published=r[4],  # type: ignore[arg-type]
        read=bool(r[5]),
        starred=bool(r[6]),
    )


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (triggers hold `;` inside BEGIN … END)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
