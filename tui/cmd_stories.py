"""`newsdesk stories` and `newsdesk digest --group-by story`: one event across feeds.

Articles not grouped yet (a refresh groups what it stores, unless it stores very many at
once, as a first refresh of a long list does; an older store or a refresh cut short may
leave some too) are grouped first, when the store can be written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .errors import CliError
from .plural import plural

if TYPE_CHECKING:
    from feeds.models import Article
    from feeds.store import Store
    from summarize import StorySummary


def group_pending(store: Store, config: str | None) -> None:
    """Group ungrouped articles (a read-only store is listed as it is)."""
    from feeds.store import StoreError
    from feeds.stories import assign_stories

    from .config import load_settings
    from .paths import config_path

    window = load_settings(config_path(config)).story_window
    try:
        assign_stories(store, window=window)
    except StoreError:
        pass


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def run_stories(args: argparse.Namespace) -> int:
    from feeds.sanitize import clean_line
    from summarize import StoryItem
    from summarize.stories.digest import best_title

    from .cmd_feeds import open_store

    if args.min_sources < 1:
        raise CliError("--min-sources must be 1 or more")
    with open_store(args, read_only_ok=True) as store:
        if not store.db.execute("PRAGMA query_only").fetchone()[0]:
            group_pending(store, getattr(args, "config", None))
        from feeds.stories import list_stories

        since = time.time() - args.since if args.since is not None else None
        stories = list_stories(store, since=since, min_sources=args.min_sources)
        ids = [i for s in stories for i in s.member_ids]
        arts = {a.id: a for a in store.get_articles(ids)} if ids else {}
    out = sys.stdout
    for st in stories:
        members = [arts[i] for i in st.member_ids if i in arts]
        title = clean_line(
            best_title([StoryItem(str(a.id), a.title, "", None, None) for a in members]) or st.title
        )
        if args.json:
            obj = {
                "id": st.id,
                "title": title,
                "sources": st.sources,
                "articles": st.articles,
                "unread": st.unread,
                "newest": _iso(st.newest),
                "oldest": _iso(st.oldest),
                "members": [
                    {
                        "id": a.id,
                        "feed": clean_line(a.feed_title),
                        "title": clean_line(a.title),
                        "url": clean_line(a.url) or None,
                        "published": _iso(a.published) if a.published is not None else None,
                        "read": a.read,
                    }
                    for a in members
                ],
            }
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        else:
            feeds = ", ".join(dict.fromkeys(clean_line(a.feed_title) for a in members))
            out.write(
                f"{st.id}\t{st.sources} sources\t{st.articles} articles\t{_iso(st.newest)}\t"
                f"{title}\t{feeds}\n"
            )
    return 0


# -- the briefing ----------------------------------------------------------------------


def story_briefing(
    store: Store,
    articles: Sequence[Article],
    *,
    title: str,
    period: str,
    generated: datetime,
    front_matter: bool = False,
) -> str:
    """The articles grouped by story as one Markdown briefing: a section per story
    (headline, sources with links, key points citing them, who said what), stories with
    the most sources first, then the newest."""
    from feeds.export import _yaml_str, md_escape
    from feeds.stories import story_summary

    by_story: dict[int, list[Article]] = {}
    story_of = _story_ids(store, [a.id for a in articles])
    for a in articles:
        by_story.setdefault(story_of.get(a.id, a.id), []).append(a)

    sections: list[tuple[int, float, int, str]] = []
    for sid, members in by_story.items():
        items, summary = story_summary(store, [a.id for a in members])
        feeds = {a.feed_id for a in members}
        newest = max((a.published or 0.0) for a in members)
        sections.append((len(feeds), newest, sid, _section(summary, members, items)))
    sections.sort(key=lambda s: (-s[0], -s[1], s[2]))

    lines: list[str] = []
    if front_matter:
        lines += [
            "---",
            f"title: {_yaml_str(title)}",
            f"generated: {generated.isoformat(timespec='seconds')}",
            f"stories: {len(sections)}",
            f"articles: {len(articles)}",
            "---",
            "",
        ]
    lines += [f"# {md_escape(title)}", ""]
    lines += [f"{md_escape(period)} · {len(sections)} stories from {len(articles)} articles", ""]
    for _, _, _, text in sections:
        lines += [text.rstrip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def _story_ids(store: Store, ids: Sequence[int]) -> dict[int, int]:
    rows = store.db.execute(
        "SELECT id, story FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    )
    return {r[0]: r[1] for r in rows if r[1] is not None}


def _section(summary: StorySummary, members: Sequence[Article], items: Sequence[object]) -> str:
    from feeds.export import md_escape, safe_url
    from feeds.sanitize import clean_line

    by_id = {str(a.id): a for a in members}
    sources = {
        sid: (
            f"{clean_line(a.feed_title)}: {clean_line(a.title) or '(untitled)'}",
            safe_url(a.url),
        )
        for sid, a in by_id.items()
    }
    md = summary.to_markdown(heading_level=2, sources=sources)
    n_feeds = len({a.feed_id for a in members})
    meta = f"*{plural(n_feeds, 'source')}, {plural(len(members), 'article')}"
    dates = [a.published for a in members if a.published is not None]
    if dates:
        meta += f", latest {_iso(max(dates)).replace('T', ' ').replace('Z', ' UTC')}"
    meta += "*"
    head, _, rest = md.partition("\n\n")
    if not head.startswith("## "):  # no headline: the first member's title
        title = next((a.title for a in members if a.title), "Untitled story")
        head, rest = f"## {md_escape(title)}", md
    return f"{head}\n\n{meta}\n\n{rest}"


def cited_numbers(summary: StorySummary) -> list[int]:
    """Every [n] the key points cite (for tests and the reader)."""
    number = {sid: k + 1 for k, sid in enumerate(summary.sources)}
    return sorted({number[s] for p in summary.key_points for s in p.sources if s in number})
