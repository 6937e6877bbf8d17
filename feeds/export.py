"""Markdown digests: render articles with their summaries, and write them to files.

Rendering is pure and deterministic (the generation time is passed in), so the
same store and options always give the same bytes. Everything from a feed is
untrusted: titles, quotes and names are escaped so `*`, `_`, `#`, `[`, `|`, `<`
and backticks render as themselves, control characters are dropped, and only
http(s) URLs become links.

Files are written atomically (a temporary file in the target folder, then a
rename), so a reader of the folder never sees half a digest.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from summarize._markdown import (
    ArticleInfo,
    article_lines,
    escape,
    heading,
    join,
    slug,
)
from summarize._markdown import safe_url as _safe_url

from .sanitize import clean_line

if TYPE_CHECKING:
    from summarize import Summary

    from .models import Article
    from .store import Store

GroupBy = Literal["feed", "tag", "none"]

# Environment variable that pins "now" (ISO 8601), for reproducible files in tests and docs.
NOW_ENV = "NEWSDESK_NOW"

MAX_STATEMENTS = 3  # per speaker in the compact who-said-what list


@dataclass(slots=True)
class DigestEntry:
    """One article in a digest: the article, its summary, and its feed's tags."""

    article: Article
    summary: Summary
    tags: list[str] = field(default_factory=list)


# -- time ------------------------------------------------------------------


def now() -> datetime:
    """The current time in UTC, or the time pinned by $NEWSDESK_NOW (ISO 8601)."""
    pinned = os.environ.get(NOW_ENV)
    if pinned:
        try:
            when = datetime.fromisoformat(pinned.strip().replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return datetime.now(UTC)


def _stamp(when: datetime) -> str:
    """A date people read: in the user's time zone ($TZ), named ("2026-03-01 13:00 CET")."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()


def _date(ts: float | None) -> str | None:
    if ts is None:
        return None
    try:
        return _stamp(datetime.fromtimestamp(ts, UTC))
    except (OverflowError, OSError, ValueError):
        return None


def period_text(since: datetime | None, until: datetime, articles: Sequence[Article] = ()) -> str:
    """The span a digest covers: the --since window, else its articles' dates."""
    if since is not None:
        return f"{_stamp(since)} to {_stamp(until)}"
    dates = [a.published for a in articles if a.published is not None]
    if not dates:
        return f"up to {_stamp(until)}"
    first, last = _date(min(dates)), _date(max(dates))
    return f"{first} to {last}" if first != last else f"{first}"


def since_time(until: datetime, seconds: float) -> datetime:
    return until - timedelta(seconds=seconds)


# -- escaping ------------------------------------------------------------
# One renderer for every Markdown file: summarize/_markdown.py. These names stay here for
# callers of feeds.export.

md_escape = escape
safe_url = _safe_url


def _yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML; escape YAML's line breaks)."""
    out = json.dumps(clean_line(value), ensure_ascii=False)
    for ch in ("\u0085", "\u2028", "\u2029", "\ufeff"):
        out = out.replace(ch, f"\\u{ord(ch):04x}")
    return out


# -- rendering -------------------------------------------------------------


def local_time(ts: float | None) -> datetime | None:
    """A feed's UTC timestamp in the reader's local zone (None when unknown or absurd)."""
    if ts is None:
        return None
    try:
        return datetime.fromtimestamp(ts, UTC).astimezone()
    except (OverflowError, OSError, ValueError):
        return None


def article_info(article: Article) -> ArticleInfo:
    """What an export shows about an article beside its digest."""
    return ArticleInfo(
        title=article.title,
        url=article.url,
        source=article.feed_title or "unknown source",
        author=article.author,
        published=local_time(article.published),
    )


def _article_block(entry: DigestEntry, level: int, *, show_source: bool = True) -> list[str]:
    """The shared article shape (summarize/_markdown.py): title, meta, points, speakers."""
    return article_lines(
        entry.summary, article_info(entry.article), level=level, show_source=show_source
    )


def _primary_tag(tags: Sequence[str], preferred: Sequence[str]) -> str | None:
    for t in preferred:
        if t in tags:
            return t
    return min(tags, key=lambda t: (t.casefold(), t)) if tags else None


def _groups(
    entries: Sequence[DigestEntry], group_by: GroupBy, prefer_tags: Sequence[str]
) -> list[tuple[str | None, list[DigestEntry]]]:
    if group_by == "none":
        return [(None, list(entries))]
    groups: dict[str, list[DigestEntry]] = {}
    for e in entries:
        if group_by == "feed":
            key = e.article.feed_title or "unknown source"
        else:
            key = _primary_tag(e.tags, prefer_tags) or ""
        groups.setdefault(key, []).append(e)

    def order(key: str) -> tuple[int, str, str]:
        # "Untagged" last; otherwise by name, case-insensitively, ties broken exactly.
        return (key == "" and group_by == "tag", key.casefold(), key)

    return [(k or "Untagged", groups[k]) for k in sorted(groups, key=order)]


def render_digest(
    entries: Sequence[DigestEntry],
    *,
    title: str,
    period: str,
    generated: datetime,
    group_by: GroupBy = "feed",
    front_matter: bool = False,
    prefer_tags: Sequence[str] = (),
) -> str:
    """The digest of `entries` (in the order given within each group) as Markdown.

    group_by "tag" puts each article once, under the first of `prefer_tags` its
    feed carries, else under its feed's alphabetically first tag ("Untagged" last).
    """
    lines: list[str] = []
    feeds = sorted({e.article.feed_title for e in entries}, key=lambda t: (t.casefold(), t))
    if front_matter:
        lines += [
            "---",
            f"title: {_yaml_str(title)}",
            f"date: {_yaml_str(generated.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ'))}",
            f"period: {_yaml_str(period)}",
            "feeds:" if feeds else "feeds: []",
            *[f"  - {_yaml_str(f)}" for f in feeds],
            f"article_count: {len(entries)}",
            "---",
            "",
        ]
    n = len(entries)
    lines += [
        f"# {md_escape(title) or 'News digest'}",
        "",
        f"{md_escape(period)} · generated {_stamp(generated)} · {n} article{'s' if n != 1 else ''}",
        "",
    ]
    if not entries:
        lines += ["*No articles match.*", ""]
    for name, group in _groups(entries, group_by, prefer_tags):
        level = 2
        if name is not None:
            lines += heading(2, md_escape(name) or "Untitled feed")
            level = 3
        for e in group:
            # Under a "## Feed" heading the feed's name is not repeated for each article.
            lines += _article_block(e, level, show_source=group_by != "feed")
    return join(lines)


def render_article(entry: DigestEntry, *, generated: datetime) -> str:
    """One article's digest as a Markdown document (the reader's `e`)."""
    lines = _article_block(entry, 1)
    lines += [f"*Exported {_stamp(generated)} by newsdesk.*", ""]
    return join(lines)


# -- files -----------------------------------------------------------------


def slugify(text: str, *, fallback: str = "digest", limit: int = 60) -> str:
    """An ASCII-safe file-name part cut at a word boundary: `Élan *vital*!` → `elan-vital`."""
    return slug(text, limit=limit, fallback=fallback)


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _temp_beside(path: Path, text: str) -> Path:
    """Write `text` to a fresh temporary file in `path`'s folder (fsynced)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step; on any error nothing is left behind."""
    tmp = _temp_beside(path, text)
    try:
        mode = path.stat().st_mode & 0o7777 if path.is_file() else None
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_new(folder: Path, stem: str, text: str, *, suffix: str = ".md") -> Path:
    """Write `text` to `folder/stem.md`, or `stem-2.md`, `stem-3.md`... never overwriting."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(folder / f"{stem}{suffix}", text)
    try:
        for n in range(1, 10_000):
            target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, target)  # atomic and refuses to clobber
            except FileExistsError:
                continue
            except OSError:
                # No hard links here (some network/FAT file systems): check, then rename.
                if target.exists():
                    continue
                os.replace(tmp, target)
                return target
            tmp.unlink(missing_ok=True)
            return target
        raise FileExistsError(f"too many files named {stem}-N{suffix} in {folder}")
    finally:
        tmp.unlink(missing_ok=True)


def entries_for(
    store: Store, articles: Sequence[Article], summaries: dict[int, Summary]
) -> list[DigestEntry]:
    """Pair articles with their summaries and their feeds' tags."""
    tags = {f.id: f.tags for f in store.list_feeds()}
    return [DigestEntry(a, summaries[a.id], list(tags.get(a.feed_id, []))) for a in articles]


def export_article(store: Store, article: Article, folder: Path) -> Path:
    """The reader's `e`: one article's digest to `folder/DATE-title.md`; returns the path.

    Summarises (and caches) on the calling thread when needed: call from a worker.
    """
    from .digests import summary_for

    generated = now()
    entry = entries_for(store, [article], {article.id: summary_for(store, article)})[0]
    when = (
        datetime.fromtimestamp(article.published).astimezone()
        if article.published is not None
        else generated
    )
    stem = f"{when:%Y-%m-%d}-{slugify(article.title, fallback='article')}"
    return write_new(folder, stem, render_article(entry, generated=generated))


def export_articles(store: Store, articles: Sequence[Article], folder: Path, title: str) -> Path:
    """The reader's `E`: the digest of a list (in its order) to `folder/DATE-title.md`."""
    from .digests import summarize_many

    generated = now()
    summaries = summarize_many(store, articles)
    entries = entries_for(store, articles, summaries)
    text = render_digest(
        entries,
        title=title,
        period=period_text(None, generated, articles),
        generated=generated,
        group_by="feed",
    )
    stem = f"{generated.astimezone():%Y-%m-%d}-{slugify(title)}"
    return write_new(folder, stem, text)
