"""`newsdesk speakers` and `newsdesk quotes`: who said what across the stored articles.

Articles whose statements are not stored yet are digested first (from the stored text,
no network; progress on stderr), then the statements are read from the store.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .cmd_feeds import _c, _iso, open_store
from .errors import CliError

if TYPE_CHECKING:
    from feeds.speakers import Quote, SpeakerStat
    from feeds.store import Store


def progress_lines(what: str) -> Callable[[int, int], None]:
    """A `(done, total)` callback on stderr: one redrawn line on a terminal, else a line
    at every tenth (scripts and logs see progress without a flood)."""
    tty = sys.stderr.isatty()
    last = [-1]

    def show(done: int, total: int) -> None:
        if tty:
            end = "\n" if done >= total else ""
            sys.stderr.write(f"\r\x1b[Knewsdesk: {what} {done}/{total}{end}")
        else:
            step = done * 10 // max(1, total)
            if step == last[0] and done < total:
                return
            last[0] = step
            sys.stderr.write(f"newsdesk: {what} {done}/{total}\n")
        sys.stderr.flush()

    return show


def _collect(store: Store, since_secs: float | None) -> tuple[list[SpeakerStat], list[Quote]]:
    from feeds.speakers import collect, ensure_statements
    from feeds.store import ArticleFilter

    since = time.time() - since_secs if since_secs is not None else None
    articles = store.articles(ArticleFilter(since=since))
    ensure_statements(store, articles, progress=progress_lines("digesting"))
    return collect(store, article_ids=[a.id for a in articles])


def run_speakers(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        stats, _ = _collect(store, args.since)
    out = []
    for s in stats:
        if args.json:
            obj = {
                "name": _c(s.name),
                "roles": [_c(r) for r in s.roles],
                "aliases": [_c(a) for a in s.aliases],
                "statements": s.statements,
                "articles": len(s.articles),
            }
            out.append(json.dumps(obj, ensure_ascii=False))
        else:
            roles = f" ({_c('; '.join(s.roles))})" if s.roles else ""
            n = len(s.articles)
            out.append(
                f"{s.statements:4d}  {_c(s.name)}{roles} · {n} article{'s' if n != 1 else ''}"
            )
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    elif not args.json:
        print("no statements in these articles")
    return 0


def run_quotes(args: argparse.Namespace) -> int:
    from feeds.speakers import matches

    with open_store(args) as store:
        stats, quotes = _collect(store, args.since)
    if args.speaker:
        chosen = {s.name for s in stats if matches(s, args.speaker)}
        if not chosen:
            raise CliError(f"no speaker matches {args.speaker!r} (see `newsdesk speakers`)")
        quotes = [q for q in quotes if q.speaker in chosen]
    out = []
    for q in quotes:
        if args.json:
            obj = {
                "speaker": _c(q.speaker),
                "name": _c(q.name),
                "role": _c(q.role) if q.role else None,
                "kind": q.kind,
                "text": _c(q.text),
                "cue": _c(q.cue) if q.cue else None,
                "paragraph": q.paragraph,
                "article_id": q.article_id,
                "title": _c(q.title),
                "url": _c(q.url) or None,
                "published": _iso(q.published),
                "feed": _c(q.feed),
            }
            out.append(json.dumps(obj, ensure_ascii=False))
        else:
            said = f"“{_c(q.text)}”" if q.kind != "indirect" else _c(q.text)
            cue = f" {_c(q.cue)}" if q.cue else ""
            out.append(
                f"{_c(q.speaker)}{cue}: {said}\n"
                f"    — {_c(q.title)} ({_iso(q.published) or '-'}) {_c(q.url) or ''}".rstrip()
            )
    if out:
        sys.stdout.write("\n".join(out) + "\n")
    elif not args.json:
        print("no statements in these articles")
    return 0
