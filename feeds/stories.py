"""Story ids in the store: new articles join an open story or start one.

    assign_stories(store)            # after a refresh has written its feeds

An open story has a member published (or fetched) within the window (3 days by
default, `[stories] window`). Ungrouped articles older than that start a story of their
own. Each article's event terms are kept (`articles.story_terms`), so grouping new
articles never re-reads old texts. The whole step is one transaction: a kill leaves
every new article either ungrouped (grouped next time) or grouped, never half.

Story digests are cached like article digests: keyed by a hash of the members'
content hashes and the summariser version, so a new member means a new digest.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from summarize import STORY_DIGEST_VERSION, SUMMARIZER_VERSION, StoryItem, StorySummary
from summarize.stories.group import Doc, StoryIndex
from summarize.stories.represent import terms

from .schema import FEED_TITLE
from .store import Store, content_hash

WINDOW = 3 * 86400.0  # seconds a story stays open after its newest member
_TERMS_KEPT = 50  # the heaviest terms kept per article (what grouping compares)


def _when(ts: float | None) -> datetime | None:
    return datetime.fromtimestamp(ts, UTC) if ts is not None else None


def _kept(t: dict[str, float]) -> dict[str, float]:
    if len(t) <= _TERMS_KEPT:
        return t
    return dict(sorted(t.items(), key=lambda kv: -kv[1])[:_TERMS_KEPT])


def assign_stories(store: Store, *, window: float = WINDOW, now: float | None = None) -> int:
    """Give every ungrouped article a story id; returns how many were grouped.

    Reads, groups outside any transaction (a refresh may write meanwhile), then writes
    every placement in one transaction, each only if its article is still ungrouped.
    """
    now = time.time() if now is None else now
    since = now - window
    db = store.db
    with store.transaction():  # outside the window: a story of its own, in one statement
        old = db.execute(
            """UPDATE articles SET story = id
               WHERE story IS NULL AND coalesce(published, fetched) < ?""",
            (since,),
        ).rowcount
    fresh = db.execute(
        """SELECT id, title, coalesce(full_text, text), coalesce(published, fetched)
           FROM articles WHERE story IS NULL ORDER BY coalesce(published, fetched), id"""
    ).fetchall()
    if not fresh:
        return old
    members = [
        Doc(str(r[0]), json.loads(r[2]), _when(r[3]), str(r[1]))
        for r in db.execute(
            """SELECT id, story, story_terms, coalesce(published, fetched) FROM articles
               WHERE story IS NOT NULL AND story_terms IS NOT NULL
               AND coalesce(published, fetched) >= ?""",
            (since,),
        )
    ]
    index = StoryIndex.build(members, max_gap=timedelta(seconds=window))
    new = [Doc(str(r[0]), _kept(terms(r[1], r[2] or "")), _when(r[3])) for r in fresh]
    placed = index.add(new)
    with store.transaction() as tx:
        tx.executemany(
            "UPDATE articles SET story = ?, story_terms = ? WHERE id = ? AND story IS NULL",
            [(int(placed[d.id]), json.dumps(d.terms), int(d.id)) for d in new],
        )
    return old + len(new)


@dataclass(slots=True)
class StoryRow:
    """One story as lists show it."""

    id: int
    title: str  # the headline of its first member (see `story_summary` for the best)
    sources: int  # distinct feeds
    articles: int
    newest: float
    oldest: float
    unread: int
    member_ids: list[int]
    times: list[float]  # each member's time, oldest first (for a sparkline)


def list_stories(
    store: Store, *, since: float | None = None, min_sources: int = 1
) -> list[StoryRow]:
    """Stories with a member since `since`, most sources first, then newest."""
    rows = store.db.execute(
        f"""SELECT a.story, a.id, a.feed_id, a.title, coalesce(a.published, a.fetched), a.read
            FROM articles a WHERE a.story IN (
                SELECT story FROM articles WHERE story IS NOT NULL
                {"AND coalesce(published, fetched) >= ?" if since is not None else ""})
            ORDER BY coalesce(a.published, a.fetched), a.id""",
        (since,) if since is not None else (),
    ).fetchall()
    stories: dict[int, StoryRow] = {}
    feeds: dict[int, set[int]] = {}
    for story, aid, feed_id, title, when, read in rows:
        st = stories.get(story)
        if st is None:
            st = stories[story] = StoryRow(story, title or "", 0, 0, when, when, 0, [], [])
            feeds[story] = set()
        feeds[story].add(feed_id)
        st.articles += 1
        st.newest = max(st.newest, when)
        st.unread += 0 if read else 1
        st.member_ids.append(aid)
        st.times.append(when)
        if not st.title and title:
            st.title = title
    out = []
    for sid, st in stories.items():
        st.sources = len(feeds[sid])
        if st.sources >= min_sources:
            out.append(st)
    out.sort(key=lambda s: (-s.sources, -s.newest, -s.id))
    return out


def story_items(store: Store, member_ids: Sequence[int]) -> list[StoryItem]:
    """The members as `summarize.StoryItem`s (full text when fetched), oldest first;
    `source` is the feed's name."""
    ids = json.dumps([int(i) for i in member_ids])
    rows = store.db.execute(
        f"""SELECT a.id, a.title, coalesce(a.full_text, a.text), coalesce(a.published, a.fetched),
                   {FEED_TITLE}
            FROM articles a JOIN feeds f ON f.id = a.feed_id
            WHERE a.id IN (SELECT value FROM json_each(?))
            ORDER BY coalesce(a.published, a.fetched), a.id""",
        (ids,),
    ).fetchall()
    return [StoryItem(str(r[0]), r[1] or None, r[2] or "", _when(r[3]), r[4]) for r in rows]


def story_hash(items: Sequence[StoryItem]) -> str:
    """The cache key of a story's digest: its members' content, in order, and the
    story digest's version."""
    h = hashlib.sha256(f"v{STORY_DIGEST_VERSION}\0".encode())
    for i in items:
        h.update(f"{i.id}\0{content_hash((i.title or '') + chr(0) + i.text)}\0".encode())
    return "story:" + h.hexdigest()


def story_summary(store: Store, member_ids: Sequence[int]) -> tuple[list[StoryItem], StorySummary]:
    """The story's digest, from the cache when its members have not changed."""
    from summarize import summarize_story

    items = story_items(store, member_ids)
    key = story_hash(items)
    cached = store.get_digest(key, SUMMARIZER_VERSION)
    if cached is not None:
        try:
            return items, StorySummary.from_dict(json.loads(cached))
        except (ValueError, KeyError, TypeError):
            pass
    summary = summarize_story(items)
    store.put_digest(key, SUMMARIZER_VERSION, json.dumps(summary.to_dict(), default=str))
    return items, summary
