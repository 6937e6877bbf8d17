"""`newsdesk digest` and `newsdesk summarize`: Markdown digests from the command line.

`digest` pins its clock to $NEWSDESK_NOW (ISO 8601) when set, so a digest of
the same store with the same options is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CliError
from .paths import db_path

if TYPE_CHECKING:
    from feeds.models import Article
    from feeds.store import Store

MAX_INPUT = 20 * 1024 * 1024  # summarize: larger inputs are not articles
URL_RE = re.compile(r"^https?://", re.IGNORECASE)


# -- digest ----------------------------------------------------------------


def run_digest(args: argparse.Namespace) -> int:
    from feeds.export import now, since_time
    from feeds.store import Store, StoreError

    out_path = Path(args.output).expanduser() if args.output else None
    if out_path is not None:
        _check_writable(out_path)  # fail before the slow part, not after it
    generated = now()
    since = since_time(generated, args.since) if args.since is not None else None
    path = db_path(args.db)
    try:
        store = Store(path)
    except StoreError as exc:
        if args.mark_read or not path.is_file():
            raise CliError(str(exc), 1) from None
        try:  # a store we may not write to: the digest is still made (just not cached)
            store = Store(path, readonly=True)
        except StoreError:
            raise CliError(str(exc), 1) from None
    try:
        with store:
            return _digest(args, store, out_path, generated, since)
    except (StoreError, sqlite3.Error) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CliError(f"store {store.path}: {reason}", 1) from None


def _digest(
    args: argparse.Namespace,
    store: Store,
    out_path: Path | None,
    generated: datetime,
    since: datetime | None,
) -> int:
    from feeds.digests import summarize_many
    from feeds.export import entries_for, period_text, render_digest
    from feeds.store import ArticleFilter

    feed_ids, feed_names = _feeds(store, args.feed)
    _check_tags(store, args.tag)
    flt = ArticleFilter(
        feed_ids=feed_ids,
        tags=args.tag or None,
        unread=args.unread,
        starred=args.starred,
        since=since.timestamp() if since is not None else None,
    )
    articles = store.articles(flt)
    if not args.no_fetch:
        articles = _ensure_full_text(store, articles)
    title = "News digest"
    if feed_names or args.tag:
        title += ": " + ", ".join([*feed_names, *(f"#{t}" for t in args.tag)])
    if args.group_by == "story":
        from .cmd_stories import group_pending, story_briefing

        group_pending(store, getattr(args, "config", None))
        text = story_briefing(
            store,
            articles,
            title=title.replace("News digest", "News briefing", 1),
            period=period_text(since, generated, articles),
            generated=generated,
            front_matter=args.front_matter,
        )
        return _write_out(args, store, out_path, text, articles)
    summaries = summarize_many(store, articles, progress=_progress("summarising"))
    text = render_digest(
        entries_for(store, articles, summaries),
        title=title,
        period=period_text(since, generated, articles),
        generated=generated,
        group_by=args.group_by,
        front_matter=args.front_matter,
        prefer_tags=args.tag,
    )
    return _write_out(args, store, out_path, text, articles)


def _write_out(
    args: argparse.Namespace,
    store: Store,
    out_path: Path | None,
    text: str,
    articles: Sequence[Article],
) -> int:
    from feeds.export import write_atomic

    if out_path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        try:
            write_atomic(out_path, text)
        except OSError as exc:
            raise CliError(f"cannot write {out_path}: {_why(exc)}") from None
    if args.mark_read and articles:
        store.set_read([a.id for a in articles])
    return 0


def _feeds(store: Store, names: Sequence[str]) -> tuple[list[int] | None, list[str]]:
    if not names:
        return None, []
    ids: list[int] = []
    titles: list[str] = []
    for name in names:
        found = store.find_feeds(name)
        if not found:
            raise CliError(f"unknown feed: {name!r} (see `newsdesk feeds`)")
        for f in found:
            if f.id not in ids:
                ids.append(f.id)
                titles.append(f.title)
    return ids, titles


def _check_tags(store: Store, tags: Sequence[str]) -> None:
    known = {t for t, _ in store.tags()}
    for t in tags:
        if t not in known:
            raise CliError(f"unknown tag: {t!r}")


def _check_writable(path: Path) -> None:
    parent = path.parent
    if path.is_dir():
        raise CliError(f"cannot write {path}: it is a folder")
    if not parent.is_dir():
        raise CliError(f"cannot write {path}: no such folder {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise CliError(f"cannot write {path}: permission denied")


FULL_TEXT_CONCURRENCY = 4  # pages fetched at once (politeness; one host often serves all)


def _ensure_full_text(store: Store, articles: list[Article]) -> list[Article]:
    """Fetch full text where the feed gave only a teaser (per-feed policy), newest first.

    Failures keep the teaser (ensure_full_text never raises for the network).
    """
    feeds = {f.id: f for f in store.list_feeds()}
    maybe = [
        i
        for i, a in enumerate(articles)
        if not a.full_text
        and (a.url or "").lower().startswith(("http://", "https://"))
        and getattr(feeds.get(a.feed_id), "policy", "short") != "never"
    ]
    if not maybe:
        return articles  # nothing to fetch: skip importing the HTTP stack (warm digests)
    from feeds.fulltext import ensure_full_text, needs_full_text

    todo = [i for i in maybe if needs_full_text(articles[i], feeds.get(articles[i].feed_id))]
    if not todo:
        return articles
    import asyncio

    n = len(todo)
    print(
        f"newsdesk: fetching the full text of {n} teaser-only article{'s' if n != 1 else ''}"
        " (--no-fetch skips this)",
        file=sys.stderr,
        flush=True,
    )

    from feeds.http import make_client

    progress = _progress("fetching full text")
    out = list(articles)

    async def fetch_all() -> None:
        gate = asyncio.Semaphore(FULL_TEXT_CONCURRENCY)  # FIFO: newest articles go first
        done = 0

        async def one(i: int) -> None:
            nonlocal done
            async with gate:
                out[i] = await ensure_full_text(store, articles[i], client)
            done += 1
            if progress:
                progress(done, len(todo))

        if progress:
            progress(0, len(todo))
        async with make_client() as client:
            await asyncio.gather(*(one(i) for i in todo))

    asyncio.run(fetch_all())
    return out


def _progress(what: str):  # type: ignore[no-untyped-def]
    """A `(done, total)` callback drawing one line on stderr, or None when not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r\x1b[Knewsdesk: {what} {done}/{total}{end}")
        sys.stderr.flush()

    return show


def _why(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


# -- summarize -------------------------------------------------------------


def run_summarize(args: argparse.Namespace) -> int:
    source: str = args.source
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT + 1)
        name, url = "standard input", None
    elif URL_RE.match(source):
        data = _fetch(source)
        name, url = source, source
    else:
        try:
            with open(Path(source).expanduser(), "rb") as f:
                data = f.read(MAX_INPUT + 1)
        except OSError as exc:
            raise CliError(f"cannot read {source}: {_why(exc)}") from None
        name, url = source, None
    if len(data) > MAX_INPUT:
        raise CliError(f"{name} is too large to be an article (over {MAX_INPUT // 2**20} MB)")
    if not data.strip():
        raise CliError(f"{name} is empty: nothing to summarise")
    title: str | None = None
    author: str | None = None
    published: float | None = None
    if looks_like_html(data):
        from feeds.extract import extract_article

        extracted = extract_article(data, url)
        text, title = extracted.text, extracted.title or None
        author, published = extracted.author, extracted.published
        if not text.strip():
            raise CliError(f"no article text found in {name}")
    else:
        decoded = decode_text(data)
        if decoded is None:
            raise CliError(f"{name} is not text (binary data?): nothing to summarise")
        text = decoded
    from feeds.export import local_time
    from feeds.sanitize import clean_text
    from summarize import ArticleInfo, summarize_article

    text = clean_text(text)
    if not text.strip():
        raise CliError(f"{name} is empty: nothing to summarise")
    try:
        summary = summarize_article(text, title=title)
        if summary.title is None and (first := headline(text)):
            # Plain text whose first line reads as a headline the document model did not
            # take (a sentence-case title): that line is the title, not a key point.
            summary = summarize_article(text, title=first)
        info = ArticleInfo(
            title=summary.title,
            url=url,
            source=_site(url),
            author=author,
            published=local_time(published),
        )
        markdown = summary.to_markdown(info)
    except Exception as exc:  # a summariser bug: one line for the user, not a traceback
        raise CliError(
            f"cannot summarise {name}: internal error ({type(exc).__name__})", 1
        ) from None
    sys.stdout.write(markdown)
    sys.stdout.flush()
    return 0


_SENTENCE_END = re.compile(r"[.!?…:;,\"”’')]$")


def headline(text: str) -> str | None:
    """The first line of plain text when it reads as a headline (short, no final stop)
    and more text follows; else None (the digest is then "Untitled")."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first.split()) > 20 or _SENTENCE_END.search(first):
        return None
    return first


def _site(url: str | None) -> str | None:
    """The host of a fetched page ("news.example"), shown as its source."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|br|h[1-6]|span|a|section|main)\b[^>]*>", re.I)


def looks_like_html(data: bytes) -> bool:
    """HTML by content: a doctype/<html> opening, or text starting with a tag and full of them."""
    head = data[:8192].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return head.lstrip()[:1] == b"<" and len(_HTML_TAGS.findall(head)) >= 2


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> str | None:
    """Bytes as text (UTF-8/16 with BOM, UTF-8, else Windows-1252), or None for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:65536]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:65536]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return None if bad > max(2, len(sample) // 100) else text


def _fetch(url: str) -> bytes:
    """GET an article page through the feeds HTTP layer (timeouts, size and redirect caps)."""
    import asyncio

    from feeds.errors import FetchError
    from feeds.http import PAGE_ACCEPT, fetcher

    async def get() -> tuple[bytes, str]:
        async with fetcher() as f:
            result = await f.fetch(url, accept=PAGE_ACCEPT)
        return result.content, result.content_type

    try:
        content, content_type = asyncio.run(get())
    except FetchError as exc:
        raise CliError(f"cannot fetch {url}: {exc}") from None
    ctype = content_type.split(";")[0].strip().lower()
    if ctype and not (ctype.startswith("text/") or "html" in ctype or "xml" in ctype):
        raise CliError(f"cannot summarise {url}: not text ({ctype})")
    return content
