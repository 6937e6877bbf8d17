"""The `newsdesk` command line: one parser, handlers in tui/cmd_*.py.

Every failure a user can cause ends as one line on stderr (`newsdesk: …`) and an
exit code: 2 for usage errors and bad input, 1 for fatal errors; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence

from .errors import CliError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def duration(text: str) -> float:
    """`24h`, `7d`, `30m`, `90s`, `2w` → seconds (an argparse type)."""
    m = _DURATION.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"bad duration {text!r} (use e.g. 30m, 24h, 7d)")
    return float(m.group(1)) * _UNIT[m.group(2)]


def _count(text: str) -> int:
    """A positive whole number (an argparse type)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"bad number {text!r} (use a whole number from 1)")
    return int(text)


JSON_LINES = "JSON Lines: one JSON object per line (not one JSON array)"
FEED = "only this feed: title (or part of it), URL or id; repeatable"
TAG = "only feeds with this tag; repeatable"
SINCE = "only articles newer than DUR, e.g. 30m, 24h, 7d"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage + message and exits 2; keep it to one clear line.
        raise CliError(f"{message} (see `newsdesk --help`)", 2)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="newsdesk",
        description="A terminal newsreader that reads the news for you first: "
        "key-point digests, who said what, Markdown export. Offline.",
    )
    p.add_argument(
        "--db", metavar="PATH", help="the store (default: platform data dir; env NEWSDESK_DB)"
    )
    p.add_argument(
        "--config",
        metavar="PATH",
        help="settings TOML (default: platform config dir; env NEWSDESK_CONFIG)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("demo", help="the reader on bundled sample articles (no network)")

    s = sub.add_parser("add", help="subscribe to a feed (a site URL is resolved to its feed)")
    s.add_argument(
        "url", help="the feed's or the site's address (without http:// or https://, https first)"
    )
    s.add_argument("--tag", action="append", default=[], metavar="T", help="tag it (repeatable)")
    s.add_argument("--title", metavar="S", help="its title (default: the feed's own)")

    s = sub.add_parser("import", help="import OPML or a newsboat urls file (tags kept)")
    s.add_argument("file", help="an OPML file or a newsboat `urls` file")

    s = sub.add_parser("export-opml", help="write subscriptions as OPML 2.0")
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    s = sub.add_parser("feeds", help="subscriptions with unread counts and last error")
    s.add_argument("--json", action="store_true", help=JSON_LINES)

    s = sub.add_parser("refresh", help="fetch all (or some) feeds")
    s.add_argument("--feed", action="append", default=[], metavar="NAME", help=FEED)
    s.add_argument(
        "--full-text",
        action="store_true",
        help="also fetch full article pages for new teaser-only articles",
    )

    s = sub.add_parser("articles", help="list stored articles, newest first")
    s.add_argument("--feed", action="append", default=[], metavar="NAME", help=FEED)
    s.add_argument("--tag", action="append", default=[], metavar="T", help=TAG)
    s.add_argument("--unread", action="store_true", help="only unread articles")
    s.add_argument("--starred", action="store_true", help="only starred articles")
    s.add_argument("--since", type=duration, metavar="DUR", help=SINCE)
    s.add_argument("--limit", type=_count, metavar="N", help="at most N articles (the newest)")
    s.add_argument("--json", action="store_true", help=JSON_LINES)

    s = sub.add_parser("digest", help="the digests of some articles as one Markdown file")
    s.add_argument("--since", type=duration, metavar="DUR", help=SINCE)
    s.add_argument("--feed", action="append", default=[], metavar="NAME", help=FEED)
    s.add_argument("--tag", action="append", default=[], metavar="T", help=TAG)
    s.add_argument("--unread", action="store_true", help="only unread articles")
    s.add_argument("--starred", action="store_true", help="only starred articles")
    s.add_argument(
        "--group-by",
        choices=["feed", "tag", "story", "none"],
        default="feed",
        help="one section per feed (default), per tag, per story (a briefing), or none",
    )
    s.add_argument("--front-matter", action="store_true", help="YAML front matter on top")
    s.add_argument("--mark-read", action="store_true", help="mark the exported articles read")
    s.add_argument(
        "--no-fetch",
        action="store_true",
        help="never fetch article pages: summarise teaser-only articles as the feed gave them",
    )
    s.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    s = sub.add_parser("stories", help="stories (one event across feeds) with their sources")
    s.add_argument(
        "--since", type=duration, metavar="DUR", help="only stories with an article newer than DUR"
    )
    s.add_argument(
        "--min-sources",
        type=int,
        default=1,
        metavar="N",
        help="only stories that at least N feeds reported",
    )
    s.add_argument("--json", action="store_true", help=JSON_LINES)

    s = sub.add_parser("summarize", help="one article (text, HTML file, URL or -) to Markdown")
    s.add_argument("source", metavar="FILE|URL|-", help="a text or HTML file, a URL, or - (stdin)")
    return p


def _handler(command: str | None) -> Callable[[argparse.Namespace], int]:
    # Imported lazily so `newsdesk --help` and the reader start fast.
    if command in (None, "demo"):
        from .cmd_reader import run_demo, run_reader

        return run_demo if command == "demo" else run_reader
    if command in ("digest", "summarize"):
        from . import cmd_digest

        return cmd_digest.run_digest if command == "digest" else cmd_digest.run_summarize
    if command == "stories":
        from . import cmd_stories

        return cmd_stories.run_stories
    from . import cmd_feeds

    return getattr(cmd_feeds, "run_" + command.replace("-", "_"))  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _handler(args.command)(args)
    except CliError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("newsdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - last resort: a user never sees a traceback
        if os.environ.get("NEWSDESK_DEBUG"):
            raise
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        kind = "store error" if isinstance(exc, sqlite3.Error) else "unexpected error"
        print(f"newsdesk: {kind}: {reason} (NEWSDESK_DEBUG=1 shows details)", file=sys.stderr)
        return 1


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
