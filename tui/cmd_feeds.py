"""The feed commands: add, import, export-opml, feeds, refresh, articles.

Every handler takes the parsed arguments and returns the exit code; bad input
raises `CliError` (one line on stderr, exit 2) before anything is written.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .errors import CliError
from .paths import db_path
from .plural import plural

if TYPE_CHECKING:
    from feeds.models import ParsedFeed
    from feeds.refresh import RefreshProgress
    from feeds.store import Store


@contextmanager
def open_store(args: argparse.Namespace, *, read_only_ok: bool = False) -> Iterator[Store]:
    """The user's store; StoreError becomes one clear line (exit 2)."""
    from feeds.store import Store, StoreError

    path = db_path(args.db)
    if path.is_dir():
        raise CliError(f"cannot open store {path}: it is a folder")
    try:
        store = Store(path)
    except StoreError as exc:
        if not (read_only_ok and path.is_file()):
            raise CliError(str(exc), 2) from None
        try:  # listing a store we may not write to
            store = Store(path, readonly=True)
        except StoreError:
            raise CliError(str(exc), 2) from None
    try:
        yield store
    except StoreError as exc:
        raise CliError(str(exc), 1) from None
    except sqlite3.Error as exc:  # e.g. a read-only folder that cannot hold the WAL index
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CliError(f"cannot use store {path}: {reason}", 1) from None
    finally:
        store.close()


# -- add ---------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    url = _check_url(args.url)
    guessed = "://" not in clean_arg(args.url)
    try:
        feed_url, parsed, etag, last_modified = asyncio.run(_resolve(url))
    except CliError as first:
        if not guessed:
            raise
        # "host/feed.xml": https was a guess; many small and local servers speak only http.
        try:
            feed_url, parsed, etag, last_modified = asyncio.run(
                _resolve("http://" + url.removeprefix("https://"))
            )
        except CliError:
            raise CliError(f"{first} (tried https:// and http://; give the full address)") from None
    with open_store(args) as store:
        feed, created = store.add_feed(feed_url, title=args.title, tags=args.tag)
        new = 0
        if created:
            new = len(store.save_parsed(feed.id, parsed, etag=etag, last_modified=last_modified))
        feed = store.get_feed(feed.id) or feed
    tags = f" [{', '.join(_c(t) for t in feed.tags)}]" if feed.tags else ""
    if created:
        print(f"added {_c(feed.title)}{tags} <{_c(feed.url)}> ({plural(new, 'article')})")
    else:
        print(f"already subscribed: {_c(feed.title)}{tags} <{_c(feed.url)}>")
    return 0


def clean_arg(text: str) -> str:
    from feeds.sanitize import clean_line

    return clean_line(text)


def _check_url(url: str) -> str:
    from feeds.sanitize import clean_line

    url = clean_line(url)
    if "://" not in url and "." in url.split("/")[0] and " " not in url:
        url = "https://" + url  # "example.com/feed" as people type it
    try:
        parts = urlsplit(url)
    except ValueError:
        raise CliError(f"bad URL {url!r}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise CliError(f"bad URL {url!r}: give the http:// or https:// address of a feed or a site")
    return url


async def _resolve(url: str) -> tuple[str, ParsedFeed, str | None, str | None]:
    """Fetch the URL; an HTML page is followed to the feed it advertises. Validates it parses."""
    from feeds.discover import feed_links, looks_like_html
    from feeds.errors import FeedError
    from feeds.http import fetcher
    from feeds.parse import parse_feed

    async with fetcher() as f:
        try:
            got = await f.fetch(url)
        except FeedError as exc:
            raise CliError(f"cannot fetch {url}: {exc}") from None
        if looks_like_html(got.content):
            links = feed_links(got.content, got.url)
            if not links:
                raise CliError(f"no feed at {url}: the page links to no RSS, Atom or JSON feed")
            url = links[0]
            try:
                got = await f.fetch(url)
            except FeedError as exc:
                raise CliError(f"cannot fetch {url}: {exc}") from None
    try:
        parsed = await asyncio.to_thread(parse_feed, got.content, got.url)
    except FeedError as exc:
        raise CliError(f"cannot add {url}: {exc}") from None
    return url, parsed, got.etag, got.last_modified


# -- import / export -------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from feeds.errors import FeedError
    from feeds.opml import read_subscriptions

    name = args.file
    try:
        result = read_subscriptions(Path(name).expanduser())
    except IsADirectoryError:
        raise CliError(f"cannot read {name}: it is a folder") from None
    except OSError as exc:
        raise CliError(f"cannot read {name}: {_why(exc)}") from None
    except FeedError as exc:
        raise CliError(str(exc)) from None
    for note in result.notes:
        print(f"newsdesk: {name}: {note}", file=sys.stderr)
    if not result.subscriptions:
        raise CliError(f"no feeds found in {name}")
    with open_store(args) as store:
        seen, created = store.add_feeds((s.url, s.title, s.tags) for s in result.subscriptions)
    kind = "OPML" if result.kind == "opml" else "newsboat urls"
    print(f"imported {plural(seen, 'feed')} from {name} ({kind}): {created} new")
    return 0


def run_export_opml(args: argparse.Namespace) -> int:
    from feeds.opml import write_opml

    out = args.output
    if out and out != "-":
        path = Path(out).expanduser()
        _check_writable(path)
    with open_store(args, read_only_ok=True) as store:
        text = write_opml(store.list_feeds())
    if not out or out == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        fd, tmp = tempfile.mkstemp(prefix=".newsdesk-", suffix=".opml", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {_why(exc)}") from None
    return 0


# -- feeds / articles --------------------------------------------------------------------


def run_feeds(args: argparse.Namespace) -> int:
    with open_store(args, read_only_ok=True) as store:
        feeds = store.list_feeds()
    out = sys.stdout
    if args.json:
        for f in feeds:
            obj = {
                "id": f.id,
                "title": _c(f.title),
                "url": _c(f.url),
                "tags": [_c(t) for t in f.tags],
                "unread": f.unread,
                "total": f.total,
                "last_success": _iso(f.last_success),
                "last_error": _c(f.last_error) or None,
            }
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        return 0
    if not feeds:
        print("no feeds yet: `newsdesk add URL` or `newsdesk import FILE`", file=sys.stderr)
        return 0
    width = max(2, *(len(str(f.id)) for f in feeds))
    out.write(f"{'ID':>{width}}  {'UNREAD/ALL':>11}  TITLE [TAGS]  <URL>  ! LAST ERROR\n")
    for f in feeds:
        tags = f" [{', '.join(_c(t) for t in f.tags)}]" if f.tags else ""
        state = f"  ! {_c(f.last_error)}" if f.last_error else ""
        counts = f"{f.unread}/{f.total}"
        out.write(f"{f.id:>{width}}  {counts:>11}  {_c(f.title)}{tags}  <{_c(f.url)}>{state}\n")
    return 0


def run_articles(args: argparse.Namespace) -> int:
    from feeds.store import ArticleFilter

    with open_store(args, read_only_ok=True) as store:
        feed_ids = _feed_ids(store, args.feed) if args.feed else None
        known = {t for t, _ in store.tags()}
        for tag in args.tag:
            if tag not in known:
                raise CliError(f"unknown tag: {tag!r} (tags: {', '.join(sorted(known)) or 'none'})")
        since = time.time() - args.since if args.since is not None else None
        flt = ArticleFilter(
            feed_ids=feed_ids,
            tags=args.tag or None,
            unread=args.unread,
            starred=args.starred,
            since=since,
        )
        out = sys.stdout
        offset = 0
        left = args.limit  # None: all
        while left is None or left > 0:  # page through: a big store never sits in memory at once
            size = 1000 if left is None else min(1000, left)
            page = store.articles(flt, limit=size, offset=offset)
            if not page:
                break
            if left is not None:
                left -= len(page)
            offset += len(page)
            lines = []
            for a in page:
                if args.json:
                    obj = {
                        "id": a.id,
                        "feed": _c(a.feed_title),
                        "feed_id": a.feed_id,
                        "title": _c(a.title),
                        "url": _c(a.url) or None,
                        "published": _iso(a.published),
                        "read": a.read,
                        "starred": a.starred,
                    }
                    lines.append(json.dumps(obj, ensure_ascii=False))
                else:
                    flags = ("r" if a.read else "N") + ("*" if a.starred else "-")
                    lines.append(
                        f"{a.id}\t{flags}\t{_iso(a.published) or '-'}\t{_c(a.feed_title)}\t"
                        f"{_c(a.title)}\t{_c(a.url) or '-'}"
                    )
            out.write("\n".join(lines) + "\n")
        if offset == 0 and not store.list_feeds():
            print("no feeds yet: `newsdesk add URL` or `newsdesk import FILE`", file=sys.stderr)
    return 0


def _feed_ids(store: Store, names: list[str]) -> list[int]:
    ids: list[int] = []
    for name in names:
        found = store.find_feeds(name)
        if not found and name.isdigit():
            feed = store.get_feed(int(name))
            found = [feed] if feed else []
        if not found:
            raise CliError(f"no feed matches {name!r} (see `newsdesk feeds`)")
        ids += [f.id for f in found]
    return list(dict.fromkeys(ids))


# -- refresh -----------------------------------------------------------------------------


def run_refresh(args: argparse.Namespace) -> int:
    from feeds.errors import RefreshBusy
    from feeds.refresh import refresh_feeds
    from feeds.store import StoreError

    from .config import load_settings
    from .paths import config_path

    settings = load_settings(config_path(getattr(args, "config", None)))
    limits = settings.fetch_limits()
    with open_store(args) as store:
        feed_ids = _feed_ids(store, args.feed) if args.feed else None
        if not store.list_feeds():
            print("no feeds to refresh: `newsdesk add URL` or `newsdesk import FILE`")
            return 0
        bar = _ProgressBar() if sys.stderr.isatty() else None
        try:
            report = asyncio.run(
                refresh_feeds(
                    store,
                    feed_ids,
                    full_text=args.full_text,
                    progress=bar.update if bar else None,
                    limits=limits,
                    story_window=settings.story_window,
                )
            )
        except RefreshBusy as exc:
            raise CliError(str(exc), 1) from None
        except StoreError as exc:
            raise CliError(str(exc), 1) from None
        finally:
            if bar:
                bar.close()
    failed = report.failed
    skipped = [r for r in report.results if r.skipped]
    parts = [
        f"refreshed {plural(len(report.results), 'feed')} in {report.seconds:.1f} s",
        f"{plural(report.new_articles, 'new article')}",
    ]
    if report.not_modified:
        parts.append(f"{report.not_modified} unchanged")
    if skipped:
        parts.append(f"{len(skipped)} skipped (server asked to wait)")
    if report.full_text_fetched:
        parts.append(plural(report.full_text_fetched, "full text"))
    if failed:
        parts.append(f"{len(failed)} failed")
    print(", ".join(parts))
    for r in failed:
        print(f"newsdesk: {_c(r.title)}: {_c(r.error)}", file=sys.stderr)
    return 3 if failed else 0


class _ProgressBar:
    """One redrawn line on stderr: [#####.....] 37/100 Feed title."""

    def __init__(self) -> None:
        self.width = 80
        try:
            self.width = os.get_terminal_size(sys.stderr.fileno()).columns
        except OSError:
            pass
        self.last = 0.0

    def update(self, p: RefreshProgress) -> None:
        now = time.monotonic()
        if p.done < p.total and now - self.last < 0.05:
            return
        self.last = now
        cells = 20
        filled = cells * p.done // max(p.total, 1)
        what = "full text" if p.phase == "full text" else "refreshing"
        name = _c(p.result.title) if p.result is not None else ""
        line = f"{what} [{'#' * filled}{'.' * (cells - filled)}] {p.done}/{p.total} {name}"
        sys.stderr.write("\r\x1b[K" + line[: max(self.width - 1, 10)])
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


# -- helpers -----------------------------------------------------------------------------


def _c(text: str | None) -> str:
    """Store text on its way to a terminal: controls and escapes out, even from old rows."""
    from feeds.sanitize import clean_line

    return clean_line(text)


def _iso(t: float | None) -> str | None:
    if t is None:
        return None
    try:
        return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    except (OverflowError, OSError, ValueError):
        return None


def _check_writable(path: Path) -> None:
    if path.is_dir():
        raise CliError(f"cannot write {path}: it is a folder")
    if not path.parent.is_dir():
        raise CliError(f"cannot write {path}: no such folder {path.parent}")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise CliError(f"cannot write {path}: permission denied")


def _why(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)
